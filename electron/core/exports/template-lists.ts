import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { RosterKind } from '../../../shared/import/columns.js';
import { subtreeUpper } from '../auth/scope.js';
import { loadGrids, loadOrgs, type OrgInfo } from './labels.js';

const inTree = (path: string, root: string) => path >= root && path < subtreeUpper(root);

/**
 * What a unit's template offers in its dropdowns: its own organisations (for reserves and teams,
 * only the villages' top organisations; for meetings, the branches and groups) and its grid units,
 * labelled as exports label them.
 */
export async function templateLists(db: Kysely<DB>, rootPath: string, kind: RosterKind): Promise<{ root: OrgInfo | undefined; orgLabels: string[]; gridNames: Record<string, string[]> }> {
  const [orgs, grids] = await Promise.all([loadOrgs(db), loadGrids(db)]);
  const root = orgs.list.find((o) => o.path === rootPath);
  const live = orgs.list.filter((o) => o.dissolvedOn === null && inTree(o.path, rootPath));
  let chosen = live;
  if (kind === 'reserves' || kind === 'teams') {
    const byId = new Map(orgs.list.map((o) => [o.id, o]));
    const villages = live.filter((o) => o.unitCategory === 'village' && (o.parentId === null || byId.get(o.parentId)?.unitCategory !== 'village'));
    if (villages.length > 0) chosen = villages;
  } else if (kind === 'meetings') {
    // Meetings are held by branches and their groups.
    const holders = live.filter((o) => ['branch', 'joint-branch', 'temporary-branch', 'general-branch', 'group'].includes(o.kind));
    if (holders.length > 0) chosen = holders;
  }
  const owners = new Set(live.map((o) => o.id));
  const gridList = grids.list.filter((g) => g.dissolvedOn === null && g.ownerOrgId !== null && owners.has(g.ownerOrgId));
  const gridNames: Record<string, string[]> = {};
  for (const g of gridList) (gridNames[g.kind] ??= []).push(g.name);
  return { root, orgLabels: chosen.map((o) => orgs.label.get(o.id) ?? o.name), gridNames };
}
