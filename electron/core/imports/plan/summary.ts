/** Counts, issue lists and grid rows of a preview, in the shapes of the contract and CLI.md. */
import type { ImportIssue } from '../../../../shared/import/index.js';
import type { ImportGridRow, ImportPlan, ImportRowCounts, ImportTableInfo, ImportUpdate } from '../../../../shared/contract/imports.js';
import type { PreviewState, RowState } from './state.js';
import { rowIssues } from './state.js';
import { shownValue } from '../validate/cells.js';

export function rowCounts(state: PreviewState): ImportRowCounts {
  let withErrors = 0;
  let withWarnings = 0;
  for (const r of state.rows) {
    const issues = rowIssues(r);
    if (issues.some((i) => i.severity === 'error')) withErrors++;
    else if (issues.length > 0) withWarnings++;
  }
  return { total: state.rows.length, valid: state.rows.length - withErrors, withWarnings, withErrors };
}

export function planOf(state: PreviewState): ImportPlan {
  const n = (a: RowState['action']) => state.rows.filter((r) => r.action === a).length;
  const skip = n('skip');
  if (state.unitPlan) {
    return { create: state.unitPlan.create, update: state.unitPlan.update + state.unitPlan.unchanged, skip, unchanged: state.unitPlan.unchanged };
  }
  return { create: n('create'), update: n('update') + n('unchanged'), skip, unchanged: n('unchanged') };
}

export function allIssues(state: PreviewState): ImportIssue[] {
  return [...state.fileIssues, ...state.rows.flatMap(rowIssues)];
}

export function issueCounts(issues: readonly ImportIssue[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const i of issues) out[i.code] = (out[i.code] ?? 0) + 1;
  return out;
}

export function gridRow(r: RowState): ImportGridRow {
  const cells: Record<string, string> = {};
  r.table.headers.forEach((h, i) => {
    if (h !== '') cells[h] = shownValue(r.cells[i]);
  });
  return { file: r.table.file, sheet: r.table.sheet, row: r.row, cells, issues: rowIssues(r), action: r.action };
}

export function tableInfo(state: PreviewState): ImportTableInfo[] {
  return state.tables.map((t) => {
    const mapping: Record<string, string> = {};
    for (const c of t.columns) if (c.field) mapping[c.header] = c.field;
    const info: ImportTableInfo = {
      file: t.file,
      sheet: t.sheet,
      kind: t.kind,
      headerRow: t.headerRow,
      dataRows: state.rows.filter((r) => r.table === t).length,
      mapping,
      columns: t.columns,
    };
    if (t.shape) info.shape = t.shape;
    return info;
  });
}

export function filterRows(state: PreviewState, only: 'problems' | 'errors' | 'all'): RowState[] {
  if (only === 'all') return state.rows;
  return state.rows.filter((r) => {
    const issues = rowIssues(r);
    return only === 'errors' ? issues.some((i) => i.severity === 'error') : issues.length > 0;
  });
}

/** The planned updates with their before and after values (the first 500). */
export function updatesOf(state: PreviewState): ImportUpdate[] {
  return state.rows
    .filter((r) => r.action === 'update' && r.match)
    .slice(0, 500)
    .map((r) => ({ file: r.table.file, sheet: r.table.sheet, row: r.row, entity: r.match!.entity, id: r.match!.id, label: r.match!.label, before: r.match!.before, after: r.match!.after }));
}
