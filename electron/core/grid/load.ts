/**
 * Reading grid units: the row as the contract shows it, scoped loaders (auth/records.ts checks the
 * owner's subtree), and the tree of a scope with the names of the owning and covering organisations
 * and the members registered with each unit, today or as of a past day (history.ts).
 */
import { sql, type Kysely, type Selectable } from 'kysely';
import { LedgerError } from '../../../shared/contract/envelope.js';
import type { GridNode, GridUnit } from '../../../shared/contract/grid.js';
import { compareUnitNames, type GridKind } from '../../../shared/domain/grid-rules.js';
import type { DB, GridsTable } from '../db/schema.js';
import type { Ctx } from '../context.js';
import { gridInScope } from '../auth/records.js';
import { inSubtree } from '../auth/scope.js';
import { statesOn } from './history.js';
import { pinyinInitials } from '../../../shared/domain/pinyin.js';

export function toUnit(row: Selectable<GridsTable>): GridUnit {
  const { importBatchId: _b, initials: _i, ...r } = row;
  return { ...r, kind: r.kind as GridKind, ownerOrgId: r.ownerOrgId ?? '', foundedOn: r.foundedOn ?? r.createdAt.slice(0, 10) };
}

/** The unit, once its owner's subtree is found in the caller's scope. */
export async function loadUnit(ctx: Ctx, id: string): Promise<GridUnit> {
  return toUnit(await gridInScope(ctx, id));
}

/** A unit that may still change: not dissolved. */
export async function loadLiveUnit(ctx: Ctx, id: string): Promise<GridUnit> {
  const u = await loadUnit(ctx, id);
  if (u.dissolvedOn) throw new LedgerError('CONFLICT', `“${u.name}”已于 ${u.dissolvedOn} 撤销，不能再修改`);
  return u;
}

/** SQL: a registration holding on day d whose member is a member that day (by the member row). */
export const registrationHolds = (d: string) =>
  sql<boolean>`(r.from_date IS NULL OR r.from_date <= ${d}) AND (r.to_date IS NULL OR r.to_date > ${d})
    AND (CASE WHEN m.left_on IS NOT NULL THEN m.left_on > ${d} ELSE m.status = 'active' END)`;

/** Members registered on day d, by unit. */
export async function registeredByUnit(db: Kysely<DB>, d: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('gridRegistrations as r')
    .innerJoin('members as m', 'm.id', 'r.memberId')
    .select(['r.gridId', sql<number>`count(*)`.as('n')])
    .where(registrationHolds(d))
    .groupBy('r.gridId')
    .execute();
  return new Map(rows.map((r) => [r.gridId, r.n]));
}

interface OrgInfo {
  name: string;
  kind: string;
  path: string;
}

async function orgInfo(db: Kysely<DB>): Promise<Map<string, OrgInfo>> {
  const rows = await db.selectFrom('orgs').select(['id', 'name', 'shortName', 'kind', 'path']).execute();
  return new Map(rows.map((o) => [o.id, { name: o.shortName ?? o.name, kind: o.kind, path: o.path }]));
}

/**
 * The units whose owner lies under `rootPath` (the caller's scope or a narrower organisation), in
 * tree order. Today: the grids rows. As of a past day: their state that day from the records; the
 * fields kept without history (网格长 …) show today's values, and not at all for a unit that has
 * since left the caller's scope.
 */
export async function unitsUnder(ctx: Ctx, rootPath: string, opts: { asOf?: string | undefined; includeDissolved?: boolean }): Promise<GridNode[]> {
  const day = opts.asOf ?? ctx.today;
  const [orgs, registered] = await Promise.all([orgInfo(ctx.db), registeredByUnit(ctx.db, day)]);
  const inRoot = (ownerId: string | null) => {
    const o = ownerId ? orgs.get(ownerId) : undefined;
    return o !== undefined && inSubtree(o.path, rootPath);
  };
  const node = (u: GridUnit, initials: string | null): GridNode => {
    const cover = u.orgId ? orgs.get(u.orgId) : undefined;
    return { ...u, orgName: cover?.name ?? null, orgKind: cover?.kind ?? null, ownerName: orgs.get(u.ownerOrgId)?.name ?? '', initials: initials ?? '', registered: registered.get(u.id) ?? 0 };
  };
  const rows = await ctx.db
    .selectFrom('grids as g')
    .innerJoin('orgs as o', 'o.id', 'g.ownerOrgId')
    .selectAll('g')
    .where('o.path', '>=', rootPath)
    .where('o.path', '<', rootPath.slice(0, -1) + '0')
    .$if(!opts.asOf && !opts.includeDissolved, (q) => q.where('g.dissolvedOn', 'is', null))
    .orderBy('g.path')
    .execute();
  if (!opts.asOf) return sortTree(rows.map((r) => node(toUnit(r), r.initials)));

  const current = new Map(rows.map((r) => [r.id, r]));
  const states = await statesOn(ctx.db, opts.asOf);
  const out: GridNode[] = [];
  const missing: string[] = [];
  for (const s of states.values()) if (inRoot(s.ownerOrgId) && !current.has(s.id)) missing.push(s.id);
  // Units of the scope then that have since moved out of it: their state then, none of today's fields.
  const others = new Map<string, Selectable<GridsTable>>();
  for (let i = 0; i < missing.length; i += 500) {
    for (const r of await ctx.db.selectFrom('grids').selectAll().where('id', 'in', missing.slice(i, i + 500)).execute()) others.set(r.id, { ...r, leader: null, workers: null, buildingLeader: null, households: null, population: null });
  }
  for (const s of states.values()) {
    if (!inRoot(s.ownerOrgId)) continue;
    const row = current.get(s.id) ?? others.get(s.id);
    if (!row) continue;
    out.push(node({ ...toUnit(row), name: s.name, parentId: s.parentId, ownerOrgId: s.ownerOrgId, orgId: s.orgId, dissolvedOn: null, dissolvedReason: null }, s.name === row.name ? row.initials : pinyinInitials(s.name)));
  }
  return sortTree(out);
}

/** Parents before children, siblings by kind then name as counted (第二 before 第十); paths rebuilt from the parents (as of a day they differ from today's). */
export function sortTree(nodes: GridNode[]): GridNode[] {
  const byParent = new Map<string | null, GridNode[]>();
  const ids = new Set(nodes.map((n) => n.id));
  for (const n of nodes) {
    const p = n.parentId && ids.has(n.parentId) ? n.parentId : null;
    let list = byParent.get(p);
    if (!list) byParent.set(p, (list = []));
    list.push(n);
  }
  const kindRank = (k: string) => ['community', 'village', 'grid', 'estate', 'building', 'lane', 'village-group'].indexOf(k);
  const out: GridNode[] = [];
  const walk = (parent: string | null, path: string) => {
    const list = (byParent.get(parent) ?? []).sort((a, b) => kindRank(a.kind) - kindRank(b.kind) || compareUnitNames(a.name, b.name));
    for (const n of list) {
      n.path = `${path}${n.id}/`;
      out.push(n);
      walk(n.id, n.path);
    }
  };
  walk(null, '/');
  return out;
}
