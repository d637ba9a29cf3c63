import type { ReportResult } from '../../../shared/reports/types.js';
import { formatValue } from './format.js';
import { kindsOf } from './report-meta.js';

/** The report as a table; every count with a drill descriptor is a button that opens its list. */
export function ReportTable({ report, onDrill }: { report: ReportResult; onDrill: (rowIndex: number, colIndex: number) => void }) {
  const kinds = kindsOf(report);
  return (
    <table className="stats-table" data-testid={`report-table-${report.definitionId}`}>
      <thead>
        <tr>
          <th className="label-col">项目</th>
          {report.columns.map((c) => (
            <th key={c.key} className="num">
              {c.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {report.rows.map((r, ri) => (
          <tr key={r.key} className={r.key === 'total' ? 'total-row' : undefined}>
            <th scope="row" className="label-col">
              {r.label}
            </th>
            {r.values.map((v, ci) => {
              const text = formatValue(v, kinds[ci]);
              const canDrill = Boolean(r.drill?.[ci]) && v !== null;
              return (
                <td key={ci} className="num">
                  {canDrill ? (
                    <button type="button" className="figure-link" onClick={() => onDrill(ri, ci)} data-testid={`cell-${report.definitionId}-${r.key}-${report.columns[ci]!.key}`} title="查看明细">
                      {text}
                    </button>
                  ) : (
                    text
                  )}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
