import { useEffect, useState } from 'react';
import { call, errorText } from '../api/index.js';
import type { DrillDescriptor, ReportResult } from '../../../shared/reports/types.js';
import type { DomainSpec } from './domains.js';
import type { ChartPoint } from './chart-options.js';

export interface Query {
  under: string | undefined;
  asOf: string;
  from: string;
}

/** The reports of one dashboard page (stats.page), refetched when the page, scope or dates change. */
export function useStatsPage(domain: DomainSpec, q: Query, tick: number, skip: boolean) {
  const [reports, setReports] = useState<ReportResult[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  useEffect(() => {
    if (skip) return;
    let live = true;
    setLoading(true);
    setError(null);
    call('stats.page', { domain: domain.id, ...(q.under ? { under: q.under } : {}), asOf: q.asOf, ...(domain.period ? { from: q.from, to: q.asOf } : {}) })
      .then((r) => {
        if (!live) return;
        setReports(r);
      })
      .catch((err) => {
        if (!live) return;
        setReports(null);
        setError(errorText(err));
      })
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [domain.id, domain.period, q.under, q.asOf, q.from, tick, skip]);
  return { reports, error, loading };
}

export interface TrendData {
  points: ChartPoint[];
  /** year → the drill descriptor of that year's figure. */
  drill: Map<string, DrillDescriptor>;
}

/**
 * The last five years of one figure: the state at each year end (the as-of date for the current
 * year), or the count within each calendar year (up to the as-of date this year).
 */
export function useTrend(domain: DomainSpec, q: Query, tick: number): TrendData | null {
  const [data, setData] = useState<TrendData | null>(null);
  const spec = domain.trend;
  useEffect(() => {
    if (!spec) {
      setData(null);
      return;
    }
    let live = true;
    setData(null);
    const y0 = Number(q.asOf.slice(0, 4));
    const years = [4, 3, 2, 1, 0].map((d) => y0 - d);
    Promise.all(
      years.map((y) => {
        const end = y === y0 ? q.asOf : `${y}-12-31`;
        return call('stats.report', {
          definitionId: spec.definitionId,
          ...(q.under ? { under: q.under } : {}),
          asOf: end,
          ...(spec.period ? { from: `${y}-01-01`, to: end } : {}),
        });
      }),
    )
      .then((results) => {
        if (!live) return;
        const drill = new Map<string, DrillDescriptor>();
        const points = results.map((r, i) => {
          const row = r.rows.find((x) => x.key === spec.rowKey);
          const ci = r.columns.findIndex((c) => c.key === spec.columnKey);
          const key = String(years[i]);
          const d = row?.drill?.[ci];
          if (d) drill.set(key, d);
          return { name: `${key}年`, value: row?.values[ci] ?? 0, key };
        });
        setData({ points, drill });
      })
      .catch(() => live && setData(null));
    return () => {
      live = false;
    };
  }, [spec, q.under, q.asOf, tick]);
  return data;
}
