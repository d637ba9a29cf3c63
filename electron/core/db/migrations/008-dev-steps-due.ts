import { sql, type Kysely } from 'kysely';

/**
 * The dated steps that say what falls due next in the pipeline (谈话, 支部大会, 转正支部大会), by
 * person: the pipeline figure (stats/subjects.ts dueSteps) reads them for the few thousand people
 * in the pipeline from this covering index instead of visiting their step rows one by one
 * (~0.23 s → a few ms at the 250k demo county). 预备期延长 steps are rare and carry data: they
 * are read on their own.
 */
export const DUE_DATE_STEPS = ['talked', 'branch-meeting', 'confirm-meeting'] as const;
export const DUE_DATE_STEPS_SQL = DUE_DATE_STEPS.map((s) => `'${s}'`).join(', ');

export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw(`CREATE INDEX dev_steps_due ON dev_steps(person_id, step, on_date) WHERE step IN (${DUE_DATE_STEPS_SQL})`).execute(db);
}
