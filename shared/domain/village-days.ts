/**
 * Days in the village (驻村天数) of 第一书记 and 工作队 members, month by month (DOMAIN.md §6:
 * "每月住村20天以上"). The rules every screen, the import and the statistics share:
 * - a month is judged only when the cadre was in post for all of it (first to last day): a month
 *   they arrived or left in part way is not held against the required days;
 * - approved leave (a leave record with who approved it) counts as days present, day by day for
 *   the part of the leave inside the month; leave not (yet) approved does not;
 * - a month without recorded days is "not recorded", never counted as zero.
 */
import { addDays, daysInMonth, firstDay, lastDay } from './dates.js';

/** Required days a month when the settings name none. */
export const DEFAULT_REQUIRED_DAYS = 20;

export const MONTH_RE = /^\d{4}-(0[1-9]|1[0-2])$/;

/** 'YYYY-MM' → its number of days. */
export function monthLength(month: string): number {
  return daysInMonth(Number(month.slice(0, 4)), Number(month.slice(5, 7)));
}

/** Months from `from` to `to` ('YYYY-MM', inclusive), in order. */
export function monthsFrom(from: string, to: string): string[] {
  const out: string[] = [];
  let y = Number(from.slice(0, 4));
  let m = Number(from.slice(5, 7));
  const end = Number(to.slice(0, 4)) * 12 + Number(to.slice(5, 7));
  while (y * 12 + m <= end) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    if (++m > 12) {
      m = 1;
      y++;
    }
  }
  return out;
}

/** A term of service: 任职起止 and the day it ended early (召回 / 轮换), as stored. */
export interface ServiceTerm {
  fromDate: string | null;
  toDate: string | null;
  endedOn: string | null;
}

/** Last day in post: the early end's eve, else the term's end (a month-only end is its last day). */
function lastDayInPost(t: ServiceTerm): string | null {
  const ended = t.endedOn ? addDays(t.endedOn, -1) : null;
  const term = t.toDate ? lastDay(t.toDate) : null;
  if (ended === null) return term;
  if (term === null) return ended;
  return ended < term ? ended : term;
}

/** In post on `day` ('YYYY-MM-DD'): started by then (a month-only start counts from its first day), not yet ended. */
export function inPostOn(t: ServiceTerm, day: string): boolean {
  if (t.fromDate !== null && firstDay(t.fromDate) > day) return false;
  const last = lastDayInPost(t);
  return last === null || last >= day;
}

/** In post on every day of the month: the months the required days apply to. */
export function inPostAllMonth(t: ServiceTerm, month: string): boolean {
  return inPostOn(t, `${month}-01`) && inPostOn(t, `${month}-${String(monthLength(month)).padStart(2, '0')}`);
}

/** In post on some day of the month: the months days may be recorded for. */
export function inPostSomeOfMonth(t: ServiceTerm, month: string): boolean {
  const first = `${month}-01`;
  const last = `${month}-${String(monthLength(month)).padStart(2, '0')}`;
  if (t.fromDate !== null && firstDay(t.fromDate) > last) return false;
  const end = lastDayInPost(t);
  return end === null || end >= first;
}

export interface LeaveSpan {
  fromDate: string;
  toDate: string;
  /** Who approved it; null/empty: not approved. */
  approvedBy: string | null;
}

/** Days of a leave (inclusive of both ends). */
export function leaveLength(l: Pick<LeaveSpan, 'fromDate' | 'toDate'>): number {
  return Math.round((Date.parse(l.toDate) - Date.parse(l.fromDate)) / 86_400_000) + 1;
}

export const isApproved = (l: Pick<LeaveSpan, 'approvedBy'>): boolean => !!l.approvedBy && l.approvedBy.trim() !== '';

/** Approved leave days inside the month (overlapping leaves counted once per day). */
export function approvedLeaveDays(leaves: readonly LeaveSpan[], month: string): number {
  const first = `${month}-01`;
  const last = `${month}-${String(monthLength(month)).padStart(2, '0')}`;
  const days = new Set<number>();
  for (const l of leaves) {
    if (!isApproved(l) || l.toDate < first || l.fromDate > last) continue;
    const a = Math.max(Date.parse(l.fromDate), Date.parse(first));
    const b = Math.min(Date.parse(l.toDate), Date.parse(last));
    for (let t = a; t <= b; t += 86_400_000) days.add(t);
  }
  return days.size;
}

export type MonthStatus = 'ok' | 'below' | 'notRecorded' | 'notJudged';

/**
 * A cadre's month against the required days: 'notJudged' when not in post all month, else
 * 'notRecorded' without recorded days, else 'below' when days + approved leave < required.
 */
export function monthStatus(t: ServiceTerm, month: string, days: number | null, approvedLeave: number, required: number): MonthStatus {
  if (!inPostAllMonth(t, month)) return 'notJudged';
  if (days === null) return 'notRecorded';
  return Math.min(days + approvedLeave, monthLength(month)) < required ? 'below' : 'ok';
}

/** Why a month's days cannot be recorded for this cadre (null: they can). */
export function monthEntryProblem(t: ServiceTerm, month: string, days: number, currentMonth: string): string | null {
  if (!MONTH_RE.test(month)) return `月份“${month}”应写作 YYYY-MM`;
  if (month > currentMonth) return `${month} 尚未到来，不能登记驻村天数`;
  if (!Number.isInteger(days) || days < 0) return '驻村天数应为 0 或正整数';
  if (days > monthLength(month)) return `${month} 只有 ${monthLength(month)} 天，驻村天数不能是 ${days}`;
  if (!inPostSomeOfMonth(t, month)) return `${month} 不在任职期内（${t.fromDate ?? '—'} 至 ${t.endedOn ?? t.toDate ?? '—'}）`;
  return null;
}
