/**
 * Dates that must come in order (出生 < 入党 < 转正; 申请 < 积极分子 < …). Month-precision values may
 * stand for any day of their month, so only a surely-earlier date is a breach.
 */
import { firstDay, lastDay } from '../dates.js';
import type { FieldProblem } from './problem.js';

export interface DateStep {
  field: string;
  label: string;
}

/** `a` lies before `b` whatever days month-precision values stand for. */
export function surelyBefore(a: string, b: string): boolean {
  return lastDay(a) < firstDay(b);
}

/**
 * Each present date against the nearest present date before it in the chain; a breach is reported
 * on the later field (and that date is skipped as a reference for the next).
 */
export function dateOrderProblems(values: Readonly<Record<string, unknown>>, chain: readonly DateStep[]): FieldProblem[] {
  const out: FieldProblem[] = [];
  let prev: { step: DateStep; value: string } | null = null;
  for (const step of chain) {
    const v = values[step.field];
    if (typeof v !== 'string' || v === '') continue;
    if (prev && surelyBefore(v, prev.value)) {
      out.push({ field: step.field, message: `${step.label}${v}早于${prev.step.label}${prev.value}，日期先后顺序不对` });
      continue;
    }
    prev = { step, value: v };
  }
  return out;
}
