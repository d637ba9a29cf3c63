import { sql, type Kysely } from 'kysely';

/**
 * Indexes on the foreign-key columns that point at members and dev_people and had none. Deleting a
 * parent row makes SQLite look for child rows in every table that references it; without an index
 * that is a full scan of the child table per deleted row. Undoing an import deletes its members
 * and development people in one statement, so each of the 50,000 members scanned org_officers,
 * dev_people and team_members (a third of the undo at 3,000 members, and growing with the county).
 */
export const REFERENCE_INDEXES = [
  ['dev_people_member', 'dev_people', 'member_id'],
  ['org_officers_member', 'org_officers', 'member_id'],
  ['team_members_member', 'team_members', 'member_id'],
  ['reserves_dev_person', 'reserves', 'dev_person_id'],
] as const;

export async function up(db: Kysely<any>): Promise<void> {
  for (const [name, table, column] of REFERENCE_INDEXES) await sql.raw(`CREATE INDEX ${name} ON ${table}(${column})`).execute(db);
}
