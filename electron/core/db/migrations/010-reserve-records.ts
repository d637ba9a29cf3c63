import { sql, type Kysely } from 'kysely';

/**
 * 村级后备力量 as dated records (issue 10):
 *
 * - reserves.member_id links a reserve who is a party member of the ledger (dev_person_id already
 *   links a pipeline person). A linked reserve keeps no second copy of the person: name, sex, birth
 *   date, ethnicity and education are read from the member (or pipeline person), so reserves.name
 *   becomes nullable (added anew, copied, old column dropped: SQLite cannot relax NOT NULL in place).
 * - reserve_records holds every dated fact of a reserve: the stage moves (kind 'stage', column
 *   stage: recommended / assessed / training / entered / exited, with post or reason), 培养措施
 *   ('measure'), 岗位锻炼 ('rotation'), 培养联系人 ('mentor'), 考察评价 ('assessment') and
 *   负面清单 facts ('negative', column code). `findings` keeps the checks that warned when the record
 *   was written, with the reason a person gave (`reason`). An administrator's correction voids a
 *   record (voided_at, void_reason) instead of deleting it. import_batch_id makes imported records
 *   undoable with their batch.
 * - Existing rows are carried over: the stage reached becomes dated stage records (入库日期 or the
 *   creation day where no date was kept; 进入两委 / 出库 on exit_on), demo kinds 'training' / 'post'
 *   become 'measure' / 'rotation', and reserves whose ID number is a member's or a pipeline
 *   person's are linked and lose their copies.
 *
 * Frozen: nothing imports from this file.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const run = (q: string) => sql.raw(q).execute(db);
  await run(`ALTER TABLE reserves ADD COLUMN member_id TEXT REFERENCES members(id)`);
  // Like migration 009's reference indexes: deleting a member must not scan the reserves.
  await run(`CREATE INDEX reserves_member ON reserves(member_id)`);
  await run(`ALTER TABLE reserves ADD COLUMN person_name TEXT`);
  await run(`UPDATE reserves SET person_name = name`);
  await run(`ALTER TABLE reserves DROP COLUMN name`);
  await run(`ALTER TABLE reserves RENAME COLUMN person_name TO name`);

  for (const c of ['stage TEXT', 'post TEXT', 'reason TEXT', 'code TEXT', 'findings TEXT', 'voided_at TEXT', 'void_reason TEXT', 'import_batch_id TEXT']) {
    await run(`ALTER TABLE reserve_records ADD COLUMN ${c}`);
  }
  await run(`CREATE INDEX reserve_records_reserve ON reserve_records(reserve_id, kind, on_date)`);
  await run(`UPDATE reserve_records SET kind = 'measure' WHERE kind = 'training'`);
  await run(`UPDATE reserve_records SET kind = 'rotation' WHERE kind = 'post'`);

  // Stages reached, oldest first; a stage before the first known date takes that date.
  const pooled = `coalesce(entered_pool_on, substr(created_at, 1, 10))`;
  const insertStage = (stage: string, date: string, where: string, extra = `NULL, NULL`) =>
    run(`INSERT INTO reserve_records (id, reserve_id, kind, stage, on_date, post, reason, content, created_at)
         SELECT lower(hex(randomblob(16))), id, 'stage', '${stage}', ${date}, ${extra}, '升级前的记录：阶段日期按入库日期补记', updated_at FROM reserves WHERE ${where}`);
  await insertStage('recommended', pooled, `1`);
  await insertStage('assessed', pooled, `stage IN ('assessed', 'training', 'entered', 'exited')`);
  await insertStage('training', pooled, `stage IN ('training', 'entered', 'exited')`);
  await insertStage('entered', `coalesce(exit_on, ${pooled})`, `stage = 'entered'`, `exit_post, NULL`);
  await insertStage('exited', `coalesce(exit_on, ${pooled})`, `stage = 'exited'`, `NULL, exit_reason`);

  await run(`UPDATE reserves SET member_id = (SELECT m.id FROM members m WHERE m.id_number = reserves.id_number)`);
  await run(`UPDATE reserves SET dev_person_id = (SELECT p.id FROM dev_people p WHERE p.id_number = reserves.id_number) WHERE dev_person_id IS NULL AND member_id IS NULL`);
  await run(`UPDATE reserves SET name = NULL, gender = NULL, birth_date = NULL, ethnicity = NULL, education = NULL WHERE member_id IS NOT NULL OR dev_person_id IS NOT NULL`);
}
