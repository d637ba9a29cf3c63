/**
 * Merging two branches (DOMAIN.md §1): the absorbed branch's active members move to the other with
 * dated 转出 / 转入 events, its 党小组 move under the other, and it is dissolved as merged (never
 * deleted). One transaction: a failure leaves both branches as they were.
 */
import type { HandlerMap } from '../handler-types.js';
import { LedgerError } from '../../../shared/contract/envelope.js';
import { isBranchKind } from '../../../shared/domain/org-rules.js';
import { recordMemberEvents } from '../member/history.js';
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

    // Each member through the member-event core (the same 转出 + 转入 pair as member.transfer).
    const members = await ctx.db.selectFrom('members').select(['id']).where('orgId', '=', from.id).where('status', '=', 'active').execute();
    for (const [i, m] of members.entries()) {
      if (i === Math.floor(members.length / 2)) faultPoint('org.merge.members');
      await recordMemberEvents(ctx, m.id, [
        { kind: 'transfer-out', onDate: input.onDate, orgId: from.id, otherParty: into.name, note },
        { kind: 'transfer-in', onDate: input.onDate, orgId: into.id, otherParty: from.name, note },
      ]);
    }

    await dissolveOne(ctx, await getOrgRow(ctx.db, from.id), input.onDate, input.reason ?? `并入“${into.name}”`, into.id);
    await ctx.audit('org', into.id, {}, { absorbedOrgId: from.id, onDate: input.onDate, members: members.length });
    return toOrg(await getOrgRow(ctx.db, into.id));
  },
} satisfies Partial<HandlerMap<'org.'>>;
