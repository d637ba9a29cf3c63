import { sql } from 'kysely';
import { LedgerError } from '../../../shared/contract/envelope.js';
import type { OrgTreeNode } from '../../../shared/types/records.js';
import type { HandlerMap } from '../handler-types.js';
import type { Ctx } from '../context.js';
import { assertOrgInScope, assertOrgInScopeOrAbove, listRootPath, subtreeUpper } from '../auth/scope.js';
import { memberInScope } from '../auth/records.js';
import { newId } from '../util/ids.js';
import { changedFields, toSqlBooleans } from '../util/rows.js';
import { childPath, getOrgRow, ORG_BOOLEANS, toOrg } from './repo.js';
import { searchOrgs } from './search.js';

/** The organisation's links to other records: its secretary (a member) and the body that approved it. */
async function assertLinksInScope(ctx: Ctx, fields: { secretaryMemberId?: string | null | undefined; approvedByOrgId?: string | null | undefined }): Promise<void> {
  if (fields.secretaryMemberId) await memberInScope(ctx, fields.secretaryMemberId);
  if (fields.approvedByOrgId) await assertOrgInScopeOrAbove(ctx, fields.approvedByOrgId);
}

export const orgHandlers: HandlerMap<'org.'> = {
  async 'org.tree'(ctx, input) {
    const root = await listRootPath(ctx, input.rootId);
    // Member counts in one grouped pass; the tree itself is a range scan on the path index.
    const rows = await ctx.db
      .selectFrom('orgs as o')
      .leftJoin(
        ctx.db.selectFrom('members').select(['orgId', sql<number>`count(*)`.as('n')]).where('status', '=', 'active').groupBy('orgId').as('mc'),
        'mc.orgId',
        'o.id',
      )
      .select(['o.id', 'o.parentId', 'o.name', 'o.shortName', 'o.kind', 'o.unitCategory', 'o.dissolvedOn', 'o.depth', 'o.sortOrder', 'o.path', sql<number>`coalesce(mc.n, 0)`.as('memberCount')])
      .where('o.path', '>=', root)
      .where('o.path', '<', subtreeUpper(root))
      .$if(!input.includeDissolved, (q) => q.where('o.dissolvedOn', 'is', null))
      .orderBy('o.depth')
      .orderBy('o.sortOrder')
      .orderBy('o.name')
      .execute();
    return rows.map(({ sortOrder: _s, path: _p, ...r }): OrgTreeNode => r);
  },

  async 'org.search'(ctx, input) {
    return searchOrgs(ctx, input);
  },

  async 'org.get'(ctx, input) {
    await assertOrgInScope(ctx, input.id);
    return toOrg(await getOrgRow(ctx.db, input.id));
  },

  async 'org.create'(ctx, input) {
    const parentPath = await assertOrgInScope(ctx, input.parentId);
    await assertLinksInScope(ctx, input);
    const parent = await getOrgRow(ctx.db, input.parentId);
    if (parent.dissolvedOn) throw new LedgerError('CONFLICT', '上级组织已撤销，不能在其下新建组织');
    const id = newId();
    const values = {
      ...toSqlBooleans(input, ORG_BOOLEANS),
      id,
      parentId: input.parentId,
      path: childPath(parentPath, id),
      depth: parent.depth + 1,
      canApprove: input.canApprove ? 1 : 0,
      weak: input.weak ? 1 : 0,
      createdAt: ctx.now,
      updatedAt: ctx.now,
    } as const;
    await ctx.db.insertInto('orgs').values(values as never).execute();
    const created = toOrg(await getOrgRow(ctx.db, id));
    await ctx.audit('org', id, null, created);
    return created;
  },

  async 'org.update'(ctx, input) {
    await assertOrgInScope(ctx, input.id);
    await assertLinksInScope(ctx, input.patch);
    const before = toOrg(await getOrgRow(ctx.db, input.id));
    await ctx.db
      .updateTable('orgs')
      .set({ ...(toSqlBooleans(input.patch, ORG_BOOLEANS) as object), updatedAt: ctx.now })
      .where('id', '=', input.id)
      .execute();
    const after = toOrg(await getOrgRow(ctx.db, input.id));
    const diff = changedFields(before as never, after as never);
    await ctx.audit('org', input.id, diff.before, diff.after);
    return after;
  },

  async 'org.rename'(ctx, input) {
    await assertOrgInScope(ctx, input.id);
    const before = await getOrgRow(ctx.db, input.id);
    const last = await ctx.db.selectFrom('orgNames').select('validTo').where('orgId', '=', input.id).orderBy('validTo', 'desc').executeTakeFirst();
    await ctx.db
      .insertInto('orgNames')
      .values({ id: newId(), orgId: input.id, name: before.name, shortName: before.shortName, validFrom: last?.validTo ?? before.foundedOn, validTo: input.onDate })
      .execute();
    await ctx.db.updateTable('orgs').set({ name: input.name, shortName: input.shortName ?? before.shortName, updatedAt: ctx.now }).where('id', '=', input.id).execute();
    const after = toOrg(await getOrgRow(ctx.db, input.id));
    await ctx.audit('org', input.id, { name: before.name, shortName: before.shortName }, { name: after.name, shortName: after.shortName, onDate: input.onDate });
    return after;
  },

  async 'org.dissolve'(ctx, input) {
    const path = await assertOrgInScope(ctx, input.id);
    if (path === ctx.actor.scopePath) throw new LedgerError('FORBIDDEN', '不能撤销您自己的管理范围根组织');
    const before = await getOrgRow(ctx.db, input.id);
    if (before.dissolvedOn) throw new LedgerError('CONFLICT', `该组织已于 ${before.dissolvedOn} 撤销`);
    const live = await ctx.db
      .selectFrom('members as m')
      .innerJoin('orgs as o', 'o.id', 'm.orgId')
      .select(sql<number>`count(*)`.as('n'))
      .where('m.status', '=', 'active')
      .where('o.path', '>=', path)
      .where('o.path', '<', subtreeUpper(path))
      .executeTakeFirstOrThrow();
    if (live.n > 0) throw new LedgerError('CONFLICT', `该组织及其下级仍有 ${live.n} 名党员，请先转移组织关系后再撤销`);
    const openChildren = await ctx.db.selectFrom('orgs').select('id').where('parentId', '=', input.id).where('dissolvedOn', 'is', null).execute();
    if (openChildren.length > 0) throw new LedgerError('CONFLICT', `该组织仍有 ${openChildren.length} 个未撤销的下级组织`);
    await ctx.db.updateTable('orgs').set({ dissolvedOn: input.onDate, dissolvedReason: input.reason ?? null, updatedAt: ctx.now }).where('id', '=', input.id).execute();
    const after = toOrg(await getOrgRow(ctx.db, input.id));
    await ctx.audit('org', input.id, { dissolvedOn: null }, { dissolvedOn: after.dissolvedOn, dissolvedReason: after.dissolvedReason });
    return after;
  },

  async 'org.history'(ctx, input) {
    await assertOrgInScope(ctx, input.id);
    return ctx.db.selectFrom('orgNames').select(['name', 'shortName', 'validFrom', 'validTo']).where('orgId', '=', input.id).orderBy('validTo').execute();
  },
};
