/**
 * Dates as clerks write them, kept as ISO text: 'YYYY-MM-DD' (day precision) or 'YYYY-MM'
 * (month precision: the day is unknown and never invented). All arithmetic is on the calendar
 * fields with UTC Date helpers, so the machine's time zone cannot shift a day.
 */
import { removeSpaces, toHalfWidth } from './text.js';

export type DatePrecision = 'day' | 'month';

export type ParsedDate =
  | { ok: true; value: string; precision: 'day' }
  | { ok: true; value: string; precision: 'month' }
  | { ok: false; message: string };

export interface ParseDateOptions {
  /** Read bare numbers (and all-digit text other than YYYYMMDD / YYYYMM) as Excel serial days. Default true. */
  excelSerial?: boolean;
}

// Plausible years for a ledger: birth dates of living members up to planned dates.
const MIN_YEAR = 1800;
const MAX_YEAR = 2199;
// Serial 1 = 1900-01-01, 80000 = 2119-01-10; anything else in a date column is not a serial.
const MAX_SERIAL = 80000;

const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH_RE = /^(\d{4})-(\d{2})$/;

const pad2 = (n: number): string => String(n).padStart(2, '0');
const pad4 = (n: number): string => String(n).padStart(4, '0');

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
export function daysInMonth(year: number, month: number): number {
  // Arithmetic for the ordinary case (no Date per call: the importer asks ~10 times a row).
  if (month >= 1 && month <= 12 && year >= 100 && Number.isInteger(year) && Number.isInteger(month)) {
    return month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : MONTH_DAYS[month - 1]!;
  }
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function fromParts(y: number, m: number, d: number): string {
  return `${pad4(y)}-${pad2(m)}-${pad2(d)}`;
}

function fromUtcMs(ms: number): string {
  const dt = new Date(ms);
  return fromParts(dt.getUTCFullYear(), dt.getUTCMonth() + 1, dt.getUTCDate());
}

function bad(message: string): ParsedDate {
  return { ok: false, message };
}

/** Builds a checked result from numeric parts; d undefined means month precision. */
function build(y: number, m: number, d: number | undefined, shown: string): ParsedDate {
  if (y < MIN_YEAR || y > MAX_YEAR) return bad(`年份不合理：“${shown}”`);
  if (m < 1 || m > 12) return bad(`月份不存在：“${shown}”`);
  if (d === undefined) return { ok: true, value: `${pad4(y)}-${pad2(m)}`, precision: 'month' };
  if (d < 1 || d > daysInMonth(y, m)) return bad(`日期不存在：“${shown}”（${y}年${m}月没有${d}日）`);
  return { ok: true, value: fromParts(y, m, d), precision: 'day' };
}

/**
 * Excel 1900 date system: serial 1 = 1900-01-01, and Excel believes 1900-02-29 (serial 60)
 * existed, so from serial 61 on the epoch is 1899-12-30. The time of day (fraction) is dropped.
 */
export function excelSerialToIso(serial: number): ParsedDate {
  const whole = Math.floor(serial);
  if (!Number.isFinite(serial) || whole < 1 || whole > MAX_SERIAL) {
    return bad(`数字“${serial}”不是合理的Excel日期序号`);
  }
  if (whole === 60) return bad('Excel日期序号60对应不存在的1900年2月29日');
  const epoch = whole < 60 ? Date.UTC(1899, 11, 31) : Date.UTC(1899, 11, 30);
  return { ok: true, value: fromUtcMs(epoch + whole * 86_400_000), precision: 'day' };
}

// y, month, optional day with separators . - / 年 月 and an optional trailing 日/号.
const YMD_RE = /^(\d{4})[-/.年](\d{1,2})(?:[-/.月](\d{1,2})[日号]?|月|[-/.])?$/;
// Time of day left by CSV exports: "1990-01-05 00:00:00", "1990-01-05T00:00:00.000Z".
const TIME_SUFFIX = /[T\s]+\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * "1990.05" typed into a number cell comes back as the number 1990.05. A single fraction digit
 * is ambiguous: 1990.1 may have been "1990.1" (January) or "1990.10" (October, trailing zero
 * lost), so it is refused rather than guessed. A whole number there is a lone year.
 */
function yearDotMonthNumber(raw: number): ParsedDate {
  const [intPart, frac = ''] = String(raw).split('.');
  if (frac === '') return bad(`日期“${raw}”只有年份，缺少月份`);
  if (frac === '1') return bad(`数字单元格中的“${raw}”无法区分1月与10月，请将该列设为文本后重新填写`);
  if (frac.length > 2) return bad(`无法识别的日期：“${raw}”`);
  return build(Number(intPart), Number(frac), undefined, String(raw));
}

/** Reads one date cell (Excel date, serial number, or any of the textual forms clerks use). */
export function parseDateCell(raw: string | number | Date, opts: ParseDateOptions = {}): ParsedDate {
  const allowSerial = opts.excelSerial ?? true;
  if (raw instanceof Date) {
    // Excel date cells arrive as Date objects whose UTC fields carry the calendar date.
    if (Number.isNaN(raw.getTime())) return bad('无效的日期值');
    return build(raw.getUTCFullYear(), raw.getUTCMonth() + 1, raw.getUTCDate(), fromUtcMs(raw.getTime()));
  }
  if (typeof raw === 'number') {
    if (Number.isInteger(raw) && raw >= 10_000_000 && raw <= 99_999_999) return parseDateCell(String(raw), opts);
    if (Number.isInteger(raw) && raw >= 100_000 && raw <= 999_999) return parseDateCell(String(raw), opts);
    if (raw >= 1900 && raw < 2101) return yearDotMonthNumber(raw);
    if (!allowSerial) return bad(`无法识别的日期：“${raw}”`);
    return excelSerialToIso(raw);
  }
  const shown = raw.trim();
  const s = removeSpaces(toHalfWidth(raw).trim().replace(TIME_SUFFIX, ''));
  if (s === '') return bad('日期为空');

  let m = /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (m) return build(Number(m[1]), Number(m[2]), Number(m[3]), shown);
  m = /^(\d{4})(\d{2})$/.exec(s);
  if (m) return build(Number(m[1]), Number(m[2]), undefined, shown);
  m = YMD_RE.exec(s);
  if (m) return build(Number(m[1]), Number(m[2]), m[3] === undefined ? undefined : Number(m[3]), shown);
  m = /^(\d{4})年?$/.exec(s);
  if (m) {
    const y = Number(m[1]);
    // A lone year is far likelier to be a year than serial 1990 (= 1905-06-12).
    if (y >= 1900 && y <= 2100) return bad(`日期“${shown}”只有年份，缺少月份`);
  }
  if (allowSerial && /^\d{1,5}(?:\.\d+)?$/.test(s)) return excelSerialToIso(Number(s));
  return bad(`无法识别的日期：“${shown}”`);
}

/** Precision of a stored ISO value, or null if it is not one. */
export function precisionOf(value: string): DatePrecision | null {
  if (DAY_RE.test(value)) return 'day';
  if (MONTH_RE.test(value)) return 'month';
  return null;
}

/** True for a stored value that names a real calendar day or month. */
export function isIsoDate(value: string): boolean {
  const d = DAY_RE.exec(value);
  if (d) {
    const m = Number(d[2]);
    return m >= 1 && m <= 12 && Number(d[3]) >= 1 && Number(d[3]) <= daysInMonth(Number(d[1]), m);
  }
  const mo = MONTH_RE.exec(value);
  return mo !== null && Number(mo[2]) >= 1 && Number(mo[2]) <= 12;
}

interface Parts {
  y: number;
  m: number;
  d: number | undefined;
}

function parts(value: string): Parts {
  const d = DAY_RE.exec(value);
  if (d) return { y: Number(d[1]), m: Number(d[2]), d: Number(d[3]) };
  const mo = MONTH_RE.exec(value);
  if (mo) return { y: Number(mo[1]), m: Number(mo[2]), d: undefined };
  throw new RangeError(`not an ISO date: ${value}`);
}

/** A month-precision value read as its first day; day values unchanged. */
export function firstDay(value: string): string {
  // A day value is its own first day; a month value gains '-01' (what fromParts would build).
  if (DAY_RE.test(value)) return value;
  if (MONTH_RE.test(value)) return `${value}-01`;
  throw new RangeError(`not an ISO date: ${value}`);
}

/** A month-precision value read as its last day; day values unchanged. */
export function lastDay(value: string): string {
  if (DAY_RE.test(value)) return value;
  const p = parts(value);
  return fromParts(p.y, p.m, daysInMonth(p.y, p.m));
}

/**
 * Orders two ISO values (-1, 0, 1). A month-precision value compares as the first day of its
 * month, so '1990-01' < '1990-01-05' and '1990-01' equals '1990-01-01'. Callers that need
 * "certainly before" across precisions use `lastDay` / `firstDay` explicitly.
 */
export function compareDates(a: string, b: string): -1 | 0 | 1 {
  const x = firstDay(a);
  const y = firstDay(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Adds calendar months, keeping precision; a day past the target month's end is clamped (01-31 + 1 → 02-28/29). */
export function addMonths(value: string, n: number): string {
  const p = parts(value);
  const total = p.y * 12 + (p.m - 1) + n;
  const y = Math.floor(total / 12);
  const m = total - y * 12 + 1;
  if (p.d === undefined) return `${pad4(y)}-${pad2(m)}`;
  return fromParts(y, m, Math.min(p.d, daysInMonth(y, m)));
}

/** Adds calendar years, keeping precision; 02-29 in a non-leap target year becomes 02-28. */
export function addYears(value: string, n: number): string {
  return addMonths(value, n * 12);
}

/** Adds days; a month-precision value is read as its first day and the result has day precision. */
export function addDays(value: string, n: number): string {
  const p = parts(value);
  return fromUtcMs(Date.UTC(p.y, p.m - 1, p.d ?? 1) + n * 86_400_000);
}

/** Whole days from a to b (b − a), month values read as their first day. */
export function daysBetween(a: string, b: string): number {
  const x = parts(firstDay(a));
  const y = parts(firstDay(b));
  return Math.round((Date.UTC(y.y, y.m - 1, y.d ?? 1) - Date.UTC(x.y, x.m - 1, x.d ?? 1)) / 86_400_000);
}

/**
 * Age in whole years on `date`. Both values may be month precision; a month is read as its first
 * day (so someone born in "1990-06" is counted 18 from 2008-06-01). Someone born on 02-29 turns a
 * year older on 03-01 in non-leap years.
 */
export function ageOn(birth: string, date: string): number {
  const b = parts(firstDay(birth));
  const d = parts(firstDay(date));
  let age = d.y - b.y;
  if (d.m < b.m || (d.m === b.m && (d.d ?? 1) < (b.d ?? 1))) age -= 1;
  return age;
}

/**
 * Today's date as 'YYYY-MM-DD' from the user's local calendar (the one place local time is
 * right: "today" in Beijing after midnight is not yesterday in UTC). Pass `now` in tests.
 */
export function todayIso(now: Date = new Date()): string {
  return fromParts(now.getFullYear(), now.getMonth() + 1, now.getDate());
}

/** True if `value` lies after `today`; a month value is future only once its month starts after today. */
export function isFuture(value: string, today: string): boolean {
  return compareDates(value, today) > 0;
}
