/**
 * 驻村工作队 rows: a posting created (with the row's months) or updated (its changed fields, and
 * each changed month: an existing month record updated, a new one created). Every created row
 * carries the batch id and every update its before-image, so the batch undoes as a whole.
 */
import { parseMonthKey } from '../../../../shared/import/index.js';
import { newId } from '../../util/ids.js';
import type { PreviewState, RowState } from '../plan/state.js';
import { MONTH_COLUMN, POSTING_FIELDS } from '../plan/evaluate-teams.js';
import type { BatchWriter } from './batch-writer.js';

const sqlValue = (v: unknown): unknown => v ?? null;

export function writeTeams(w: BatchWriter, state: PreviewState): void {
  for (const r of state.rows) {
    if (r.action === 'create') createPosting(w, r);
    else if (r.action === 'update') updatePosting(w, r);
  }
}

function createPosting(w: BatchWriter, r: RowState): void {
  const id = newId();
  const v = r.values;
  const row: Record<string, unknown> = {
    id, villageOrgId: r.refs.villageOrgId!, idNumber: v.idNumber ?? null, memberId: r.refs.memberId ?? null,
    endedOn: null, endKind: null, endReason: null, importBatchId: w.batchId, createdAt: w.ctx.now, updatedAt: w.ctx.now,
  };
  for (const f of POSTING_FIELDS) row[f.key] = sqlValue(v[f.key]);
  w.create('teamMember', row);
  writeMonths(w, r, id, new Map());
}

function updatePosting(w: BatchWriter, r: RowState): void {
  const m = r.match!;
  const patch: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(m.after)) if (!parseMonthKey(k)) patch[k] = sqlValue(v);
  if (Object.keys(patch).length > 0) w.update('teamMember', m.id, patch);
  const existing = new Map(w.all<{ id: string; month: string }>('SELECT id, month FROM team_months WHERE team_member_id = ?', m.id).map((x) => [x.month, x.id]));
  const changed = writeMonths(w, r, m.id, existing, new Set(Object.keys(m.after)));
  // A row whose only change is its months still counts as one updated record.
  if (Object.keys(patch).length === 0 && changed > 0) w.updated++;
}

/** The row's month values (only `keys` when given) grouped by month; returns how many month records changed. */
function writeMonths(w: BatchWriter, r: RowState, postingId: string, existing: Map<string, string>, keys?: ReadonlySet<string>): number {
  const byMonth = new Map<string, Record<string, number>>();
  for (const f of r.table.extraFields ?? []) {
    const m = parseMonthKey(f.key);
    const v = r.values[f.key];
    if (!m || typeof v !== 'number' || (keys && !keys.has(f.key))) continue;
    byMonth.set(m.month, { ...(byMonth.get(m.month) ?? {}), [MONTH_COLUMN[m.measure]]: v });
  }
  for (const [month, values] of byMonth) {
    const id = existing.get(month);
    if (id) w.update('teamMonth', id, values, false);
    else w.create('teamMonth', { id: newId(), teamMemberId: postingId, month, logCount: 0, visitCount: 0, ...values, importBatchId: w.batchId, createdAt: w.ctx.now, updatedAt: w.ctx.now }, false);
  }
  return byMonth.size;
}
