import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { AgGridReact } from 'ag-grid-react';
import type { CellClickedEvent, CellKeyDownEvent, CellValueChangedEvent, GetRowIdParams, GridApi, GridReadyEvent } from 'ag-grid-community';
import '../grid/ag-setup.js';
import { gridLocale, gridTheme } from '../grid/ag-setup.js';
import { call, errorText } from '../api/index.js';
import type { Member } from '../../../shared/types/records.js';
import { useSession } from '../app/session-context.js';
import { useOrgTree } from '../org/use-org-tree.js';
import { OrgTree } from '../org/OrgTree.js';
import { fieldLabel } from '../codes/field-labels.js';
import { ErrorMessage } from '../ui/ErrorMessage.js';
import { errorKey, memberColumns, RECORD_COLUMN, type MemberGridContext } from './member-columns.js';
import { memberDatasource, toFilter } from './member-datasource.js';
import { saveFile } from '../files/download.js';
import { isEditableField, normaliseCell } from './member-edits.js';
import { MemberFormDialog } from './MemberFormDialog.js';
import { MemberRecordDialog } from './MemberRecordDialog.js';
import { MemberEventDialog } from './MemberEventDialog.js';
import { HISTORY_FIELDS } from '../../../shared/contract/member.js';

/** Grid columns whose field the history decides (orgName shows orgId). */
const HISTORY_COLUMNS: Record<string, string> = { category: HISTORY_FIELDS.category, joinedOn: HISTORY_FIELDS.joinedOn, confirmedOn: HISTORY_FIELDS.confirmedOn, orgName: HISTORY_FIELDS.orgId };

interface EditProblem {
  rowId: string;
  text: string;
}

/** 党员: organisation tree on the left, the paged member grid on the right. */
export function MembersPage() {
  const { session } = useSession();
  const canEdit = session.user.role !== 'viewer';
  const tree = useOrgTree();
  const [orgId, setOrgId] = useState<string | null>(null);
  const [quick, setQuick] = useState('');
  const [text, setText] = useState('');
  const [total, setTotal] = useState<number | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [problem, setProblem] = useState<EditProblem | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [exporting, setExporting] = useState(false);
  const [recordId, setRecordId] = useState<string | null>(null);
  const [eventFor, setEventFor] = useState<{ id: string; field: string } | null>(null);
  const gridApi = useRef<GridApi<Member> | null>(null);
  const context = useRef<MemberGridContext>({ errors: new Map() });

  // The quick search waits for a pause in typing: every change refetches from the core.
  useEffect(() => {
    const t = window.setTimeout(() => setText(quick), 350);
    return () => window.clearTimeout(t);
  }, [quick]);

  const columnDefs = useMemo(() => memberColumns(canEdit), [canEdit]);
  const datasource = useMemo(
    () =>
      memberDatasource({
        orgId,
        text,
        onLoaded: (n) => {
          setTotal(n);
          setLoadError(null);
        },
        onError: setLoadError,
      }),
    [orgId, text],
  );

  const onCellValueChanged = useCallback(async (e: CellValueChangedEvent<Member>) => {
    const field = e.colDef.field;
    const row = e.data;
    if (!field || !row || !isEditableField(field)) return;
    const key = errorKey(row.id, field);
    const label = fieldLabel(field);
    const fail = (message: string) => {
      context.current.errors.set(key, message);
      // Revert to what the ledger holds; setData does not fire another change event.
      e.node.setData({ ...row, [field]: e.oldValue });
      e.api.refreshCells({ rowNodes: [e.node], columns: [field], force: true });
      setProblem({ rowId: row.id, text: `“${row.name || e.oldValue || ''}”的${label}未保存：${message}` });
      setSaved(null);
    };
    const n = normaliseCell(field, e.newValue);
    if (!n.ok) return fail(n.message);
    try {
      const updated = await call('member.update', { id: row.id, patch: { [field]: n.value }, expectedUpdatedAt: row.updatedAt });
      context.current.errors.delete(key);
      e.node.setData(updated);
      e.api.refreshCells({ rowNodes: [e.node], columns: [field], force: true });
      setProblem((p) => (p?.rowId === row.id ? null : p));
      setSaved(`已保存：${updated.name} 的${label}`);
    } catch (err) {
      fail(errorText(err));
    }
  }, []);

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
      const key = (e.event as KeyboardEvent | null)?.key;
      if (key !== 'Enter') return;
      if (e.column.getColId() === RECORD_COLUMN && e.data) setRecordId(e.data.id);
      else openHistory(e.column.getColId(), e.data);
    },
    [openHistory],
  );

  const onGridReady = useCallback((e: GridReadyEvent<Member>) => {
    gridApi.current = e.api;
  }, []);

  const refresh = () => {
    context.current.errors.clear();
    gridApi.current?.refreshInfiniteCache();
    tree.reload();
  };

  const selectedName = orgId ? tree.model.byId.get(orgId)?.name : null;

  // The current view as the core sees it: the selected subtree, the quick search, the column filters.
  const exportView = async () => {
    setExporting(true);
    try {
      const filter = toFilter((gridApi.current?.getFilterModel() ?? {}) as Record<string, unknown>, text);
      const r = await call('export.roster', { kind: 'members', ...(orgId ? { under: orgId } : {}), filter, status: 'active' });
      saveFile(r.fileName, r.dataBase64);
      setProblem(null);
      setSaved(`已导出 ${r.rows} 名党员：${r.fileName}`);
    } catch (err) {
      setSaved(null);
      setProblem({ rowId: '', text: '导出失败：' + errorText(err) });
    } finally {
      setExporting(false);
    }
  };

  return (
    <div className="members-page">
      <aside className="members-tree">
        <div className="pane-title">
          组织
          {orgId ? (
            <button type="button" className="link small" onClick={() => setOrgId(null)} data-testid="org-clear">
              显示全部
            </button>
          ) : null}
        </div>
        <ErrorMessage message={tree.error} testId="org-tree-error" />
        {tree.loading && tree.nodes.length === 0 ? <div className="muted pad">正在加载组织…</div> : null}
        <OrgTree model={tree.model} selectedId={orgId} onSelect={setOrgId} />
      </aside>
      <section className="members-main">
        <div className="toolbar">
          <h1 className="page-title">党员</h1>
          <span className="scope-label" data-testid="members-scope">
            {selectedName ?? '全部组织'}
          </span>
          <input
            type="search"
            className="quick-search"
            placeholder="按姓名或公民身份号码查找"
            value={quick}
            onChange={(e) => setQuick(e.target.value)}
            data-testid="members-search"
            maxLength={40}
          />
          <span className="row-count" data-testid="members-count">
            {total === null ? '' : `共 ${total} 人`}
          </span>
          <span className="toolbar-spacer" />
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
        <ErrorMessage message={loadError} testId="members-load-error" />
        {problem ? (
          <div className="error-message bar" role="alert" data-testid="error-message">
            <span>{problem.text}</span>
            <button type="button" className="link small" onClick={() => setProblem(null)}>
              知道了
            </button>
          </div>
        ) : saved ? (
          <div className="notice-message bar" role="status" data-testid="members-saved">
            {saved}
          </div>
        ) : null}
        <div className="grid-host" data-testid="members-grid">
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
            onGridReady={onGridReady}
            onCellValueChanged={onCellValueChanged}
            onCellClicked={onCellClicked}
            onCellDoubleClicked={(e) => openHistory(e.column.getColId(), e.data)}
            onCellKeyDown={onCellKeyDown}
            singleClickEdit={false}
            stopEditingWhenCellsLoseFocus
            // Twelve columns are cheap to render, and every cell then exists for keyboard and tests.
            suppressColumnVirtualisation
            tooltipShowDelay={200}
            overlayNoRowsTemplate="<span>没有符合条件的党员</span>"
          />
        </div>
        <div className="hint-line">点“查看”打开党员档案。双击单元格可修改姓名、学历、联系电话（Enter 保存，Esc 取消）；人员类别、入党日期、转正日期、所在党支部由变动记录决定，双击即登记变动。</div>
      </section>
      {recordId ? (
        <MemberRecordDialog
          memberId={recordId}
          onClose={() => setRecordId(null)}
          onChanged={(note) => {
            setSaved(note);
            setProblem(null);
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
            setSaved(note);
            setProblem(null);
            refresh();
          }}
        />
      ) : null}
      {creating ? (
        <MemberFormDialog
          defaultOrgId={orgId}
          onClose={() => setCreating(false)}
          onCreated={(m) => {
            setCreating(false);
            setSaved(`已新增党员：${m.name}`);
            setProblem(null);
            refresh();
          }}
        />
      ) : null}
    </div>
  );
}
