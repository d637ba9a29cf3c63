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

/** Lower-case names, and (computed on the first initials search) pinyin initials, once per tree. */
interface Haystacks {
  ids: string[];
  names: string[];
  initials: string[] | null;
}
const haystackCache = new WeakMap<TreeModel, Haystacks>();
function haystacksOf(model: TreeModel, withInitials: boolean): Haystacks {
  let h = haystackCache.get(model);
  if (!h) {
    const nodes = [...model.byId.values()];
    h = { ids: nodes.map((n) => n.id), names: nodes.map((n) => `${n.name} ${n.shortName ?? ''}`.toLowerCase()), initials: null };
    haystackCache.set(model, h);
  }
  // Until the core stores initials on organisations, the one-off cost falls on the first such search.
  if (withInitials && !h.initials) h.initials = h.ids.map((id) => { const n = model.byId.get(id)!; return `${pinyinInitials(n.name)} ${n.shortName ? pinyinInitials(n.shortName) : ''}`; });
  return h;
}

/**
 * Ids of nodes whose name contains `q` (or, when `q` is letters only, whose pinyin initials do),
 * plus their ancestors so the path stays visible.
 */
export function matchingIds(model: TreeModel, q: string): Set<string> {
  const ids = new Set<string>();
  const needle = q.trim().toLowerCase();
  const h = haystacksOf(model, looksLikeInitials(needle));
  for (let i = 0; i < h.ids.length; i++) {
    if (!h.names[i]!.includes(needle) && !h.initials?.[i]!.includes(needle)) continue;
    let cur: OrgTreeNode | undefined = model.byId.get(h.ids[i]!);
    while (cur && !ids.has(cur.id)) {
      ids.add(cur.id);
      cur = cur.parentId ? model.byId.get(cur.parentId) : undefined;
    }
  }
  return ids;
}
