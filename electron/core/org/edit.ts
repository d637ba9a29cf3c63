/** Creating an organisation and editing its record: in-place fields, dated kind changes, renames. */
import type { HandlerMap } from '../handler-types.js';
import type { Ctx } from '../context.js';
import { LedgerError } from '../../../shared/contract/envelope.js';
import type { OrgKind, UnitCategory } from '../../../shared/codes/tables.js';
import { approvalRightsRefusal, placementRefusal } from '../../../shared/domain/org-rules.js';
import { compareDates } from '../../../shared/domain/dates.js';
import { assertOrgInScope, assertOrgInScopeOrAbove } from '../auth/scope.js';
import { newId } from '../util/ids.js';
import { changedFields, toSqlBooleans } from '../util/rows.js';
import { assertDateFor, assertLive, childPath, getOrgRow, loadOrgRow, ORG_BOOLEANS, toOrg } from './load.js';
import { recordChange } from './changes.js';

function assertApprovalRights(canApprove: boolean, kind: OrgKind, unitCategory: UnitCategory | null | undefined): void {
  if (!canApprove) return;
  const why = approvalRightsRefusal(kind, unitCategory);
  if (why) throw new LedgerError('VALIDATION', `${why}（审批权限）`);
}

/** The kind may sit under the parent, and the live children under the kind. */
async function assertPlacement(ctx: Ctx, id: string | null, parentKind: OrgKind | null, kind: OrgKind): Promise<void> {
  if (parentKind) {
    const why = placementRefusal(parentKind, kind);
    if (why) throw new LedgerError('VALIDATION', why);
  }
  if (!id) return;
  const kids = await ctx.db.selectFrom('orgs').select(['kind', 'name']).where('parentId', '=', id).where('dissolvedOn', 'is', null).execute();
  for (const k of kids) {
    const why = placementRefusal(kind, k.kind as OrgKind);
    if (why) throw new LedgerError('VALIDATION', `下级组织“${k.name}”：${why}`);
  }
}

export const orgEditHandlers = {
  async 'org.create'(ctx, input) {
    const parentPath = await assertOrgInScope(ctx, input.parentId);
    if (input.approvedByOrgId) await assertOrgInScopeOrAbove(ctx, input.approvedByOrgId);
    const parent = await getOrgRow(ctx.db, input.parentId);
    assertLive(parent, '在其下新建组织');
    await assertPlacement(ctx, null, parent.kind as OrgKind, input.kind);
    assertApprovalRights(input.canApprove ?? false, input.kind, input.unitCategory);
    if (input.foundedOn && compareDates(input.foundedOn, ctx.today) > 0) throw new LedgerError('VALIDATION', `成立日期（${input.foundedOn}）不能晚于今天`);
    const id = newId();
    await ctx.db
      .insertInto('orgs')
      .values({
        ...(toSqlBooleans(input, ORG_BOOLEANS) as object),
        id,
        parentId: input.parentId,
        path: childPath(parentPath, id),
        depth: parent.depth + 1,
        canApprove: input.canApprove ? 1 : 0,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      } as never)
      .execute();
    const created = toOrg(await getOrgRow(ctx.db, id));
    await ctx.audit('org', id, null, created);
    return created;
  },

  async 'org.update'(ctx, input) {
    const row = await loadOrgRow(ctx, input.id);
    const { changedOn, ...patch } = input.patch;
    if (patch.approvedByOrgId) await assertOrgInScopeOrAbove(ctx, patch.approvedByOrgId);
    const kind = patch.kind ?? row.kind;
    const unitCategory = patch.unitCategory === undefined ? row.unitCategory : patch.unitCategory;
    const on = changedOn ?? ctx.today;
    assertApprovalRights(patch.canApprove ?? row.canApprove === 1, kind, unitCategory);
    if (kind !== row.kind) {
      assertLive(row, '修改组织类别');
      const parent = row.parentId ? await getOrgRow(ctx.db, row.parentId) : null;
      await assertPlacement(ctx, row.id, (parent?.kind as OrgKind | undefined) ?? null, kind);
    }
    const before = toOrg(row);
    await ctx.db
      .updateTable('orgs')
      .set({ ...(toSqlBooleans(patch, ORG_BOOLEANS) as object), updatedAt: ctx.now })
      .where('id', '=', input.id)
      .execute();
    // Kind and unit category place the organisation in the statistics: their changes are dated.
    if (kind !== row.kind) await recordChange(ctx, row, 'kind', row.kind, kind, on);
    if (unitCategory !== row.unitCategory) await recordChange(ctx, row, 'unit_category', row.unitCategory, unitCategory ?? null, on);
    const after = toOrg(await getOrgRow(ctx.db, input.id));
    const diff = changedFields(before as never, after as never);
    if (kind !== row.kind || unitCategory !== row.unitCategory) diff.after.changedOn = on;
    await ctx.audit('org', input.id, diff.before, diff.after);
    return after;
  },

  async 'org.rename'(ctx, input) {
    const before = await loadOrgRow(ctx, input.id);
    assertLive(before, '更名');
    assertDateFor(before, input.onDate, ctx.today, '更名日期');
    const shortName = input.shortName === undefined ? before.shortName : input.shortName;
    if (input.name === before.name && shortName === before.shortName) throw new LedgerError('VALIDATION', '新名称与现名称相同');
    const last = await ctx.db.selectFrom('orgNames').select('validTo').where('orgId', '=', input.id).orderBy('validTo', 'desc').executeTakeFirst();
    if (last && compareDates(input.onDate, last.validTo) <= 0) throw new LedgerError('VALIDATION', `该组织已于 ${last.validTo} 更名，新的更名日期应在其后`);
    await ctx.db
      .insertInto('orgNames')
      .values({ id: newId(), orgId: input.id, name: before.name, shortName: before.shortName, validFrom: last?.validTo ?? before.foundedOn, validTo: input.onDate })
      .execute();
    await ctx.db.updateTable('orgs').set({ name: input.name, shortName, updatedAt: ctx.now }).where('id', '=', input.id).execute();
    const after = toOrg(await getOrgRow(ctx.db, input.id));
    await ctx.audit('org', input.id, { name: before.name, shortName: before.shortName }, { name: after.name, shortName: after.shortName, onDate: input.onDate });
    return after;
  },
} satisfies Partial<HandlerMap<'org.'>>;
