/**
 * The state of grid units on a day, from their dated records (grid_changes): a unit exists from its
 * 'found' record until its 'dissolve' record; its name, parent and covering organisation are those
 * of its latest records on or before the day. Only a top unit's records carry the owner: a unit's
 * owner on a day is its place's (the top ancestor's) on that day, so a place moved to another
 * township takes everything in it along, in the past as now.
 *
 * Writes keep each unit's records in date order (write.ts refuses a date before a unit's latest
 * record), so replaying them in (date, rowid) order gives every past state, and the grids row is the
 * state after the last one.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { GridKind } from '../../../shared/domain/grid-rules.js';

export interface UnitState {
  id: string;
  kind: GridKind;
  name: string;
  parentId: string | null;
  ownerOrgId: string;
  orgId: string | null;
  foundedOn: string;
  dissolvedOn: string | null;
}

interface ChangeRow {
  gridId: string;
  kind: string;
  onDate: string;
  name: string | null;
  parentId: string | null;
  ownerOrgId: string | null;
  orgId: string | null;
}

/** Every unit's records up to `d`, in order, by unit. */
async function changesUpTo(db: Kysely<DB>, d: string): Promise<Map<string, ChangeRow[]>> {
  const rows = await db
    .selectFrom('gridChanges')
    .select(['gridId', 'kind', 'onDate', 'name', 'parentId', 'ownerOrgId', 'orgId'])
    .where('onDate', '<=', d)
    .orderBy('gridId')
    .orderBy('onDate')
    .orderBy(db.dynamic.ref('rowid'))
    .execute();
  const by = new Map<string, ChangeRow[]>();
  for (const r of rows) {
    let list = by.get(r.gridId);
    if (!list) by.set(r.gridId, (list = []));
    list.push(r);
  }
  return by;
}

/** Units existing on `d` with their state that day (owners resolved through their places). */
export async function statesOn(db: Kysely<DB>, d: string): Promise<Map<string, UnitState>> {
  const byUnit = await changesUpTo(db, d);
  const units = await db.selectFrom('grids').select(['id', 'kind']).execute();
  const out = new Map<string, UnitState>();
  for (const u of units) {
    const records = byUnit.get(u.id);
    const found = records?.[0];
    if (!records || !found || found.kind !== 'found') continue;
    const s: UnitState = { id: u.id, kind: u.kind as GridKind, name: found.name ?? '', parentId: found.parentId, ownerOrgId: found.ownerOrgId ?? '', orgId: found.orgId, foundedOn: found.onDate, dissolvedOn: null };
    for (const c of records.slice(1)) {
      if (c.kind === 'rename') s.name = c.name ?? s.name;
      else if (c.kind === 'move') {
        s.parentId = c.parentId;
        if (c.ownerOrgId) s.ownerOrgId = c.ownerOrgId;
      } else if (c.kind === 'cover') s.orgId = c.orgId;
      else if (c.kind === 'dissolve') s.dissolvedOn = c.onDate;
    }
    if (s.dissolvedOn === null) out.set(u.id, s);
  }
  // A unit's area is its place's: walk up to the top unit existing that day.
  const ownerOf = (s: UnitState, depth = 0): string => {
    const parent = s.parentId ? out.get(s.parentId) : undefined;
    return parent && depth < 64 ? ownerOf(parent, depth + 1) : s.ownerOrgId;
  };
  for (const s of out.values()) if (s.parentId) s.ownerOrgId = ownerOf(s);
  return out;
}

/** The ids above a unit in a state map, nearest first. */
export function ancestorsIn(states: ReadonlyMap<string, UnitState>, id: string): string[] {
  const out: string[] = [];
  let at = states.get(id)?.parentId ?? null;
  while (at && out.length < 64) {
    out.push(at);
    at = states.get(at)?.parentId ?? null;
  }
  return out;
}
