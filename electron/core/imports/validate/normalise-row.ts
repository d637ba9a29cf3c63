/**
 * A row's cells → values and the issues the cells themselves raise, then the checks one row can
 * decide on its own (by kind). Nothing here needs the database.
 */
import { CATALOGUES, type FieldDef } from '../../../../shared/import/index.js';
import type { RowState, TableState } from '../plan/state.js';
import { issueAt, type RowPlace } from './issue.js';
import { normaliseCell } from './cells.js';
import { checkMemberRow } from './member-row.js';
import { checkPipelineRow } from './pipeline-row.js';
import { checkReserveRow } from './reserve-row.js';
import { checkTeamRow } from './team-row.js';

/** The fields a table's rows hold: its kind's catalogue and the columns its headers add. */
export const fieldsOf = (t: TableState): readonly FieldDef[] => (t.extraFields ? [...CATALOGUES[t.kind].fields, ...t.extraFields] : CATALOGUES[t.kind].fields);

export const placeOf = (r: RowState): RowPlace => ({ file: r.table.file, sheet: r.table.sheet, row: r.row });

/** The header of the column a field is mapped to, or the field's label when it has no column. */
export function columnOf(r: RowState, field: string): string {
  const i = r.table.fieldCol.get(field);
  if (i !== undefined) return r.table.headers[i] ?? field;
  return fieldsOf(r.table).find((f) => f.key === field)?.label ?? field;
}

/**
 * An all-null values object per kind, built by JSON.parse so V8 gives it fast properties. Rows'
 * values are spread copies of it: filled key by key from empty, an object of 30-odd fields turns
 * into a hash table (~1.5 KB a row, 75 MB for a 50,000-row roster); the copy keeps the template's
 * shape (~0.3 KB).
 */
const TEMPLATES = new Map<string, Readonly<Record<string, unknown>>>();
function emptyValues(kind: keyof typeof CATALOGUES): Record<string, unknown> {
  let t = TEMPLATES.get(kind);
  if (!t) {
    t = JSON.parse(JSON.stringify(Object.fromEntries(CATALOGUES[kind].fields.map((f) => [f.key, null])))) as Record<string, unknown>;
    TEMPLATES.set(kind, t);
  }
  return { ...t };
}

export function normaliseRow(r: RowState, today: string): void {
  const place = placeOf(r);
  r.values = emptyValues(r.table.kind);
  r.cellIssues = [];
  delete r.idInfo;
  for (const f of fieldsOf(r.table)) {
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
  if (r.table.kind === 'reserves') checkReserveRow(r);
  if (r.table.kind === 'teams') checkTeamRow(r, today);
}
