import { sql, type Kysely } from 'kysely';

/**
 * member_changes: which members rows were updated or deleted, for the statistics member store
 * (electron/core/stats/member-store.ts), which keeps the members_facts values of every member in
 * memory and must learn of every change, whoever writes (member handlers, import commit and undo,
 * another process on the same file). Inserts need no record: a new row has a rowid above the
 * store's last max(rowid) (SQLite gives max + 1; a reused rowid is first deleted, which is recorded).
 * One row per member (rid is the key, seq moves on), so the table never outgrows members. Only
 * the columns the statistics pass reads fire the update trigger.
 *
 * table_changes: for the other tables statistics read, a counter per table that every update or
 * delete moves on. With max(rowid) (inserts) it makes an exact version of the table's content
 * (stats/versions.ts), so figures computed from tables no write has touched since are reused
 * (a member edit does not recompute the organisation figures). Inserts fire nothing: bulk imports
 * pay nothing for it.
 */
export const VERSIONED_TABLES = [
  'member_events', 'orgs', 'org_ratings', 'grids', 'dev_people', 'dev_steps', 'reserves', 'reserve_records', 'team_members', 'team_months', 'team_grades',
] as const;
export const FACT_COLUMNS = [
  'org_id', 'birth_date', 'joined_on', 'confirmed_on', 'left_on', 'left_reason', 'gender', 'ethnicity', 'education',
  'job_category', 'status', 'category', 'mobile', 'lost_contact', 'grid_id', 'party_age_adjust_months',
] as const;

const record = `INSERT OR REPLACE INTO member_changes (rid, seq) VALUES (old.rowid, (SELECT coalesce(max(seq), 0) + 1 FROM member_changes))`;

export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE TABLE member_changes (rid INTEGER PRIMARY KEY, seq INTEGER NOT NULL)`.execute(db);
  await sql`CREATE INDEX member_changes_seq ON member_changes(seq)`.execute(db);
  await sql.raw(`CREATE TRIGGER members_fact_update AFTER UPDATE OF ${FACT_COLUMNS.join(', ')} ON members BEGIN ${record}; END`).execute(db);
  await sql.raw(`CREATE TRIGGER members_fact_delete AFTER DELETE ON members BEGIN ${record}; END`).execute(db);
  await sql`CREATE TABLE table_changes (tbl TEXT PRIMARY KEY, n INTEGER NOT NULL) WITHOUT ROWID`.execute(db);
  for (const t of VERSIONED_TABLES) {
    await sql.raw(`INSERT INTO table_changes (tbl, n) VALUES ('${t}', 0)`).execute(db);
    for (const op of ['UPDATE', 'DELETE']) {
      await sql.raw(`CREATE TRIGGER ${t}_changed_${op.toLowerCase()} AFTER ${op} ON ${t} BEGIN UPDATE table_changes SET n = n + 1 WHERE tbl = '${t}'; END`).execute(db);
    }
  }
}
