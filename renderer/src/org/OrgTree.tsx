import { useMemo, useState } from 'react';
import { ORG_KIND_NAMES, display } from '../codes/code-names.js';
import { flatten, matchingIds, type TreeModel } from './org-tree-model.js';

interface Props {
  model: TreeModel;
  selectedId: string | null;
  onSelect: (id: string) => void;
}

/** Collapsible organisation tree with a name search; selecting a node filters to its subtree. */
export function OrgTree({ model, selectedId, onSelect }: Props) {
  const [query, setQuery] = useState('');
  // Only the user's own clicks are stored; untouched nodes open down to the second level.
  const [overrides, setOverrides] = useState<ReadonlyMap<string, boolean>>(() => new Map());

  const matches = useMemo(() => (query.trim() ? matchingIds(model, query) : null), [model, query]);
  const isOpen = (id: string): boolean => {
    if (matches) return true; // while searching, show every matching path in full
    const o = overrides.get(id);
    if (o !== undefined) return o;
    return (model.byId.get(id)?.depth ?? 0) - (model.roots[0]?.depth ?? 0) < 1;
  };
  const rows = flatten(model, isOpen).filter((r) => !matches || matches.has(r.node.id));

  const toggle = (id: string) => {
    const open = isOpen(id);
    setOverrides((m) => new Map(m).set(id, !open));
  };

  return (
    <div className="org-tree" data-testid="org-tree">
      <input
        className="org-search"
        type="search"
        placeholder="搜索组织名称"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        data-testid="org-search"
      />
      <ul className="org-list" role="tree" aria-label="组织">
        {rows.map(({ node, level }) => {
          const hasChildren = (model.children.get(node.id)?.length ?? 0) > 0;
          const open = isOpen(node.id);
          const selected = node.id === selectedId;
          return (
            <li
              key={node.id}
              role="treeitem"
              aria-selected={selected}
              aria-expanded={hasChildren ? open : undefined}
              className={selected ? 'org-node selected' : 'org-node'}
              style={{ paddingLeft: 6 + level * 16 }}
              data-testid="org-node"
              data-org-id={node.id}
              title={node.name}
            >
              <button
                type="button"
                className="org-toggle"
                aria-label={open ? '收起' : '展开'}
                onClick={() => toggle(node.id)}
                disabled={!hasChildren || matches !== null}
              >
                {hasChildren ? (open ? '▾' : '▸') : ''}
              </button>
              <button type="button" className="org-name" onClick={() => onSelect(node.id)}>
                <span className="org-label">{node.shortName || node.name}</span>
                <span className="org-kind">{display(ORG_KIND_NAMES, node.kind)}</span>
                <span className="org-count">{model.subtreeCount.get(node.id) ?? 0}</span>
              </button>
            </li>
          );
        })}
        {rows.length === 0 ? <li className="org-empty">{matches ? '没有名称匹配的组织' : '暂无组织'}</li> : null}
      </ul>
    </div>
  );
}
