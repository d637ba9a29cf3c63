import { sql, type Kysely } from 'kysely';

/**
 * The 发展党员 record's own history (DOMAIN.md §4, issue 9):
 * - dev_steps.findings: the rule warnings a step raised and the reason given for each to go ahead
 *   (JSON [{ruleId, message, severity, reason}]), kept with the step;
 * - dev_step_corrections: steps an administrator took out as wrong, kept whole with the reason, who
 *   and when. A step leaves dev_steps (so every reader of the steps, the statistics included, sees
 *   the corrected record) but not the person's record.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE dev_steps ADD COLUMN findings TEXT`.execute(db);
  await sql`CREATE TABLE dev_step_corrections (
    id TEXT PRIMARY KEY,
    person_id TEXT NOT NULL REFERENCES dev_people(id),
    step_id TEXT NOT NULL,
    step TEXT NOT NULL,
    on_date TEXT NOT NULL,
    data TEXT,
    findings TEXT,
    step_created_at TEXT NOT NULL,
    reason TEXT NOT NULL,
    user_id TEXT NOT NULL REFERENCES users(id),
    created_at TEXT NOT NULL
  )`.execute(db);
  await sql`CREATE INDEX dev_step_corrections_person ON dev_step_corrections(person_id)`.execute(db);
}
