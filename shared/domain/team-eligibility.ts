/**
 * Who may be sent as 第一书记 (DOMAIN.md §6): a 正式党员 with at least 1 year of 党龄 and at least
 * 2 years of work experience, both on the appointment date. The facts come from the member record
 * when the cadre is a member of this ledger (人员类别, 转正日期, 党龄校正值) and as entered otherwise
 * (a cadre sent by a provincial body has no record here). A fact that is missing, or a month-only
 * date that leaves the answer open, makes that check "unknown": the result says which.
 * Warnings only: a person decides.
 */
import { addMonths, addYears, firstDay, lastDay } from './dates.js';

export type PartyCategory = 'formal' | 'probationary' | 'none';

export interface EligibilityFacts {
  /** 任职开始日期 (day or month). */
  appointedOn: string;
  /** 人员类别 now (member record) or as entered; null when not known. */
  category: PartyCategory | null;
  /** 转正日期 (day or month); null when not known. */
  confirmedOn: string | null;
  /** 党龄校正值 in months (member record). */
  partyAgeAdjustMonths?: number;
  /** 参加工作日期 (day or month); null when not known. */
  workStartedOn: string | null;
  /** Where category and 转正日期 come from. */
  source: 'member' | 'entered';
}

export type CheckStatus = 'ok' | 'fail' | 'unknown';
export type EligibilityRule = 'formal' | 'partyAge' | 'work';

export interface EligibilityCheck {
  rule: EligibilityRule;
  label: string;
  status: CheckStatus;
  /** What was found, in Chinese (shown beside the check). */
  detail: string;
}

export interface Eligibility {
  /** true: every check passed; false: one failed; null: none failed but some could not be verified. */
  eligible: boolean | null;
  source: EligibilityFacts['source'];
  checks: EligibilityCheck[];
}

export const ELIGIBILITY_LABELS: Readonly<Record<EligibilityRule, string>> = {
  formal: '正式党员',
  partyAge: '党龄满1年',
  work: '工作经历满2年',
};

/**
 * "At least `years` since `since`, on `on`": ok when even the latest day `since` can stand for
 * reaches it, fail when even the earliest does not, unknown in between (a month-only date).
 */
function atLeastYears(since: string, on: string, years: number, adjustMonths = 0): CheckStatus {
  const reachedLatest = addMonths(addYears(lastDay(since), years), -adjustMonths);
  const reachedEarliest = addMonths(addYears(firstDay(since), years), -adjustMonths);
  const day = firstDay(on);
  if (reachedLatest <= day) return 'ok';
  if (reachedEarliest > day) return 'fail';
  return 'unknown';
}

const where = (f: EligibilityFacts) => (f.source === 'member' ? '党员信息' : '填写的信息');

export function firstSecretaryEligibility(f: EligibilityFacts): Eligibility {
  const checks: EligibilityCheck[] = [];
  const on = f.appointedOn;
  const check = (rule: EligibilityRule, status: CheckStatus, detail: string) => checks.push({ rule, label: ELIGIBILITY_LABELS[rule], status, detail });

  // 正式党员 on the appointment date: formal now and confirmed by then.
  if (f.category === null) check('formal', 'unknown', `${where(f)}中没有人员类别，无法核实是否为正式党员`);
  else if (f.category === 'none') check('formal', 'fail', '不是中共党员');
  else if (f.category === 'probationary') check('formal', 'fail', '是预备党员，第一书记应为正式党员');
  else if (f.confirmedOn === null) check('formal', 'ok', '正式党员');
  else if (lastDay(f.confirmedOn) <= firstDay(on)) check('formal', 'ok', `正式党员（${f.confirmedOn}转正）`);
  else if (firstDay(f.confirmedOn) > firstDay(on)) check('formal', 'fail', `${f.confirmedOn}才转正，任职时（${on}）还是预备党员`);
  else check('formal', 'unknown', `转正日期只知道月份（${f.confirmedOn}），无法确定任职时（${on}）是否已转正`);

  // 党龄 counts from 转正 (R15), adjusted by the 党龄校正值.
  if (f.category === 'none' || f.category === 'probationary') check('partyAge', 'fail', '尚无党龄');
  else if (f.confirmedOn === null) check('partyAge', 'unknown', `${where(f)}中没有转正日期，无法计算党龄`);
  else {
    const s = atLeastYears(f.confirmedOn, on, 1, f.partyAgeAdjustMonths ?? 0);
    check('partyAge', s, s === 'ok' ? `${f.confirmedOn}转正，任职时党龄已满1年` : s === 'fail' ? `${f.confirmedOn}转正，任职时（${on}）党龄不满1年` : `转正日期只知道月份（${f.confirmedOn}），无法确定任职时党龄是否满1年`);
  }

  if (f.workStartedOn === null) check('work', 'unknown', '没有填写参加工作日期，无法核实工作经历');
  else {
    const s = atLeastYears(f.workStartedOn, on, 2);
    check('work', s, s === 'ok' ? `${f.workStartedOn}参加工作，任职时已满2年` : s === 'fail' ? `${f.workStartedOn}参加工作，任职时（${on}）不满2年` : `参加工作日期只知道月份（${f.workStartedOn}），无法确定任职时是否满2年`);
  }

  const eligible = checks.some((c) => c.status === 'fail') ? false : checks.every((c) => c.status === 'ok') ? true : null;
  return { eligible, source: f.source, checks };
}

/** One line for a warning: the failed checks, or the ones that could not be verified. */
export function eligibilitySummary(e: Eligibility): string {
  if (e.eligible === true) return '符合第一书记任职条件';
  const failed = e.checks.filter((c) => c.status === 'fail');
  if (failed.length > 0) return `不符合第一书记任职条件：${failed.map((c) => c.detail).join('；')}`;
  return `无法核实第一书记任职条件：${e.checks.filter((c) => c.status === 'unknown').map((c) => c.detail).join('；')}`;
}
