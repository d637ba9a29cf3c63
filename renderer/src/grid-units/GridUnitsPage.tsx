import { useCallback, useEffect, useMemo, useState } from 'react';
import { call, errorText } from '../api/index.js';
import type { GridNode } from '../../../shared/contract/grid.js';
import { useSession } from '../app/session-context.js';
import { useOrgTree } from '../org/use-org-tree.js';
import { OrgSelect } from '../org/OrgSelect.js';
import { todayIso } from '../stats/format.js';
import { ErrorMessage, Notice } from '../ui/ErrorMessage.js';
import { useUndoStack } from '../grid/undo-stack.js';
import '../ui/village.css';
import './grid-units.css';
import { UnitTree } from './UnitTree.js';
import { UnitSheet } from './UnitSheet.js';
import { UnitDetail } from './UnitDetail.js';
import { UnitMembers } from './UnitMembers.js';
import { CoverageView } from './CoverageView.js';
import { UnitChangeDialog, type ChangeMode } from './UnitChangeDialog.js';
import type { OrgChoice, UndoStep } from './unit-grid-model.js';

type Tab = 'sheet' | 'detail' | 'members' | 'coverage';
const TABS: [Tab, string][] = [['sheet', '下级单元'], ['detail', '详情与沿革'], ['members', '报到党员'], ['coverage', '覆盖情况']];
/** Undo keeps the last changes of this visit to the page. */
const UNDO_DEPTH = 20;

/**
 * 网格: the register of places and their grids (社区 → 网格 → 楼栋, 村 → 村民小组) with its history.
 * Read as of any day; edited like a spreadsheet on today's state, with undo of the last changes.
 */
export function GridUnitsPage() {
  const { session } = useSession();
  const today = todayIso();
  const [asOf, setAsOf] = useState(today);
  const past = asOf < today;
  const canEdit = session.user.role !== 'viewer' && !past;
  const orgTree = useOrgTree();
  const orgs = useMemo<OrgChoice[]>(() => orgTree.nodes.filter((o) => !o.dissolvedOn).map((o) => ({ id: o.id, name: o.name, shortName: o.shortName })), [orgTree.nodes]);
  const [includeDissolved, setIncludeDissolved] = useState(false);
  const [nodes, setNodes] = useState<GridNode[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [tab, setTab] = useState<Tab>('sheet');
  const [notice, setNotice] = useState<string | null>(null);
  const [onDate, setOnDate] = useState(today);
  const [nameAs, setNameAs] = useState<'rename' | 'correction'>('correction');
  const [ownerOrgId, setOwnerOrgId] = useState('');
  const undoneNotice = useCallback((text: string) => {
    setNotice(text);
    setTick((t) => t + 1);
  }, []);
  const undo = useUndoStack(UNDO_DEPTH, undoneNotice);
  const pushUndo = undo.push;
  const [changing, setChanging] = useState<ChangeMode | null>(null);

  useEffect(() => {
    let live = true;
    call('grid.tree', { ...(past ? { asOf } : {}), includeDissolved })
      .then((r) => live && (setNodes(r), setError(null)))
      .catch((err) => live && setError(errorText(err)));
    return () => {
      live = false;
    };
  }, [asOf, past, includeDissolved, tick]);

  const byId = useMemo(() => new Map((nodes ?? []).map((n) => [n.id, n])), [nodes]);
  const selected = selectedId ? (byId.get(selectedId) ?? null) : null;
  const children = useMemo(() => (nodes ?? []).filter((n) => (selected ? n.parentId === selected.id : n.parentId === null || !byId.has(n.parentId)) && !n.dissolvedOn), [nodes, selected, byId]);
  const pathOf = (n: GridNode) => {
    const names: string[] = [];
    for (let p = n.parentId ? byId.get(n.parentId) : undefined; p; p = p.parentId ? byId.get(p.parentId) : undefined) names.unshift(p.name);
    return names.join(' / ');
  };

  const saved = useCallback(
    (text: string, step: UndoStep) => {
      setNotice(text);
      const { label, ...input } = step;
      // The old cells back and the units it created dissolved: one audited compensating write.
      if (input.rows.length + input.dissolveIds.length > 0) pushUndo({ label, undo: async () => void (await call('grid.saveRows', input)) });
      reload();
    },
    [reload, pushUndo],
  );

  const open = (id: string | null) => {
    setSelectedId(id);
    setNotice(null);
    if (id === null && (tab === 'detail' || tab === 'members')) setTab('sheet');
  };

  return (
    <div className="members-page">
      <aside className="members-tree">
        <div className="pane-title">网格</div>
        <ErrorMessage message={error} testId="unit-tree-error" />
        {nodes === null ? <div className="muted pad">正在加载网格…</div> : <UnitTree nodes={nodes} selectedId={selectedId} onSelect={open} />}
      </aside>
      <section className="members-main">
        <div className="toolbar">
          <h1 className="page-title">网格</h1>
          <span className="scope-label" data-testid="unit-scope">{selected ? `${pathOf(selected) ? `${pathOf(selected)} / ` : ''}${selected.name}` : '全部社区和村'}</span>
          <span className="toolbar-spacer" />
          <label className="inline-field">截至 <input type="date" value={asOf} max={today} onChange={(e) => { if (e.target.value) { setAsOf(e.target.value); setNotice(null); } }} data-testid="unit-asof" /></label>
          <label className="inline-field"><input type="checkbox" checked={includeDissolved} onChange={(e) => setIncludeDissolved(e.target.checked)} data-testid="unit-dissolved" /> 含已撤销</label>
        </div>
        {past ? <Notice info message={`正在查看 ${asOf} 的状态（按历史记录还原），不能修改；改回今天可编辑`} testId="unit-past" /> : null}
        <div className="room-tabs" role="tablist">
          {TABS.map(([id, label]) => (
            <button key={id} type="button" role="tab" className={tab === id ? 'room-tab active' : 'room-tab'} aria-selected={tab === id} disabled={!selected && (id === 'detail' || id === 'members')} onClick={() => setTab(id)} data-testid={`unit-tab-${id}`}>
              {label}
            </button>
          ))}
        </div>
        <Notice message={notice} testId="unit-notice" />
        <ErrorMessage message={undo.error} testId="unit-undo-error" />
        {tab === 'sheet' ? (
          <>
            {canEdit ? (
              <div className="toolbar">
                <label className="inline-field">变动日期 <input type="date" value={onDate} max={today} onChange={(e) => e.target.value && setOnDate(e.target.value)} data-testid="sheet-date" /></label>
                <label className="inline-field">
                  改名称按
                  <select value={nameAs} onChange={(e) => setNameAs(e.target.value as 'rename' | 'correction')} data-testid="sheet-name-as">
                    <option value="correction">更正错字</option>
                    <option value="rename">更名（记入沿革）</option>
                  </select>
                </label>
                {!selected && session.user.role !== 'viewer' ? (
                  <label className="inline-field">新社区或村所属 <OrgSelect model={orgTree.model} value={ownerOrgId} onChange={setOwnerOrgId} placeholder="（按覆盖党组织或本人范围）" testId="sheet-owner" /></label>
                ) : null}
                <span className="toolbar-spacer" />
                <button type="button" onClick={() => void undo.undoLast()} disabled={undo.entries.length === 0 || undo.busy} title={undo.nextLabel ? `撤销：${undo.nextLabel}（Ctrl+Z）` : '没有可撤销的修改'} data-testid="sheet-undo">
                  撤销上一步{undo.entries.length ? `（${undo.entries.length}）` : ''}
                </button>
              </div>
            ) : null}
            <UnitSheet parent={selected} units={children} orgs={orgs} canEdit={canEdit && !selected?.dissolvedOn} onDate={onDate} nameAs={nameAs} ownerOrgId={ownerOrgId || null} onSaved={saved} />
          </>
        ) : null}
        {tab === 'detail' && selected ? <UnitDetail unit={selected} path={pathOf(selected)} canEdit={canEdit} tick={tick} onChange={setChanging} /> : null}
        {tab === 'members' && selected ? <UnitMembers unit={selected} asOf={asOf} today={today} canEdit={canEdit} tick={tick} onDone={(t) => { setNotice(t); reload(); }} /> : null}
        {tab === 'coverage' ? <CoverageView asOf={asOf} tick={tick} onOpen={(id) => { setSelectedId(id); setTab('detail'); }} /> : null}
      </section>
      {changing && selected ? (
        <UnitChangeDialog
          unit={selected}
          mode={changing}
          units={nodes ?? []}
          orgs={orgs}
          today={today}
          onClose={() => setChanging(null)}
          onDone={(t) => {
            setChanging(null);
            setNotice(t);
            reload();
          }}
        />
      ) : null}
    </div>
  );
}
