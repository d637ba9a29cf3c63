import { sql, type Kysely } from 'kysely';

/**
 * Narrower indexes for statistics at county scale (electron/core/stats). The ledger is encrypted,
 * so every page a query touches is decrypted: the cost of a statistics pass is mostly the size of
 * what it reads.
 * - members_cube replaces members_stats: the same fields, but the 36-character grid_id becomes
 *   `grid_id IS NOT NULL` and status / category their one tested value, so the member pass reads
 *   about a quarter less. The statistics queries name these expressions exactly as written here.
 * - dev_steps_stage: the steps that set a pipeline stage, per person in date order, so the
 *   pipeline and the admissions of a period are read from one small partial index instead of
 *   every step row.
 */
export const DEV_STAGE_STEPS = ['applied', 'activist', 'candidate', 'approved', 'confirmed', 'cancelled'] as const;
const stageList = sql.raw(DEV_STAGE_STEPS.map((s) => `'${s}'`).join(', '));

export async function up(db: Kysely<any>): Promise<void> {
  await sql`DROP INDEX IF EXISTS members_stats`.execute(db);
  await sql`CREATE INDEX members_cube ON members(org_id, status = 'active', left_on, joined_on, confirmed_on, category = 'probationary', birth_date, gender, ethnicity, education, job_category, mobile, lost_contact, grid_id IS NOT NULL, party_age_adjust_months, left_reason)`.execute(db);
  await sql`CREATE INDEX dev_steps_stage ON dev_steps(person_id, on_date, created_at, step) WHERE step IN (${stageList})`.execute(db);
}
