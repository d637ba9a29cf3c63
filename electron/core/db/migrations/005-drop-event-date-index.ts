import { sql, type Kysely } from 'kysely';

/**
 * member_events_date (on_date, kind) is a prefix of member_events_stats (on_date, kind, member_id,
 * org_id) from migration 002: every lookup it served the wider index serves the same way, and it
 * cost one more B-tree insert for every event written (two per imported member).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`DROP INDEX IF EXISTS member_events_date`.execute(db);
}
