/**
 * The 发展党员 board: per branch of the subtree, who is in which stage of the way in and since when
 * (the date of the step that opened it), the longest-waiting first. One read of the people still on
 * the way with their opening step's date (dev_steps_person index).
 */
import { sql } from 'kysely';
import type { Ctx } from '../context.js';
import { BOARD_CELL_PEOPLE, BOARD_STAGES, type BoardStage, type PipelineBoard } from '../../../shared/contract/pipeline.js';
import { STAGE_STEP } from '../../../shared/domain/pipeline-steps.js';
import { subtreeUpper } from '../auth/scope.js';

const zero = (): Record<BoardStage, number> => ({ applicant: 0, activist: 0, candidate: 0, probationary: 0 });
const openingStep = sql.raw(`CASE p.stage ${BOARD_STAGES.map((s) => `WHEN '${s}' THEN '${STAGE_STEP[s]}'`).join(' ')} END`);

export async function pipelineBoard(ctx: Ctx, root: string): Promise<PipelineBoard> {
  const rows = (
    await sql<{ id: string; name: string; stage: BoardStage; orgId: string; orgName: string; orgPath: string; parentName: string | null; since: string | null }>`
      SELECT p.id, p.name, p.stage, p.org_id, coalesce(o.short_name, o.name) AS org_name, o.path AS org_path, coalesce(u.short_name, u.name) AS parent_name,
        (SELECT max(s.on_date) FROM dev_steps s WHERE s.person_id = p.id AND s.step = ${openingStep}) AS since
      FROM dev_people p JOIN orgs o ON o.id = p.org_id LEFT JOIN orgs u ON u.id = o.parent_id
      WHERE o.path >= ${root} AND o.path < ${subtreeUpper(root)} AND p.stage IN (${sql.join(BOARD_STAGES)})`.execute(ctx.db)
  ).rows;
  // The longest-waiting first, then by name; branches in tree order.
  rows.sort((a, b) => (a.since ?? '').localeCompare(b.since ?? '') || a.name.localeCompare(b.name, 'zh-CN'));
  const byOrg = new Map<string, PipelineBoard['branches'][number] & { path: string }>();
  const totals = zero();
  for (const r of rows) {
    let b = byOrg.get(r.orgId);
    if (!b) {
      b = { orgId: r.orgId, name: r.orgName, parentName: r.parentName, counts: zero(), people: { applicant: [], activist: [], candidate: [], probationary: [] }, path: r.orgPath };
      byOrg.set(r.orgId, b);
    }
    b.counts[r.stage]++;
    totals[r.stage]++;
    if (b.people[r.stage].length < BOARD_CELL_PEOPLE) b.people[r.stage].push({ id: r.id, name: r.name, since: r.since });
  }
  const branches = [...byOrg.values()].sort((a, b) => a.path.localeCompare(b.path)).map(({ path: _p, ...b }) => b);
  return { branches, totals };
}
