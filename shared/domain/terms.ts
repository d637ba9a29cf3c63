/**
 * 换届 (term of office) rules of DOMAIN.md §1 (the structure rules are in org-rules.ts).
 */
import type { OrgKind, UnitCategory } from '../codes/tables.js';
import { addMonths, addYears, compareDates, lastDay } from './dates.js';

const BRANCH_KINDS: ReadonlySet<OrgKind> = new Set(['general-branch', 'branch', 'joint-branch']);

/**
 * Term length in years: village/community organisations 5, 基层党委 (and the county committee) 5,
 * other 党总支 / 党支部 3. Null where there is no elected committee with a term: 党工委 (a dispatched
 * body, appointed), 临时党支部 (appointed by the higher organisation) and 党小组.
 */
export function termYearsFor(kind: OrgKind, unitCategory: UnitCategory | null | undefined): number | null {
  if (kind === 'local-committee' || kind === 'committee') return 5;
  if (BRANCH_KINDS.has(kind)) return unitCategory === 'village' || unitCategory === 'community' ? 5 : 3;
  return null;
}

export interface Term {
  /** 本届选举日期, ISO (month precision allowed). */
  electedOn: string;
  termYears: number;
  /** 经批准延期至, ISO; absent when no extension was approved. */
  extendedTo?: string | null;
}

export type TermStatus = 'ok' | 'due' | 'overdue';

export interface TermOptions {
  /**
   * Months after expiry during which an election without an approved extension counts as
   * 应换届 (being organised) rather than 超期未换届. Default 0 (DOMAIN.md §1: any day past expiry
   * without an approved extension is overdue); a county that allows a window sets it on the 设置
   * page (setting `termGraceMonths`), never in code.
   */
  graceMonths?: number;
}

/** 任期届满 date: electedOn + termYears (same precision as electedOn). */
export function termDueOn(term: Pick<Term, 'electedOn' | 'termYears'>): string {
  return addYears(term.electedOn, term.termYears);
}

/**
 * Status on `asOf`:
 * - 'ok'      asOf < electedOn + termYears;
 * - 'due'     应换届: asOf ≥ that date and still within the approved extension (asOf ≤ extendedTo)
 *             or, without one, within `graceMonths` after expiry (default none: the expiry day);
 * - 'overdue' 超期未换届: past the approved extension, or past the grace window without one.
 * A month-precision electedOn makes the term due from the first day of its month (see
 * compareDates), while a month-precision limit (extendedTo) is honoured to its last day. The
 * one-year cap on extensions is reported by `termExtensionAdvice`, not folded into the status.
 */
export function termStatus(term: Term, asOf: string, opts: TermOptions = {}): TermStatus {
  const dueOn = termDueOn(term);
  if (compareDates(asOf, dueOn) < 0) return 'ok';
  const lastOk = term.extendedTo ? term.extendedTo : addMonths(dueOn, opts.graceMonths ?? 0);
  // "Within" includes the last permitted day; a month-precision limit lasts to its month's end.
  return compareDates(asOf, lastDay(lastOk)) <= 0 ? 'due' : 'overdue';
}

/** Advice on an approved extension: normally at most 1 year past expiry, and not before it. */
export function termExtensionAdvice(term: Term): string[] {
  if (!term.extendedTo) return [];
  const dueOn = termDueOn(term);
  if (compareDates(term.extendedTo, dueOn) < 0) {
    return [`延期至${term.extendedTo}早于任期届满日${dueOn}，请核对`];
  }
  const cap = addYears(dueOn, 1);
  if (compareDates(term.extendedTo, cap) > 0) {
    return [`任期届满日为${dueOn}，延期至${term.extendedTo}超过1年（一般不超过1年，即${cap}前）`];
  }
  return [];
}
