import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { readSetting } from '../settings/settings.js';

/**
 * The organisation an audit row concerns (audit_log.org_id): administrators of its subtree may read
 * the row. A record's own organisation (a member's branch, a grid's owning organisation, a user's
 * scope, an import's sender; an organisation is its own); rows about nothing in the tree (settings,
 * backups, the set-up) belong to the root. Migration 011 fills old rows by the same rules.
 */

type OrgBoundTable = 'members' | 'devPeople' | 'meetings' | 'grids' | 'reserves' | 'teamMembers' | 'users' | 'importBatches' | 'orgOfficers' | 'orgElections' | 'orgRatings' | 'orgRectifications';

/** Records bound to an organisation: their table, its organisation column (= the image's key). */
const OWN: Record<string, { table: OrgBoundTable; column: string }> = {
  member: { table: 'members', column: 'orgId' },
  devPerson: { table: 'devPeople', column: 'orgId' },
  meeting: { table: 'meetings', column: 'orgId' },
  grid: { table: 'grids', column: 'ownerOrgId' },
  reserve: { table: 'reserves', column: 'villageOrgId' },
  teamMember: { table: 'teamMembers', column: 'villageOrgId' },
  user: { table: 'users', column: 'scopeOrgId' },
  importBatch: { table: 'importBatches', column: 'senderOrgId' },
  orgOfficer: { table: 'orgOfficers', column: 'orgId' },
  orgElection: { table: 'orgElections', column: 'orgId' },
  orgRating: { table: 'orgRatings', column: 'orgId' },
  orgRectification: { table: 'orgRectifications', column: 'orgId' },
};

/** Records that belong to a person: their organisation is the person's. */
const CHILD: Record<string, { table: 'devSteps' | 'memberEvents' | 'teamMonths' | 'teamLeaves' | 'teamTrainings' | 'teamGrades' | 'meetingAttendance' | 'gridChanges' | 'gridRegistrations'; column: string; parent: string }> = {
  devStep: { table: 'devSteps', column: 'personId', parent: 'devPerson' },
  memberEvent: { table: 'memberEvents', column: 'memberId', parent: 'member' },
  teamMonth: { table: 'teamMonths', column: 'teamMemberId', parent: 'teamMember' },
  teamLeave: { table: 'teamLeaves', column: 'teamMemberId', parent: 'teamMember' },
  teamTraining: { table: 'teamTrainings', column: 'teamMemberId', parent: 'teamMember' },
  teamGrade: { table: 'teamGrades', column: 'teamMemberId', parent: 'teamMember' },
  meetingAttendance: { table: 'meetingAttendance', column: 'meetingId', parent: 'meeting' },
  gridChange: { table: 'gridChanges', column: 'gridId', parent: 'grid' },
  gridRegistration: { table: 'gridRegistrations', column: 'memberId', parent: 'member' },
};

const text = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

function fromImages(key: string, images: readonly unknown[]): string | null {
  for (const im of images) {
    if (typeof im === 'object' && im !== null && !Array.isArray(im)) {
      const v = text((im as Record<string, unknown>)[key]);
      if (v) return v;
    }
  }
  return null;
}

/**
 * The organisation as the row's own images say (no reads): enough for the import's bulk writer,
 * whose images are whole rows. Null when the images do not say (an edit's diff, a child record).
 */
export function orgInImages(entity: string, entityId: string | null, images: readonly unknown[]): string | null {
  if (entity === 'org') return entityId;
  const own = OWN[entity];
  return own ? fromImages(own.column, images) : null;
}

async function columnOf(db: Kysely<DB>, table: string, column: string, id: string): Promise<string | null> {
  const row = await (db as Kysely<any>).selectFrom(table).select(`${column} as v`).where('id', '=', id).executeTakeFirst();
  return text(row?.v);
}

/** The organisation of a record by its images, else by reading it (the images of an edit are a diff). */
export async function orgOfRecord(db: Kysely<DB>, entity: string, entityId: string | null, images: readonly unknown[]): Promise<string | null> {
  const seen = orgInImages(entity, entityId, images);
  if (seen || !entityId) return seen;
  const own = OWN[entity];
  if (own) return columnOf(db, own.table, own.column, entityId);
  const child = CHILD[entity];
  if (!child) return null;
  const parentId = fromImages(child.column, images) ?? (await columnOf(db, child.table, child.column, entityId));
  return parentId ? orgOfRecord(db, child.parent, parentId, []) : null;
}

/** The root organisation: what belongs to the whole ledger belongs to it. */
export async function rootOrgId(db: Kysely<DB>): Promise<string | null> {
  return text(await readSetting(db, 'rootOrgId'));
}

/** A user's scope organisation (host events name the user, not a record). */
export async function scopeOfUser(db: Kysely<DB>, userId: string | null): Promise<string | null> {
  return userId ? columnOf(db, 'users', 'scopeOrgId', userId) : null;
}
