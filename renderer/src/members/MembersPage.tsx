import { useCallback, useEffect, useMemo, useRef, useState, type ClipboardEvent } from 'react';
import { AgGridReact } from 'ag-grid-react';
import type { CellClickedEvent, CellKeyDownEvent, CellValueChangedEvent, GetRowIdParams, GridApi, GridReadyEvent, SortModelItem } from 'ag-grid-community';
import '../grid/ag-setup.js';
import { gridLocale, gridTheme } from '../grid/ag-setup.js';
import { call, errorText } from '../api/index.js';
import type { Member } from '../../../shared/types/records.js';
import { useSession } from '../app/session-context.js';
import { OrgPicker } from '../org/OrgPicker.js';
import { fieldLabel } from '../codes/field-labels.js';
import { ErrorMessage } from '../ui/ErrorMessage.js';
import { errorKey, memberColumns, RECORD_COLUMN, type MemberGridContext } from './member-columns.js';
import { memberDatasource, type MemberFilter } from './member-datasource.js';
import { saveFile } from '../files/download.js';
import { isEditableField, normaliseCell } from './member-edits.js';
import { planPaste } from './member-paste.js';
import { MemberFormDialog } from './MemberFormDialog.js';
import { RosterFilters } from './RosterFilters.js';
import { UndoMenu } from './UndoMenu.js';
import { ColumnChooser } from './ColumnChooser.js';
import { GridRegisterDialog } from './GridRegisterDialog.js';
import { BulkTransferDialog } from './BulkTransferDialog.js';
import { MemberRecordDialog } from './MemberRecordDialog.js';
import { MemberEventDialog } from './MemberEventDialog.js';
import { HISTORY_FIELDS } from '../../../shared/contract/member.js';
import { loadViews, saveViews, upsertView, type RosterView } from './roster-views.js';
import './roster.css';

/** Grid columns whose field the history decides (orgName shows orgId). */
const HISTORY_COLUMNS: Record<string, string> = { category: HISTORY_FIELDS.category, joinedOn: HISTORY_FIELDS.joinedOn, confirmedOn: HISTORY_FIELDS.confirmedOn, orgName: HISTORY_FIELDS.orgId };

interface Problem {
  rowId: string;
  text: string;
  lines?: string[];
}
type Status = 'active' | 'left' | 'all';

/**
 * 党员: the county's roster. Everything heavy is in the core (member.list: subtree, filters, one
 * search box, sort and keyset pages from indexes, cached counts); the page holds what a clerk chose.
 */
export function MembersPage() {
  const { session } = useSession();
  const userId = session.user.id;
  const canEdit = session.user.role !== 'viewer';
  const [orgId, setOrgId] = useState<string | null>(null);
  const [quick, setQuick] = useState('');
  const [text, setText] = useState('');
  const [filter, setFilter] = useState<MemberFilter>({});
  const [status, setStatus] = useState<Status>('active');
  const [hidden, setHidden] = useState<string[]>([]);
  const [views, setViews] = useState<RosterView[]>(() => loadViews(userId));
  const [selected, setSelected] = useState<string[]>([]);
  const [total, setTotal] = useState<number | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [registering, setRegistering] = useState(false);
  const [transferring, setTransferring] = useState(false);
  const [recordId, setRecordId] = useState<string | null>(null);
  const [eventFor, setEventFor] = useState<{ id: string; field: string } | null>(null);
  const [exporting, setExporting] = useState(false);
  /** The name being typed for a new saved view (null: not saving one). */
  const [viewName, setViewName] = useState<string | null>(null);
  const gridApi = useRef<GridApi<Member> | null>(null);
  const hostRef = useRef<HTMLDivElement>(null);
  const loads = useRef(0);
  const context = useRef<MemberGridContext>({ errors: new Map() });

  // The search waits for a pause in typing: every change asks the core again.
  useEffect(() => {
    const t = window.setTimeout(() => setText(quick.trim()), 250);
    return () => window.clearTimeout(t);
  }, [quick]);

  const query = useMemo<MemberFilter>(() => (text ? { ...filter, text } : filter), [filter, text]);
  const columnDefs = useMemo(() => memberColumns(canEdit).map((c) => ({ ...c, hide: c.field !== undefined && hidden.includes(c.field) })), [canEdit, hidden]);
  const datasource = useMemo(
    () =>
      memberDatasource({
        orgId,
        status,
        filter: query,
        onLoaded: (n) => {
          setTotal(n);
          setLoadError(null);
          // Marks the rows as painted (the next frame), for the e2e tests and the bench's timing.
          const seq = ++loads.current;
          window.requestAnimationFrame(() => hostRef.current?.setAttribute('data-painted', String(seq)));
        },
        onError: setLoadError,
      }),
    [orgId, status, query],
  );

  const report = (text: string) => {
    setProblem(null);
    setSaved(text);
  };
  const fail = (text: string, lines?: string[]) => {
    setSaved(null);
    setProblem({ rowId: '', text, ...(lines ? { lines } : {}) });
  };
  const refresh = useCallback(() => {
    context.current.errors.clear();
    gridApi.current?.refreshInfiniteCache();
  }, []);

  const onCellValueChanged = useCallback(
    async (e: CellValueChangedEvent<Member>) => {
      const field = e.colDef.field;
      const row = e.data;
      if (!field || !row || !isEditableField(field)) return;
      const key = errorKey(row.id, field);
      const label = fieldLabel(field);
      const refuse = (message: string) => {
        context.current.errors.set(key, message);
        // Back to what the ledger holds; setData does not fire another change event.
        e.node.setData({ ...row, [field]: e.oldValue });
        e.api.refreshCells({ rowNodes: [e.node], columns: [field], force: true });
        setSaved(null);
        setProblem({ rowId: row.id, text: `“${row.name || e.oldValue || ''}”的${label}未保存：${message}` });
      };
      const n = normaliseCell(field, e.newValue);
      if (!n.ok) return refuse(n.message);
      try {
        const updated = await call('member.update', { id: row.id, patch: { [field]: n.value }, expectedUpdatedAt: row.updatedAt });
        context.current.errors.delete(key);
        e.node.setData(updated);
        e.api.refreshCells({ rowNodes: [e.node], columns: [field], force: true });
        setProblem((p) => (p?.rowId === row.id ? null : p));
        setSaved(`已保存：${updated.name} 的${label}（可用“撤销…”撤回）`);
      } catch (err) {
        refuse(errorText(err));
      }
    },
    [],
  );

  // 档案 opens the record; an edit of a field the history decides opens the event dialog instead.
  const onCellClicked = useCallback((e: CellClickedEvent<Member>) => {
    if (e.column.getColId() === RECORD_COLUMN && e.data) setRecordId(e.data.id);
  }, []);
  const openHistory = useCallback(
    (colId: string, row: Member | undefined) => {
      if (row && canEdit && HISTORY_COLUMNS[colId]) setEventFor({ id: row.id, field: HISTORY_COLUMNS[colId] });
    },
    [canEdit],
  );
  const onCellKeyDown = useCallback(
    (e: CellKeyDownEvent<Member>) => {
      if ((e.event as KeyboardEvent | null)?.key !== 'Enter') return;
      if (e.column.getColId() === RECORD_COLUMN && e.data) setRecordId(e.data.id);
      else openHistory(e.column.getColId(), e.data);
    },
    [openHistory],
  );

  // A block copied from Excel / WPS, laid from the focused cell over the rows and columns shown.
  const onPaste = async (e: ClipboardEvent<HTMLDivElement>) => {
    const g = gridApi.current;
    if (!g || !canEdit || g.getEditingCells().length > 0) return;
    const focused = g.getFocusedCell();
    if (!focused) return;
    e.preventDefault();
    const columns = g.getAllDisplayedColumns().map((c) => c.getColId()).filter((c) => c !== 'ag-Grid-SelectionColumn' && c !== RECORD_COLUMN);
    const rows: Member[] = [];
    for (let i = focused.rowIndex; ; i++) {
      const node = g.getDisplayedRowAtIndex(i);
      if (!node?.data) break;
      rows.push(node.data);
    }
    const plan = planPaste(e.clipboardData.getData('text/plain'), rows, columns, 0, columns.indexOf(focused.column.getColId()));
    if (plan.refused.length > 0) return fail(`粘贴的内容中有 ${plan.refused.length} 处不能保存，本次未保存任何数据`, plan.refused);
    if (plan.rows.length === 0) return;
    try {
      const r = await call('member.paste', { rows: plan.rows });
      report(`已粘贴 ${plan.cells} 格，修改了 ${r.updated} 名党员（可用“撤销…”整块撤回）`);
      refresh();
    } catch (err) {
      fail('粘贴未保存：' + errorText(err));
    }
  };

  const exportView = async () => {
    setExporting(true);
    try {
      const r = await call('export.roster', { kind: 'members', ...(orgId ? { under: orgId } : {}), filter: query, status });
      saveFile(r.fileName, r.dataBase64);
      report(`已导出 ${r.rows} 名党员：${r.fileName}`);
    } catch (err) {
      fail('导出失败：' + errorText(err));
    } finally {
      setExporting(false);
    }
  };

  const currentView = (name: string): RosterView => ({
    name,
    orgId,
    status,
    filter,
    hidden,
    sort: (gridApi.current?.getColumnState() ?? []).filter((c) => c.sort).map((c) => ({ colId: c.colId, sort: c.sort! })),
  });
  const saveView = () => {
    const name = (viewName ?? '').trim().slice(0, 30);
    if (!name) return;
    const next = upsertView(views, currentView(name));
    setViews(next);
    saveViews(userId, next);
    setViewName(null);
    report(`已保存视图“${name}”`);
  };
  const applyView = (name: string) => {
    const v = views.find((x) => x.name === name);
    if (!v) return;
    setOrgId(v.orgId);
    setStatus(v.status);
    setFilter(v.filter);
    setHidden(v.hidden);
    gridApi.current?.applyColumnState({ state: v.sort.map((s, i) => ({ colId: s.colId, sort: s.sort as SortModelItem['sort'], sortIndex: i })), defaultState: { sort: null } });
  };

  return (
    <div className="members-page roster-page">
      <section className="members-main">
        <div className="toolbar">
          <h1 className="page-title">党员</h1>
          <OrgPicker value={orgId ?? ''} onChange={(id) => setOrgId(id || null)} clearLabel="全部组织" placeholder="组织范围：输入名称或拼音首字母" testId="members-org" />
          <input
            type="search"
            className="quick-search"
            placeholder="姓名、拼音首字母（如 zyx）或身份证号开头"
            value={quick}
            onChange={(e) => setQuick(e.target.value)}
            // Enter searches at once, without waiting for the pause in typing.
            onKeyDown={(e) => e.key === 'Enter' && setText(e.currentTarget.value.trim())}
            data-testid="members-search"
            maxLength={40}
          />
          <span className="row-count" data-testid="members-count">
            {total === null ? '' : `共 ${total} 人`}
          </span>
          <span className="toolbar-spacer" />
          <select value="" onChange={(e) => applyView(e.target.value)} data-testid="views-select" title="打开保存的视图">
            <option value="">视图…</option>
            {views.map((v) => (
              <option key={v.name} value={v.name}>
                {v.name}
              </option>
            ))}
          </select>
          {viewName === null ? (
            <button type="button" onClick={() => setViewName('')} data-testid="views-save" title="保存当前的组织、筛选、排序和列">
              保存视图
            </button>
          ) : (
            <form
              className="view-name"
              onSubmit={(e) => {
                e.preventDefault();
                saveView();
              }}
            >
              <input autoFocus value={viewName} onChange={(e) => setViewName(e.target.value)} placeholder="视图名称（同名覆盖）" maxLength={30} data-testid="views-name" />
              <button type="submit" className="primary" disabled={!viewName.trim()} data-testid="views-name-save">
                保存
              </button>
              <button type="button" onClick={() => setViewName(null)}>
                取消
              </button>
            </form>
          )}
          <ColumnChooser columns={columnDefs.flatMap((c) => (c.field ? [{ field: c.field, label: c.headerName ?? c.field }] : []))} hidden={hidden} onChange={setHidden} />
          <button type="button" onClick={refresh} data-testid="members-refresh">
            刷新
          </button>
          <button type="button" onClick={() => void exportView()} disabled={exporting} data-testid="members-export" title="按当前的组织、查找和筛选条件导出">
            {exporting ? '正在导出…' : '导出 Excel'}
          </button>
          {canEdit ? (
            <button type="button" className="primary" onClick={() => setCreating(true)} data-testid="member-create-button">
              新增党员
            </button>
          ) : null}
        </div>
        <RosterFilters filter={filter} status={status} onChange={setFilter} onStatus={setStatus} />
        {canEdit ? (
          <div className="roster-actions">
            <span data-testid="selection-count">{selected.length > 0 ? `已选 ${selected.length} 人` : '勾选行后可批量操作'}</span>
            <button type="button" disabled={selected.length === 0} onClick={() => setRegistering(true)} data-testid="bulk-grid">
              登记网格…
            </button>
            <button type="button" disabled={selected.length === 0} onClick={() => setTransferring(true)} data-testid="bulk-transfer">
              转接组织关系…
            </button>
            <UndoMenu
              onUndone={(m) => {
                report(m);
                refresh();
              }}
              onError={(m) => fail(m)}
            />
          </div>
        ) : null}
        <ErrorMessage message={loadError} testId="members-load-error" />
        {problem ? (
          <div className="error-message bar" role="alert" data-testid="error-message">
            <div>
              <span>{problem.text}</span>
              {problem.lines ? (
                <ul className="refused-list" data-testid="refused-list">
                  {problem.lines.map((l, i) => (
                    <li key={i}>{l}</li>
                  ))}
                </ul>
              ) : null}
            </div>
            <button type="button" className="link small" onClick={() => setProblem(null)}>
              知道了
            </button>
          </div>
        ) : saved ? (
          <div className="notice-message bar" role="status" data-testid="members-saved">
            {saved}
          </div>
        ) : null}
        <div className="grid-host" data-testid="members-grid" ref={hostRef} onPaste={(e) => void onPaste(e)}>
          <AgGridReact<Member>
            theme={gridTheme}
            localeText={gridLocale}
            rowModelType="infinite"
            cacheBlockSize={100}
            maxBlocksInCache={50}
            datasource={datasource}
            columnDefs={columnDefs}
            defaultColDef={{ suppressHeaderMenuButton: true }}
            getRowId={(p: GetRowIdParams<Member>) => p.data.id}
            context={context.current}
            onGridReady={(e: GridReadyEvent<Member>) => (gridApi.current = e.api)}
            onCellValueChanged={onCellValueChanged}
            onCellClicked={onCellClicked}
            onCellDoubleClicked={(e) => openHistory(e.column.getColId(), e.data)}
            onCellKeyDown={onCellKeyDown}
            {...(canEdit ? { rowSelection: { mode: 'multiRow' as const, checkboxes: true, headerCheckbox: false, enableClickSelection: false } } : {})}
            selectionColumnDef={{ pinned: 'left', width: 44 }}
            onSelectionChanged={(e) => setSelected(e.api.getSelectedNodes().map((n) => n.data?.id).filter((id): id is string => id !== undefined))}
            singleClickEdit={false}
            stopEditingWhenCellsLoseFocus
            suppressColumnVirtualisation
            tooltipShowDelay={200}
            overlayNoRowsTemplate="<span>没有符合条件的党员</span>"
          />
        </div>
        <div className="hint-line">点表头排序；双击单元格修改，Enter 保存；从 Excel/WPS 复制一块后点选起始单元格按 Ctrl+V 粘贴。点“查看”打开党员档案；人员类别、入党日期、转正日期、所在党支部由变动记录决定，双击即登记变动；多人转支部请勾选后“转接组织关系”。</div>
      </section>
      {creating ? (
        <MemberFormDialog
          model={null}
          defaultOrgId={orgId}
          onClose={() => setCreating(false)}
          onCreated={(m) => {
            setCreating(false);
            report(`已新增党员：${m.name}`);
            refresh();
          }}
        />
      ) : null}
      {transferring ? (
        <BulkTransferDialog
          ids={selected}
          onClose={() => setTransferring(false)}
          onDone={(m) => {
            setTransferring(false);
            report(m);
            gridApi.current?.deselectAll();
            refresh();
          }}
        />
      ) : null}
      {recordId ? (
        <MemberRecordDialog
          memberId={recordId}
          onClose={() => setRecordId(null)}
          onChanged={(note) => {
            report(note);
            refresh();
          }}
        />
      ) : null}
      {eventFor ? (
        <MemberEventDialog
          memberId={eventFor.id}
          focus={eventFor.field}
          onClose={() => setEventFor(null)}
          onSaved={(note) => {
            setEventFor(null);
            report(note);
            refresh();
          }}
        />
      ) : null}
      {registering ? (
        <GridRegisterDialog
          ids={selected}
          onClose={() => setRegistering(false)}
          onDone={(m) => {
            setRegistering(false);
            report(m);
            gridApi.current?.deselectAll();
            refresh();
          }}
        />
      ) : null}
    </div>
  );
}
