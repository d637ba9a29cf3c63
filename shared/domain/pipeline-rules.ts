/**
 * 发展党员 rules (DOMAIN.md §4, 2014《中国共产党发展党员工作细则》) as data: each rule is an object
 * the UI can list and switch, with a pure check over one person's dated record. Findings are
 * warnings: a person always decides.
 *
 * Month-precision dates (day unknown) are honoured: a rule reports only a breach that holds for
 * every day the month could stand for (e.g. a talk in "2020-05" is not late for an application on
 * "2020-04-20", because it may have been on 05-01).
 */
import type { OrgKind, UnitCategory } from '../codes/tables.js';
import { addMonths, addYears, ageOn, daysBetween, firstDay, isIsoDate, lastDay, precisionOf } from './dates.js';

export interface Introducer {
  name: string;
  /** 转正日期 of the introducer; null = known not to be a 正式党员; undefined = not known (not judged). */
  memberFormalSince?: string | null;
}

export interface BranchMeeting {
  /** 支部大会日期 (接收预备党员). Probation runs from this date. */
  date: string;
  /** 应到会有表决权的正式党员. */
  due?: number | null;
  /** 实到会有表决权的正式党员. */
  present?: number | null;
  /** 赞成票. */
  yes?: number | null;
  /** 有表决权的正式党员 for the majority of yes votes, if it differs from `due`. */
  formalDue?: number | null;
}

/** One person's pipeline record; all dates ISO 'YYYY-MM-DD' or 'YYYY-MM'. */
export interface DevelopmentRecord {
  birthDate?: string | null;
  applicationDate?: string | null;
  talkDate?: string | null;
  activistDate?: string | null;
  /** Dates of the 半年考察 while an activist. */
  activistReviews?: readonly string[] | null;
  candidateDate?: string | null;
  introducers?: readonly Introducer[] | null;
  politicalReview?: { date?: string | null; passed?: boolean | null } | null;
  training?: { from?: string | null; to?: string | null; days?: number | null; hours?: number | null } | null;
  preReviewDate?: string | null;
  branchMeeting?: BranchMeeting | null;
  /** 党委审批 (接收预备党员) date. */
  approvalDate?: string | null;
  approvingOrgKind?: OrgKind | null;
  approvingOrgCanApprove?: boolean | null;
  approvingUnitCategory?: UnitCategory | null;
  /** Total months the probation was extended by (延长预备期). */
  probationExtendedMonths?: number | null;
  /** How many times it was extended; taken as 1 when months are given without a count. */
  probationExtensionCount?: number | null;
  confirmMeetingDate?: string | null;
  confirmApprovalDate?: string | null;
  /** 转正日期 as recorded (党龄 counts from it). */
  confirmedOn?: string | null;
  /** Date the person leaves their work/study unit, if known. */
  leavingUnitDate?: string | null;
  /** 公示 of the 发展对象 (local rule L2). */
  publicNotice?: { from?: string | null; to?: string | null } | null;
  /** 终止培养 / 取消资格 date: no "step not yet done" findings after it. */
  stoppedOn?: string | null;
}

export interface RuleContext {
  /** 'YYYY-MM-DD': steps are judged overdue as of this day. */
  asOf: string;
  /** Working-day calendar for L2; default Monday–Friday (no holidays, no 调休). */
  isWorkingDay?: (isoDay: string) => boolean;
}

export interface RuleFinding {
  ruleId: string;
  message: string;
  severity: 'warning';
}

export interface PipelineRule {
  id: string;
  title: string;
  /** Rule set: '2014' = the national 细则; 'local' = a local addition. */
  version: '2014' | 'local';
  local?: boolean;
  enabledByDefault: boolean;
  check: (record: DevelopmentRecord, ctx: RuleContext) => RuleFinding[];
}

// ---- helpers over possibly month-precision dates ---------------------------------------------

/** A usable ISO date (invalid text is DATE_INVALID for the importer, not a rule matter). */
function has(d: string | null | undefined): d is string {
  return typeof d === 'string' && isIsoDate(d);
}

/** `a` is before `b` whatever days month-precision values stand for. */
function surelyBefore(a: string, b: string): boolean {
  return lastDay(a) < firstDay(b);
}

/** `a` is after `b` whatever days month-precision values stand for. */
function surelyAfter(a: string, b: string): boolean {
  return firstDay(a) > lastDay(b);
}

/** Still in the pipeline on `asOf` (not stopped on or before it). */
function active(r: DevelopmentRecord, asOf: string): boolean {
  return !has(r.stoppedOn) || surelyAfter(r.stoppedOn, asOf);
}

function isCount(n: number | null | undefined): n is number {
  return typeof n === 'number' && Number.isFinite(n) && n >= 0;
}

function finding(ruleId: string, message: string): RuleFinding {
  return { ruleId, message, severity: 'warning' };
}

/** Probation end: one year from the branch meeting, plus any extension. */
export function probationEndsOn(r: DevelopmentRecord): string | null {
  if (!r.branchMeeting || !has(r.branchMeeting.date)) return null;
  const months = r.probationExtendedMonths ?? 0;
  return addMonths(addYears(r.branchMeeting.date, 1), months > 0 ? months : 0);
}

/** Last day for the talk with an applicant (R2: within 1 month of the application). */
export function talkDueOn(r: DevelopmentRecord): string | null {
  return has(r.applicationDate) ? addMonths(r.applicationDate, 1) : null;
}

/** First day an activist may be made a 发展对象 (R4: after 1 year as 积极分子). */
export function candidateFromOn(r: DevelopmentRecord): string | null {
  return has(r.activistDate) ? addYears(r.activistDate, 1) : null;
}

/** Last day for the 党委审批 (R11: within 3 months of the branch meeting; 6 at most). */
export function approvalDueOn(r: DevelopmentRecord): string | null {
  return r.branchMeeting && has(r.branchMeeting.date) ? addMonths(r.branchMeeting.date, 3) : null;
}

/** Last day for the 转正审批 (R14: within 3 months of the 转正 branch meeting). */
export function confirmApprovalDueOn(r: DevelopmentRecord): string | null {
  return has(r.confirmMeetingDate) ? addMonths(r.confirmMeetingDate, 3) : null;
}

function defaultIsWorkingDay(isoDay: string): boolean {
  const dow = new Date(`${isoDay}T00:00:00Z`).getUTCDay();
  return dow !== 0 && dow !== 6;
}

/** Working days from `from` to `to`, both included, by the given calendar. */
export function countWorkingDays(from: string, to: string, isWorkingDay = defaultIsWorkingDay): number {
  const n = daysBetween(from, to);
  let count = 0;
  for (let i = 0; i <= n; i++) {
    const d = new Date(Date.parse(`${from}T00:00:00Z`) + i * 86_400_000).toISOString().slice(0, 10);
    if (isWorkingDay(d)) count++;
  }
  return count;
}

// ---- the rules ---------------------------------------------------------------------------------

const R1: PipelineRule = {
  id: 'R1',
  title: '递交入党申请时年满18周岁',
  version: '2014',
  enabledByDefault: true,
  check(r) {
    if (!has(r.birthDate) || !has(r.applicationDate)) return [];
    // Under 18 even on the latest possible application day from the earliest possible birth day.
    const age = ageOn(firstDay(r.birthDate), lastDay(r.applicationDate));
    if (age >= 18) return [];
    return [
      finding('R1', `递交入党申请书日期${r.applicationDate}时未满18周岁（出生日期${r.birthDate}，时年${age}岁）`),
    ];
  },
};

const R2: PipelineRule = {
  id: 'R2',
  title: '收到入党申请书后1个月内派人谈话',
  version: '2014',
  enabledByDefault: true,
  check(r, { asOf }) {
    const limit = talkDueOn(r);
    if (!has(r.applicationDate) || limit === null) return [];
    if (has(r.talkDate)) {
      if (surelyBefore(r.talkDate, r.applicationDate)) {
        return [finding('R2', `谈话日期${r.talkDate}早于递交申请书日期${r.applicationDate}，请核对`)];
      }
      if (surelyAfter(r.talkDate, limit)) {
        return [finding('R2', `递交申请书${r.applicationDate}后于${r.talkDate}才谈话，超过1个月（应在${limit}前）`)];
      }
      return [];
    }
    if (active(r, asOf) && surelyAfter(asOf, limit)) {
      return [finding('R2', `递交申请书${r.applicationDate}已超过1个月（应在${limit}前谈话），尚未记录谈话`)];
    }
    return [];
  },
};

const R3: PipelineRule = {
  id: 'R3',
  title: '入党积极分子每半年考察一次',
  version: '2014',
  enabledByDefault: true,
  check(r, { asOf }) {
    if (!has(r.activistDate)) return [];
    // The activist stage ends when they become a 发展对象, stop, or (still in it) on asOf.
    const end = has(r.candidateDate) ? r.candidateDate : has(r.stoppedOn) && !surelyAfter(r.stoppedOn, asOf) ? r.stoppedOn : asOf;
    const reviews = (r.activistReviews ?? [])
      .filter(has)
      .filter((d) => !surelyBefore(d, r.activistDate as string) && !surelyAfter(d, end))
      .sort((a, b) => (firstDay(a) < firstDay(b) ? -1 : 1));
    const out: RuleFinding[] = [];
    let prev = r.activistDate;
    let prevLabel = `确定为积极分子（${r.activistDate}）`;
    for (const d of reviews) {
      if (surelyAfter(d, addMonths(prev, 6))) {
        out.push(finding('R3', `${prevLabel}至下次考察（${d}）间隔超过6个月`));
      }
      prev = d;
      prevLabel = `考察（${d}）`;
    }
    const endLabel = has(r.candidateDate) ? `确定为发展对象（${end}）` : `${end}`;
    if (surelyAfter(end, addMonths(prev, 6))) {
      out.push(finding('R3', `自${prevLabel}至${endLabel}超过6个月未记录考察（应每半年考察一次）`));
    }
    return out;
  },
};

const R4: PipelineRule = {
  id: 'R4',
  title: '确定为积极分子满1年后方可列为发展对象',
  version: '2014',
  enabledByDefault: true,
  check(r) {
    if (!has(r.candidateDate)) return [];
    if (!has(r.activistDate)) {
      return [finding('R4', `确定发展对象（${r.candidateDate}）但未记录确定入党积极分子日期`)];
    }
    const earliest = candidateFromOn(r) as string;
    if (!surelyBefore(r.candidateDate, earliest)) return [];
    return [
      finding('R4', `确定入党积极分子${r.activistDate}，确定发展对象${r.candidateDate}，培养考察不满1年（应不早于${earliest}）`),
    ];
  },
};

const R5: PipelineRule = {
  id: 'R5',
  title: '有两名正式党员作入党介绍人',
  version: '2014',
  enabledByDefault: true,
  check(r) {
    const on = has(r.candidateDate) ? r.candidateDate : has(r.branchMeeting?.date) ? r.branchMeeting.date : null;
    if (on === null) return [];
    const list = r.introducers ?? [];
    const out: RuleFinding[] = [];
    if (list.length !== 2) out.push(finding('R5', `入党介绍人应为2名正式党员，现记录${list.length}名`));
    for (const i of list) {
      if (i.memberFormalSince === null) {
        out.push(finding('R5', `入党介绍人${i.name}不是正式党员`));
      } else if (has(i.memberFormalSince) && surelyAfter(i.memberFormalSince, on)) {
        out.push(finding('R5', `入党介绍人${i.name}于${i.memberFormalSince}转正，${on}时尚不是正式党员`));
      }
    }
    return out;
  },
};

const R6: PipelineRule = {
  id: 'R6',
  title: '支部大会前完成政治审查且结论合格',
  version: '2014',
  enabledByDefault: true,
  check(r) {
    const m = r.branchMeeting?.date;
    if (!has(m)) return [];
    const pr = r.politicalReview;
    if (!pr || !has(pr.date)) return [finding('R6', `支部大会（${m}）前未记录政治审查`)];
    const out: RuleFinding[] = [];
    if (surelyAfter(pr.date, m)) out.push(finding('R6', `政治审查（${pr.date}）晚于支部大会（${m}）`));
    if (pr.passed === false) out.push(finding('R6', `政治审查（${pr.date}）结论为不合格，仍召开支部大会（${m}）`));
    return out;
  },
};

const R7: PipelineRule = {
  id: 'R7',
  title: '支部大会前参加集中培训不少于3天或24学时',
  version: '2014',
  enabledByDefault: true,
  check(r) {
    const m = r.branchMeeting?.date;
    if (!has(m)) return [];
    const t = r.training;
    if (!t) return [finding('R7', `支部大会（${m}）前未记录集中培训`)];
    const out: RuleFinding[] = [];
    const from = has(t.from) ? t.from : null;
    const to = has(t.to) ? t.to : from;
    const days =
      t.days ?? (from && to && precisionOf(from) === 'day' && precisionOf(to) === 'day' ? daysBetween(from, to) + 1 : null);
    const hours = t.hours ?? null;
    if (days === null && hours === null) {
      out.push(finding('R7', '集中培训未记录天数或学时'));
    } else if ((days ?? 0) < 3 && (hours ?? 0) < 24) {
      const got = [days !== null ? `${days}天` : '', hours !== null ? `${hours}学时` : ''].filter(Boolean).join('、');
      out.push(finding('R7', `集中培训${got}，不足3天且不足24学时`));
    }
    if (to && surelyAfter(to, m)) out.push(finding('R7', `集中培训（至${to}）晚于支部大会（${m}）`));
    return out;
  },
};

const R8: PipelineRule = {
  id: 'R8',
  title: '支部大会前报上级党委预审',
  version: '2014',
  enabledByDefault: true,
  check(r) {
    const m = r.branchMeeting?.date;
    if (!has(m)) return [];
    if (!has(r.preReviewDate)) return [finding('R8', `支部大会（${m}）前未记录上级党委预审`)];
    if (surelyAfter(r.preReviewDate, m)) {
      return [finding('R8', `上级党委预审（${r.preReviewDate}）晚于支部大会（${m}）`)];
    }
    return [];
  },
};

const R9: PipelineRule = {
  id: 'R9',
  title: '3个月内将离开工作、学习单位的一般不接收',
  version: '2014',
  enabledByDefault: true,
  check(r, { asOf }) {
    if (!has(r.leavingUnitDate)) return [];
    const m = r.branchMeeting?.date;
    // Judged at the branch meeting, or (a 发展对象 still waiting for it) as of today.
    const ref = has(m) ? m : has(r.candidateDate) && active(r, asOf) ? asOf : null;
    if (ref === null) return [];
    const limit = addMonths(ref, 3);
    if (surelyBefore(r.leavingUnitDate, ref) || surelyAfter(r.leavingUnitDate, limit)) return [];
    const when = has(m) ? `支部大会（${m}）后` : `${asOf}起`;
    return [finding('R9', `将于${r.leavingUnitDate}离开工作、学习单位，在${when}3个月内，一般不接收为预备党员`)];
  },
};

const R10: PipelineRule = {
  id: 'R10',
  title: '支部大会实到人数、赞成票均超过应到有表决权正式党员半数',
  version: '2014',
  enabledByDefault: true,
  check(r) {
    const bm = r.branchMeeting;
    if (!bm || !has(bm.date)) return [];
    const { due, present, yes } = bm;
    if (!isCount(due) || !isCount(present) || !isCount(yes)) {
      return [finding('R10', `支部大会（${bm.date}）未完整记录应到、实到人数和赞成票`)];
    }
    const out: RuleFinding[] = [];
    if (present * 2 <= due) {
      out.push(finding('R10', `支部大会（${bm.date}）应到${due}人，实到${present}人，未超过半数`));
    }
    const base = isCount(bm.formalDue) ? bm.formalDue : due;
    if (yes * 2 <= base) {
      out.push(finding('R10', `支部大会（${bm.date}）赞成${yes}票，未超过应到会有表决权的正式党员${base}人的半数`));
    }
    if (present > due || yes > present) {
      out.push(finding('R10', `支部大会（${bm.date}）人数不合理：应到${due}、实到${present}、赞成${yes}`));
    }
    return out;
  },
};

const R11: PipelineRule = {
  id: 'R11',
  title: '支部大会后3个月内由上级党委审批（最长不超过6个月）',
  version: '2014',
  enabledByDefault: true,
  check(r, { asOf }) {
    const m = r.branchMeeting?.date;
    if (!has(m)) return [];
    const in3 = approvalDueOn(r) as string;
    const in6 = addMonths(m, 6);
    if (has(r.approvalDate)) {
      const a = r.approvalDate;
      if (surelyBefore(a, m)) return [finding('R11', `党委审批（${a}）早于支部大会（${m}）`)];
      if (surelyAfter(a, in6)) return [finding('R11', `支部大会${m}后于${a}审批，超过6个月（最迟${in6}）`)];
      if (surelyAfter(a, in3)) {
        return [finding('R11', `支部大会${m}后于${a}审批，超过3个月（一般应在${in3}前，特殊情况不超过6个月）`)];
      }
      return [];
    }
    if (!active(r, asOf) || !surelyAfter(asOf, in3)) return [];
    const over = surelyAfter(asOf, in6) ? '6' : '3';
    return [finding('R11', `支部大会${m}后已超过${over}个月，尚未记录上级党委审批（一般应在${in3}前）`)];
  },
};

const R12: PipelineRule = {
  id: 'R12',
  title: '预备期1年，期满时讨论转正，不得提前',
  version: '2014',
  enabledByDefault: true,
  check(r, { asOf }) {
    const end = probationEndsOn(r);
    if (end === null) return [];
    const ext = (r.probationExtendedMonths ?? 0) > 0 ? `（含延长${r.probationExtendedMonths}个月）` : '';
    if (has(r.confirmMeetingDate)) {
      if (surelyBefore(r.confirmMeetingDate, end)) {
        return [finding('R12', `预备期至${end}届满${ext}，转正支部大会（${r.confirmMeetingDate}）提前讨论`)];
      }
      return [];
    }
    if (has(r.approvalDate) && active(r, asOf) && surelyAfter(asOf, end)) {
      return [finding('R12', `预备期已于${end}届满${ext}，尚未召开支部大会讨论转正`)];
    }
    return [];
  },
};

const R13: PipelineRule = {
  id: 'R13',
  title: '延长预备期只能一次，时间6个月至1年',
  version: '2014',
  enabledByDefault: true,
  check(r) {
    const months = r.probationExtendedMonths;
    if (!isCount(months) || months <= 0) return [];
    const out: RuleFinding[] = [];
    if (months < 6 || months > 12) out.push(finding('R13', `预备期延长${months}个月，应为6个月至1年`));
    const count = r.probationExtensionCount ?? 1;
    if (count > 1) out.push(finding('R13', `预备期延长了${count}次，只能延长一次`));
    return out;
  },
};

const R14: PipelineRule = {
  id: 'R14',
  title: '转正支部大会后3个月内由上级党委审批',
  version: '2014',
  enabledByDefault: true,
  check(r, { asOf }) {
    // Anchored on the 转正 branch meeting: the 3 months run from its resolution.
    const m = r.confirmMeetingDate;
    const in3 = confirmApprovalDueOn(r);
    if (!has(m) || in3 === null) return [];
    const a = r.confirmApprovalDate;
    if (has(a)) {
      if (surelyBefore(a, m)) return [finding('R14', `转正审批（${a}）早于转正支部大会（${m}）`)];
      if (surelyAfter(a, in3)) return [finding('R14', `转正支部大会${m}后于${a}审批，超过3个月（应在${in3}前）`)];
      return [];
    }
    if (active(r, asOf) && surelyAfter(asOf, in3)) {
      return [finding('R14', `转正支部大会${m}后已超过3个月，尚未记录上级党委审批（应在${in3}前）`)];
    }
    return [];
  },
};

const R15: PipelineRule = {
  id: 'R15',
  title: '党龄自转正之日（预备期满之日）算起',
  version: '2014',
  enabledByDefault: true,
  check(r) {
    const end = probationEndsOn(r);
    if (end === null || !has(r.confirmedOn)) return [];
    // Compare at the coarser precision of the two.
    const coarse = precisionOf(end) === 'month' || precisionOf(r.confirmedOn) === 'month';
    const same = coarse ? end.slice(0, 7) === r.confirmedOn.slice(0, 7) : end === r.confirmedOn;
    if (same) return [];
    return [finding('R15', `转正日期记为${r.confirmedOn}，应为预备期满之日${end}（党龄自该日起算）`)];
  },
};

const NO_APPROVAL_KINDS: ReadonlySet<OrgKind> = new Set([
  'general-branch',
  'branch',
  'joint-branch',
  'temporary-branch',
  'group',
]);
const KIND_NAMES: Readonly<Partial<Record<OrgKind, string>>> = {
  'general-branch': '党总支',
  branch: '党支部',
  'joint-branch': '联合党支部',
  'temporary-branch': '临时党支部',
  group: '党小组',
};

const R16: PipelineRule = {
  id: 'R16',
  title: '由具有审批权限的基层党委审批（党总支、村/社区党委无审批权限）',
  version: '2014',
  enabledByDefault: true,
  check(r) {
    if (!has(r.approvalDate) && !r.approvingOrgKind) return [];
    const kind = r.approvingOrgKind;
    if (kind && NO_APPROVAL_KINDS.has(kind)) {
      return [finding('R16', `审批组织为${KIND_NAMES[kind] ?? kind}，无审批预备党员的权限`)];
    }
    const cat = r.approvingUnitCategory;
    if (kind === 'committee' && (cat === 'village' || cat === 'community')) {
      return [finding('R16', `审批组织为${cat === 'village' ? '村' : '社区'}党委，无审批预备党员的权限`)];
    }
    if (r.approvingOrgCanApprove === false) {
      return [finding('R16', '审批组织未被授予审批预备党员的权限')];
    }
    return [];
  },
};

const L1: PipelineRule = {
  id: 'L1',
  title: '递交申请书满6个月后方可确定为入党积极分子（地方规定）',
  version: 'local',
  local: true,
  enabledByDefault: false,
  check(r) {
    if (!has(r.applicationDate) || !has(r.activistDate)) return [];
    const earliest = addMonths(r.applicationDate, 6);
    if (!surelyBefore(r.activistDate, earliest)) return [];
    return [
      finding('L1', `递交申请书${r.applicationDate}，确定为积极分子${r.activistDate}，不满6个月（应不早于${earliest}）`),
    ];
  },
};

const L2: PipelineRule = {
  id: 'L2',
  title: '发展对象公示不少于5个工作日（地方规定；工作日按设置中的工作日历计算）',
  version: 'local',
  local: true,
  enabledByDefault: false,
  check(r, { isWorkingDay }) {
    const p = r.publicNotice;
    if (!p || !has(p.from) || !has(p.to)) return [];
    // Working days need real days; a month-only 公示 cannot be counted.
    if (precisionOf(p.from) !== 'day' || precisionOf(p.to) !== 'day') return [];
    const n = p.to < p.from ? 0 : countWorkingDays(p.from, p.to, isWorkingDay);
    if (n >= 5) return [];
    return [finding('L2', `公示${p.from}至${p.to}，仅${n}个工作日，不足5个工作日`)];
  },
};

// ---- what falls due ---------------------------------------------------------------------------

/** The dated next steps DOMAIN.md §4 asks to watch ("what falls due this month"). */
export const DUE_STEP_KINDS = ['talk', 'activistYear', 'approval', 'probation', 'confirmApproval'] as const;
export type DueStepKind = (typeof DUE_STEP_KINDS)[number];

export interface DueStep {
  kind: DueStepKind;
  /** The day the rules set for the step (for 'activistYear': the first day it may be taken). */
  dueOn: string;
  /** 'overdue': asOf is past dueOn (as R2 / R11 / R12 / R14 warn); 'due': dueOn falls from asOf to the end of its month. */
  status: 'due' | 'overdue';
}

/**
 * One person's next dated step as of `asOf`, when it falls due by the end of the as-of month or is
 * already overdue; null otherwise (nothing due yet, a step with no deadline, a 正式党员, stopped).
 * The record holds what is recorded up to asOf. The furthest stage reached decides the step:
 * - 入党申请人 without a talk: the talk, 1 month after the application (R2);
 * - 入党积极分子: 1 year as activist, from when they may be made 发展对象 (R4);
 * - 发展对象 after the branch meeting: the 党委审批, 3 months after it (R11);
 * - 预备党员 before the 转正 branch meeting: the end of probation, 1 year from the branch meeting
 *   plus any recorded extension (R12, R13); after that meeting: the 转正审批, 3 months on (R14).
 */
export function nextDueStep(r: DevelopmentRecord, asOf: string): DueStep | null {
  if (!active(r, asOf) || has(r.confirmApprovalDate) || has(r.confirmedOn)) return null;
  let kind: DueStepKind;
  let dueOn: string | null;
  if (has(r.approvalDate)) {
    if (has(r.confirmMeetingDate)) [kind, dueOn] = ['confirmApproval', confirmApprovalDueOn(r)];
    else [kind, dueOn] = ['probation', probationEndsOn(r)];
  } else if (r.branchMeeting && has(r.branchMeeting.date)) {
    [kind, dueOn] = ['approval', approvalDueOn(r)];
  } else if (has(r.candidateDate)) {
    return null;
  } else if (has(r.activistDate)) {
    [kind, dueOn] = ['activistYear', candidateFromOn(r)];
  } else if (has(r.applicationDate) && !has(r.talkDate)) {
    [kind, dueOn] = ['talk', talkDueOn(r)];
  } else {
    return null;
  }
  if (dueOn === null) return null;
  if (surelyAfter(asOf, dueOn)) return { kind, dueOn, status: 'overdue' };
  if (firstDay(dueOn) <= lastDay(asOf.slice(0, 7))) return { kind, dueOn, status: 'due' };
  return null;
}

/** All rules in display order: national R1–R16, then local additions (off by default). */
export const PIPELINE_RULE_SET: readonly PipelineRule[] = Object.freeze([
  R1, R2, R3, R4, R5, R6, R7, R8, R9, R10, R11, R12, R13, R14, R15, R16, L1, L2,
]);

/** Rule metadata for listing and switching in the UI. */
export type PipelineRuleInfo = Omit<PipelineRule, 'check'>;
export const PIPELINE_RULES: readonly PipelineRuleInfo[] = Object.freeze(
  PIPELINE_RULE_SET.map((r): PipelineRuleInfo => {
    const info: PipelineRuleInfo = { id: r.id, title: r.title, version: r.version, enabledByDefault: r.enabledByDefault };
    if (r.local) info.local = true;
    return Object.freeze(info);
  }),
);

export interface EvaluateOptions {
  asOf: string;
  /** Rule ids to run; default: those enabled by default. Unknown ids are ignored (old settings). */
  enabled?: readonly string[];
  isWorkingDay?: (isoDay: string) => boolean;
}

/** Runs the enabled rules over one record; findings in rule order. */
export function evaluatePipelineRules(record: DevelopmentRecord, opts: EvaluateOptions): RuleFinding[] {
  const on = opts.enabled ? new Set(opts.enabled) : null;
  const ctx: RuleContext = opts.isWorkingDay ? { asOf: opts.asOf, isWorkingDay: opts.isWorkingDay } : { asOf: opts.asOf };
  const out: RuleFinding[] = [];
  for (const rule of PIPELINE_RULE_SET) {
    if (on ? on.has(rule.id) : rule.enabledByDefault) out.push(...rule.check(record, ctx));
  }
  return out;
}

/** Settings key of the rules switched on (settings.update's `pipelineRules`: a list of rule ids). */
export const PIPELINE_RULES_SETTING = 'pipelineRules';

/** The rule ids switched on: the stored list (ids this version does not know dropped), else the defaults. */
export function enabledRulesFrom(value: unknown): string[] {
  if (Array.isArray(value)) return PIPELINE_RULES.map((r) => r.id).filter((id) => value.includes(id));
  return PIPELINE_RULES.filter((r) => r.enabledByDefault).map((r) => r.id);
}

/**
 * The findings a step adds: those of the record with the step that the record without it did not
 * have (compared by rule and message, each counted). A finding already there was the business of an
 * earlier step.
 */
export function findingsAdded(before: readonly RuleFinding[], after: readonly RuleFinding[]): RuleFinding[] {
  const left = new Map<string, number>();
  for (const f of before) left.set(`${f.ruleId}|${f.message}`, (left.get(`${f.ruleId}|${f.message}`) ?? 0) + 1);
  return after.filter((f) => {
    const k = `${f.ruleId}|${f.message}`;
    const n = left.get(k) ?? 0;
    if (n > 0) left.set(k, n - 1);
    return n === 0;
  });
}
