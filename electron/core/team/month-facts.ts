/**
 * The month grid's facts for a subtree and a span of months: the cadres in post some day of the
 * span, their recorded months and their leave. One reader for the grid, the below-required list and
 * the statistics, so they cannot disagree.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { MonthCell, TeamMember } from '../../../shared/contract/team.js';
import { escapeLike } from '../util/like.js';
import { approvedLeaveDays, inPostSomeOfMonth, monthLength, monthsFrom, monthStatus, type LeaveSpan, type ServiceTerm } from '../../../shared/domain/village-days.js';
import { teamQuery } from './loaders.js';

export interface CadreMonths {
  id: string;
  name: string;
  role: TeamMember['role'];
  dispatchingLevel: string | null;
  villageOrgId: string;
  villageName: string;
  term: ServiceTerm;
  months: Map<string, { days: number; logCount: number; visitCount: number }>;
  leaves: LeaveSpan[];
}

export interface SubtreeRange {
  lo: string;
  hi: string;
}

const lastOf = (month: string) => `${month}-${String(monthLength(month)).padStart(2, '0')}`;

/** Cadres posted in the subtree and in post some day of [fromMonth, toMonth], by village then name. */
export async function cadreMonths(db: Kysely<DB>, range: SubtreeRange, fromMonth: string, toMonth: string, text?: string): Promise<CadreMonths[]> {
  const first = `${fromMonth}-01`;
  const last = lastOf(toMonth);
  let q = teamQuery(db)
    .where('o.path', '>=', range.lo)
    .where('o.path', '<', range.hi)
    // Overlap with the span (month-only dates compare as text: '2024-05' < '2024-05-01').
    .where((eb) => eb.or([eb('t.fromDate', 'is', null), eb('t.fromDate', '<=', last)]))
    .where((eb) => eb.or([eb('t.toDate', 'is', null), eb('t.toDate', '>=', fromMonth)]))
    .where((eb) => eb.or([eb('t.endedOn', 'is', null), eb('t.endedOn', '>', first)]));
  if (text) q = q.where(sql<boolean>`coalesce(m.name, t.name) LIKE ${'%' + escapeLike(text) + '%'} ESCAPE '\\'`);
  const rows = await q.orderBy('o.path').orderBy(sql`CASE t.role WHEN 'first-secretary' THEN 0 WHEN 'leader' THEN 1 ELSE 2 END`).orderBy('t.name').orderBy('t.id').execute();
  const out = new Map<string, CadreMonths>();
  for (const r of rows) {
    const term = { fromDate: r.fromDate, toDate: r.toDate, endedOn: r.endedOn };
    if (!monthsFrom(fromMonth, toMonth).some((m) => inPostSomeOfMonth(term, m))) continue;
    out.set(r.id, {
      id: r.id, name: r.memberName ?? r.name, role: r.role as TeamMember['role'], dispatchingLevel: r.dispatchingLevel,
      villageOrgId: r.villageOrgId, villageName: r.villageName, term, months: new Map(), leaves: [],
    });
  }
  if (out.size === 0) return [];
  const ids = JSON.stringify([...out.keys()]);
  const months = await sql<{ teamMemberId: string; month: string; daysInVillage: number; logCount: number; visitCount: number }>`
    SELECT team_member_id, month, days_in_village, log_count, visit_count FROM team_months
    WHERE team_member_id IN (SELECT value FROM json_each(${ids})) AND month >= ${fromMonth} AND month <= ${toMonth}`.execute(db);
  for (const m of months.rows) out.get(m.teamMemberId)!.months.set(m.month, { days: m.daysInVillage, logCount: m.logCount, visitCount: m.visitCount });
  const leaves = await sql<{ teamMemberId: string; fromDate: string; toDate: string; approvedBy: string | null }>`
    SELECT team_member_id, from_date, to_date, approved_by FROM team_leaves
    WHERE team_member_id IN (SELECT value FROM json_each(${ids})) AND to_date >= ${first} AND from_date <= ${last}`.execute(db);
  for (const l of leaves.rows) out.get(l.teamMemberId)!.leaves.push(l);
  return [...out.values()];
}

/** A cadre's cell of one month (null when not in post any day of it). */
export function monthCell(c: CadreMonths, month: string, required: number): MonthCell | null {
  if (!inPostSomeOfMonth(c.term, month)) return null;
  const rec = c.months.get(month);
  const approvedLeave = approvedLeaveDays(c.leaves, month);
  return {
    days: rec?.days ?? null,
    logCount: rec?.logCount ?? null,
    visitCount: rec?.visitCount ?? null,
    approvedLeave,
    status: monthStatus(c.term, month, rec?.days ?? null, approvedLeave, required),
  };
}
