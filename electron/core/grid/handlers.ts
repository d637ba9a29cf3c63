/**
 * Grid units (shared/contract/grid.ts): scope is the owning organisation's subtree (auth/records.ts
 * gridInScope), every write goes through write.ts (dated records, audit), past states come from
 * history.ts.
 */
import { sql } from 'kysely';
import type { HandlerMap } from '../handler-types.js';
import { listRootPath, orgPath } from '../auth/scope.js';
import { gridInScope } from '../auth/records.js';
import type { GridChangeKind, GridKind } from '../../../shared/domain/grid-rules.js';
import { loadLiveUnit, loadUnit, unitsUnder } from './load.js';
import { LedgerError } from '../../../shared/contract/envelope.js';
import { correctFounding, coverUnit, createUnit, dissolveUnit, moveUnit, renameUnit, updatePlain } from './write.js';
import { registerMember, registrationsOf } from './registrations.js';
import { coverageRows } from './coverage.js';
import { saveRows } from './save-rows.js';

export const gridHandlers: HandlerMap<'grid.'> = {
  async 'grid.tree'(ctx, input) {
    const rootPath = await listRootPath(ctx, input.under);
    const nodes = await unitsUnder(ctx, rootPath, { asOf: input.asOf, includeDissolved: input.includeDissolved });
    if (!input.rootId) return nodes;
    const root = await loadUnit(ctx, input.rootId);
    const top = nodes.find((n) => n.id === root.id);
    return top ? nodes.filter((n) => n.path.startsWith(top.path)) : [];
  },

  async 'grid.get'(ctx, input) {
    const u = await loadUnit(ctx, input.id);
    const [node] = (await unitsUnder(ctx, await orgPath(ctx.db, u.ownerOrgId), { includeDissolved: true })).filter((n) => n.id === u.id);
    const above = u.path.split('/').filter((x) => x && x !== u.id);
    const rows = above.length ? await ctx.db.selectFrom('grids').select(['id', 'name', 'kind']).where('id', 'in', above).execute() : [];
    const ancestors = above.map((a) => rows.find((r) => r.id === a)!).map((r) => ({ id: r.id, name: r.name, kind: r.kind as GridKind }));
    return { unit: node!, ancestors };
  },

  'grid.create': (ctx, input) => createUnit(ctx, input),
  async 'grid.update'(ctx, input) {
    const u = await loadLiveUnit(ctx, input.id);
    if (input.expectedUpdatedAt && input.expectedUpdatedAt !== u.updatedAt) throw new LedgerError('CONFLICT', `“${u.name}”已被他人修改，请刷新后再改`);
    const { foundedOn, ...plain } = input.patch;
    if (foundedOn) await correctFounding(ctx, input.id, foundedOn);
    return updatePlain(ctx, input.id, plain);
  },
  'grid.rename': (ctx, input) => renameUnit(ctx, input.id, input.name, input.onDate, input.correction),
  'grid.move': (ctx, input) => moveUnit(ctx, input.id, input.parentId, input.ownerOrgId, input.onDate),
  'grid.cover': (ctx, input) => coverUnit(ctx, input.id, input.orgId, input.onDate),
  'grid.dissolve': (ctx, input) => dissolveUnit(ctx, input.id, input.onDate, input.reason ?? null, input.withChildren),

  async 'grid.history'(ctx, input) {
    await gridInScope(ctx, input.id);
    const rows = await ctx.db
      .selectFrom('gridChanges as c')
      .leftJoin('grids as p', 'p.id', 'c.parentId')
      .leftJoin('orgs as ow', 'ow.id', 'c.ownerOrgId')
      .leftJoin('orgs as o', 'o.id', 'c.orgId')
      .select([
        'c.id', 'c.gridId', 'c.kind', 'c.onDate', 'c.name', 'c.parentId', 'p.name as parentName', 'c.ownerOrgId',
        sql<string | null>`coalesce(ow.short_name, ow.name)`.as('ownerName'), 'c.orgId', sql<string | null>`coalesce(o.short_name, o.name)`.as('orgName'), 'c.reason', 'c.createdAt',
      ])
      .where('c.gridId', '=', input.id)
      .orderBy('c.onDate')
      .orderBy(sql`c.rowid`)
      .execute();
    return rows.map((r) => ({ ...r, kind: r.kind as GridChangeKind }));
  },

  'grid.register': (ctx, input) => registerMember(ctx, input.memberId, input.gridId, input.onDate),
  'grid.registrations': (ctx, input) => registrationsOf(ctx, input.gridId, input),

  async 'grid.coverage'(ctx, input) {
    const rootPath = await listRootPath(ctx, input.under);
    return { asOf: input.asOf ?? ctx.today, rows: await coverageRows(ctx, rootPath, input.asOf) };
  },

  'grid.saveRows': (ctx, input) => saveRows(ctx, input),
};
