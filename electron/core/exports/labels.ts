import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { ORG_PATH_SEPARATOR } from '../../../shared/import/columns.js';

interface Node {
  id: string;
  parentId: string | null;
  name: string;
}

/**
 * How an organisation or grid unit is written in a cell so that the importer finds exactly one:
 * its name when no other node (anywhere in the ledger, dissolved ones too) has that name, else the
 * shortest chain of ancestor names ending at it that no other node's chain shares
 * ("中共某村委员会/第一党支部"). Ids are never written: clerks edit these files.
 */
export function labelNodes(nodes: readonly Node[]): Map<string, string> {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const names = (n: Node, depth: number): string[] => {
    const out = [n.name];
    let cur: Node | undefined = n;
    for (let i = 1; i < depth && cur?.parentId; i++) {
      cur = byId.get(cur.parentId);
      if (cur) out.unshift(cur.name);
    }
    return out;
  };
  const chain = (n: Node, depth: number): string => names(n, depth).join(ORG_PATH_SEPARATOR);
  const countsAt: Map<string, number>[] = [];
  const countOf = (key: string, segments: number): number => {
    let counts = countsAt[segments];
    if (!counts) {
      counts = new Map<string, number>();
      for (const n of nodes) {
        const k = chain(n, segments);
        counts.set(k, (counts.get(k) ?? 0) + 1);
      }
      countsAt[segments] = counts;
    }
    return counts.get(key) ?? 0;
  };
  const labels = new Map<string, string>();
  let pending = nodes.slice();
  for (let depth = 1; pending.length > 0; depth++) {
    const next: Node[] = [];
    for (const n of pending) {
      const parts = names(n, depth);
      const k = parts.join(ORG_PATH_SEPARATOR);
      const segments = parts.length;
      // A label is read as "the nodes whose last names are these": it must match this node only.
      // At the top of the tree with a twin still there, the whole chain is the best there is.
      if (countOf(k, segments) === 1 || segments < depth) labels.set(n.id, k);
      else next.push(n);
    }
    pending = next;
  }
  return labels;
}

export interface OrgInfo extends Node {
  shortName: string | null;
  path: string;
  kind: string;
  unitCategory: string | null;
  dissolvedOn: string | null;
}

/** Every organisation (small: a county has a few thousand) with its cell label. */
export async function loadOrgs(db: Kysely<DB>): Promise<{ list: OrgInfo[]; label: Map<string, string> }> {
  const list = await db
    .selectFrom('orgs')
    .select(['id', 'parentId', 'name', 'shortName', 'path', 'kind', 'unitCategory', 'dissolvedOn'])
    .orderBy('path')
    .execute();
  return { list, label: labelNodes(list) };
}

export interface GridInfo extends Node {
  path: string;
  kind: string;
  ownerOrgId: string | null;
  dissolvedOn: string | null;
}

export async function loadGrids(db: Kysely<DB>): Promise<{ list: GridInfo[]; label: Map<string, string> }> {
  const list = await db
    .selectFrom('grids')
    .select(['id', 'parentId', 'name', 'path', 'kind', 'ownerOrgId', 'dissolvedOn'])
    .orderBy('path')
    .execute();
  return { list, label: labelNodes(list) };
}
