/**
 * Facts of 第一书记 / 驻村工作队 for the report definitions, from the same reader as the month grid
 * (team/month-facts.ts) so a figure and the page's list cannot disagree:
 * - teamMember: cadres in post on asOf, with the average days of the period's recorded months
 *   (approved leave not added: the average says where they were), whether any judged month of the
 *   period fell below the required days (approved leave counted), and the grade of the as-of year;
 * - teamMonth: one fact per cadre and ended month of the period in which they were in post some day:
 *   'ok', 'below', 'notRecorded', or 'notJudged' (in post only part of the month).
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { inPostOn, monthLength, monthsFrom } from '../../../shared/domain/village-days.js';
import type { Scope } from './population.js';
import type { ListedFact, Params } from './subjects.js';
import { cadreMonths, monthCell, type CadreMonths } from '../team/month-facts.js';
import { requiredDays } from '../team/settings.js';

/** Months of [from, to] that ended by asOf (a month still running is not judged). */
function endedMonths(p: Params): string[] {
  return monthsFrom(p.from.slice(0, 7), p.to.slice(0, 7)).filter((m) => `${m}-${String(monthLength(m)).padStart(2, '0')}` <= p.asOf);
}

const cadresOf = (db: Kysely<DB>, scope: Scope, from: string, to: string): Promise<CadreMonths[]> => cadreMonths(db, { lo: scope.lo, hi: scope.hi }, from, to);

export async function teamMemberFacts(db: Kysely<DB>, scope: Scope, p: Params): Promise<ListedFact[]> {
  const required = await requiredDays(db);
  const months = endedMonths(p);
  // In post on asOf (a day that may lie outside the period), with the period's months.
  const span = [p.from.slice(0, 7), p.to.slice(0, 7), p.asOf.slice(0, 7)].sort();
  const cadres = (await cadresOf(db, scope, span[0]!, span[2]!)).filter((c) => inPostOn(c.term, p.asOf));
  const year = Number(p.asOf.slice(0, 4));
  const grades = cadres.length === 0 ? [] : await db.selectFrom('teamGrades').select(['teamMemberId', 'grade']).where('teamMemberId', 'in', cadres.map((c) => c.id)).where('year', '=', year).execute();
  const grade = new Map(grades.map((g) => [g.teamMemberId, g.grade]));
  return cadres.map((c) => {
    const days = months.map((m) => c.months.get(m)?.days).filter((d): d is number => d !== undefined);
    return {
      id: c.id, name: c.name, orgId: c.villageOrgId, orgName: c.villageName,
      role: c.role,
      dispatchingLevel: c.dispatchingLevel,
      avgDays: days.length > 0 ? days.reduce((a, b) => a + b, 0) / days.length : null,
      belowDays: months.some((m) => monthCell(c, m, required)?.status === 'below'),
      grade: grade.get(c.id) ?? null,
    };
  });
}

export async function teamMonthFacts(db: Kysely<DB>, scope: Scope, p: Params): Promise<ListedFact[]> {
  const required = await requiredDays(db);
  const months = endedMonths(p);
  if (months.length === 0) return [];
  const out: ListedFact[] = [];
  for (const c of await cadresOf(db, scope, months[0]!, months[months.length - 1]!)) {
    for (const m of months) {
      const cell = monthCell(c, m, required);
      if (cell) out.push({ id: c.id, name: c.name, orgId: c.villageOrgId, orgName: c.villageName, month: m, status: cell.status, role: c.role, dispatchingLevel: c.dispatchingLevel });
    }
  }
  return out;
}
