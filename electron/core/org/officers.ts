/**
 * 班子成员 as dated records: a member holds a 党内职务 in an organisation from one date to another,
 * so "who was secretary on 2023-06-30" is answerable. One 书记 at a time; one post per person per
 * organisation at a time; a 党小组 has a 组长 and nothing else.
 */
import type { HandlerMap } from '../handler-types.js';
import type { Ctx } from '../context.js';
import { LedgerError } from '../../../shared/contract/envelope.js';
import { OFFICER_POST, nameOf, type OfficerPost } from '../../../shared/codes/org-records.js';
import { compareDates, isFuture } from '../../../shared/domain/dates.js';
import { memberInScope, officerInScope } from '../auth/records.js';
import { newId } from '../util/ids.js';
import { changedFields } from '../util/rows.js';
import { assertDateFor, assertLive, loadOrgRow, toOfficer } from './load.js';

interface Span {
  id?: string;
  orgId: string;
  memberId: string | null;
  post: OfficerPost;
  fromDate: string | null;
  toDate: string | null;
}

/** Two spans overlap unless one ends before the other starts (open ends run forever). */
const overlaps = (a: Span, b: Span) =>
  (a.toDate === null || b.fromDate === null || compareDates(b.fromDate, a.toDate) <= 0) && (b.toDate === null || a.fromDate === null || compareDates(a.fromDate, b.toDate) <= 0);

/** The rules every officer record keeps, checked against the organisation's other records. */
async function assertSpan(ctx: Ctx, s: Span, kind: string): Promise<void> {
  if (kind === 'group' ? s.post !== 'group-leader' : s.post === 'group-leader') {
    throw new LedgerError('VALIDATION', kind === 'group' ? '党小组只设组长' : '党小组组长只能在党小组中登记');
  }
  if (s.fromDate && s.toDate && compareDates(s.toDate, s.fromDate) < 0) throw new LedgerError('VALIDATION', `离任日期（${s.toDate}）早于任职日期（${s.fromDate}）`);
  const others = (await ctx.db.selectFrom('orgOfficers').selectAll().where('orgId', '=', s.orgId).execute()).filter((o) => o.id !== s.id);
  for (const o of others) {
    const other: Span = { ...o, post: o.post as OfficerPost };
    if (!overlaps(s, other)) continue;
    if (s.post === 'secretary' && o.post === 'secretary') {
      throw new LedgerError('CONFLICT', `该组织${o.fromDate ? `自 ${o.fromDate} 起` : ''}已有书记 ${o.name}，请先登记其离任日期`);
    }
    if (s.memberId !== null && o.memberId === s.memberId) {
      throw new LedgerError('CONFLICT', `${o.name} 在该期间已任${nameOf(OFFICER_POST, o.post)}，一人在同一组织同一时间只登记一个职务`);
    }
  }
}

export const orgOfficerHandlers = {
  async 'org.addOfficer'(ctx, input) {
    const org = await loadOrgRow(ctx, input.orgId);
    assertLive(org, '任命班子成员');
    assertDateFor(org, input.fromDate, ctx.today, '任职日期');
    const member = await memberInScope(ctx, input.memberId);
    if (member.status !== 'active') throw new LedgerError('CONFLICT', '该党员已不在册（已转出、出党或去世），不能任职');
    const span: Span = { orgId: org.id, memberId: member.id, post: input.post, fromDate: input.fromDate, toDate: null };
    await assertSpan(ctx, span, org.kind);
    const id = newId();
    await ctx.db.insertInto('orgOfficers').values({ ...span, id, name: member.name, endReason: null, importBatchId: null, createdAt: ctx.now, updatedAt: ctx.now }).execute();
    const created = toOfficer(await ctx.db.selectFrom('orgOfficers').selectAll().where('id', '=', id).executeTakeFirstOrThrow());
    await ctx.audit('orgOfficer', id, null, created);
    return created;
  },

  async 'org.endOfficer'(ctx, input) {
    const before = toOfficer(await officerInScope(ctx, input.id));
    if (before.toDate) throw new LedgerError('CONFLICT', `${before.name} 已于 ${before.toDate} 离任；如日期有误请用“更正”`);
    if (isFuture(input.toDate, ctx.today)) throw new LedgerError('VALIDATION', `离任日期（${input.toDate}）不能晚于今天`);
    if (before.fromDate && compareDates(input.toDate, before.fromDate) < 0) throw new LedgerError('VALIDATION', `离任日期（${input.toDate}）早于任职日期（${before.fromDate}）`);
    await ctx.db.updateTable('orgOfficers').set({ toDate: input.toDate, endReason: input.reason ?? null, updatedAt: ctx.now }).where('id', '=', input.id).execute();
    const after = toOfficer(await officerInScope(ctx, input.id));
    await ctx.audit('orgOfficer', input.id, { toDate: null }, { toDate: after.toDate, endReason: after.endReason });
    return after;
  },

  async 'org.updateOfficer'(ctx, input) {
    const before = toOfficer(await officerInScope(ctx, input.id));
    const org = await loadOrgRow(ctx, before.orgId);
    const next: Span = { ...before, ...input.patch };
    for (const [d, label] of [[next.fromDate, '任职日期'], [next.toDate, '离任日期']] as const) if (d) assertDateFor(org, d, ctx.today, label);
    await assertSpan(ctx, next, org.kind);
    await ctx.db.updateTable('orgOfficers').set({ ...input.patch, updatedAt: ctx.now }).where('id', '=', input.id).execute();
    const after = toOfficer(await officerInScope(ctx, input.id));
    const diff = changedFields(before as never, after as never);
    await ctx.audit('orgOfficer', input.id, diff.before, diff.after);
    return after;
  },
} satisfies Partial<HandlerMap<'org.'>>;
