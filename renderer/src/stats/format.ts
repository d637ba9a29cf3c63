import type { ReportResult } from '../../../shared/reports/types.js';
import type { CellRef } from './domains.js';

/** Counts as plain integers; averages and percentages with one decimal (STATISTICS.md printing). */
export function formatValue(v: number | null | undefined, kind: 'count' | 'percent' | 'decimal' = 'count'): string {
  if (v === null || v === undefined || Number.isNaN(v)) return '—';
  if (kind === 'percent') return `${v.toFixed(1)}%`;
  if (kind === 'decimal') return v.toFixed(1);
  return Number.isInteger(v) ? String(v) : v.toFixed(1);
}

/** Share of a part in a whole, one decimal, or '' when the whole is zero. */
export function share(part: number | null | undefined, whole: number | null | undefined): string {
  if (part === null || part === undefined || !whole) return '';
  return `${((part / whole) * 100).toFixed(1)}%`;
}

export type ColumnKind = 'count' | 'percent' | 'decimal';

/** How a column's values are shown: percent columns carry the flag; averages are non-integers by measure. */
export function columnKind(report: ReportResult, index: number, avgColumns: ReadonlySet<string>): ColumnKind {
  const col = report.columns[index];
  if (!col) return 'count';
  if (col.percent) return 'percent';
  if (avgColumns.has(col.key)) return 'decimal';
  return 'count';
}

export interface CellValue {
  value: number | null;
  drillable: boolean;
}

export function cellOf(reports: readonly ReportResult[], ref: CellRef): CellValue | null {
  const r = reports.find((x) => x.definitionId === ref.definitionId);
  if (!r) return null;
  const row = r.rows.find((x) => x.key === ref.rowKey);
  const ci = r.columns.findIndex((x) => x.key === ref.columnKey);
  if (!row || ci < 0) return null;
  return { value: row.values[ci] ?? null, drillable: Boolean(row.drill?.[ci]) };
}

/** 2026-11-22 → 2026年11月22日 */
export function dateZh(iso: string | null | undefined): string {
  if (!iso) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : iso;
}

export function todayIso(): string {
  const d = new Date();
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

export function nowZh(): string {
  const d = new Date();
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** "截至 2026年11月22日" or, for a period report, "2026年1月1日至2026年11月22日". */
export function whenLabel(r: Pick<ReportResult, 'asOf' | 'from' | 'to'>, period: boolean): string {
  if (period && r.from && r.to) return `统计期 ${dateZh(r.from)}至${dateZh(r.to)}`;
  return `截至 ${dateZh(r.asOf)}`;
}
