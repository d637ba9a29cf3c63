/**
 * Facts of the grid subject on a day (shared/reports/definitions.ts 'grid'), from the units' dated
 * records (grid/history.ts), so last year's figures stay as they were:
 * - one fact per unit existing that day: kind, hasOrg (a covering organisation existing that day),
 *   orgKind;
 * - one fact per member registered that day (record 'registration', the unit's kind as unitKind),
 *   named by the unit only: a registered member may belong to a branch outside the subtree.
 * A unit counts in a subtree when its owner (the township whose area it is in) lies there, or when
 * an organisation of the subtree covers it or a unit above it: a 社区党委's figures hold its
 * community, a township's its whole area.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { registrationHolds } from '../grid/load.js';
import { statesOn, type UnitState } from '../grid/history.js';
import type { Scope } from './population.js';
import type { ListedFact, Params } from './subjects.js';

export async function gridFacts(db: Kysely<DB>, scope: Scope, p: Params): Promise<ListedFact[]> {
  const day = p.asOf;
  const states = await statesOn(db, day);
  const orgs = new Map((await db.selectFrom('orgs').select(['id', 'name', 'shortName', 'kind', 'path', 'foundedOn', 'dissolvedOn']).execute()).map((o) => [o.id, o]));
  const inScope = (orgId: string | null) => {
    if (!orgId) return false;
    const o = orgs.get(orgId);
    return o !== undefined && (scope.all === true || (o.path >= scope.lo && o.path < scope.hi));
  };
  const cover = (s: UnitState) => {
    const o = s.orgId ? orgs.get(s.orgId) : undefined;
    return o && (o.foundedOn === null || o.foundedOn.slice(0, 10) <= day) && (o.dissolvedOn === null || o.dissolvedOn > day) ? o : undefined;
  };
  const inArea = new Map<string, boolean>();
  const areaOf = (s: UnitState, depth = 0): boolean => {
    let v = inArea.get(s.id);
    if (v !== undefined) return v;
    const parent = s.parentId ? states.get(s.parentId) : undefined;
    v = inScope(s.ownerOrgId) || inScope(cover(s)?.id ?? null) || (parent !== undefined && depth < 64 && areaOf(parent, depth + 1));
    inArea.set(s.id, v);
    return v;
  };
  const facts: ListedFact[] = [];
  for (const s of states.values()) {
    if (!areaOf(s)) continue;
    const o = cover(s);
    facts.push({ id: s.id, name: s.name, orgId: o ? s.orgId : null, orgName: o ? (o.shortName ?? o.name) : null, record: 'unit', kind: s.kind, hasOrg: o !== undefined, orgKind: o?.kind ?? null });
  }
  const regs = await db
    .selectFrom('gridRegistrations as r')
    .innerJoin('members as m', 'm.id', 'r.memberId')
    .select(['r.id', 'r.gridId'])
    .where(registrationHolds(day))
    .execute();
  for (const r of regs) {
    const s = states.get(r.gridId);
    if (!s || !areaOf(s)) continue;
    facts.push({ id: r.id, name: s.name, orgId: null, orgName: null, record: 'registration', kind: null, unitKind: s.kind });
  }
  return facts;
}
