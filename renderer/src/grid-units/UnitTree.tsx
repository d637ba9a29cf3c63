import { useMemo, useState } from 'react';
import type { GridNode } from '../../../shared/contract/grid.js';
import { gridKindName } from '../../../shared/domain/grid-rules.js';

/** Parent → children of the units sent (in path order); a unit whose parent is not sent is a root. */
export function childrenOf(nodes: readonly GridNode[]): Map<string | null, GridNode[]> {
  const ids = new Set(nodes.map((n) => n.id));
  const out = new Map<string | null, GridNode[]>();
  for (const n of nodes) {
    const parent = n.parentId !== null && ids.has(n.parentId) ? n.parentId : null;
    out.set(parent, [...(out.get(parent) ?? []), n]);
  }
  return out;
}

/**
 * The second tree: 社区 → 网格 → 楼栋 and 村 → 村民小组. Searched by name or pinyin initials
 * ("xhsq" finds 新华社区); places and grids no party organisation covers are marked.
 */
export function UnitTree({ nodes, selectedId, onSelect }: { nodes: readonly GridNode[]; selectedId: string | null; onSelect: (id: string | null) => void }) {
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState<ReadonlyMap<string, boolean>>(() => new Map());
  const children = useMemo(() => childrenOf(nodes), [nodes]);
  const byId = useMemo(() => new Map(nodes.map((n) => [n.id, n])), [nodes]);
  const matches = useMemo(() => {
    const q = query.trim().toLowerCase();
    if (!q) return null;
    const hit = new Set<string>();
    for (const n of nodes) {
      if (!n.name.toLowerCase().includes(q) && !n.initials.startsWith(q)) continue;
      for (let cur: GridNode | undefined = n; cur && !hit.has(cur.id); cur = cur.parentId ? byId.get(cur.parentId) : undefined) hit.add(cur.id);
    }
    return hit;
  }, [nodes, byId, query]);
  // Places open by default so their grids show; deeper levels open on click.
  const isOpen = (n: GridNode) => matches !== null || (open.get(n.id) ?? n.parentId === null);
  const rows: { node: GridNode; level: number }[] = [];
  const walk = (n: GridNode, level: number) => {
    if (matches && !matches.has(n.id)) return;
    rows.push({ node: n, level });
    if (isOpen(n)) for (const c of children.get(n.id) ?? []) walk(c, level + 1);
  };
  for (const r of children.get(null) ?? []) walk(r, 0);

  return (
    <div className="org-tree" data-testid="unit-tree">
      <input className="org-search" type="search" placeholder="搜索名称或拼音首字母" value={query} onChange={(e) => setQuery(e.target.value)} data-testid="unit-search" />
      <ul className="org-list" role="tree" aria-label="网格">
        <li className={selectedId === null ? 'org-node selected' : 'org-node'} role="treeitem" aria-selected={selectedId === null}>
          <span className="org-toggle" />
          <button type="button" className="org-name" onClick={() => onSelect(null)} data-testid="unit-top">
            <span className="org-label">全部社区和村</span>
            <span className="org-count">{children.get(null)?.length ?? 0}</span>
          </button>
        </li>
        {rows.map(({ node, level }) => {
          const kids = children.get(node.id)?.length ?? 0;
          const uncovered = node.orgId === null && !node.dissolvedOn && (node.kind === 'community' || node.kind === 'village' || node.kind === 'grid');
          return (
            <li
              key={node.id}
              role="treeitem"
              aria-selected={node.id === selectedId}
              aria-expanded={kids > 0 ? isOpen(node) : undefined}
              className={`org-node${node.id === selectedId ? ' selected' : ''}${node.dissolvedOn ? ' unit-dissolved' : ''}`}
              style={{ paddingLeft: 6 + (level + 1) * 16 }}
              data-testid="unit-node"
              data-name={node.name}
              title={`${node.name}${node.orgName ? `（${node.orgName}）` : ''}`}
            >
              <button type="button" className="org-toggle" aria-label={isOpen(node) ? '收起' : '展开'} disabled={kids === 0 || matches !== null} onClick={() => setOpen((m) => new Map(m).set(node.id, !isOpen(node)))}>
                {kids > 0 ? (isOpen(node) ? '▾' : '▸') : ''}
              </button>
              <button type="button" className="org-name" onClick={() => onSelect(node.id)}>
                <span className="org-label">{node.name}</span>
                <span className="org-kind">{gridKindName(node.kind)}</span>
                {uncovered ? <span className="unit-gap" title="没有覆盖的党组织">无党组织</span> : null}
                {node.dissolvedOn ? <span className="org-kind">已撤销</span> : null}
              </button>
            </li>
          );
        })}
        {rows.length === 0 ? <li className="org-empty">{matches ? '没有名称匹配的网格单元' : '还没有社区或村，请在右侧表格中新增'}</li> : null}
      </ul>
    </div>
  );
}
