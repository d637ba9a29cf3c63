/**
 * The checks every write of a posting passes (create, update, import): the village and a linked
 * member inside the caller's scope, the ID number, the dates in order, and one posting at a time per
 * person. A cadre who is a member of this ledger is linked (by member id, or found by ID number in
 * the caller's scope) and keeps the member record's name and ID number.
 */
import { sql } from 'kysely';
import type { z } from 'zod';
import { LedgerError } from '../../../shared/contract/envelope.js';
import type { teamMemberFields } from '../../../shared/contract/team.js';
import { firstDay, lastDay } from '../../../shared/domain/dates.js';
import type { Ctx } from '../context.js';
import { assertOrgInScope, inSubtree } from '../auth/scope.js';
import { memberInScope } from '../auth/records.js';
import { checkIdNumber } from '../validate/id-number.js';

export type PostingValues = z.output<typeof teamMemberFields>;

export async function checkedPosting(ctx: Ctx, v: PostingValues, selfId: string | null, changed: ReadonlySet<string>): Promise<PostingValues> {
  const out: PostingValues = { ...v };
  if (changed.has('villageOrgId')) await assertOrgInScope(ctx, v.villageOrgId);
  if (v.memberId && (changed.has('memberId') || changed.has('idNumber') || changed.has('name'))) {
    const m = await memberInScope(ctx, v.memberId);
    out.name = m.name;
    out.idNumber = m.idNumber;
  } else if (v.idNumber && changed.has('idNumber')) {
    out.idNumber = checkIdNumber(v.idNumber);
    const m = v.memberId === null ? undefined : await memberByIdNumber(ctx, out.idNumber);
    if (m) {
      out.memberId = m.id;
      out.name = m.name;
    }
  }
  if (v.fromDate && v.toDate && lastDay(v.toDate) < firstDay(v.fromDate)) {
    throw new LedgerError('VALIDATION', `任职结束日期 ${v.toDate} 早于开始日期 ${v.fromDate}`, { field: 'toDate' });
  }
  if (v.workStartedOn && v.workStartedOn > ctx.today) throw new LedgerError('VALIDATION', `参加工作日期 ${v.workStartedOn} 晚于今天`, { field: 'workStartedOn' });
  if (out.idNumber || out.memberId) await assertNoOverlap(ctx, out, selfId);
  return out;
}

/**
 * The active member of this ledger with the ID number, when inside the caller's scope: one outside
 * it stays unlinked and unnamed (its record is not read).
 */
export async function memberByIdNumber(ctx: Ctx, idNumber: string) {
  const m = await ctx.db
    .selectFrom('members as m')
    .innerJoin('orgs as o', 'o.id', 'm.orgId')
    .select(['m.id', 'm.name', 'm.category', 'm.confirmedOn', 'm.partyAgeAdjustMonths', 'o.path'])
    .where('m.idNumber', '=', idNumber)
    .where('m.status', '=', 'active')
    .executeTakeFirst();
  return m && inSubtree(m.path, ctx.actor.scopePath) ? m : undefined;
}

/** The same person (ID number or member) in another posting whose term overlaps this one. */
async function assertNoOverlap(ctx: Ctx, v: PostingValues, selfId: string | null): Promise<void> {
  const from = v.fromDate ? firstDay(v.fromDate) : '0000-01-01';
  const to = v.toDate ? lastDay(v.toDate) : '9999-12-31';
  const other = await ctx.db
    .selectFrom('teamMembers as t')
    .innerJoin('orgs as o', 'o.id', 't.villageOrgId')
    .select(['o.name', 'o.path', 't.fromDate', 't.toDate'])
    .where((eb) => eb.or([...(v.idNumber ? [eb('t.idNumber', '=', v.idNumber)] : []), ...(v.memberId ? [eb('t.memberId', '=', v.memberId)] : [])]))
    .where('t.id', '!=', selfId ?? '')
    .where(sql<boolean>`coalesce(t.from_date, '0000-01-01') <= ${to}`)
    .where(sql<boolean>`coalesce(t.to_date || '-31', '9999-12-31') >= ${from}`)
    .where(sql<boolean>`coalesce(t.ended_on, '9999-12-31') > ${from}`)
    .executeTakeFirst();
  if (!other) return;
  const where = inSubtree(other.path, ctx.actor.scopePath) ? `“${other.name}”` : '其他单位';
  throw new LedgerError('CONFLICT', `该人员已在${where}驻村（${other.fromDate ?? '—'} 至 ${other.toDate ?? '—'}），任职期不能重叠；如已召回或轮换，请先登记`);
}
