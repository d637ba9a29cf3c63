/**
 * The field rules of one member record as one list of problems: used by the contract (member.create,
 * and member.update on the record as it would be), the new-member form, the grid and the import
 * alike. The record's history (人员类别, 入党/转正日期) is set by dated events; these rules check the
 * values such an event or a roster row brings against the person (born before, 18 on 入党, …).
 */
import { parseIdNumber } from '../idcard.js';
import { underAgeProblem } from './adult.js';
import { dateOrderProblems, type DateStep } from './date-order.js';
import { idAgreementProblems, type IdFacts } from './id-agreement.js';
import { personNameProblem } from './person-name.js';
import { phoneProblem } from './phone-number.js';
import { futureProblem } from './past-date.js';
import { realDateProblem } from './real-date.js';
import type { FieldProblem } from './problem.js';

/** The party was founded in July 1921: no one joined it before. */
export const PARTY_FOUNDED = '1921-07';

export const MEMBER_DATE_LABELS = {
  birthDate: '出生日期',
  joinedOn: '入党日期',
  confirmedOn: '转正日期',
  mobileSince: '外出日期',
  lostSince: '失联日期',
} as const;

export const MEMBER_DATE_CHAIN: readonly DateStep[] = [
  { field: 'birthDate', label: '出生日期' },
  { field: 'joinedOn', label: '入党日期' },
  { field: 'confirmedOn', label: '转正日期' },
];

export interface MemberRecordValues {
  idNumber?: string | null;
  name?: string | null;
  gender?: string | null;
  birthDate?: string | null;
  category?: string | null;
  joinedOn?: string | null;
  confirmedOn?: string | null;
  phone?: string | null;
  mobileSince?: string | null;
  lostSince?: string | null;
}

export interface MemberRuleOptions {
  /** 'YYYY-MM-DD': dates of what happened cannot be after it. */
  today: string;
  /**
   * A record typed in the ledger must say when the person joined (and, for a 正式党员, was
   * confirmed); a roster row may leave them blank.
   */
  complete?: boolean;
  /** What the ID number encodes, when the caller has parsed it already (the importer, per row). */
  id?: IdFacts;
}

/** Each field on its own: real dates not after today, the name, the ID number, the phone. */
export function memberFieldProblems(v: MemberRecordValues, today: string): FieldProblem[] {
  const out: FieldProblem[] = [];
  for (const [field, label] of Object.entries(MEMBER_DATE_LABELS)) {
    const value = v[field as keyof MemberRecordValues];
    if (value === null || value === undefined || value === '') continue;
    const invalid = realDateProblem(value, true);
    if (invalid) out.push({ field, message: `${label}：${invalid}`, code: 'DATE_INVALID' });
    else {
      const future = futureProblem(value, today, label);
      if (future) out.push({ field, message: future, code: 'DATE_FUTURE' });
    }
  }
  if (v.name !== undefined && v.name !== null) {
    const bad = personNameProblem(v.name);
    if (bad) out.push({ field: 'name', message: bad, code: 'VALUE_INVALID' });
  }
  if (v.idNumber) {
    const id = parseIdNumber(v.idNumber, { today });
    if (!id.ok) out.push({ field: 'idNumber', message: id.message, code: 'ID_FORMAT' });
  }
  if (v.phone) {
    const bad = phoneProblem(v.phone);
    if (bad) out.push({ field: 'phone', message: bad, code: 'PHONE_FORMAT' });
  }
  return out;
}

/**
 * The fields against each other: 出生日期/性别 against the ID number, 出生 < 入党 < 转正, 入党 not
 * before 1921-07, 18 on the 入党 date, a 预备党员 has no 转正日期. Values that fail their own rule
 * (memberFieldProblems) are left out here.
 */
export function memberCrossProblems(v: MemberRecordValues, opts: MemberRuleOptions): FieldProblem[] {
  const out: FieldProblem[] = [];
  const dates: Record<string, string> = {};
  for (const field of Object.keys(MEMBER_DATE_LABELS)) {
    const value = v[field as keyof MemberRecordValues];
    if (value && realDateProblem(value, true) === null) dates[field] = value;
  }
  let id: IdFacts | null = opts.id ?? null;
  if (!id && v.idNumber) {
    const parsed = parseIdNumber(v.idNumber, { today: opts.today });
    if (parsed.ok) id = parsed;
  }
  if (id) {
    out.push(...idAgreementProblems(id, dates.birthDate ?? null, v.gender).map((p) => ({ ...p, code: p.field === 'gender' ? ('ID_SEX_MISMATCH' as const) : ('ID_BIRTH_MISMATCH' as const) })));
    // Without a typed birth date the number's is the person's (it is filled from it).
    dates.birthDate ??= id.birthDate;
  }
  const order = dateOrderProblems(dates, MEMBER_DATE_CHAIN).map((p) => ({ ...p, code: 'DATE_ORDER' as const }));
  out.push(...order);
  if (dates.joinedOn && dates.joinedOn < PARTY_FOUNDED) out.push({ field: 'joinedOn', message: `入党日期${dates.joinedOn}早于中国共产党成立（1921年7月）`, code: 'DATE_ORDER' });
  if (order.length === 0) {
    const young = underAgeProblem(dates.birthDate, dates.joinedOn, '入党日期');
    if (young) out.push({ field: 'joinedOn', message: young, code: 'AGE_UNDER_18' });
  }
  if (v.category === 'probationary' && v.confirmedOn) out.push({ field: 'confirmedOn', message: '预备党员尚未转正，不应有转正日期', code: 'VALUE_INVALID' });
  if (opts.complete) {
    if (!v.joinedOn) out.push({ field: 'joinedOn', message: '请填写入党日期（支部大会通过接收为预备党员的日期）', code: 'REQUIRED_MISSING' });
    if (v.category === 'formal' && !v.confirmedOn) out.push({ field: 'confirmedOn', message: '正式党员请填写转正日期', code: 'REQUIRED_MISSING' });
  }
  return out;
}

export function memberRecordProblems(v: MemberRecordValues, opts: MemberRuleOptions): FieldProblem[] {
  return [...memberFieldProblems(v, opts.today), ...memberCrossProblems(v, opts)];
}
