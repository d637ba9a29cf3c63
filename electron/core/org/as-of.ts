/**
 * Organisations as they stood on a date. The `orgs` row is the present; every change of a column
 * that names or places an organisation is dated (org_names for 曾用名, org_changes for parent,
 * kind and unit category), so the state on `d` is the present with the changes after `d` undone,
 * latest first. Dissolution is a date on the row (an organisation exists from its founding until
 * the day before it was dissolved; an unknown founding date counts as always).
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { subtreeUpper } from '../auth/scope.js';

export interface OrgOn {
  id: string;
  parentId: string | null;
  name: string;
  shortName: string | null;
  kind: string;
  unitCategory: string | null;
  foundedOn: string | null;
  dissolvedOn: string | null;
  canApprove: number;
  contactPerson: string | null;
  phone: string | null;
  sortOrder: number;
  /** Today's materialised path (scope checks are on the present tree). */
  path: string;
}

/** Existing on d: founded by then (or unknown) and not yet dissolved. */
export const existedOn = (o: Pick<OrgOn, 'foundedOn' | 'dissolvedOn'>, d: string): boolean =>
  (o.foundedOn === null || o.foundedOn <= d) && (o.dissolvedOn === null || o.dissolvedOn > d);

const COLUMNS = ['id', 'parentId', 'name', 'shortName', 'kind', 'unitCategory', 'foundedOn', 'dissolvedOn', 'canApprove', 'contactPerson', 'phone', 'sortOrder', 'path'] as const;

/** True when some organisation was moved after `d`: then a subtree on `d` is not today's path range. */
export async function movedSince(db: Kysely<DB>, d: string): Promise<boolean> {
  const r = await db.selectFrom('orgChanges').select('id').where('field', '=', 'parent_id').where('onDate', '>', d).limit(1).executeTakeFirst();
  return r !== undefined;
}

/** Undoes, on `rows` (by id), the renames and changes made after `d`. */
export async function rollBack(db: Kysely<DB>, rows: Map<string, OrgOn>, d: string): Promise<void> {
  const changes = await db.selectFrom('orgChanges').select(['orgId', 'field', 'oldValue']).where('onDate', '>', d).orderBy('onDate', 'desc').orderBy('createdAt', 'desc').execute();
  for (const c of changes) {
    const o = rows.get(c.orgId);
    if (!o) continue;
    if (c.field === 'parent_id') o.parentId = c.oldValue;
    else if (c.field === 'kind') o.kind = c.oldValue ?? o.kind;
    else o.unitCategory = c.oldValue;
  }
  // The name in force on d is that of the earliest rename after d (valid_to is the rename date).
  const names = await db.selectFrom('orgNames').select(['orgId', 'name', 'shortName']).where('validTo', '>', d).orderBy('validTo', 'desc').execute();
  for (const n of names) {
    const o = rows.get(n.orgId);
    if (o) Object.assign(o, { name: n.name, shortName: n.shortName });
  }
}

/**
 * The subtree of `rootPath` as it stood on `d`: every organisation below the root then (moves
 * undone), with its name, kind and category then, and its depth below the root. Organisations not
 * yet founded on d are left out, dissolved ones unless `withDissolved` (their dissolvedOn is then
 * the date; one dissolved after d shows as live). In tree order (depth, sort order, name).
 */
export async function subtreeOn(db: Kysely<DB>, rootPath: string, d: string, o: { withDissolved?: boolean; today?: string } = {}): Promise<(OrgOn & { depth: number })[]> {
  // Today's subtree is the path range; a past date with later moves needs every organisation.
  const present = o.today !== undefined && d >= o.today;
  const moved = !present && (await movedSince(db, d));
  const rows = await db
    .selectFrom('orgs')
    .select(COLUMNS)
    .$if(!moved, (q) => q.where('path', '>=', rootPath).where('path', '<', subtreeUpper(rootPath)))
    .execute();
  const byId = new Map<string, OrgOn>(rows.map((r) => [r.id, r]));
  if (!present) await rollBack(db, byId, d);
  const rootId = rootPath.slice(rootPath.lastIndexOf('/', rootPath.length - 2) + 1, -1);
  const children = new Map<string, OrgOn[]>();
  for (const r of byId.values()) {
    if (r.parentId === null) continue;
    let list = children.get(r.parentId);
    if (!list) children.set(r.parentId, (list = []));
    list.push(r);
  }
  const out: (OrgOn & { depth: number })[] = [];
  const root = byId.get(rootId);
  if (!root) return out;
  let level: OrgOn[] = [root];
  for (let depth = 0; level.length > 0; depth++) {
    // SQLite's order of names (code points), as the tree always had.
    level.sort((a, b) => a.sortOrder - b.sortOrder || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const next: OrgOn[] = [];
    for (const r of level) {
      const founded = r.foundedOn === null || r.foundedOn <= d;
      const dissolved = r.dissolvedOn !== null && r.dissolvedOn <= d;
      // The rows are this call's own: completed in place rather than copied (30,000 in a county).
      if (depth === 0 || (founded && (!dissolved || o.withDissolved))) out.push(Object.assign(r, { dissolvedOn: dissolved ? r.dissolvedOn : null, depth }));
      const below = children.get(r.id);
      if (below) for (const c of below) next.push(c);
    }
    level = next;
  }
  return out;
}

/** One organisation on `d` (rows are never deleted, so there always is one). */
export async function orgOn(db: Kysely<DB>, id: string, d: string): Promise<OrgOn> {
  const row = await db.selectFrom('orgs').select(COLUMNS).where('id', '=', id).executeTakeFirstOrThrow();
  const one = new Map([[id, { ...row }]]);
  await rollBack(db, one, d);
  return one.get(id)!;
}
