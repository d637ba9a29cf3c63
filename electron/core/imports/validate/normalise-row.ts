/**
 * A row's cells → values and the issues the cells themselves raise, then the checks one row can
 * decide on its own (by kind). Nothing here needs the database.
 */
import { CATALOGUES } from '../../../../shared/import/index.js';
import type { RowState } from '../plan/state.js';
import { issueAt, type RowPlace } from './issue.js';
import { normaliseCell } from './cells.js';
import { checkMemberRow } from './member-row.js';
import { checkPipelineRow } from './pipeline-row.js';

export const placeOf = (r: RowState): RowPlace => ({ file: r.table.file, sheet: r.table.sheet, row: r.row });

/** The header of the column a field is mapped to, or the field's label when it has no column. */
export function columnOf(r: RowState, field: string): string {
  const i = r.table.fieldCol.get(field);
  if (i !== undefined) return r.table.headers[i] ?? field;
  return CATALOGUES[r.table.kind].fields.find((f) => f.key === field)?.label ?? field;
}

export function normaliseRow(r: RowState, today: string): void {
  const cat = CATALOGUES[r.table.kind];
  const place = placeOf(r);
  r.values = {};
  r.cellIssues = [];
  delete r.idInfo;
  for (const f of cat.fields) {
    const col = r.table.fieldCol.get(f.key);
    const header = col === undefined ? null : (r.table.headers[col] ?? null);
    const res = col === undefined ? { value: null } : normaliseCell(f, r.cells[col], today);
    r.values[f.key] = res.value;
    if ('id' in res && res.id) r.idInfo = res.id;
    if ('issue' in res && res.issue) r.cellIssues.push(issueAt(place, header, res.issue.code, res.issue.message));
    const failed = 'issue' in res && res.issue && res.issue.code !== 'PHONE_FORMAT';
    if (f.required && res.value === null && !failed) {
      const msg = col === undefined ? `未找到“${f.label}”列，该项为必填` : `${f.label}为空，该项为必填`;
      r.cellIssues.push(issueAt(place, header ?? f.label, 'REQUIRED_MISSING', msg));
    }
  }
  if (r.table.kind === 'members') checkMemberRow(r, today);
  if (r.table.kind === 'pipeline') checkPipelineRow(r, today);
}
