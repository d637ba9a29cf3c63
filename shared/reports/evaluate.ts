/**
 * Evaluates a definition over facts: plain objects with the subject's fields and a weight (a fact
 * may stand for many identical people, e.g. one group of a grouped query). Pure: the core uses it
 * for figures and for drill-down, so a list behind a figure has exactly that many rows.
 */
import type { Column, Predicate, ReportDefinition } from './types.js';
import { monthsFrom } from '../domain/village-days.js';

export interface Fact {
  readonly [field: string]: unknown;
}

export type Test = (f: Fact) => boolean;

const same = (a: unknown, b: unknown): boolean => (a === undefined ? null : a) === b;

/** Compiles a predicate once; undefined means "everything". */
export function compile(p: Predicate | undefined): Test {
  if (!p) return () => true;
  if ('all' in p) {
    const parts = p.all.map(compile);
    return (f) => parts.every((t) => t(f));
  }
  if ('any' in p) {
    const parts = p.any.map(compile);
    return (f) => parts.some((t) => t(f));
  }
  if ('not' in p) {
    const inner = compile(p.not);
    return (f) => !inner(f);
  }
  const field = p.field;
  if ('eq' in p) {
    const v = p.eq;
    return (f) => same(f[field], v);
  }
  if ('in' in p) {
    const set = new Set<unknown>(p.in);
    return (f) => set.has(f[field] === undefined ? null : f[field]);
  }
  const { min, max } = p;
  return (f) => {
    const v = f[field] as number | string | null | undefined;
    if (v === null || v === undefined) return false;
    if (min !== undefined && v < min) return false;
    if (max !== undefined && v > max) return false;
    return true;
  };
}

/** Every (field, threshold) a definition compares a numeric field with: the grouped queries use them as class boundaries. */
export function numericThresholds(defs: readonly ReportDefinition[], field: string): number[] {
  const out = new Set<number>();
  const walk = (p: Predicate | undefined): void => {
    if (!p) return;
    if ('all' in p) p.all.forEach(walk);
    else if ('any' in p) p.any.forEach(walk);
    else if ('not' in p) walk(p.not);
    else if (p.field === field) {
      if ('min' in p && typeof p.min === 'number') out.add(p.min);
      // "≤ max" is "< max + 1" for whole numbers: classes start at max + 1.
      if ('max' in p && typeof p.max === 'number') out.add(p.max + 1);
      if ('eq' in p && typeof p.eq === 'number') out.add(p.eq).add(p.eq + 1);
    }
  };
  for (const d of defs) {
    for (const c of [...d.rows, ...d.columns]) walk(c.where);
  }
  return [...out].sort((a, b) => a - b);
}

export interface Evaluated {
  /** values[row][column]; null where a measure has no data (average of nothing). */
  values: (number | null)[][];
}

const round1 = (x: number): number => Math.round(x * 10) / 10;

/** Sums weights (and averages fields) of the facts each row × column selects. */
export function evaluate(def: ReportDefinition, facts: Iterable<Fact>, weightField = 'weight'): Evaluated {
  const rowTests = def.rows.map((r) => compile(r.where));
  const colTests = def.columns.map((c) => compile(c.where));
  const avgFields = def.columns.map((c) => (c.measure && 'avg' in c.measure ? c.measure.avg : null));
  const counts = def.rows.map(() => def.columns.map(() => 0));
  const sums = def.rows.map(() => def.columns.map(() => 0));
  const ns = def.rows.map(() => def.columns.map(() => 0));
  for (const f of facts) {
    const w = (f[weightField] as number | undefined) ?? 1;
    const colHit = colTests.map((t) => t(f));
    for (let r = 0; r < rowTests.length; r++) {
      if (!rowTests[r]!(f)) continue;
      const cr = counts[r]!;
      for (let c = 0; c < colHit.length; c++) {
        if (!colHit[c]) continue;
        cr[c]! += w;
        const af = avgFields[c];
        if (af) {
          const v = f[af];
          if (typeof v === 'number') {
            sums[r]![c]! += v * w;
            ns[r]![c]! += w;
          }
        }
      }
    }
  }
  const colIndex = new Map(def.columns.map((c, i) => [c.key, i]));
  const values = counts.map((row, r) =>
    row.map((n, c) => {
      const m: Column['measure'] = def.columns[c]!.measure;
      if (m && 'avg' in m) return ns[r]![c]! > 0 ? round1(sums[r]![c]! / ns[r]![c]!) : null;
      if (m && 'percentOf' in m) {
        const base = row[colIndex.get(m.percentOf) ?? -1];
        return base ? round1((n / base) * 100) : null;
      }
      return n;
    }),
  );
  return { values };
}

/** True when the cell (row, column) of a definition is a count of facts (drillable). */
export function isCountCell(def: ReportDefinition, columnKey: string): boolean {
  const c = def.columns.find((x) => x.key === columnKey);
  return !!c && (!c.measure || 'count' in c.measure);
}

/** The definition with its month rows laid out for the period [from, to] (see monthRows). */
export function withPeriodRows(def: ReportDefinition, from: string, to: string): ReportDefinition {
  if (!def.monthRows) return def;
  const field = def.monthRows.field;
  const months = monthsFrom(from.slice(0, 7), to.slice(0, 7)).map((m) => ({ key: m, label: `${m.slice(0, 4)}年${Number(m.slice(5))}月`, where: { field, eq: m } }));
  return { ...def, rows: [...def.rows, ...months] };
}
