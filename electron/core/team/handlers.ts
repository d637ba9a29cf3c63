import { sql } from 'kysely';
import { LedgerError } from '../../../shared/contract/envelope.js';
import type { BelowRow, MonthGridRow } from '../../../shared/contract/team.js';
import { firstDay, lastDay } from '../../../shared/domain/dates.js';
import { monthsFrom } from '../../../shared/domain/village-days.js';
import type { HandlerMap } from '../handler-types.js';
import { listRootPath, subtreeUpper } from '../auth/scope.js';
import { memberInScope, teamMemberInScope } from '../auth/records.js';
import { escapeLike } from '../util/like.js';
import { newId } from '../util/ids.js';
import { updateAudited } from '../util/update-audited.js';
import { checkIdNumber } from '../validate/id-number.js';
import { eligibilityOf, loadLeave, loadTeamMember, loadTraining, teamQuery, toGrade, toLeave, toTeamMember, toTraining } from './loaders.js';
import { checkedPosting, memberByIdNumber } from './posting.js';
import { cadreMonths, monthCell } from './month-facts.js';
import { recordMonths } from './record-months.js';
import { requiredDays } from './settings.js';

const MAX_MONTHS = 36;

function monthSpan(from: string, to: string): string[] {
  if (from > to) throw new LedgerError('VALIDATION', `起始月份 ${from} 晚于截止月份 ${to}`);
  const months = monthsFrom(from, to);
  if (months.length > MAX_MONTHS) throw new LedgerError('VALIDATION', `一次最多查看 ${MAX_MONTHS} 个月`);
  return months;
}

/** The cadre's term, for records that must fall inside it. */
async function termOf(ctx: Parameters<typeof loadTeamMember>[0], teamMemberId: string) {
  const m = await loadTeamMember(ctx, teamMemberId);
  return { m, from: m.fromDate ? firstDay(m.fromDate) : null, to: m.endedOn ?? (m.toDate ? lastDay(m.toDate) : null) };
}

export const teamHandlers: HandlerMap<'team.'> = {
  async 'team.list'(ctx, input) {
    const root = await listRootPath(ctx, input.orgId);
    let q = teamQuery(ctx.db).where('o.path', '>=', root).where('o.path', '<', subtreeUpper(root));
    if (input.text) q = q.where(sql<boolean>`coalesce(m.name, t.name) LIKE ${'%' + escapeLike(input.text) + '%'} ESCAPE '\\'`);
    if (input.role) q = q.where('t.role', '=', input.role);
    if (input.inPostOn) {
      const d = input.inPostOn;
      q = q
        .where((eb) => eb.or([eb('t.fromDate', 'is', null), eb('t.fromDate', '<=', d)]))
        // A month-only end date compares with the day's month.
        .where(sql<boolean>`(t.to_date IS NULL OR t.to_date >= substr(${d}, 1, length(t.to_date)))`)
        .where((eb) => eb.or([eb('t.endedOn', 'is', null), eb('t.endedOn', '>', d)]));
    }
    const total = await q.clearSelect().select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
    const rows = await q.orderBy('o.path').orderBy(sql`CASE t.role WHEN 'first-secretary' THEN 0 WHEN 'leader' THEN 1 ELSE 2 END`).orderBy('t.name').orderBy('t.id').limit(input.limit).offset(input.offset).execute();
    return { rows: rows.map((r) => toTeamMember(r, ctx.today)), total: total.n };
  },

  async 'team.get'(ctx, input) {
    const member = await loadTeamMember(ctx, input.id);
    const leaves = await ctx.db.selectFrom('teamLeaves').selectAll().where('teamMemberId', '=', input.id).orderBy('fromDate', 'desc').execute();
    const trainings = await ctx.db.selectFrom('teamTrainings').selectAll().where('teamMemberId', '=', input.id).orderBy('onDate', 'desc').execute();
    const grades = await ctx.db.selectFrom('teamGrades').selectAll().where('teamMemberId', '=', input.id).orderBy('year', 'desc').execute();
    return { member, leaves: leaves.map(toLeave), trainings: trainings.map(toTraining), grades: grades.map(toGrade) };
  },

  async 'team.checkEligibility'(ctx, input) {
    // Outside the caller's scope a member's record is not read: the facts entered decide.
    const member = input.memberId ? await memberInScope(ctx, input.memberId) : input.idNumber ? await memberByIdNumber(ctx, checkIdNumber(input.idNumber)) : undefined;
    const entered = { partyCategory: input.partyCategory ?? null, partyConfirmedOn: input.partyConfirmedOn ?? null, workStartedOn: input.workStartedOn ?? null, fromDate: input.appointedOn ?? null };
    const eligibility = eligibilityOf(member, entered, ctx.today);
    return { eligibility, member: member ? { id: member.id, name: member.name } : null };
  },

  async 'team.create'(ctx, input) {
    const v = await checkedPosting(ctx, input, null, new Set(Object.keys(input)));
    const id = newId();
    await ctx.db
      .insertInto('teamMembers')
      .values({
        id, villageOrgId: v.villageOrgId, name: v.name, idNumber: v.idNumber ?? null, role: v.role,
        dispatchingUnit: v.dispatchingUnit ?? null, dispatchingLevel: v.dispatchingLevel ?? null, villageType: v.villageType ?? null, batch: v.batch ?? null,
        memberId: v.memberId ?? null, fromDate: v.fromDate ?? null, toDate: v.toDate ?? null, endedOn: null, endKind: null, endReason: null,
        workStartedOn: v.workStartedOn ?? null, partyCategory: v.partyCategory ?? null, partyConfirmedOn: v.partyConfirmedOn ?? null, funds: v.funds ?? null,
        importBatchId: null, createdAt: ctx.now, updatedAt: ctx.now,
      })
      .execute();
    const created = await loadTeamMember(ctx, id);
    await ctx.audit('teamMember', id, null, created);
    return created;
  },

  async 'team.update'(ctx, input) {
    const before = await teamMemberInScope(ctx, input.id);
    const merged = { ...before, ...input.patch } as Parameters<typeof checkedPosting>[1];
    const v = await checkedPosting(ctx, merged, input.id, new Set(Object.keys(input.patch)));
    const patch: Record<string, unknown> = { ...input.patch };
    // A linked member's name and ID number follow the member record.
    if (v.memberId) Object.assign(patch, { name: v.name, idNumber: v.idNumber, memberId: v.memberId });
    else if ('idNumber' in input.patch) patch.idNumber = v.idNumber ?? null;
    return updateAudited(ctx, 'teamMembers', 'teamMember', input.id, patch, () => loadTeamMember(ctx, input.id));
  },

  async 'team.end'(ctx, input) {
    const m = await loadTeamMember(ctx, input.id);
    if (m.fromDate && input.onDate <= firstDay(m.fromDate)) throw new LedgerError('VALIDATION', `召回或轮换日期 ${input.onDate} 应晚于任职开始日期 ${m.fromDate}`, { field: 'onDate' });
    if (input.onDate > ctx.today) throw new LedgerError('VALIDATION', `召回或轮换日期 ${input.onDate} 晚于今天`, { field: 'onDate' });
    return updateAudited(ctx, 'teamMembers', 'teamMember', input.id, { endedOn: input.onDate, endKind: input.kind, endReason: input.reason ?? null }, () => loadTeamMember(ctx, input.id));
  },

  async 'team.months'(ctx, input) {
    const months = monthSpan(input.from, input.to);
    const root = await listRootPath(ctx, input.orgId);
    const required = await requiredDays(ctx.db);
    const cadres = await cadreMonths(ctx.db, { lo: root, hi: subtreeUpper(root) }, input.from, input.to, input.text);
    const rows: MonthGridRow[] = cadres.slice(input.offset, input.offset + input.limit).map((c) => ({
      teamMemberId: c.id, name: c.name, role: c.role, villageOrgId: c.villageOrgId, villageName: c.villageName,
      cells: Object.fromEntries(months.map((mo) => [mo, monthCell(c, mo, required)])),
    }));
    return { requiredDays: required, months, rows, total: cadres.length };
  },

  async 'team.recordMonths'(ctx, input) {
    return recordMonths(ctx, input.entries);
  },

  async 'team.below'(ctx, input) {
    const months = monthSpan(input.from, input.to);
    const root = await listRootPath(ctx, input.orgId);
    const required = await requiredDays(ctx.db);
    const rows: BelowRow[] = [];
    for (const c of await cadreMonths(ctx.db, { lo: root, hi: subtreeUpper(root) }, input.from, input.to)) {
      for (const mo of months) {
        // Months not yet over are not judged.
        if (mo >= ctx.today.slice(0, 7)) continue;
        const cell = monthCell(c, mo, required);
        if (cell?.status !== 'below' && cell?.status !== 'notRecorded') continue;
        rows.push({ month: mo, teamMemberId: c.id, name: c.name, role: c.role, villageOrgId: c.villageOrgId, villageName: c.villageName, days: cell.days, approvedLeave: cell.approvedLeave, status: cell.status });
      }
    }
    rows.sort((a, b) => (a.month < b.month ? -1 : a.month > b.month ? 1 : 0));
    return { requiredDays: required, rows };
  },

  async 'team.saveLeave'(ctx, input) {
    if (input.toDate < input.fromDate) throw new LedgerError('VALIDATION', `请假结束日期 ${input.toDate} 早于开始日期 ${input.fromDate}`, { field: 'toDate' });
    if (input.approvedOn && input.approvedOn > ctx.today) throw new LedgerError('VALIDATION', `批准日期 ${input.approvedOn} 晚于今天`, { field: 'approvedOn' });
    const { from, to } = await termOf(ctx, input.teamMemberId);
    if ((from && input.toDate < from) || (to && input.fromDate > to)) throw new LedgerError('VALIDATION', `请假 ${input.fromDate} 至 ${input.toDate} 不在任职期内`, { field: 'fromDate' });
    const values = { teamMemberId: input.teamMemberId, fromDate: input.fromDate, toDate: input.toDate, reason: input.reason ?? null, approvedBy: input.approvedBy ?? null, approvedOn: input.approvedOn ?? null };
    if (input.id) {
      const id = input.id;
      await loadLeave(ctx, id);
      return updateAudited(ctx, 'teamLeaves', 'teamLeave', id, values, () => loadLeave(ctx, id));
    }
    const id = newId();
    await ctx.db.insertInto('teamLeaves').values({ id, ...values, importBatchId: null, createdAt: ctx.now, updatedAt: ctx.now }).execute();
    const created = await loadLeave(ctx, id);
    await ctx.audit('teamLeave', id, null, created);
    return created;
  },

  async 'team.removeLeave'(ctx, input) {
    const before = await loadLeave(ctx, input.id);
    await ctx.db.deleteFrom('teamLeaves').where('id', '=', input.id).execute();
    await ctx.audit('teamLeave', input.id, before, null);
    return { removed: true };
  },

  async 'team.saveTraining'(ctx, input) {
    if (input.onDate > ctx.today) throw new LedgerError('VALIDATION', `培训日期 ${input.onDate} 晚于今天`, { field: 'onDate' });
    await teamMemberInScope(ctx, input.teamMemberId);
    const values = { teamMemberId: input.teamMemberId, onDate: input.onDate, topic: input.topic, hours: input.hours ?? null };
    if (input.id) {
      const id = input.id;
      await loadTraining(ctx, id);
      return updateAudited(ctx, 'teamTrainings', 'teamTraining', id, values, () => loadTraining(ctx, id));
    }
    const id = newId();
    await ctx.db.insertInto('teamTrainings').values({ id, ...values, createdAt: ctx.now, updatedAt: ctx.now }).execute();
    const created = await loadTraining(ctx, id);
    await ctx.audit('teamTraining', id, null, created);
    return created;
  },

  async 'team.removeTraining'(ctx, input) {
    const before = await loadTraining(ctx, input.id);
    await ctx.db.deleteFrom('teamTrainings').where('id', '=', input.id).execute();
    await ctx.audit('teamTraining', input.id, before, null);
    return { removed: true };
  },

  async 'team.setGrade'(ctx, input) {
    const { from, to } = await termOf(ctx, input.teamMemberId);
    const y = String(input.year);
    if ((from && from.slice(0, 4) > y) || (to && to.slice(0, 4) < y)) throw new LedgerError('VALIDATION', `${input.year} 年不在该同志的任职期内`, { field: 'year' });
    if (input.year > Number(ctx.today.slice(0, 4))) throw new LedgerError('VALIDATION', `${input.year} 年尚未到来`, { field: 'year' });
    const row = await ctx.db.selectFrom('teamGrades').selectAll().where('teamMemberId', '=', input.teamMemberId).where('year', '=', input.year).executeTakeFirst();
    const before = row ? toGrade(row) : null;
    if (input.grade === null) {
      if (row) {
        await ctx.db.deleteFrom('teamGrades').where('id', '=', row.id).execute();
        await ctx.audit('teamGrade', row.id, before, null);
      }
      return null;
    }
    const after = { teamMemberId: input.teamMemberId, year: input.year, grade: input.grade, note: input.note ?? null };
    const id = row?.id ?? newId();
    if (row) await ctx.db.updateTable('teamGrades').set({ grade: after.grade, note: after.note }).where('id', '=', id).execute();
    else await ctx.db.insertInto('teamGrades').values({ id, ...after, createdAt: ctx.now }).execute();
    await ctx.audit('teamGrade', id, before, after);
    return after;
  },
};
