import { sql } from 'kysely';
import { LedgerError } from '../../../shared/contract/envelope.js';
import { memberRecordProblems } from '../../../shared/domain/rules/index.js';
import { memberOrgProblem } from '../../../shared/domain/rules/member-org.js';
import { probationEnds } from '../../../shared/domain/member-history.js';
import type { HandlerMap } from '../handler-types.js';
import type { Ctx } from '../context.js';
import { assertOrgInScope, inSubtree } from '../auth/scope.js';
import { gridInScope, memberEventInScope, memberInScope } from '../auth/records.js';
import { registerMember } from '../grid/registrations.js';
import { assertIdNumberFree } from '../auth/id-number-taken.js';
import { faultPoint } from '../util/fault.js';
import { changedFields, toSqlBooleans } from '../util/rows.js';
import { escapeLike } from '../util/like.js';
import { parseIdNumber } from '../../../shared/domain/idcard.js';
import { getMemberRow, MEMBER_BOOLEANS, toMember } from './repo.js';
import { correctMemberRecord, createMemberRecord, eventRowsOf, historyOf, recordMemberEvents, toMemberEvent, type EventInput } from './history.js';
import { rosterPage } from './roster.js';
import { pasteMembers, registerGrid } from './bulk.js';
import { beginChange, closeChange } from '../changes/change-set.js';

/** An organisation that may hold a member's relation (not a 党小组, not dissolved …), anywhere in the ledger. */
async function holdingOrg(ctx: Ctx, orgId: string, field: string): Promise<{ id: string; name: string; path: string }> {
  const org = await ctx.db.selectFrom('orgs').select(['id', 'name', 'kind', 'dissolvedOn', 'path']).where('id', '=', orgId).executeTakeFirst();
  if (!org) throw new LedgerError('NOT_FOUND', '组织不存在');
  const bad = memberOrgProblem(org);
  if (bad) throw new LedgerError('VALIDATION', bad, { field });
  return org;
}

/** The organisation's name, and the names of those above it from the county down. */
async function orgChain(ctx: Ctx, orgId: string): Promise<{ id: string; name: string }[]> {
  const org = await ctx.db.selectFrom('orgs').select('path').where('id', '=', orgId).executeTakeFirstOrThrow();
  const ids = org.path.split('/').filter(Boolean);
  const rows = await ctx.db.selectFrom('orgs').select(['id', 'name']).where('id', 'in', ids).execute();
  return ids.map((id) => rows.find((r) => r.id === id)!).filter(Boolean);
}

/** A move to another organisation of the ledger: one 转出 + 转入 pair on the same day. */
function transferWithin(m: { orgId: string; orgName: string }, to: { id: string; name: string }, onDate: string, note: string | null): EventInput[] {
  return [
    { kind: 'transfer-out', onDate, orgId: m.orgId, otherParty: to.name, note },
    { kind: 'transfer-in', onDate, orgId: to.id, otherParty: m.orgName, note },
  ];
}

export const memberHandlers: HandlerMap<'member.'> = {
  async 'member.list'(ctx, input) {
    return rosterPage(ctx, input);
  },

  async 'member.paste'(ctx, input) {
    return pasteMembers(ctx, input);
  },

  async 'member.registerGrid'(ctx, input) {
    return registerGrid(ctx, input);
  },

  async 'member.transferMany'(ctx, input) {
    // Anywhere in the ledger that can hold members, as member.transfer (the ids are scope-checked).
    const to = await holdingOrg(ctx, input.toOrgId, 'toOrgId');
    const ids = [...new Set(input.ids)];
    const changeId = await beginChange(ctx, `${ids.length} 名党员转接到“${to.name}”`, 'member');
    let updated = 0;
    for (const id of ids) {
      const m = await memberInScope(ctx, id);
      if (m.orgId === to.id) continue;
      try {
        await recordMemberEvents(ctx, m.id, transferWithin(m, to, input.onDate, input.note ?? null));
      } catch (err) {
        // Which of the selection could not move, and why; the transaction leaves all of them.
        if (err instanceof LedgerError) throw new LedgerError(err.code, `“${m.name}”：${err.message}。本次转接未保存任何一人。`, err.details);
        throw err;
      }
      updated++;
      faultPoint('member.transferMany.afterRecord');
    }
    await closeChange(ctx, updated);
    return { changeId, updated };
  },

  async 'member.get'(ctx, input) {
    return toMember(await memberInScope(ctx, input.id));
  },

  async 'member.record'(ctx, input) {
    const { orgName: _n, ...row } = await memberInScope(ctx, input.id);
    const h = await historyOf(ctx, row);
    const rows = (await eventRowsOf(ctx, row.id)).map(toMemberEvent);
    const order = new Map(h.events.map((e, i) => [e.id, i]));
    // The history's order for events; 更正 records by when they were made, after the events of that day.
    const events = rows.sort((a, b) => {
      const ka = a.kind === 'corrected' ? `${a.createdAt.slice(0, 10)}~${a.createdAt}` : `${a.onDate} ${String(order.get(a.id)).padStart(6, '0')}`;
      const kb = b.kind === 'corrected' ? `${b.createdAt.slice(0, 10)}~${b.createdAt}` : `${b.onDate} ${String(order.get(b.id)).padStart(6, '0')}`;
      return ka < kb ? -1 : ka > kb ? 1 : 0;
    });
    const orgIds = [...new Set(events.map((e) => e.orgId).filter((x): x is string => x !== null))];
    const orgNames = Object.fromEntries(
      orgIds.length ? (await ctx.db.selectFrom('orgs').select(['id', 'name']).where('id', 'in', orgIds).execute()).map((o) => [o.id, o.name]) : [],
    );
    let gridPath: string[] = [];
    if (row.gridId) {
      const g = await ctx.db.selectFrom('grids').select('path').where('id', '=', row.gridId).executeTakeFirst();
      const ids = g ? g.path.split('/').filter(Boolean) : [];
      const names = ids.length ? await ctx.db.selectFrom('grids').select(['id', 'name']).where('id', 'in', ids).execute() : [];
      gridPath = ids.map((id) => names.find((n) => n.id === id)?.name ?? '').filter(Boolean);
    }
    const state = h.replay.ok ? h.replay.state : null;
    return {
      member: toMember({ ...row, orgName: _n }),
      orgPath: await orgChain(ctx, row.orgId),
      gridPath,
      events,
      orgNames,
      opening: { status: h.opening.status, category: h.opening.category, joinedOn: h.opening.joinedOn, confirmedOn: h.opening.confirmedOn },
      state: state ? { status: state.status, extensionMonths: state.extensionMonths, probationEnds: state.status === 'probationary' ? probationEnds(state) : null } : { status: row.status === 'active' ? row.category : 'left', extensionMonths: 0, probationEnds: null },
      warnings: h.replay.ok ? h.replay.warnings : [],
      problem: h.replay.ok ? null : h.replay.message,
      today: ctx.today,
    };
  },

  async 'member.create'(ctx, input) {
    await assertOrgInScope(ctx, input.orgId);
    await holdingOrg(ctx, input.orgId, 'orgId');
    if (input.gridId) await gridInScope(ctx, input.gridId);
    const id = parseIdNumber(input.idNumber);
    if (!id.ok) throw new LedgerError('VALIDATION', id.message, { field: 'idNumber', code: id.code });
    // A registered grid is a dated record (grid/registrations.ts), written after the member.
    const { entry, category, joinedOn, confirmedOn, gridId, ...rest } = input;
    if (entry.kind === 'transfer-in') {
      // 转入 of someone who once transferred out of this subtree: their record and history go on
      // (DOMAIN.md §3: 转入 from 已转出), as the record page's 登记变动 would do.
      const back = await ctx.db
        .selectFrom('members as m')
        .innerJoin('orgs as o', 'o.id', 'm.orgId')
        .select(['m.id', 'm.leftReason', 'o.path'])
        .where('m.idNumber', '=', id.value)
        .executeTakeFirst();
      if (back?.leftReason === 'transfer-out' && inSubtree(back.path, ctx.actor.scopePath)) {
        const r = await recordMemberEvents(ctx, back.id, [{ kind: 'transfer-in', onDate: entry.onDate, orgId: input.orgId, otherParty: entry.otherParty, note: entry.note ?? null, data: { outsideCounty: true } }]);
        return r.member;
      }
    }
    await assertIdNumberFree(ctx, 'members', id.value);
    // Sex and birth date follow from the ID number where not typed (typed ones were checked against it).
    const fields = { ...rest, idNumber: id.value, gender: rest.gender ?? id.gender, birthDate: rest.birthDate ?? id.birthDate };
    let starts: EventInput[];
    if (entry.kind === 'transfer-in') {
      starts = [{ kind: 'transfer-in', onDate: entry.onDate, orgId: input.orgId, otherParty: entry.otherParty, note: entry.note ?? null, data: { category, joinedOn: joinedOn ?? undefined, confirmedOn: confirmedOn ?? null, outsideCounty: true } }];
    } else {
      // 建档: the dated events the record's 入党/转正 dates mean, on the days they name (as the import does).
      starts = [{ kind: 'admitted', onDate: joinedOn! }];
      if (category === 'formal') starts.push({ kind: 'confirmed', onDate: confirmedOn! });
    }
    const made = await createMemberRecord(ctx, fields as never, starts);
    if (!gridId) return made.member;
    await registerMember(ctx, made.member.id, gridId, ctx.today);
    const { orgPath: _q, ...registered } = await getMemberRow(ctx.db, made.member.id);
    return toMember(registered);
  },

  async 'member.update'(ctx, input) {
    const current = await memberInScope(ctx, input.id);
    if (input.patch.gridId) await gridInScope(ctx, input.patch.gridId);
    if (input.expectedUpdatedAt && input.expectedUpdatedAt !== current.updatedAt) {
      throw new LedgerError('CONFLICT', '该记录已被他人修改，请刷新后再改');
    }
    const { orgName: _n, ...beforeRow } = current;
    const before = toMember(beforeRow);
    // The record as it would be, by the same rules as everywhere (出生日期 against the ID number …).
    const merged = { ...before, ...input.patch };
    const problem = memberRecordProblems(merged, { today: ctx.today }).find((p) => p.field in input.patch || p.field === 'idNumber');
    if (problem) throw new LedgerError('VALIDATION', problem.message, { field: problem.field });
    // A registered grid changes as a dated record from today (grid/registrations.ts).
    const { gridId, ...patch } = input.patch;
    if (gridId !== undefined && (gridId ?? null) !== current.gridId) await registerMember(ctx, input.id, gridId ?? null, ctx.today);
    // A grid edit is a change set of one record, so "undo" on the roster reverts it too.
    await beginChange(ctx, `修改“${current.name}”的信息`, 'member');
    await ctx.db
      .updateTable('members')
      .set({ ...(toSqlBooleans(patch, MEMBER_BOOLEANS) as object), updatedAt: ctx.now })
      .where('id', '=', input.id)
      .execute();
    faultPoint('edit.afterWrite');
    const { orgPath: _q, ...afterRow } = await getMemberRow(ctx.db, input.id);
    const after = toMember(afterRow);
    const diff = changedFields(before as never, { ...patch } as never);
    await ctx.audit('member', input.id, diff.before, diff.after);
    await closeChange(ctx, Object.keys(diff.after).length > 0 ? 1 : 0);
    faultPoint('edit.afterAudit');
    return after;
  },

  async 'member.addEvent'(ctx, input) {
    const m = await memberInScope(ctx, input.memberId);
    if (input.orgId) {
      await assertOrgInScope(ctx, input.orgId);
      await holdingOrg(ctx, input.orgId, 'orgId');
    }
    const data = {
      ...(input.months !== undefined ? { months: input.months } : {}),
      ...(input.outsideCounty !== undefined ? { outsideCounty: input.outsideCounty } : {}),
    };
    const r = await recordMemberEvents(ctx, m.id, [{ kind: input.kind, onDate: input.onDate, orgId: input.orgId ?? m.orgId, otherParty: input.otherParty ?? null, note: input.note ?? null, data }]);
    return { ...r.events[0]!, warnings: r.warnings };
  },

  async 'member.transfer'(ctx, input) {
    const m = await memberInScope(ctx, input.memberId);
    let events: EventInput[];
    if (input.toOrgId) {
      // The receiving organisation may lie outside the sender's subtree: any organisation of the ledger
      // that can hold members (the receiving side then sees the member in its own subtree).
      const to = await holdingOrg(ctx, input.toOrgId, 'toOrgId');
      if (to.id === m.orgId) throw new LedgerError('VALIDATION', '接收的党组织与现在所在的党组织相同', { field: 'toOrgId' });
      events = transferWithin(m, to, input.onDate, input.note ?? null);
    } else {
      events = [{ kind: 'transfer-out', onDate: input.onDate, orgId: m.orgId, otherParty: input.toPlace!, note: input.note ?? null, data: { outsideCounty: true } }];
    }
    const r = await recordMemberEvents(ctx, m.id, events);
    return r.events.at(-1)!;
  },

  async 'member.receivingOrgs'(ctx, input) {
    let q = ctx.db
      .selectFrom('orgs as o')
      .leftJoin('orgs as t', (j) => j.on(sql<boolean>`t.depth = 1 AND o.path LIKE t.path || '%'`))
      .select(['o.id', 'o.name', 'o.shortName', 't.name as under'])
      .where('o.kind', '!=', 'group')
      .where('o.depth', '>', 0)
      .where('o.dissolvedOn', 'is', null);
    if (input.text) {
      const like = `%${escapeLike(input.text)}%`;
      q = q.where(sql<boolean>`(o.name LIKE ${like} ESCAPE '\\' OR o.short_name LIKE ${like} ESCAPE '\\')`);
    }
    const rows = await q.orderBy('o.path').limit(50).execute();
    return rows.map((r) => ({ id: r.id, name: r.name, shortName: r.shortName, under: r.under && r.under !== r.name ? r.under : null }));
  },

  async 'member.correct'(ctx, input) {
    await memberInScope(ctx, input.memberId);
    if (input.eventId) {
      const ev = await memberEventInScope(ctx, input.eventId);
      if (ev.memberId !== input.memberId) throw new LedgerError('VALIDATION', '该变动记录不属于这名党员', { field: 'eventId' });
    }
    return correctMemberRecord(ctx, input.memberId, {
      reason: input.reason,
      ...(input.eventId ? { eventId: input.eventId } : {}),
      ...(input.remove ? { remove: true } : {}),
      ...(input.event ? { event: input.event } : {}),
      ...(input.opening ? { opening: input.opening } : {}),
    });
  },

  async 'member.events'(ctx, input) {
    await memberInScope(ctx, input.memberId);
    const rows = await ctx.db.selectFrom('memberEvents').selectAll().where('memberId', '=', input.memberId).orderBy('onDate').orderBy('createdAt').execute();
    return rows.map(toMemberEvent);
  },
};
