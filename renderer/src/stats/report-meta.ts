import { REPORT_BY_ID } from '../../../shared/reports/definitions.js';
import type { ReportResult } from '../../../shared/reports/types.js';
import { columnKind, type ColumnKind } from './format.js';

/** Presentation facts the result does not carry: chart, orientation, average columns, period. */
export function metaOf(definitionId: string) {
  const def = REPORT_BY_ID.get(definitionId);
  const avg = new Set((def?.columns ?? []).filter((c) => c.measure && 'avg' in c.measure).map((c) => c.key));
  return {
    chart: def?.chart ?? null,
    landscape: def?.landscape === true,
    period: def?.period === true,
    avgColumns: avg as ReadonlySet<string>,
  };
}

export function kindsOf(report: ReportResult): ColumnKind[] {
  const m = metaOf(report.definitionId);
  return report.columns.map((_, i) => columnKind(report, i, m.avgColumns));
}
