/**
 * The month grid in a teams roster: which month columns a subtree's export holds (every month with
 * a record; work logs and visits only for months where one was counted), and each posting's values.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { monthColumns, type ColumnDef } from '../../../shared/import/columns.js';
import type { MonthMeasure } from '../../../shared/import/index.js';
import { subtreeUpper } from '../auth/scope.js';
import type { Record_ } from './sources.js';

export async function teamMonthColumns(db: Kysely<DB>, rootPath: string): Promise<ColumnDef[]> {
  const rows = await sql<{ month: string; logs: number; visits: number }>`
    SELECT m.month, max(m.log_count) AS logs, max(m.visit_count) AS visits FROM team_months m
    JOIN team_members t ON t.id = m.team_member_id JOIN orgs o ON o.id = t.village_org_id
    WHERE o.path >= ${rootPath} AND o.path < ${subtreeUpper(rootPath)} GROUP BY m.month ORDER BY m.month`.execute(db);
  const by = new Map(rows.rows.map((r) => [r.month, r]));
  return monthColumns(rows.rows.map((r) => r.month), (m) => ['days', ...(by.get(m)!.logs > 0 ? ['logs' as const] : []), ...(by.get(m)!.visits > 0 ? ['visits' as const] : [])] as MonthMeasure[]);
}

/** Postings with their months as days.2026-01, logs.2026-01, visits.2026-01. */
export async function withMonths(db: Kysely<DB>, postings: Record_[]): Promise<Record_[]> {
  const months = await db.selectFrom('teamMonths').select(['teamMemberId', 'month', 'daysInVillage', 'logCount', 'visitCount']).where('teamMemberId', 'in', postings.map((p) => p.id as string)).execute();
  const of = new Map<string, Record_>();
  for (const m of months) {
    const o = of.get(m.teamMemberId) ?? {};
    Object.assign(o, { [`days.${m.month}`]: m.daysInVillage, [`logs.${m.month}`]: m.logCount, [`visits.${m.month}`]: m.visitCount });
    of.set(m.teamMemberId, o);
  }
  return postings.map((p) => ({ ...p, ...of.get(p.id as string) }));
}
