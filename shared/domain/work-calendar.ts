/**
 * The working-day calendar a county administrator keeps in settings (DOMAIN.md §4: local rules such
 * as "公示 ≥ 5 working days" count working days): Monday–Friday, less the public holidays, plus the
 * 调休 days (a Saturday or Sunday worked in exchange for a longer holiday). Dates are ISO days.
 */
import { isIsoDate, precisionOf } from './dates.js';

export interface WorkCalendar {
  /** 法定节假日 and other days off that fall on a weekday (a weekend listed here changes nothing). */
  holidays: readonly string[];
  /** 调休上班: weekend days that are working days. */
  workdays: readonly string[];
}

/** Settings key of the calendar (settings.update's `workCalendar`). */
export const WORK_CALENDAR_SETTING = 'workCalendar';

const isDay = (d: unknown): d is string => typeof d === 'string' && isIsoDate(d) && precisionOf(d) === 'day';
const weekend = (isoDay: string): boolean => {
  const dow = new Date(`${isoDay}T00:00:00Z`).getUTCDay();
  return dow === 0 || dow === 6;
};

/** A stored calendar, or the empty one for a missing or damaged setting (days sorted, unique). */
export function workCalendarFrom(value: unknown): WorkCalendar {
  const v = (value ?? {}) as Partial<Record<keyof WorkCalendar, unknown>>;
  const days = (x: unknown) => (Array.isArray(x) ? [...new Set(x.filter(isDay))].sort() : []);
  return { holidays: days(v.holidays), workdays: days(v.workdays) };
}

/** Why a calendar cannot be kept as typed (a day listed as both, a 调休 day that is not a weekend), or null. */
export function workCalendarProblem(c: WorkCalendar): string | null {
  const both = c.holidays.filter((d) => c.workdays.includes(d));
  if (both.length > 0) return `${both.join('、')} 既列为节假日又列为调休上班日，请只保留一处`;
  const weekday = c.workdays.filter((d) => !weekend(d));
  if (weekday.length > 0) return `调休上班日应为周六或周日：${weekday.join('、')} 本来就是工作日`;
  return null;
}

/** The calendar as the rules take it (RuleContext.isWorkingDay). */
export function workingDayTest(c: WorkCalendar): (isoDay: string) => boolean {
  const off = new Set(c.holidays);
  const on = new Set(c.workdays);
  return (d) => on.has(d) || (!weekend(d) && !off.has(d));
}
