/**
 * One scope check per kind of id a call can carry (organisations are in scope.ts). Each loads the
 * record with the path of the organisation it belongs to and refuses it outside the caller's
 * subtree, so every id of every input, not only the record's own, is checked the same way.
 * Messages name the kind of record only: never a person or an organisation outside the scope.
 */
import { LedgerError } from '../../../shared/contract/envelope.js';
import type { Ctx } from '../context.js';
import { inSubtree } from './scope.js';

/**
 * The record (without `ownerPath`) if its owning organisation lies in the caller's subtree. A record
 * bound to no organisation (an ownerless grid unit, a batch without a sending unit) is the county's.
 */
function owned<T extends { ownerPath: string | null }>(ctx: Ctx, row: T | undefined, noun: string): Omit<T, 'ownerPath'> {
  if (!row) throw new LedgerError('NOT_FOUND', `${noun}不存在`);
  const { ownerPath, ...record } = row;
  const inside = ownerPath === null ? ctx.actor.countyWide : inSubtree(ownerPath, ctx.actor.scopePath);
  if (!inside) throw new LedgerError('FORBIDDEN', `该${noun}不在您的管理范围内`);
  return record;
}

/** With the name of the member's organisation (event records quote it). */
export async function memberInScope(ctx: Ctx, id: string) {
  const row = await ctx.db.selectFrom('members as m').innerJoin('orgs as o', 'o.id', 'm.orgId').selectAll('m').select(['o.name as orgName', 'o.path as ownerPath']).where('m.id', '=', id).executeTakeFirst();
  return owned(ctx, row, '党员');
}

export async function gridInScope(ctx: Ctx, id: string) {
  const row = await ctx.db.selectFrom('grids as g').leftJoin('orgs as o', 'o.id', 'g.ownerOrgId').selectAll('g').select('o.path as ownerPath').where('g.id', '=', id).executeTakeFirst();
  return owned(ctx, row, '网格单元');
}

export async function devPersonInScope(ctx: Ctx, id: string) {
  const row = await ctx.db.selectFrom('devPeople as p').innerJoin('orgs as o', 'o.id', 'p.orgId').selectAll('p').select('o.path as ownerPath').where('p.id', '=', id).executeTakeFirst();
  return owned(ctx, row, '发展对象');
}

/** A dated step of the pipeline belongs where its person does. */
export async function devStepInScope(ctx: Ctx, id: string) {
  const row = await ctx.db.selectFrom('devSteps as s').innerJoin('devPeople as p', 'p.id', 's.personId').innerJoin('orgs as o', 'o.id', 'p.orgId').selectAll('s').select('o.path as ownerPath').where('s.id', '=', id).executeTakeFirst();
  return owned(ctx, row, '发展步骤');
}

export async function reserveInScope(ctx: Ctx, id: string) {
  const row = await ctx.db.selectFrom('reserves as r').innerJoin('orgs as o', 'o.id', 'r.villageOrgId').selectAll('r').select('o.path as ownerPath').where('r.id', '=', id).executeTakeFirst();
  return owned(ctx, row, '后备力量人员');
}

/** A dated record of a reserve belongs where its reserve does. */
export async function reserveRecordInScope(ctx: Ctx, id: string) {
  const row = await ctx.db.selectFrom('reserveRecords as x').innerJoin('reserves as r', 'r.id', 'x.reserveId').innerJoin('orgs as o', 'o.id', 'r.villageOrgId').selectAll('x').select('o.path as ownerPath').where('x.id', '=', id).executeTakeFirst();
  return owned(ctx, row, '后备力量记录');
}

export async function teamMemberInScope(ctx: Ctx, id: string) {
  const row = await ctx.db.selectFrom('teamMembers as t').innerJoin('orgs as o', 'o.id', 't.villageOrgId').selectAll('t').select('o.path as ownerPath').where('t.id', '=', id).executeTakeFirst();
  return owned(ctx, row, '驻村干部');
}

export async function meetingInScope(ctx: Ctx, id: string) {
  const row = await ctx.db.selectFrom('meetings as m').innerJoin('orgs as o', 'o.id', 'm.orgId').selectAll('m').select('o.path as ownerPath').where('m.id', '=', id).executeTakeFirst();
  return owned(ctx, row, '组织生活记录');
}

export async function batchInScope(ctx: Ctx, id: string) {
  const row = await ctx.db.selectFrom('importBatches as b').leftJoin('orgs as o', 'o.id', 'b.senderOrgId').selectAll('b').select('o.path as ownerPath').where('b.id', '=', id).executeTakeFirst();
  return owned(ctx, row, '导入批次');
}

/** A user account belongs to the organisation its scope is bound to. */
export async function userInScope(ctx: Ctx, id: string) {
  const row = await ctx.db.selectFrom('users as u').innerJoin('orgs as o', 'o.id', 'u.scopeOrgId').selectAll('u').select('o.path as ownerPath').where('u.id', '=', id).executeTakeFirst();
  return owned(ctx, row, '用户');
}

/** A member's dated event belongs where its member does. */
export async function memberEventInScope(ctx: Ctx, id: string) {
  const row = await ctx.db.selectFrom('memberEvents as e').innerJoin('members as m', 'm.id', 'e.memberId').innerJoin('orgs as o', 'o.id', 'm.orgId').selectAll('e').select('o.path as ownerPath').where('e.id', '=', id).executeTakeFirst();
  return owned(ctx, row, '党员变动记录');
}

/** A change set (a paste, a bulk action) belongs to the organisation it was recorded under. */
export async function changeSetInScope(ctx: Ctx, id: string) {
  const row = await ctx.db.selectFrom('changeSets as c').leftJoin('orgs as o', 'o.id', 'c.orgId').selectAll('c').select('o.path as ownerPath').where('c.id', '=', id).executeTakeFirst();
  return owned(ctx, row, '批量修改');
}

/** A 班子成员 record belongs where its organisation does. */
export async function officerInScope(ctx: Ctx, id: string) {
  const row = await ctx.db.selectFrom('orgOfficers as x').innerJoin('orgs as o', 'o.id', 'x.orgId').selectAll('x').select('o.path as ownerPath').where('x.id', '=', id).executeTakeFirst();
  return owned(ctx, row, '班子成员记录');
}

/** An election (换届) record belongs where its organisation does. */
export async function electionInScope(ctx: Ctx, id: string) {
  const row = await ctx.db.selectFrom('orgElections as x').innerJoin('orgs as o', 'o.id', 'x.orgId').selectAll('x').select('o.path as ownerPath').where('x.id', '=', id).executeTakeFirst();
  return owned(ctx, row, '换届记录');
}
