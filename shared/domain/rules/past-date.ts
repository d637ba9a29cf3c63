/** Dates of what has happened (birth, 入党, 转正, an event) cannot lie after today. */
import { isFuture } from '../dates.js';

export function futureProblem(value: string, today: string, label: string): string | null {
  return isFuture(value, today) ? `${label}${value}晚于今天（${today}），不能登记尚未发生的日期` : null;
}
