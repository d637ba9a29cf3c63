import { sql, type Kysely } from 'kysely';

/**
 * Covering indexes for statistics "as of" a date (electron/core/stats): one pass over
 * members_stats reads every field a member figure needs without touching the wide members rows,
 * and member_events_stats finds the members with membership events after a date by a range scan.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE INDEX members_stats ON members(org_id, status, left_on, joined_on, confirmed_on, category, birth_date, gender, ethnicity, education, job_category, mobile, lost_contact, grid_id, party_age_adjust_months, left_reason)`.execute(db);
  await sql`CREATE INDEX member_events_stats ON member_events(on_date, kind, member_id, org_id)`.execute(db);
}
