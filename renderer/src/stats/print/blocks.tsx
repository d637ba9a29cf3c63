import type { ReportResult } from '../../../../shared/reports/types.js';
import { formatValue } from '../format.js';
import { kindsOf } from '../report-meta.js';
import type { Block, FigureItem } from './model.js';
import { chartHeight, type ChartModel } from '../chart-options.js';

/** Chart size in CSS px for a page width: most of the width, a fixed height. */
export function chartBox(landscape: boolean, m: ChartModel): { width: number; height: number } {
  const width = landscape ? 860 : 640;
  // Landscape pages are short: a lower chart keeps a chart and its table on one page.
  return { width, height: chartHeight(m, landscape ? 230 : m.type === 'pie' ? 300 : 270) };
}

export function Figures({ items }: { items: FigureItem[] }) {
  return (
    <div className="p-figures">
      {items.map((f) => (
        <div key={f.label} className="p-figure">
          <div className="p-figure-label">{f.label}</div>
          <div className="p-figure-value">{f.value}</div>
          <div className="p-figure-share">{f.share ? `占 ${f.share}` : '\u00a0'}</div>
        </div>
      ))}
    </div>
  );
}

/** A slice of a report table with its own header row (repeated on every page). */
export function PrintTable({ report, from = 0, to, caption }: { report: ReportResult; from?: number; to?: number; caption?: string | null }) {
  const kinds = kindsOf(report);
  const labelWidth = report.columns.length > 4 ? 30 : 40;
  const rows = report.rows.slice(from, to ?? report.rows.length);
  return (
    <div className="p-table-wrap">
      {caption ? <div className="p-cont">{caption}</div> : null}
      <table className="p-table">
        <colgroup>
          <col style={{ width: `${labelWidth}%` }} />
          {report.columns.map((c) => (
            <col key={c.key} style={{ width: `${(100 - labelWidth) / report.columns.length}%` }} />
          ))}
        </colgroup>
        <thead>
          <tr>
            <th className="p-label">项目</th>
            {report.columns.map((c) => (
              <th key={c.key}>{c.label}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key} className={r.key === 'total' ? 'p-total' : undefined} data-row={r.key}>
              <th className="p-label" scope="row">
                {r.label}
              </th>
              {r.values.map((v, ci) => (
                <td key={ci} className="num">
                  {formatValue(v, kinds[ci])}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Any non-table block; `svg` is the chart already rendered for this page width. */
export function BlockView({ block, svg, landscape }: { block: Exclude<Block, { kind: 'table' }>; svg?: string; landscape: boolean }) {
  switch (block.kind) {
    case 'heading':
      return (
        <h2 className="p-heading">
          {block.title}
          {block.sub ? <span className="p-heading-sub">{block.sub}</span> : null}
        </h2>
      );
    case 'figures':
      return <Figures items={block.items} />;
    case 'chart': {
      const box = chartBox(landscape, block.chart);
      return <div className="p-chart" style={{ width: box.width, height: box.height }} dangerouslySetInnerHTML={{ __html: svg ?? '' }} />;
    }
    case 'notes':
      return (
        <div className="p-notes">
          {block.lines.map((l) => (
            <p key={l}>注：{l}</p>
          ))}
        </div>
      );
  }
}
