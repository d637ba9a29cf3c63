/**
 * Merging two branches (DOMAIN.md §1): the absorbed branch's active members move to the other with
 * dated 转出 / 转入 events, its 党小组 move under the other, and it is dissolved as merged (never
 * deleted). One transaction: a failure leaves both branches as they were.
 */
import { sql } from 'kysely';
import type { HandlerMap } from '../handler-types.js';
import { LedgerError } from '../../../shared/contract/envelope.js';
import { isBranchKind } from '../../../shared/domain/org-rules.js';
import { newId } from '../util/ids.js';
import { faultPoint } from '../util/fault.js';
import { assertDateFor, assertLive, getOrgRow, loadOrgRow, toOrg } from './load.js';
import { assertNotScopeRoot, dissolveOne, moveSubtree, parentFor } from './structure.js';

export const orgMergeHandlers = {
  async 'org.merge'(ctx, input) {
    if (input.id === input.intoId) throw new LedgerError('VALIDATION', '不能把党支部并入它自己');
    const from = await loadOrgRow(ctx, input.id);
    const into = await loadOrgRow(ctx, input.intoId);
    assertNotScopeRoot(ctx, from, '合并');
    assertLive(from, '合并');
    assertLive(into, '接收合并');
    for (const o of [from, into]) if (!isBranchKind(o.kind)) throw new LedgerError('VALIDATION', `只能合并党支部（含联合、临时党支部），“${o.name}”不是党支部`);
    assertDateFor(from, input.onDate, ctx.today, '合并日期');
    assertDateFor(into, input.onDate, ctx.today, '合并日期');
    const note = input.reason ?? `“${from.name}”并入“${into.name}”`;

    // 党小组 follow their members to the receiving branch.
    const groups = await ctx.db.selectFrom('orgs').selectAll().where('parentId', '=', from.id).where('dissolvedOn', 'is', null).execute();
    for (const g of groups) await moveSubtree(ctx, g, await parentFor(ctx, g, into.id), input.onDate, note);

    const members = await ctx.db.selectFrom('members').select(['id']).where('orgId', '=', from.id).where('status', '=', 'active').execute();
    for (const [i, m] of members.entries()) {
      if (i === Math.floor(members.length / 2)) faultPoint('org.merge.members');
      const row = { memberId: m.id, onDate: input.onDate, note, importBatchId: null, createdAt: ctx.now };
      await ctx.db.insertInto('memberEvents').values([
        { ...row, id: newId(), kind: 'transfer-out', orgId: from.id, otherParty: into.name },
        { ...row, id: newId(), kind: 'transfer-in', orgId: into.id, otherParty: from.name },
      ]).execute();
      await ctx.audit('member', m.id, { orgId: from.id }, { orgId: into.id, event: 'transfer', onDate: input.onDate });
    }
    await sql`UPDATE members SET org_id = ${into.id}, updated_at = ${ctx.now} WHERE org_id = ${from.id} AND status = 'active'`.execute(ctx.db);

    await dissolveOne(ctx, await getOrgRow(ctx.db, from.id), input.onDate, input.reason ?? `并入“${into.name}”`, into.id);
    await ctx.audit('org', into.id, {}, { absorbedOrgId: from.id, onDate: input.onDate, members: members.length });
    return toOrg(await getOrgRow(ctx.db, into.id));
  },
} satisfies Partial<HandlerMap<'org.'>>;
