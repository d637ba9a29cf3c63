/** Writes that change the shape of the tree: move a subtree, dissolve (with its children). */
import { sql } from 'kysely';
import type { HandlerMap } from '../handler-types.js';
import type { Ctx } from '../context.js';
import { LedgerError } from '../../../shared/contract/envelope.js';
import type { OrgKind } from '../../../shared/codes/tables.js';
import { placementRefusal } from '../../../shared/domain/org-rules.js';
import { addDays, compareDates } from '../../../shared/domain/dates.js';
import type { OrgRow } from '../db/schema.js';
import { assertOrgInScope, subtreeUpper } from '../auth/scope.js';
import { assertDateFor, assertLive, childPath, getOrgRow, loadOrgRow, toOrg } from './load.js';
import { recordChange } from './changes.js';

/** Refuses a write on the caller's own scope root (they could lose sight of it) or the county root. */
export function assertNotScopeRoot(ctx: Ctx, row: OrgRow, what: string): void {
  if (row.parentId === null) throw new LedgerError('FORBIDDEN', `根组织不能${what}`);
  if (row.path === ctx.actor.scopePath) throw new LedgerError('FORBIDDEN', `不能${what}您自己的管理范围根组织`);
}

/** A new parent for `row`: in scope, live, not inside `row`'s own subtree, of a kind that may hold it. */
export async function parentFor(ctx: Ctx, row: OrgRow, parentId: string): Promise<{ parent: OrgRow; path: string }> {
  const path = await assertOrgInScope(ctx, parentId);
  const parent = await getOrgRow(ctx.db, parentId);
  if (parent.dissolvedOn) throw new LedgerError('CONFLICT', `“${parent.name}”已于 ${parent.dissolvedOn} 撤销，不能作为上级组织`);
  if (path.startsWith(row.path)) throw new LedgerError('VALIDATION', '不能把组织移到它自己或它的下级组织之下');
  const why = placementRefusal(parent.kind as OrgKind, row.kind as OrgKind);
  if (why) throw new LedgerError('VALIDATION', `“${row.name}”：${why}`);
  return { parent, path };
}

/**
 * Moves `row` and its subtree under `parent` on `onDate`: the dated change is kept (the tree of an
 * earlier date still shows the old place), and every materialised path below is rewritten by one
 * UPDATE of the subtree's path range. The statistics counter of orgs moves with it (migration 007's
 * trigger on path), so every cached figure read from organisations is computed again.
 */
export async function moveSubtree(ctx: Ctx, row: OrgRow, to: { parent: OrgRow; path: string }, onDate: string, reason: string | null): Promise<number> {
  if (row.parentId === to.parent.id) throw new LedgerError('VALIDATION', `“${row.name}”已在“${to.parent.name}”之下`);
  await recordChange(ctx, row, 'parent_id', row.parentId, to.parent.id, onDate, reason);
  const newPath = childPath(to.path, row.id);
  const delta = to.parent.depth + 1 - row.depth;
  const moved = await sql`UPDATE orgs SET path = ${newPath} || substr(path, ${row.path.length + 1}), depth = depth + ${delta}
    WHERE path >= ${row.path} AND path < ${subtreeUpper(row.path)}`.execute(ctx.db);
  await ctx.db.updateTable('orgs').set({ parentId: to.parent.id, updatedAt: ctx.now }).where('id', '=', row.id).execute();
  const n = Number(moved.numAffectedRows ?? 0);
  await ctx.audit('org', row.id, { parentId: row.parentId }, { parentId: to.parent.id, onDate, reason, subtree: n });
  return n;
}

/** Active members whose branch lies in the subtree of `path` (`own`: the organisation itself only). */
async function activeMembers(ctx: Ctx, row: OrgRow, own: boolean): Promise<number> {
  const q = own
    ? sql<{ n: number }>`SELECT count(*) AS n FROM members WHERE org_id = ${row.id} AND status = 'active'`
    : sql<{ n: number }>`SELECT count(*) AS n FROM members m JOIN orgs o ON o.id = m.org_id WHERE o.path >= ${row.path} AND o.path < ${subtreeUpper(row.path)} AND m.status = 'active'`;
  return (await q.execute(ctx.db)).rows[0]?.n ?? 0;
}

/** Marks one organisation dissolved and ends the posts still held in it the day before. */
export async function dissolveOne(ctx: Ctx, row: OrgRow, onDate: string, reason: string, mergedIntoId: string | null = null): Promise<void> {
  if (row.foundedOn && compareDates(onDate, row.foundedOn) < 0) throw new LedgerError('VALIDATION', `“${row.name}”成立于 ${row.foundedOn}，撤销日期不能更早`);
  await ctx.db.updateTable('orgs').set({ dissolvedOn: onDate, dissolvedReason: reason, mergedIntoId, updatedAt: ctx.now }).where('id', '=', row.id).execute();
  const lastDay = addDays(onDate, -1);
  await sql`UPDATE org_officers SET to_date = max(coalesce(from_date, ${lastDay}), ${lastDay}), end_reason = '组织撤销', updated_at = ${ctx.now}
    WHERE org_id = ${row.id} AND (to_date IS NULL OR to_date >= ${onDate})`.execute(ctx.db);
  await ctx.audit('org', row.id, { dissolvedOn: null }, { dissolvedOn: onDate, dissolvedReason: reason, ...(mergedIntoId ? { mergedIntoId } : {}) });
}

export const orgStructureHandlers = {
  async 'org.move'(ctx, input) {
    const row = await loadOrgRow(ctx, input.id);
    assertNotScopeRoot(ctx, row, '移动');
    assertLive(row, '移动');
    await moveSubtree(ctx, row, await parentFor(ctx, row, input.parentId), input.onDate, input.reason ?? null);
    return toOrg(await getOrgRow(ctx.db, row.id));
  },

  async 'org.dissolve'(ctx, input) {
    const row = await loadOrgRow(ctx, input.id);
    assertNotScopeRoot(ctx, row, '撤销');
    if (row.dissolvedOn) throw new LedgerError('CONFLICT', `该组织已于 ${row.dissolvedOn} 撤销`);
    assertDateFor(row, input.onDate, ctx.today, '撤销日期');
    const live = await ctx.db
      .selectFrom('orgs')
      .selectAll()
      .where('path', '>', row.path)
      .where('path', '<', subtreeUpper(row.path))
      .where('dissolvedOn', 'is', null)
      .orderBy('depth', 'desc')
      .execute();
    const children = live.filter((o) => o.parentId === row.id);
    if (input.children === 'dissolve') {
      const n = await activeMembers(ctx, row, false);
      if (n > 0) throw new LedgerError('CONFLICT', `该组织及其下级组织仍有 ${n} 名党员，请先转移他们的组织关系，或把下级组织移到其他组织之下`);
      // Deepest first, so no live organisation is ever left under a dissolved one.
      for (const o of live) await dissolveOne(ctx, o, input.onDate, `随“${row.name}”撤销：${input.reason}`);
    } else {
      if (children.length > 0 && !input.children) {
        throw new LedgerError('CONFLICT', `该组织仍有 ${children.length} 个未撤销的下级组织：请选择一并撤销，或移到其他组织之下`);
      }
      const n = await activeMembers(ctx, row, true);
      if (n > 0) throw new LedgerError('CONFLICT', `该组织仍有 ${n} 名党员，请先转移他们的组织关系，或把本组织并入其他组织`);
      if (input.children) {
        const target = input.children.moveTo;
        if ((await assertOrgInScope(ctx, target)).startsWith(row.path)) throw new LedgerError('VALIDATION', '下级组织不能移到将被撤销的组织之下');
        for (const c of children) await moveSubtree(ctx, c, await parentFor(ctx, c, target), input.onDate, `“${row.name}”撤销`);
      }
    }
    await dissolveOne(ctx, row, input.onDate, input.reason);
    return toOrg(await getOrgRow(ctx.db, row.id));
  },
} satisfies Partial<HandlerMap<'org.'>>;
