/**
 * The one write path of a meeting record (create, correction): the organisation and every member of
 * the attendance list inside the caller's scope, dates not in the future, the counts taken from the
 * list when one is kept; the attendance list replaced as a whole and audited with the record.
 */
import type { z } from 'zod';
import { LedgerError } from '../../../shared/contract/envelope.js';
import type { AttendanceRow, Meeting, meetingFields } from '../../../shared/contract/meeting.js';
import type { Ctx } from '../context.js';
import { assertOrgInScope } from '../auth/scope.js';
import { memberInScope } from '../auth/records.js';
import { changedFields } from '../util/rows.js';
import { newId } from '../util/ids.js';
import { loadAttendance, loadMeeting } from './loaders.js';

type Fields = z.output<typeof meetingFields>;

async function checkedAttendance(ctx: Ctx, list: NonNullable<Fields['attendance']>): Promise<void> {
  const seen = new Set<string>();
  for (const a of list) {
    if (seen.has(a.memberId)) throw new LedgerError('VALIDATION', '出席名单中有人重复', { field: 'attendance' });
    seen.add(a.memberId);
    await memberInScope(ctx, a.memberId);
  }
}

async function writeAttendance(ctx: Ctx, meetingId: string, list: NonNullable<Fields['attendance']>): Promise<void> {
  await ctx.db.deleteFrom('meetingAttendance').where('meetingId', '=', meetingId).execute();
  if (list.length === 0) return;
  await ctx.db
    .insertInto('meetingAttendance')
    .values(list.map((a) => ({ id: newId(), meetingId, memberId: a.memberId, present: a.present ? (1 as const) : (0 as const), reason: a.reason ?? null, importBatchId: null, createdAt: ctx.now })))
    .execute();
}

const counts = (list: NonNullable<Fields['attendance']>) => ({ attendees: list.filter((a) => a.present).length, absentees: list.filter((a) => !a.present).length });
type Image = Meeting & { attendance: AttendanceRow[] };

/** Creates (id null) or corrects a meeting; returns it with one audit row of what changed. */
export async function saveMeeting(ctx: Ctx, id: string | null, patch: Partial<Fields>): Promise<Meeting> {
  if (patch.orgId !== undefined) await assertOrgInScope(ctx, patch.orgId);
  if (patch.heldOn !== undefined && patch.heldOn > ctx.today) throw new LedgerError('VALIDATION', `会议日期 ${patch.heldOn} 晚于今天`, { field: 'heldOn' });
  if (patch.attendance) await checkedAttendance(ctx, patch.attendance);
  const { attendance, ...fields } = patch;
  const values = { ...fields, ...(attendance && attendance.length > 0 ? counts(attendance) : {}) };

  let before: Image | null = null;
  if (id === null) {
    id = newId();
    const f = values as Fields;
    await ctx.db
      .insertInto('meetings')
      .values({ id, orgId: f.orgId, kind: f.kind, heldOn: f.heldOn, topic: f.topic ?? null, attendees: f.attendees ?? null, absentees: f.absentees ?? null, note: f.note ?? null, importBatchId: null, createdAt: ctx.now, updatedAt: ctx.now })
      .execute();
  } else {
    before = { ...(await loadMeeting(ctx, id)), attendance: await loadAttendance(ctx.db, id) };
    await ctx.db.updateTable('meetings').set({ ...values, updatedAt: ctx.now }).where('id', '=', id).execute();
  }
  if (attendance) await writeAttendance(ctx, id, attendance);
  const after: Image = { ...(await loadMeeting(ctx, id)), attendance: await loadAttendance(ctx.db, id) };
  if (before === null) await ctx.audit('meeting', id, null, after);
  else {
    const diff = changedFields(before as unknown as Record<string, unknown>, after as unknown as Record<string, unknown>);
    delete diff.after.updatedAt;
    delete diff.before.updatedAt;
    await ctx.audit('meeting', id, diff.before, diff.after);
  }
  const { attendance: _a, ...meeting } = after;
  return meeting;
}
