import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { Ctx } from '../context.js';
import type { AttendanceRow, Meeting } from '../../../shared/contract/meeting.js';
import { meetingInScope } from '../auth/records.js';

/** A meeting with its organisation's name: what every reader of meetings selects. */
export function meetingQuery(db: Kysely<DB>) {
  return db
    .selectFrom('meetings as t')
    .innerJoin('orgs as o', 'o.id', 't.orgId')
    .select(['t.id', 't.orgId', 't.kind', 't.heldOn', 't.topic', 't.attendees', 't.absentees', 't.note', 't.createdAt', 't.updatedAt'])
    .select(sql<string>`coalesce(o.short_name, o.name)`.as('orgName'));
}

export const toMeeting = (r: Awaited<ReturnType<ReturnType<typeof meetingQuery>['executeTakeFirstOrThrow']>>): Meeting => ({ ...r, kind: r.kind as Meeting['kind'] });

/** A meeting inside the caller's subtree. */
export async function loadMeeting(ctx: Ctx, id: string): Promise<Meeting> {
  await meetingInScope(ctx, id);
  return toMeeting(await meetingQuery(ctx.db).where('t.id', '=', id).executeTakeFirstOrThrow());
}

/** Present first, then by name. */
export async function loadAttendance(db: Kysely<DB>, meetingId: string): Promise<AttendanceRow[]> {
  const rows = await db
    .selectFrom('meetingAttendance as a')
    .innerJoin('members as m', 'm.id', 'a.memberId')
    .select(['a.memberId', 'm.name', 'a.present', 'a.reason'])
    .where('a.meetingId', '=', meetingId)
    .orderBy('a.present', 'desc')
    .orderBy('m.name')
    .execute();
  return rows.map((r) => ({ memberId: r.memberId, name: r.name, present: r.present === 1, reason: r.reason }));
}
