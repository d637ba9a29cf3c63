/**
 * A stored date must name a real calendar day (or month, where only the month is known): 2023-02-31
 * and 2023-13-01 are refused with the reason, not saved.
 */
import { daysInMonth } from '../dates.js';

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH = /^(\d{4})-(\d{2})$/;
// The years a member ledger can mean (birth dates of living people up to planned terms).
const MIN_YEAR = 1800;
const MAX_YEAR = 2199;

/** Why `value` is not a real date, or null. `allowMonth`: 'YYYY-MM' is accepted (day unknown). */
export function realDateProblem(value: string, allowMonth: boolean): string | null {
  const d = DAY.exec(value);
  const m = d ?? (allowMonth ? MONTH.exec(value) : null);
  if (!m) return allowMonth ? '日期格式应为 YYYY-MM-DD（只知年月时可填 YYYY-MM）' : '日期格式应为 YYYY-MM-DD';
  const y = Number(m[1]);
  const mo = Number(m[2]);
  if (y < MIN_YEAR || y > MAX_YEAR) return `年份不合理：${value}`;
  if (mo < 1 || mo > 12) return `月份不存在：${value}`;
  if (d) {
    const day = Number(d[3]);
    if (day < 1 || day > daysInMonth(y, mo)) return `日期不存在：${value}（${y}年${mo}月没有${day}日）`;
  }
  return null;
}
