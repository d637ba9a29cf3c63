/**
 * Facts of many organisations at once, for the tree's badges, the children grid and the term and
 * warning lists: member counts, committee sizes, the term in force and the structure warnings.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { SqliteHandle } from '../db/open.js';
import type { OrgKind, UnitCategory } from '../../../shared/codes/tables.js';
import { MEMBER_FACT_BITS } from '../db/migrations/004-member-facts.js';
import { memberStore } from '../stats/member-store.js';
import { rectificationStatusOn, structureWarnings, termStateOn, type StructureWarning } from '../../../shared/domain/org-rules.js';
import type { RectificationStatus } from '../../../shared/codes/org-records.js';
import { termDueOn, type TermStatus } from '../../../shared/domain/terms.js';

export interface MemberCounts {
  total: number;
  formal: number;
}

/**
 * Active members by branch today, from the statistics' in-memory member store (exact through the
 * triggers of migration 006 whoever writes): a loop over typed arrays instead of a grouped scan of
 * the members table, so the whole county's tree stays fast.
 */
export function memberCounts(sqlite: SqliteHandle): Map<string, MemberCounts> {
  const s = memberStore(sqlite);
  const byOrg = new Int32Array(s.orgIds.length);
  const formalByOrg = new Int32Array(s.orgIds.length);
  const active = 1 << MEMBER_FACT_BITS.active;
  const probationary = 1 << MEMBER_FACT_BITS.probationary;
  for (let rid = 0; rid <= s.rowMax; rid++) {
    const o = s.org[rid]!;
    if (o < 0) continue;
    const c = s.c[rid]!;
    if ((c & active) === 0) continue;
    byOrg[o]! += 1;
    if ((c & probationary) === 0) formalByOrg[o]! += 1;
  }
  const out = new Map<string, MemberCounts>();
  s.orgIds.forEach((id, i) => {
    if (byOrg[i]! > 0) out.set(id, { total: byOrg[i]!, formal: formalByOrg[i]! });
  });
  return out;
}

/** Officers in post on `d` other than 党小组组长, by organisation: the 支部委员会 when three or more. */
export async function committeeSizes(db: Kysely<DB>, d: string): Promise<Map<string, number>> {
  const rows = await sql<{ orgId: string; n: number }>`
    SELECT org_id, count(*) AS n FROM org_officers
    WHERE post <> 'group-leader' AND (from_date IS NULL OR from_date <= ${d}) AND (to_date IS NULL OR to_date >= ${d})
    GROUP BY org_id`.execute(db);
  return new Map(rows.rows.map((r) => [r.orgId, r.n]));
}

export interface TermOn {
  electedOn: string;
  termYears: number;
  dueOn: string;
  extendedTo: string | null;
  status: TermStatus;
}

/** The term in force on `d` for every organisation with an election by then. */
export async function termsOn(db: Kysely<DB>, d: string, graceMonths: number): Promise<Map<string, TermOn>> {
  // SQLite's bare columns with max(): the row of the latest election (month-precision dates sort first in their month).
  const rows = await sql<{ orgId: string; electedOn: string; termYears: number; extendedTo: string | null; extensionApprovedOn: string | null }>`
    SELECT org_id, max(elected_on) AS elected_on, term_years, extended_to, extension_approved_on
    FROM org_elections WHERE elected_on <= ${d} GROUP BY org_id`.execute(db);
  const out = new Map<string, TermOn>();
  for (const r of rows.rows) {
    const status = termStateOn([r], d, graceMonths)!;
    out.set(r.orgId, { electedOn: r.electedOn, termYears: r.termYears, dueOn: termDueOn(r), extendedTo: r.extendedTo, status });
  }
  return out;
}

/** Structure warnings of one organisation from the maps above. */
export function warningsOf(o: { id: string; kind: string; unitCategory: string | null; canApprove: number | boolean }, counts: Map<string, MemberCounts>, committees: Map<string, number>): StructureWarning[] {
  const c = counts.get(o.id);
  return structureWarnings({
    kind: o.kind as OrgKind,
    unitCategory: o.unitCategory as UnitCategory | null,
    canApprove: o.canApprove === 1 || o.canApprove === true,
    formal: c?.formal ?? 0,
    total: c?.total ?? 0,
    committee: committees.get(o.id) ?? 0,
  });
}

export interface RatingOn {
  stars: number | null;
  weak: boolean;
  /** The 整顿 status on the date of a 软弱涣散 rating's rectification; null when none is recorded. */
  rectification: RectificationStatus | null;
}

/** The rating in force on `d` (that year's or the latest earlier one) for every rated organisation. */
export async function ratingsOn(db: Kysely<DB>, d: string): Promise<Map<string, RatingOn>> {
  const rows = await sql<{ orgId: string; stars: number | null; weak: number; rectifiedOn: string | null; closedOn: string | null; rect: number }>`
    SELECT r.org_id, r.stars, r.weak, x.rectified_on, x.closed_on, x.id IS NOT NULL AS rect
    FROM (SELECT org_id, max(year) AS year, stars, weak FROM org_ratings WHERE year <= ${Number(d.slice(0, 4))} GROUP BY org_id) r
    LEFT JOIN org_rectifications x ON r.weak = 1 AND x.org_id = r.org_id AND x.year = r.year`.execute(db);
  return new Map(rows.rows.map((r) => [r.orgId, { stars: r.stars, weak: r.weak === 1, rectification: r.rect ? rectificationStatusOn(r, d) : null }]));
}
