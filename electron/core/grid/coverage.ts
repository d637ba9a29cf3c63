/**
 * Coverage views of a scope on a day: which units have a party organisation covering them (one that
 * exists that day), and how many members are registered with each unit or below it. The page lists
 * from these rows the grids without an organisation, the buildings without a party group, the
 * villages and communities without one, and the members registered per grid.
 */
import type { CoverageRow, GridNode } from '../../../shared/contract/grid.js';
import type { Ctx } from '../context.js';
import { unitsUnder } from './load.js';

export async function coverageRows(ctx: Ctx, rootPath: string, asOf: string | undefined): Promise<CoverageRow[]> {
  const day = asOf ?? ctx.today;
  const nodes = await unitsUnder(ctx, rootPath, { asOf });
  const orgs = new Map((await ctx.db.selectFrom('orgs').select(['id', 'foundedOn', 'dissolvedOn']).execute()).map((o) => [o.id, o]));
  const covering = (n: GridNode) => {
    const o = n.orgId ? orgs.get(n.orgId) : undefined;
    return o !== undefined && (o.foundedOn === null || o.foundedOn.slice(0, 10) <= day) && (o.dissolvedOn === null || o.dissolvedOn > day);
  };
  const byId = new Map(nodes.map((n) => [n.id, n]));
  // Registered below: children come after their parents in tree order, so add up from the end.
  const below = new Map(nodes.map((n) => [n.id, n.registered]));
  for (let i = nodes.length - 1; i >= 0; i--) {
    const n = nodes[i]!;
    if (n.parentId && below.has(n.parentId)) below.set(n.parentId, below.get(n.parentId)! + below.get(n.id)!);
  }
  const placePath = (n: GridNode) => {
    const names: string[] = [];
    for (let p = n.parentId ? byId.get(n.parentId) : undefined; p && names.length < 64; p = p.parentId ? byId.get(p.parentId) : undefined) names.unshift(p.name);
    return names.join(' / ');
  };
  return nodes.map((n) => {
    const covered = covering(n);
    return { id: n.id, kind: n.kind, name: n.name, placePath: placePath(n), ownerName: n.ownerName, orgName: covered ? n.orgName : null, covered, registered: below.get(n.id) ?? 0 };
  });
}
