import { LedgerError } from '../../../shared/contract/envelope.js';
import type { Reserve, TeamMember, Meeting } from '../../../shared/types/records.js';
import type { HandlerMap } from '../handler-types.js';
import type { Ctx } from '../context.js';
import { assertOrgInScope } from '../auth/scope.js';
import { memberInScope, reserveInScope, teamMemberInScope } from '../auth/records.js';
import { assertIdNumberFree } from '../auth/id-number-taken.js';
import { newId } from '../util/ids.js';
import { updateAudited } from '../util/update-audited.js';
import { pageInSubtree, withoutBatch } from '../util/paged.js';
import { checkIdNumber } from '../validate/id-number.js';

const loadReserve = async (ctx: Ctx, id: string) => withoutBatch(await reserveInScope(ctx, id)) as Reserve;

export const reserveHandlers: HandlerMap<'reserve.'> = {
  async 'reserve.list'(ctx, input) {
    const page = await pageInSubtree(ctx, 'reserves', 'villageOrgId', input, (q) => (input.stage ? q.where('t.stage', '=', input.stage) : q));
    return { rows: page.rows.map((r) => withoutBatch(r) as Reserve), total: page.total };
  },
  async 'reserve.create'(ctx, input) {
    await assertOrgInScope(ctx, input.villageOrgId);
    const idNumber = checkIdNumber(input.idNumber);
    await assertIdNumberFree(ctx, 'reserves', idNumber);
    const id = newId();
    await ctx.db.insertInto('reserves').values({ stage: 'recommended', ...input, idNumber, id, createdAt: ctx.now, updatedAt: ctx.now } as never).execute();
    const created = await loadReserve(ctx, id);
    await ctx.audit('reserve', id, null, created);
    return created;
  },
  async 'reserve.update'(ctx, input) {
    if (input.patch.villageOrgId) await assertOrgInScope(ctx, input.patch.villageOrgId);
    return updateAudited(ctx, 'reserves', 'reserve', input.id, input.patch, () => loadReserve(ctx, input.id));
  },
  async 'reserve.exit'(ctx, input) {
    const before = await loadReserve(ctx, input.id);
    if (before.stage === 'entered' || before.stage === 'exited') throw new LedgerError('CONFLICT', '该人员已出库');
    const stage = input.kind === 'entered-committee' ? 'entered' : 'exited';
    await ctx.db
      .updateTable('reserves')
      .set({ stage, exitKind: input.kind, exitOn: input.onDate, exitPost: input.post ?? null, exitReason: input.reason ?? null, updatedAt: ctx.now })
      .where('id', '=', input.id)
      .execute();
    const after = await loadReserve(ctx, input.id);
    await ctx.audit('reserve', input.id, { stage: before.stage }, { stage, exitKind: input.kind, exitOn: input.onDate });
    return after;
  },
};

const loadTeamMember = async (ctx: Ctx, id: string) => withoutBatch(await teamMemberInScope(ctx, id)) as TeamMember;

export const teamHandlers: HandlerMap<'team.'> = {
  async 'team.list'(ctx, input) {
    const page = await pageInSubtree(ctx, 'teamMembers', 'villageOrgId', input);
    return { rows: page.rows.map((r) => withoutBatch(r) as TeamMember), total: page.total };
  },
  async 'team.create'(ctx, input) {
    await assertOrgInScope(ctx, input.villageOrgId);
    if (input.memberId) await memberInScope(ctx, input.memberId);
    const idNumber = input.idNumber ? checkIdNumber(input.idNumber) : null;
    const id = newId();
    await ctx.db.insertInto('teamMembers').values({ ...input, idNumber, id, createdAt: ctx.now, updatedAt: ctx.now } as never).execute();
    const created = await loadTeamMember(ctx, id);
    await ctx.audit('teamMember', id, null, created);
    return created;
  },
  async 'team.update'(ctx, input) {
    if (input.patch.villageOrgId) await assertOrgInScope(ctx, input.patch.villageOrgId);
    if (input.patch.memberId) await memberInScope(ctx, input.patch.memberId);
    return updateAudited(ctx, 'teamMembers', 'teamMember', input.id, input.patch, () => loadTeamMember(ctx, input.id));
  },
  async 'team.recordMonth'(ctx, input) {
    await loadTeamMember(ctx, input.teamMemberId);
    const existing = await ctx.db.selectFrom('teamMonths').selectAll().where('teamMemberId', '=', input.teamMemberId).where('month', '=', input.month).executeTakeFirst();
    const id = existing?.id ?? newId();
    const values = { daysInVillage: input.daysInVillage, leaveDays: input.leaveDays, logCount: input.logCount };
    if (existing) await ctx.db.updateTable('teamMonths').set(values).where('id', '=', id).execute();
    else await ctx.db.insertInto('teamMonths').values({ id, teamMemberId: input.teamMemberId, month: input.month, ...values, createdAt: ctx.now }).execute();
    await ctx.audit('teamMonth', id, existing ?? null, { teamMemberId: input.teamMemberId, month: input.month, ...values });
    return { id };
  },
};

export const meetingHandlers: HandlerMap<'meeting.'> = {
  async 'meeting.list'(ctx, input) {
    const page = await pageInSubtree(
      ctx,
      'meetings',
      'orgId',
      input,
      (q) => {
        let r = q;
        if (input.kind) r = r.where('t.kind', '=', input.kind);
        if (input.from) r = r.where('t.heldOn', '>=', input.from);
        if (input.to) r = r.where('t.heldOn', '<=', input.to);
        return r;
      },
      'heldOn',
    );
    return { rows: page.rows.map((r) => withoutBatch(r) as Meeting), total: page.total };
  },
  async 'meeting.create'(ctx, input) {
    await assertOrgInScope(ctx, input.orgId);
    const id = newId();
    await ctx.db.insertInto('meetings').values({ ...input, id, createdAt: ctx.now, updatedAt: ctx.now } as never).execute();
    const created = withoutBatch(await ctx.db.selectFrom('meetings').selectAll().where('id', '=', id).executeTakeFirstOrThrow()) as Meeting;
    await ctx.audit('meeting', id, null, created);
    return created;
  },
};
