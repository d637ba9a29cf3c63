import { sql } from 'kysely';
import { LedgerError } from '../../../shared/contract/envelope.js';
import { LEAVING_EVENTS } from '../../../shared/contract/code-lists.js';
import type { HandlerMap } from '../handler-types.js';
import { assertOrgInScope, listRootPath, subtreeUpper } from '../auth/scope.js';
import { gridInScope, memberInScope } from '../auth/records.js';
import { assertIdNumberFree } from '../auth/id-number-taken.js';
import { newId } from '../util/ids.js';
import { faultPoint } from '../util/fault.js';
import { changedFields, toSqlBooleans } from '../util/rows.js';
import { checkIdNumber } from '../validate/id-number.js';
import { getMemberRow, MEMBER_BOOLEANS, toMember } from './repo.js';
import { whereMemberFilter } from './filter.js';

const SORT_COLUMNS = {
  name: 'm.name',
  idNumber: 'm.idNumber',
  gender: 'm.gender',
  ethnicity: 'm.ethnicity',
  birthDate: 'm.birthDate',
  education: 'm.education',
  category: 'm.category',
  joinedOn: 'm.joinedOn',
  confirmedOn: 'm.confirmedOn',
  orgName: 'o.name',
  jobCategory: 'm.jobCategory',
  phone: 'm.phone',
  updatedAt: 'm.updatedAt',
} as const;

export const memberHandlers: HandlerMap<'member.'> = {
  async 'member.list'(ctx, input) {
    const root = await listRootPath(ctx, input.orgId);
    const base = ctx.db
      .selectFrom('members as m')
      .innerJoin('orgs as o', 'o.id', 'm.orgId')
      .where('o.path', '>=', root)
      .where('o.path', '<', subtreeUpper(root))
      .$if(input.status !== 'all', (b) => b.where('m.status', '=', input.status as 'active' | 'left'));
    const q = whereMemberFilter(base, 'm', input.filter);

    const total = await q.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
    let page = q.selectAll('m').select('o.name as orgName');
    for (const s of input.sort) page = page.orderBy(SORT_COLUMNS[s.field], s.dir);
    // A stable tiebreak: equal names must not swap rows between pages.
    page = page.orderBy('m.id');
    const rows = await page.limit(input.limit).offset(input.offset).execute();
    return { rows: rows.map(toMember), total: total.n };
  },

  async 'member.get'(ctx, input) {
    return toMember(await memberInScope(ctx, input.id));
  },

  async 'member.create'(ctx, input) {
    await assertOrgInScope(ctx, input.orgId);
    if (input.gridId) await gridInScope(ctx, input.gridId);
    const idNumber = checkIdNumber(input.idNumber);
    await assertIdNumberFree(ctx, 'members', idNumber);
    const id = newId();
    await ctx.db
      .insertInto('members')
      .values({
        ...(toSqlBooleans(input, MEMBER_BOOLEANS) as object),
        id,
        idNumber,
        status: 'active',
        createdAt: ctx.now,
        updatedAt: ctx.now,
      } as never)
      .execute();
    const { orgPath: _p, ...row } = await getMemberRow(ctx.db, id);
    const created = toMember(row);
    await ctx.audit('member', id, null, created);
    return created;
  },

  async 'member.update'(ctx, input) {
    const current = await memberInScope(ctx, input.id);
    if (input.patch.orgId) await assertOrgInScope(ctx, input.patch.orgId);
    if (input.patch.gridId) await gridInScope(ctx, input.patch.gridId);
    if (input.expectedUpdatedAt && input.expectedUpdatedAt !== current.updatedAt) {
      throw new LedgerError('CONFLICT', '该记录已被他人修改，请刷新后再改');
    }
    if (input.patch.orgId && input.patch.orgId !== current.orgId) {
      // Moving a member is a dated transfer, not a silent edit.
      throw new LedgerError('VALIDATION', '更换所在党支部请使用“组织关系转接”，以保留转接记录', { field: 'orgId' });
    }
    const { orgName: _n, ...beforeRow } = current;
    const before = toMember(beforeRow);
    await ctx.db
      .updateTable('members')
      .set({ ...(toSqlBooleans(input.patch, MEMBER_BOOLEANS) as object), updatedAt: ctx.now })
      .where('id', '=', input.id)
      .execute();
    faultPoint('edit.afterWrite');
    const { orgPath: _q, ...afterRow } = await getMemberRow(ctx.db, input.id);
    const after = toMember(afterRow);
    const diff = changedFields(before as never, { ...input.patch } as never);
    await ctx.audit('member', input.id, diff.before, diff.after);
    faultPoint('edit.afterAudit');
    return after;
  },

  async 'member.addEvent'(ctx, input) {
    const m = await memberInScope(ctx, input.memberId);
    if (input.toOrgId) await assertOrgInScope(ctx, input.toOrgId);
    const set: Record<string, unknown> = {};
    let eventOrg: string | null = m.orgId;
    const leaving = (LEAVING_EVENTS as readonly string[]).includes(input.kind);
    switch (input.kind) {
      case 'admitted':
        Object.assign(set, { category: 'probationary', joinedOn: input.onDate, status: 'active' });
        break;
      case 'confirmed':
        Object.assign(set, { category: 'formal', confirmedOn: input.onDate });
        break;
      case 'transfer-in':
      case 'restored':
        eventOrg = input.toOrgId ?? m.orgId;
        Object.assign(set, { status: 'active', orgId: eventOrg, leftOn: null, leftReason: null });
        break;
      case 'lost-contact':
        Object.assign(set, { lostContact: 1, lostSince: input.onDate, lostCircumstance: input.note ?? null });
        break;
      case 'mobile':
        Object.assign(set, { mobile: 1, mobileSince: input.onDate, mobilePlace: input.otherParty ?? null });
        break;
      default:
        break;
    }
    if (input.kind === 'transfer-out' && input.toOrgId) {
      // A move inside the ledger: out of the old branch and into the new one, same date.
      if (input.toOrgId === m.orgId) throw new LedgerError('VALIDATION', '转入组织与当前组织相同');
      await ctx.db.insertInto('memberEvents').values({ id: newId(), memberId: m.id, kind: 'transfer-out', onDate: input.onDate, orgId: m.orgId, otherParty: input.otherParty ?? null, note: input.note ?? null, importBatchId: null, createdAt: ctx.now }).execute();
      const inId = newId();
      await ctx.db.insertInto('memberEvents').values({ id: inId, memberId: m.id, kind: 'transfer-in', onDate: input.onDate, orgId: input.toOrgId, otherParty: m.orgName, note: input.note ?? null, importBatchId: null, createdAt: ctx.now }).execute();
      await ctx.db.updateTable('members').set({ orgId: input.toOrgId, updatedAt: ctx.now }).where('id', '=', m.id).execute();
      await ctx.audit('member', m.id, { orgId: m.orgId }, { orgId: input.toOrgId, event: 'transfer', onDate: input.onDate });
      const ev = await ctx.db.selectFrom('memberEvents').selectAll().where('id', '=', inId).executeTakeFirstOrThrow();
      const { importBatchId: _b, ...rest } = ev;
      return rest;
    }
    if (leaving) {
      if (m.status === 'left') throw new LedgerError('CONFLICT', `该党员已于 ${m.leftOn ?? '此前'} 离开，不能重复登记`);
      Object.assign(set, { status: 'left', leftOn: input.onDate, leftReason: input.kind });
    }
    const id = newId();
    await ctx.db
      .insertInto('memberEvents')
      .values({ id, memberId: m.id, kind: input.kind, onDate: input.onDate, orgId: eventOrg, otherParty: input.otherParty ?? null, note: input.note ?? null, importBatchId: null, createdAt: ctx.now })
      .execute();
    if (Object.keys(set).length > 0) {
      await ctx.db.updateTable('members').set({ ...set, updatedAt: ctx.now }).where('id', '=', m.id).execute();
    }
    const before: Record<string, unknown> = {};
    for (const k of Object.keys(set)) before[k] = (m as Record<string, unknown>)[k] ?? null;
    await ctx.audit('member', m.id, before, { ...set, event: input.kind, onDate: input.onDate });
    const ev = await ctx.db.selectFrom('memberEvents').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const { importBatchId: _b, ...rest } = ev;
    return rest;
  },

  async 'member.events'(ctx, input) {
    await memberInScope(ctx, input.memberId);
    const rows = await ctx.db.selectFrom('memberEvents').selectAll().where('memberId', '=', input.memberId).orderBy('onDate').orderBy('createdAt').execute();
    return rows.map(({ importBatchId: _b, ...r }) => r);
  },
};
