import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { AgGridReact } from 'ag-grid-react';
import type { GetRowIdParams, GridApi, GridReadyEvent, RowDoubleClickedEvent } from 'ag-grid-community';
import '../grid/ag-setup.js';
import { gridLocale, gridTheme } from '../grid/ag-setup.js';
import { call, errorText } from '../api/index.js';
import type { ReserveBoard as Board, ReserveView } from '../../../shared/contract/reserve.js';
import { RESERVE_STAGES } from '../../../shared/domain/reserve-rules.js';
import { useSession } from '../app/session-context.js';
import { useOrgTree } from '../org/use-org-tree.js';
import { OrgTree } from '../org/OrgTree.js';
import { ErrorMessage, Notice } from '../ui/ErrorMessage.js';
import { reserveColumns } from './reserve-columns.js';
import { reserveDatasource } from './reserve-datasource.js';
import { ReserveBoard } from './ReserveBoard.js';
import { ReserveFormDialog } from './ReserveFormDialog.js';
import { ReserveDetailDialog } from './ReserveDetailDialog.js';
import { ChecksDialog } from './ChecksDialog.js';
import { STAGE_NAMES } from './reserve-names.js';
import './reserve.css';

/** 后备力量: organisation tree; the stage board per village; the register (double-click: 全程纪实). */
export function ReservePage() {
  const { session } = useSession();
  const canEdit = session.user.role !== 'viewer';
  const tree = useOrgTree();
  const countyAdmin = session.user.role === 'admin' && tree.model.byId.get(session.user.scopeOrgId)?.parentId === null;
  const [orgId, setOrgId] = useState<string | null>(null);
  const [quick, setQuick] = useState('');
  const [text, setText] = useState('');
  const [stage, setStage] = useState('');
  const [total, setTotal] = useState<number | null>(null);
  const [board, setBoard] = useState<Board | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [checks, setChecks] = useState(false);
  const [openId, setOpenId] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  const gridApi = useRef<GridApi<ReserveView> | null>(null);

  useEffect(() => {
    const t = window.setTimeout(() => setText(quick), 350);
    return () => window.clearTimeout(t);
  }, [quick]);

  useEffect(() => {
    let live = true;
    call('reserve.board', orgId ? { orgId } : {})
      .then((b) => live && setBoard(b))
      .catch((err) => live && setError(errorText(err)));
    return () => {
      live = false;
    };
  }, [orgId, tick]);

  const columnDefs = useMemo(() => reserveColumns(), []);
  const datasource = useMemo(() => reserveDatasource({ orgId, text, stage }, setTotal, setError), [orgId, text, stage]);
  const onGridReady = useCallback((e: GridReadyEvent<ReserveView>) => {
    gridApi.current = e.api;
  }, []);
  const refresh = () => {
    gridApi.current?.refreshInfiniteCache();
    setTick((t) => t + 1);
  };
  const selectedName = orgId ? tree.model.byId.get(orgId)?.name : null;

  return (
    <div className="members-page reserve-page">
      <aside className="members-tree">
        <div className="pane-title">
          组织
          {orgId ? (
            <button type="button" className="link small" onClick={() => setOrgId(null)}>
              显示全部
            </button>
          ) : null}
        </div>
        <ErrorMessage message={tree.error} testId="org-tree-error" />
        <OrgTree model={tree.model} selectedId={orgId} onSelect={setOrgId} />
      </aside>
      <section className="members-main">
        <div className="toolbar">
          <h1 className="page-title">村级后备力量</h1>
          <span className="scope-label">{selectedName ?? '全部组织'}</span>
          <input type="search" className="quick-search" placeholder="按姓名查找" value={quick} onChange={(e) => setQuick(e.target.value)} maxLength={40} data-testid="reserve-search" />
          <select value={stage} onChange={(e) => setStage(e.target.value)} data-testid="reserve-stage-filter">
            <option value="">全部阶段</option>
            {RESERVE_STAGES.map((s) => (
              <option key={s} value={s}>
                {STAGE_NAMES[s]}
              </option>
            ))}
          </select>
          <span className="row-count" data-testid="reserve-count">
            {total === null ? '' : `共 ${total} 人`}
          </span>
          <span className="toolbar-spacer" />
          <button type="button" onClick={refresh}>
            刷新
          </button>
          {countyAdmin ? (
            <button type="button" onClick={() => setChecks(true)} data-testid="reserve-checks-button">
              核对条件
            </button>
          ) : null}
          {canEdit ? (
            <button type="button" className="primary" onClick={() => setCreating(true)} data-testid="reserve-create-button">
              新增后备力量
            </button>
          ) : null}
        </div>
        <ErrorMessage message={error} />
        <Notice message={notice} testId="reserve-notice" />
        {board ? <ReserveBoard board={board} onPick={setOrgId} /> : null}
        <div className="grid-host" data-testid="reserve-grid">
          <AgGridReact<ReserveView>
            theme={gridTheme}
            localeText={gridLocale}
            rowModelType="infinite"
            cacheBlockSize={100}
            datasource={datasource}
            columnDefs={columnDefs}
            defaultColDef={{ suppressHeaderMenuButton: true }}
            getRowId={(p: GetRowIdParams<ReserveView>) => p.data.id}
            onGridReady={onGridReady}
            onRowDoubleClicked={(e: RowDoubleClickedEvent<ReserveView>) => e.data && setOpenId(e.data.id)}
            suppressColumnVirtualisation
            tooltipShowDelay={200}
            overlayNoRowsTemplate="<span>没有后备力量记录</span>"
          />
        </div>
        <div className="hint-line">双击一行查看全程纪实、登记阶段变动和培养记录。姓名为蓝色的是党员或发展对象，其信息取自相应名册。</div>
      </section>
      {creating ? (
        <ReserveFormDialog
          model={tree.model}
          defaultOrgId={orgId}
          onClose={() => setCreating(false)}
          onCreated={(r) => {
            setCreating(false);
            setNotice(`已新增后备力量：${r.name}（推荐 ${r.stageOn ?? ''}）`);
            refresh();
            setOpenId(r.id);
          }}
        />
      ) : null}
      {openId ? (
        <ReserveDetailDialog
          id={openId}
          canEdit={canEdit}
          isAdmin={session.user.role === 'admin'}
          onClose={() => setOpenId(null)}
          onChanged={(_r, note) => {
            setNotice(note);
            refresh();
          }}
        />
      ) : null}
      {checks ? (
        <ChecksDialog
          onClose={() => setChecks(false)}
          onSaved={() => {
            setChecks(false);
            setNotice('核对条件已保存');
          }}
        />
      ) : null}
    </div>
  );
}
