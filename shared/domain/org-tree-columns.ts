import type { OrgTreeColumns, OrgTreeNode } from '../types/records.js';

/** The objects of a columnar tree (org.treeColumns), in the same order; built where they are used. */
export function treeRows(c: OrgTreeColumns): OrgTreeNode[] {
  const warned = new Map(c.warned);
  return c.ids.map((id, i) => {
    const p = c.parents[i] ?? null;
    return {
      id,
      parentId: typeof p === 'number' ? c.ids[p]! : p,
      name: c.names[i]!,
      shortName: c.shortNames[i] ?? null,
      kind: c.kinds[i]!,
      unitCategory: c.unitCategories[i] ?? null,
      dissolvedOn: c.dissolvedOn[i] ?? null,
      depth: c.depths[i]!,
      memberCount: c.memberCounts[i] ?? null,
      term: c.terms[i] ?? null,
      warnings: warned.get(i) ?? [],
    };
  });
}
