import type { OrgTreeNode } from '../../../shared/types/records.js';
import { looksLikeInitials, pinyinInitials } from '../../../shared/domain/pinyin.js';

export interface TreeModel {
  byId: Map<string, OrgTreeNode>;
  children: Map<string | null, OrgTreeNode[]>;
  roots: OrgTreeNode[];
  /** Members in the node's whole subtree (the core counts each organisation's own members). */
  subtreeCount: Map<string, number>;
}

/** Builds parent → children links from the flat list the core sends (in tree order). */
export function buildTree(nodes: readonly OrgTreeNode[]): TreeModel {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const children = new Map<string | null, OrgTreeNode[]>();
  const roots: OrgTreeNode[] = [];
  for (const n of nodes) {
    // A scoped user's top node has a parent outside their view: it is a root here.
    const parent = n.parentId !== null && byId.has(n.parentId) ? n.parentId : null;
    if (parent === null) roots.push(n);
    const list = children.get(parent) ?? [];
    list.push(n);
    children.set(parent, list);
  }
  const subtreeCount = new Map<string, number>();
  const count = (n: OrgTreeNode): number => {
    let total = n.memberCount ?? 0;
    for (const c of children.get(n.id) ?? []) total += count(c);
    subtreeCount.set(n.id, total);
    return total;
  };
  roots.forEach(count);
  return { byId, children, roots, subtreeCount };
}

/** Depth-first order with the depth relative to the visible roots (for indented lists). */
export function flatten(model: TreeModel, expanded: (id: string) => boolean = () => true): { node: OrgTreeNode; level: number }[] {
  const out: { node: OrgTreeNode; level: number }[] = [];
  const walk = (n: OrgTreeNode, level: number) => {
    out.push({ node: n, level });
    if (expanded(n.id)) for (const c of model.children.get(n.id) ?? []) walk(c, level + 1);
  };
  model.roots.forEach((r) => walk(r, 0));
  return out;
}

/** Pinyin initials of each organisation's full and short name, computed once per tree (searches by 'jcz'). */
const initialsCache = new WeakMap<TreeModel, Map<string, string>>();
function initialsOf(model: TreeModel): Map<string, string> {
  let m = initialsCache.get(model);
  if (!m) {
    m = new Map([...model.byId.values()].map((n) => [n.id, `${pinyinInitials(n.name)} ${n.shortName ? pinyinInitials(n.shortName) : ''}`]));
    initialsCache.set(model, m);
  }
  return m;
}

/**
 * Ids of nodes whose name contains `q` (or, when `q` is letters only, whose pinyin initials do),
 * plus their ancestors so the path stays visible.
 */
export function matchingIds(model: TreeModel, q: string): Set<string> {
  const ids = new Set<string>();
  const needle = q.trim().toLowerCase();
  const initials = looksLikeInitials(needle) ? initialsOf(model) : null;
  for (const n of model.byId.values()) {
    const hay = `${n.name} ${n.shortName ?? ''}`.toLowerCase();
    if (!hay.includes(needle) && !initials?.get(n.id)?.includes(needle)) continue;
    let cur: OrgTreeNode | undefined = n;
    while (cur && !ids.has(cur.id)) {
      ids.add(cur.id);
      cur = cur.parentId ? model.byId.get(cur.parentId) : undefined;
    }
  }
  return ids;
}
