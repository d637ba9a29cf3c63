import { LedgerError } from '../../../shared/contract/envelope.js';
import type { GridUnit } from '../../../shared/types/records.js';
import type { HandlerMap } from '../handler-types.js';
import { assertOrgInScope, inSubtree } from '../auth/scope.js';
import { gridInScope } from '../auth/records.js';
import { newId } from '../util/ids.js';
import { changedFields } from '../util/rows.js';
import { withoutBatch } from '../util/paged.js';

/**
 * Grid units hang beside the org tree; a unit belongs to the scope of its owning organisation
 * (the community's party organisation that set it up), which is how clerks' scopes reach them.
 * A unit without an owner is the county's (auth/records.ts).
 */
const toGrid = (row: Awaited<ReturnType<typeof gridInScope>>): GridUnit => {
  const { ownerOrgId: _o, ...rest } = withoutBatch(row);
  return rest;
};

export const gridHandlers: HandlerMap<'grid.'> = {
  async 'grid.tree'(ctx, input) {
    const rows = await ctx.db
      .selectFrom('grids as g')
      .leftJoin('orgs as o', 'o.id', 'g.ownerOrgId')
      .selectAll('g')
      .select('o.path as ownerPath')
      .where('g.dissolvedOn', 'is', null)
      .orderBy('g.path')
      .execute();
    let visible = rows.filter((r) => (r.ownerPath === null ? ctx.actor.countyWide : inSubtree(r.ownerPath, ctx.actor.scopePath)));
    if (input.rootId) {
      const root = visible.find((r) => r.id === input.rootId);
      if (!root) {
        const exists = rows.some((r) => r.id === input.rootId);
        throw exists ? new LedgerError('FORBIDDEN', '该网格单元不在您的管理范围内') : new LedgerError('NOT_FOUND', '网格单元不存在');
      }
      visible = visible.filter((r) => r.path.startsWith(root.path));
    }
    return visible.map(({ ownerPath: _p, ...r }) => toGrid(r));
  },

  async 'grid.create'(ctx, input) {
    let parentPath = '/';
    let ownerOrgId: string | null = input.orgId ?? null;
    if (input.parentId) {
      const parent = await gridInScope(ctx, input.parentId);
      parentPath = parent.path;
      ownerOrgId = parent.ownerOrgId ?? ownerOrgId;
    }
    if (!ownerOrgId) throw new LedgerError('VALIDATION', '顶层网格单元（社区）须指定所属党组织', { field: 'orgId' });
    await assertOrgInScope(ctx, ownerOrgId);
    if (input.orgId) await assertOrgInScope(ctx, input.orgId);
    const id = newId();
    const { parentId, ...fields } = input;
    await ctx.db
      .insertInto('grids')
      .values({ ...fields, id, parentId, path: `${parentPath}${id}/`, ownerOrgId, createdAt: ctx.now, updatedAt: ctx.now } as never)
      .execute();
    const created = toGrid(await gridInScope(ctx, id));
    await ctx.audit('grid', id, null, created);
    return created;
  },

  async 'grid.update'(ctx, input) {
    const before = toGrid(await gridInScope(ctx, input.id));
    if (input.patch.orgId) await assertOrgInScope(ctx, input.patch.orgId);
    await ctx.db.updateTable('grids').set({ ...input.patch, updatedAt: ctx.now }).where('id', '=', input.id).execute();
    const after = toGrid(await gridInScope(ctx, input.id));
    const diff = changedFields(before as never, after as never);
    await ctx.audit('grid', input.id, diff.before, diff.after);
    return after;
  },

  async 'grid.dissolve'(ctx, input) {
    const before = await gridInScope(ctx, input.id);
    if (before.dissolvedOn) throw new LedgerError('CONFLICT', '该网格单元已撤销');
    await ctx.db.updateTable('grids').set({ dissolvedOn: input.onDate, updatedAt: ctx.now }).where('path', '>=', before.path).where('path', '<', before.path.slice(0, -1) + '0').where('dissolvedOn', 'is', null).execute();
    const after = toGrid(await gridInScope(ctx, input.id));
    await ctx.audit('grid', input.id, { dissolvedOn: null }, { dissolvedOn: input.onDate });
    return after;
  },
};
