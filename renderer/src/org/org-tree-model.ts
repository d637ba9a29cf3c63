import type { OrgTreeNode } from '../../../shared/types/records.js';

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

/** Search hits the tree pane shows at most; more asks for a longer text. */
export const TREE_SEARCH_LIMIT = 100;

/** The given ids that are in the tree, plus their ancestors so each path stays visible (search hits). */
export function withPaths(model: TreeModel, ids: Iterable<string>): Set<string> {
  const out = new Set<string>();
  for (const id of ids) {
    for (let cur = model.byId.get(id); cur && !out.has(cur.id); cur = cur.parentId ? model.byId.get(cur.parentId) : undefined) out.add(cur.id);
  }
  return out;
}
