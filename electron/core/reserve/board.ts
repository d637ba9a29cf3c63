/**
 * The 后备力量 page's board: per village of the subtree, reserves by current stage and those in
 * 入库培养 for the 村党组织书记 post (a village with none is flagged); per year, entries into 两委
 * against the pool of that year (the same cohort rule as the statistics, shared/domain/reserve-rules.ts).
 */
import { sql } from 'kysely';
import type { Ctx } from '../context.js';
import type { ReserveBoard, ReserveBoardVillage } from '../../../shared/contract/reserve.js';
import { RESERVE_STAGES, enteredIn, inCohort, spanOf, type ReserveStage } from '../../../shared/domain/reserve-rules.js';
import { subtreeUpper } from '../auth/scope.js';
import { stagesIn } from './load.js';

const YEARS_SHOWN = 6;

/** Village organisations (the top one of each 建制村) in the subtree, existing today. */
async function villagesIn(ctx: Ctx, root: string) {
  const rows = (
    // Short names (东风村党支部, 红旗乡党委) where kept: the board is a narrow table.
    await sql<{ id: string; name: string; path: string; parentId: string | null; kind: string; dissolvedOn: string | null; parentName: string | null; parentCategory: string | null }>`
      SELECT o.id, coalesce(o.short_name, o.name) AS name, o.path, o.parent_id, o.kind, o.dissolved_on, coalesce(p.short_name, p.name) AS parent_name, p.unit_category AS parent_category
      FROM orgs o LEFT JOIN orgs p ON p.id = o.parent_id
      WHERE o.path >= ${root} AND o.path < ${subtreeUpper(root)} AND o.unit_category = 'village'`.execute(ctx.db)
  ).rows;
  return rows.filter((o) => o.kind !== 'group' && o.parentCategory !== 'village' && (o.dissolvedOn === null || o.dissolvedOn > ctx.today));
}

export async function reserveBoard(ctx: Ctx, root: string): Promise<ReserveBoard> {
  const villages = await villagesIn(ctx, root);
  const byPath = new Map<string, ReserveBoardVillage>();
  const out: ReserveBoardVillage[] = villages
    .sort((a, b) => a.path.localeCompare(b.path))
    .map((v) => {
      const row: ReserveBoardVillage = {
        orgId: v.id,
        name: v.name,
        townName: v.parentName,
        stages: Object.fromEntries(RESERVE_STAGES.map((s) => [s, 0])) as Record<ReserveStage, number>,
        secretaryReserves: 0,
      };
      byPath.set(v.path, row);
      return row;
    });
  const villageOf = (path: string) => {
    // The village is the nearest ancestor-or-self whose path is a village's.
    for (let end = path.length; end > 0; end = path.lastIndexOf('/', end - 2) + 1) {
      const hit = byPath.get(path.slice(0, end));
      if (hit) return hit;
    }
    return undefined;
  };
  const reserves = await ctx.db
    .selectFrom('reserves as r')
    .innerJoin('orgs as o', 'o.id', 'r.villageOrgId')
    .select(['r.id', 'r.stage', 'r.direction', 'o.path'])
    .where('o.path', '>=', root)
    .where('o.path', '<', subtreeUpper(root))
    .execute();
  for (const r of reserves) {
    const v = villageOf(r.path);
    if (!v) continue;
    v.stages[r.stage as ReserveStage] += 1;
    if (r.stage === 'training' && r.direction === 'secretary') v.secretaryReserves += 1;
  }

  const byReserve = await stagesIn(ctx.db, root, subtreeUpper(root), { only: ['training', 'entered', 'exited'] });
  const spans = [...byReserve.values()].map(spanOf);
  const thisYear = Number(ctx.today.slice(0, 4));
  const years: ReserveBoard['years'] = [];
  // Newest first: the current year is what a clerk looks for.
  for (let y = thisYear; y > thisYear - YEARS_SHOWN; y--) {
    const from = `${y}-01-01`;
    const to = `${y}-12-31`;
    const entered = spans.filter((s) => enteredIn(s, from, to)).length;
    const pool = spans.filter((s) => inCohort(s, from, to)).length;
    years.push({ year: y, entered, pool, ratio: pool > 0 ? Math.round((entered / pool) * 1000) / 10 : null });
  }
  return { villages: out, years };
}
