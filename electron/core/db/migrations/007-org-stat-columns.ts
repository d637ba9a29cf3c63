import { sql, type Kysely } from 'kysely';

/**
 * The organisations' counter of table_changes (migration 006) moves only when a column statistics
 * read changes: a renamed organisation, a new phone or secretary leaves every figure as it was, so
 * the figures computed from organisations are reused (names come fresh with every result and
 * drill list). Deletes still count.
 */
export const ORG_STAT_COLUMNS = [
  'parent_id', 'path', 'depth', 'kind', 'unit_category', 'founded_on', 'dissolved_on',
  'term_elected_on', 'term_years', 'term_extended_to', 'stars', 'weak', 'rectification_status',
] as const;

export async function up(db: Kysely<any>): Promise<void> {
  await sql`DROP TRIGGER IF EXISTS orgs_changed_update`.execute(db);
  await sql.raw(`CREATE TRIGGER orgs_changed_update AFTER UPDATE OF ${ORG_STAT_COLUMNS.join(', ')} ON orgs BEGIN UPDATE table_changes SET n = n + 1 WHERE tbl = 'orgs'; END`).execute(db);
}
