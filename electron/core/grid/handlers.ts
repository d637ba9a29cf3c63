import { LedgerError } from '../../../shared/contract/envelope.js';
import type { GridUnit } from '../../../shared/types/records.js';
import type { HandlerMap } from '../handler-types.js';
import type { Ctx } from '../context.js';
import { assertOrgInScope, inSubtree, orgPath } from '../auth/scope.js';
import { newId } from '../util/ids.js';
import { changedFields, } from '../util/rows.js';
import { withoutBatch } from '../util/paged.js';

/**
 * Grid units hang beside the org tree; a unit belongs to the scope of its owning organisation
 * (the community's party organisation that set it up), which is how clerks' scopes reach them.
 */
async function getGrid(ctx: Ctx, id: string) {
  const row = await ctx.db.selectFrom('grids').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new LedgerError('NOT_FOUND', '网格单元不存在');
  if (row.ownerOrgId && !inSubtree(await orgPath(ctx.db, row.ownerOrgId), ctx.actor.scopePath)) {
    throw new LedgerError('FORBIDDEN', '该网格不在您的管理范围内');
  }
  return row;
}

const toGrid = (row: Awaited<ReturnType<typeof getGrid>>): GridUnit => {
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
    let visible = rows.filter((r) => r.ownerPath === null ? ctx.actor.user.role === 'admin' : inSubtree(r.ownerPath, ctx.actor.scopePath));
    if (input.rootId) {
      const root = visible.find((r) => r.id === input.rootId);
      if (!root) {
        const exists = rows.some((r) => r.id === input.rootId);
        throw exists ? new LedgerError('FORBIDDEN', '该网格不在您的管理范围内') : new LedgerError('NOT_FOUND', '网格单元不存在');
      }
      visible = visible.filter((r) => r.path.startsWith(root.path));
    }
    return visible.map(({ ownerPath: _p, ...r }) => toGrid(r));
  },

  async 'grid.create'(ctx, input) {
    let parentPath = '/';
    let ownerOrgId: string | null = input.orgId ?? null;
    if (input.parentId) {
      const parent = await getGrid(ctx, input.parentId);
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
    const created = toGrid(await getGrid(ctx, id));
    await ctx.audit('grid', id, null, created);
    return created;
  },

  async 'grid.update'(ctx, input) {
    const before = toGrid(await getGrid(ctx, input.id));
    if (input.patch.orgId) await assertOrgInScope(ctx, input.patch.orgId);
    await ctx.db.updateTable('grids').set({ ...input.patch, updatedAt: ctx.now }).where('id', '=', input.id).execute();
    const after = toGrid(await getGrid(ctx, input.id));
    const diff = changedFields(before as never, after as never);
    await ctx.audit('grid', input.id, diff.before, diff.after);
    return after;
  },

  async 'grid.dissolve'(ctx, input) {
    const before = await getGrid(ctx, input.id);
    if (before.dissolvedOn) throw new LedgerError('CONFLICT', '该网格单元已撤销');
    await ctx.db.updateTable('grids').set({ dissolvedOn: input.onDate, updatedAt: ctx.now }).where('path', '>=', before.path).where('path', '<', before.path.slice(0, -1) + '0').where('dissolvedOn', 'is', null).execute();
    const after = toGrid(await getGrid(ctx, input.id));
    await ctx.audit('grid', input.id, { dissolvedOn: null }, { dissolvedOn: input.onDate });
    return after;
  },
};
