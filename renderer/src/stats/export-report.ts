import { call } from '../api/index.js';
import type { ReportResult } from '../../../shared/reports/types.js';
import { dateZh } from './format.js';
import { metaOf } from './report-meta.js';

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function save(fileName: string, dataBase64: string): void {
  const bin = atob(dataBase64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  const url = URL.createObjectURL(new Blob([bytes], { type: XLSX_MIME }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** The report as it is on screen, one sheet through export.grid; returns the file name. */
export async function exportReport(report: ReportResult): Promise<string> {
  const meta = metaOf(report.definitionId);
  const when = meta.period && report.from && report.to ? `${dateZh(report.from)}至${dateZh(report.to)}` : `截至${dateZh(report.asOf)}`;
  const columns = [
    { header: '项目', field: 'label', type: 'text' as const, width: 30 },
    ...report.columns.map((c, i) => ({
      header: c.percent ? `${c.label}（%）` : c.label,
      field: `v${i}`,
      type: (c.percent || meta.avgColumns.has(c.key) ? 'number' : 'int') as 'number' | 'int',
    })),
  ];
  const rows = report.rows.map((r) => Object.fromEntries([['label', r.label], ...r.values.map((v, i) => [`v${i}`, v])]));
  const out = await call('export.grid', {
    title: `${report.title}（${report.under.name}，${when}）`.slice(0, 100),
    sheetName: report.title.replace(/[\\/?*[\]:]/g, '').slice(0, 31),
    columns,
    rows,
  });
  save(out.fileName, out.dataBase64);
  return out.fileName;
}
