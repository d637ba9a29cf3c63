import type { ReportResult } from '../../../shared/reports/types.js';
import type { ChartSpec, TrendSpec } from './domains.js';
import { CHART_FONT, PALETTE, type EChartsCoreOption } from './echarts-setup.js';

export interface ChartPoint {
  name: string;
  value: number;
  /** Row key of the report (drill target) or the year of a trend. */
  key: string;
}

export interface ChartModel {
  type: 'bar' | 'pie' | 'line';
  title: string;
  /** Column whose values are charted (the drill column). */
  columnKey: string;
  points: ChartPoint[];
}

/** The rows and column a report's chart shows; null when the report has no chart. */
export function chartModelOf(report: ReportResult, suggested: 'bar' | 'pie' | 'line' | null | undefined, spec: ChartSpec): ChartModel | null {
  const type = spec.type ?? suggested;
  if (!type || type === 'line') return null;
  const ci = spec.column ? report.columns.findIndex((c) => c.key === spec.column) : 0;
  const col = report.columns[ci];
  if (!col) return null;
  const keep = spec.rows ?? ((k: string) => k !== 'total');
  const points = report.rows
    .filter((r) => keep(r.key))
    // "Unknown" rows only when they hold something: an empty 不详 bar is noise.
    .filter((r) => !(r.key === 'unknown' || r.key === 'none') || (r.values[ci] ?? 0) > 0)
    .map((r) => ({ name: r.label, value: r.values[ci] ?? 0, key: r.key }))
    // A pie shows shares: empty slices only pile their labels on top of each other (the table has them).
    .filter((p) => type !== 'pie' || p.value > 0);
  return { type, title: report.title, columnKey: col.key, points };
}

export function trendModelOf(spec: TrendSpec, points: ChartPoint[]): ChartModel {
  return { type: 'line', title: spec.title, columnKey: spec.columnKey, points };
}

/** Many categories or long names read better as horizontal bars (labels on the left, unclipped). */
export function isHorizontal(m: ChartModel): boolean {
  return m.type === 'bar' && (m.points.length > 8 || m.points.some((p) => p.name.length > 8));
}

/** Chart height in px: horizontal bars grow with the number of categories. */
export function chartHeight(m: ChartModel, base: number): number {
  return isHorizontal(m) ? Math.max(160, m.points.length * 26 + 40) : base;
}

/** Long band labels (入党时间) wrap onto two lines on the category axis. */
function wrapLabel(s: string, width = 8): string {
  if (s.length <= width) return s;
  const out: string[] = [];
  for (let i = 0; i < s.length; i += width) out.push(s.slice(i, i + width));
  return out.slice(0, 3).join('\n');
}

/**
 * One option builder for the screen and for print. `print`: no animation, no tooltip, slightly
 * larger labels (the SVG is scaled to the page width).
 */
export function chartOption(m: ChartModel, o: { print?: boolean } = {}): EChartsCoreOption {
  const total = m.points.reduce((s, p) => s + p.value, 0);
  const pct = (v: number) => (total > 0 ? `${((v / total) * 100).toFixed(1)}%` : '0.0%');
  const base = {
    animation: !o.print,
    color: PALETTE,
    textStyle: { fontFamily: CHART_FONT, color: '#333' },
    tooltip: o.print ? undefined : { trigger: m.type === 'pie' ? 'item' : 'axis', confine: true },
  };
  if (m.type === 'pie') {
    return {
      ...base,
      series: [
        {
          type: 'pie',
          radius: ['0%', '58%'],
          center: ['50%', '52%'],
          avoidLabelOverlap: true,
          minShowLabelAngle: 0,
          label: {
            formatter: (p: { name: string; value: number }) => `${p.name}\n${p.value}（${pct(p.value)}）`,
            fontSize: 12,
            lineHeight: 16,
            color: '#333',
          },
          labelLine: { length: 10, length2: 10 },
          labelLayout: { hideOverlap: false },
          itemStyle: { borderColor: '#fff', borderWidth: 1 },
          data: m.points.map((p) => ({ name: p.name, value: p.value, key: p.key })),
        },
      ],
    };
  }
  const isLine = m.type === 'line';
  const many = m.points.length > 6;
  if (isHorizontal(m)) {
    return {
      ...base,
      grid: { left: 8, right: 72, top: 8, bottom: 8, containLabel: true },
      yAxis: {
        type: 'category',
        inverse: true,
        data: m.points.map((p) => p.name),
        axisLabel: { interval: 0, fontSize: 11, color: '#444', formatter: (v: string) => wrapLabel(v, 14) },
        axisLine: { lineStyle: { color: '#999' } },
        axisTick: { show: false },
      },
      xAxis: { type: 'value', minInterval: 1, axisLabel: { fontSize: 10, color: '#666' }, splitLine: { lineStyle: { color: '#e6e6e6' } } },
      series: [
        {
          type: 'bar',
          barMaxWidth: 16,
          data: m.points.map((p) => ({ value: p.value, key: p.key })),
          itemStyle: { color: PALETTE[0] },
          label: { show: true, position: 'right', fontSize: 11, color: '#333', formatter: (p: { value: number }) => `${p.value}（${pct(p.value)}）` },
        },
      ],
    };
  }
  return {
    ...base,
    grid: { left: 8, right: 16, top: 24, bottom: 8, containLabel: true },
    xAxis: {
      type: 'category',
      data: m.points.map((p) => p.name),
      axisLabel: { interval: 0, fontSize: 11, color: '#444', formatter: (v: string) => wrapLabel(v, many ? 6 : 9) },
      axisLine: { lineStyle: { color: '#999' } },
      axisTick: { alignWithLabel: true },
    },
    yAxis: { type: 'value', minInterval: 1, axisLabel: { fontSize: 11, color: '#666' }, splitLine: { lineStyle: { color: '#e6e6e6' } } },
    series: [
      {
        type: m.type,
        barMaxWidth: 36,
        data: m.points.map((p) => ({ value: p.value, key: p.key })),
        itemStyle: { color: PALETTE[0] },
        lineStyle: isLine ? { color: PALETTE[0], width: 2 } : undefined,
        symbolSize: isLine ? 7 : undefined,
        label: {
          show: true,
          position: 'top',
          fontSize: 11,
          color: '#333',
          // Bars show value and share of the charted total; a trend shows the value only.
          formatter: (p: { value: number }) => (isLine ? String(p.value) : m.points.length <= 10 ? `${p.value}\n${pct(p.value)}` : String(p.value)),
        },
      },
    ],
  };
}
