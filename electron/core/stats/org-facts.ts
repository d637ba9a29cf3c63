/**
 * Facts of the organisations strictly below the scope root on the as-of date, for the 党组织
 * definitions: kind and unit category then (org_changes undone), the term in force (latest
 * election by then; an extension from its approval), elected in the period, and the yearly rating
 * then in force with its 整顿 status on the date.
 *
 * Grouped in SQL while nothing placing or classifying an organisation changed after the date (the
 * present rows are the state then); otherwise the subtree on the date is rebuilt in code
 * (org/as-of.ts). Drill-down lists always come one per organisation, with names.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { Fact } from '../../../shared/reports/evaluate.js';
import { BASIC_KINDS } from '../../../shared/reports/bands.js';
import { rectificationStatusOn, termStateOn } from '../../../shared/domain/org-rules.js';
import { subtreeOn } from '../org/as-of.js';
import { ratingsOn, termsOn } from '../org/facts.js';
import type { Scope } from './population.js';
import type { ListedFact, Params } from './subjects.js';

const BASIC: ReadonlySet<string> = new Set(BASIC_KINDS);

export interface OrgParams extends Params {
  /** The 换届 grace window of the settings (months; 0: none). */
  graceMonths: number;
}

/** Per organisation, in code: the subtree on the date and the records then in force. */
export async function orgFacts(db: Kysely<DB>, scope: Scope & { path: string }, p: OrgParams): Promise<ListedFact[]> {
  const orgs = (await subtreeOn(db, scope.path, p.asOf)).slice(1);
  const terms = await termsOn(db, p.asOf, p.graceMonths);
  const ratings = await ratingsOn(db, p.asOf);
  const reelected = new Set((await sql<{ orgId: string }>`SELECT DISTINCT org_id FROM org_elections WHERE elected_on BETWEEN ${p.from} AND ${p.to}`.execute(db)).rows.map((r) => r.orgId));
  return orgs.map((o) => {
    const r = ratings.get(o.id);
    return {
      id: o.id, name: o.name, orgId: o.parentId, orgName: null,
      kind: o.kind,
      basic: BASIC.has(o.kind),
      unitCategory: o.unitCategory,
      termStatus: terms.get(o.id)?.status ?? null,
      reelected: reelected.has(o.id),
      stars: r?.stars ?? null,
      weak: r?.weak ?? false,
      rectificationStatus: r?.rectification ?? null,
    };
  });
}

/** SQL: the subtree's organisations strictly below its root; the whole ledger needs no path range. */
const belowRoot = (scope: Scope & { path: string }) => (scope.all ? sql`o.path <> ${scope.path}` : sql`o.path > ${scope.path} AND o.path < ${scope.hi}`);

/** The same facts as orgFacts, grouped (a few thousand groups instead of one fact per organisation). */
export async function orgGroupFacts(db: Kysely<DB>, scope: Scope & { path: string }, p: OrgParams): Promise<Fact[]> {
  const changed = await db.selectFrom('orgChanges').select('id').where('onDate', '>', p.asOf).limit(1).executeTakeFirst();
  if (changed) return orgFacts(db, scope, p);
  const rows = await sql<{
    kind: string; unitCategory: string | null; electedOn: string | null; termYears: number | null; extendedTo: string | null; extensionApprovedOn: string | null;
    reelected: number; stars: number | null; weak: number | null; rect: number; rectifiedOn: string | null; closedOn: string | null; n: number;
  }>`
    SELECT o.kind, o.unit_category, e.elected_on, e.term_years, e.extended_to, e.extension_approved_on,
      EXISTS (SELECT 1 FROM org_elections y WHERE y.org_id = o.id AND y.elected_on BETWEEN ${p.from} AND ${p.to}) AS reelected,
      r.stars, r.weak, x.id IS NOT NULL AS rect, x.rectified_on, x.closed_on, count(*) AS n
    FROM orgs o
    LEFT JOIN (SELECT org_id, max(elected_on) AS elected_on, term_years, extended_to, extension_approved_on FROM org_elections WHERE elected_on <= ${p.asOf} GROUP BY org_id) e ON e.org_id = o.id
    LEFT JOIN (SELECT org_id, max(year) AS year, stars, weak FROM org_ratings WHERE year <= ${Number(p.asOf.slice(0, 4))} GROUP BY org_id) r ON r.org_id = o.id
    LEFT JOIN org_rectifications x ON r.weak = 1 AND x.org_id = o.id AND x.year = r.year
    WHERE ${belowRoot(scope)} AND (o.founded_on IS NULL OR o.founded_on <= ${p.asOf}) AND (o.dissolved_on IS NULL OR o.dissolved_on > ${p.asOf})
    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12`.execute(db);
  return rows.rows.map((o) => ({
    weight: o.n,
    kind: o.kind,
    basic: BASIC.has(o.kind),
    unitCategory: o.unitCategory,
    termStatus: o.electedOn && o.termYears ? termStateOn([{ electedOn: o.electedOn, termYears: o.termYears, extendedTo: o.extendedTo, extensionApprovedOn: o.extensionApprovedOn }], p.asOf, p.graceMonths) : null,
    reelected: o.reelected === 1,
    stars: o.stars,
    weak: o.weak === 1,
    rectificationStatus: o.rect ? rectificationStatusOn(o, p.asOf) : null,
  }));
}
