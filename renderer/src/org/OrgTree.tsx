import { useEffect, useMemo, useRef, useState } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { ORG_KIND_NAMES, display } from '../codes/code-names.js';
import { TREE_SEARCH_LIMIT, flatten, type TreeModel } from './org-tree-model.js';
import { useTreeSearch } from './use-tree-search.js';

interface Props {
  model: TreeModel;
  selectedId: string | null;
  onSelect: (id: string) => void;
  /** Term and structure-warning badges (the 组织 page). */
  badges?: boolean;
}

const ROW_HEIGHT = 28;

/**
 * Collapsible organisation tree with a search by name fragment or pinyin initials ('jcz' finds
 * 嘉城镇; the core searches its stored initials). Only the rows in view are in the DOM, so a county
 * of 30,000 organisations stays fluid.
 */
export function OrgTree({ model, selectedId, onSelect, badges = false }: Props) {
  const [query, setQuery] = useState('');
  // Only the user's own clicks are stored; untouched nodes open down to the second level.
  const [overrides, setOverrides] = useState<ReadonlyMap<string, boolean>>(() => new Map());
  const scroller = useRef<HTMLDivElement>(null);

  const { matches, capped, error } = useTreeSearch(model, query);
  const rows = useMemo(() => {
    const isOpen = (id: string): boolean => {
      if (matches) return true; // while searching, show every matching path in full
      const o = overrides.get(id);
      if (o !== undefined) return o;
      return (model.byId.get(id)?.depth ?? 0) - (model.roots[0]?.depth ?? 0) < 1;
    };
    return flatten(model, isOpen)
      .filter((r) => !matches || matches.has(r.node.id))
      .map((r) => ({ ...r, open: isOpen(r.node.id) }));
  }, [model, matches, overrides]);

  const virtual = useVirtualizer({ count: rows.length, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 12 });

  // A selection made elsewhere (the children grid, a list) opens its path and the node itself.
  useEffect(() => {
    if (!selectedId || !model.byId.has(selectedId)) return;
    const path: string[] = [];
    for (let n = model.byId.get(selectedId); n; n = n.parentId ? model.byId.get(n.parentId) : undefined) path.push(n.id);
    setOverrides((m) => (path.every((id) => m.get(id) === true) ? m : new Map([...m, ...path.map((id) => [id, true] as const)])));
  }, [selectedId, model]);
  // ... and brings it into view once, not again on every later toggle.
  const shown = useRef<string | null>(null);
  useEffect(() => {
    if (!selectedId || shown.current === selectedId) return;
    const i = rows.findIndex((r) => r.node.id === selectedId);
    if (i < 0) return;
    shown.current = selectedId;
    virtual.scrollToIndex(i, { align: 'auto' });
  }, [selectedId, rows, virtual]);

  const toggle = (id: string, open: boolean) => setOverrides((m) => new Map(m).set(id, !open));

  return (
    <div className="org-tree" data-testid="org-tree">
      <input
        className="org-search"
        type="search"
        placeholder="搜索组织名称或拼音首字母"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        data-testid="org-search"
      />
      {error ? <div className="org-empty error" data-testid="org-search-error">{error}</div> : null}
      {capped ? <div className="org-empty" data-testid="org-search-capped">只显示前 {TREE_SEARCH_LIMIT} 个匹配的组织，请输入更多文字缩小范围</div> : null}
      <div className="org-list" role="tree" aria-label="组织" ref={scroller}>
        <ul style={{ height: virtual.getTotalSize(), position: 'relative' }}>
          {virtual.getVirtualItems().map((v) => {
            const { node, level, open } = rows[v.index]!;
            const hasChildren = (model.children.get(node.id)?.length ?? 0) > 0;
            const selected = node.id === selectedId;
            return (
              <li
                key={node.id}
                role="treeitem"
                aria-selected={selected}
                aria-expanded={hasChildren ? open : undefined}
                className={['org-node', selected ? 'selected' : '', node.dissolvedOn ? 'dissolved' : ''].join(' ')}
                style={{ position: 'absolute', top: 0, left: 0, right: 0, height: ROW_HEIGHT, transform: `translateY(${v.start}px)`, paddingLeft: 6 + level * 16 }}
                data-testid="org-node"
                data-org-id={node.id}
                data-name={node.name}
                title={node.dissolvedOn ? `${node.name}（${node.dissolvedOn} 撤销）` : node.name}
              >
                <button type="button" className="org-toggle" aria-label={open ? '收起' : '展开'} onClick={() => toggle(node.id, open)} disabled={!hasChildren || matches !== null}>
                  {hasChildren ? (open ? '▾' : '▸') : ''}
                </button>
                <button type="button" className="org-name" onClick={() => onSelect(node.id)}>
                  <span className="org-label">{node.shortName || node.name}</span>
                  <span className="org-kind">{node.dissolvedOn ? '已撤销' : display(ORG_KIND_NAMES, node.kind)}</span>
                  {badges && node.term ? (
                    <span className={node.term === 'overdue' ? 'tag bad' : 'tag warn'} data-testid="org-term-badge">{node.term === 'overdue' ? '超期' : '应换届'}</span>
                  ) : null}
                  {badges && node.warnings.length > 0 ? (
                    <span className="tag warn" title="组织设置提醒" data-testid="org-warning-badge">!{node.warnings.length}</span>
                  ) : null}
                  <span className="org-count">{model.subtreeCount.get(node.id) ?? 0}</span>
                </button>
              </li>
            );
          })}
        </ul>
        {rows.length === 0 ? <div className="org-empty">{matches ? '没有名称或拼音首字母匹配的组织' : '暂无组织'}</div> : null}
      </div>
    </div>
  );
}
