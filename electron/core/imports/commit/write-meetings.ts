/**
 * 组织生活 rows: a meeting created with its absent members, or corrected (changed fields; when the
 * file names the absent members, they are recorded absent and anyone recorded absent before but
 * not named is recorded present). Created rows carry the batch id and updates their before-image,
 * so nothing is deleted and the batch undoes as a whole.
 */
import { newId } from '../../util/ids.js';
import type { PreviewState, RowState } from '../plan/state.js';
import { absentOf, MEETING_FIELDS } from '../plan/evaluate-meetings.js';
import type { BatchWriter } from './batch-writer.js';

export function writeMeetings(w: BatchWriter, state: PreviewState): void {
  for (const r of state.rows) {
    if (r.action === 'create') createMeeting(w, r);
    else if (r.action === 'update') updateMeeting(w, r);
  }
}

function createMeeting(w: BatchWriter, r: RowState): void {
  const id = newId();
  const row: Record<string, unknown> = { id, orgId: r.refs.orgId!, kind: r.values.kind, heldOn: r.values.heldOn, importBatchId: w.batchId, createdAt: w.ctx.now, updatedAt: w.ctx.now };
  for (const f of MEETING_FIELDS) row[f.key] = r.values[f.key] ?? null;
  w.create('meeting', row);
  writeAbsent(w, r, id);
}

function updateMeeting(w: BatchWriter, r: RowState): void {
  const m = r.match!;
  const patch: Record<string, unknown> = {};
  for (const f of MEETING_FIELDS) if (f.key in m.after) patch[f.key] = m.after[f.key];
  w.update('meeting', m.id, patch);
  if ('absentList' in m.after) writeAbsent(w, r, m.id);
}

function writeAbsent(w: BatchWriter, r: RowState, meetingId: string): void {
  const had = new Map(w.all<{ id: string; memberId: string; present: number; reason: string | null }>('SELECT id, member_id AS memberId, present, reason FROM meeting_attendance WHERE meeting_id = ?', meetingId).map((a) => [a.memberId, a]));
  const absent = absentOf(r) ?? [];
  for (const a of absent) {
    const row = had.get(a.memberId);
    if (!row) w.create('meetingAttendance', { id: newId(), meetingId, memberId: a.memberId, present: 0, reason: a.reason, importBatchId: w.batchId, createdAt: w.ctx.now }, false);
    else if (row.present !== 0 || row.reason !== a.reason) w.update('meetingAttendance', row.id, { present: 0, reason: a.reason }, false);
  }
  const named = new Set(absent.map((a) => a.memberId));
  for (const row of had.values()) if (row.present === 0 && !named.has(row.memberId)) w.update('meetingAttendance', row.id, { present: 1, reason: null }, false);
}
