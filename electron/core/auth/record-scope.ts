/**
 * Scope checks for ids of records bound to an organisation: each looks the record up, checks its
 * organisation is in the caller's subtree, and says only "not in your scope" otherwise (never whose
 * record it is). Handlers check every id of an input through these, not only the main one.
 */
import { LedgerError } from '../../../shared/contract/envelope.js';
import type { Ctx } from '../context.js';
import { inSubtree } from './scope.js';

/** A member of the ledger inside the caller's subtree. */
export async function assertMemberInScope(ctx: Ctx, memberId: string): Promise<{ id: string; orgId: string; name: string }> {
  const row = await ctx.db
    .selectFrom('members as m')
    .innerJoin('orgs as o', 'o.id', 'm.orgId')
    .select(['m.id', 'm.orgId', 'm.name', 'o.path'])
    .where('m.id', '=', memberId)
    .executeTakeFirst();
  if (!row) throw new LedgerError('NOT_FOUND', '党员记录不存在');
  if (!inSubtree(row.path, ctx.actor.scopePath)) throw new LedgerError('FORBIDDEN', '该党员不在您的管理范围内');
  return { id: row.id, orgId: row.orgId, name: row.name };
}

/** A 第一书记 / 工作队 member posted to a village inside the caller's subtree. */
export async function assertTeamMemberInScope(ctx: Ctx, teamMemberId: string): Promise<void> {
  const row = await ctx.db
    .selectFrom('teamMembers as t')
    .innerJoin('orgs as o', 'o.id', 't.villageOrgId')
    .select('o.path')
    .where('t.id', '=', teamMemberId)
    .executeTakeFirst();
  if (!row) throw new LedgerError('NOT_FOUND', '驻村干部记录不存在');
  if (!inSubtree(row.path, ctx.actor.scopePath)) throw new LedgerError('FORBIDDEN', '该驻村干部不在您的管理范围内');
}

/** A meeting record of a branch inside the caller's subtree. */
export async function assertMeetingInScope(ctx: Ctx, meetingId: string): Promise<void> {
  const row = await ctx.db
    .selectFrom('meetings as m')
    .innerJoin('orgs as o', 'o.id', 'm.orgId')
    .select('o.path')
    .where('m.id', '=', meetingId)
    .executeTakeFirst();
  if (!row) throw new LedgerError('NOT_FOUND', '组织生活记录不存在');
  if (!inSubtree(row.path, ctx.actor.scopePath)) throw new LedgerError('FORBIDDEN', '该组织生活记录不在您的管理范围内');
}
