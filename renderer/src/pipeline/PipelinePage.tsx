import { useCallback, useEffect, useState } from 'react';
import { call, errorText } from '../api/index.js';
import type { DevPerson } from '../../../shared/types/records.js';
import { DEV_STAGES, DEV_STAGE_NAMES, type DevStage } from '../../../shared/domain/pipeline-steps.js';
import { isIsoDate } from '../../../shared/domain/dates.js';
import { useSession } from '../app/session-context.js';
import { useOrgTree } from '../org/use-org-tree.js';
import { OrgPane } from '../org/OrgPane.js';
import { todayIso } from '../stats/format.js';
import { ErrorMessage, Notice } from '../ui/ErrorMessage.js';
import { Pager } from '../ui/Pager.js';
import '../ui/village.css';
import './pipeline.css';
import { PipelineBoard } from './PipelineBoard.js';
import { DueList } from './DueList.js';
import { ApplicantDialog } from './ApplicantDialog.js';
import { RecordDialog } from './RecordDialog.js';

type Tab = 'board' | 'list' | 'due';
const TABS: readonly [Tab, string][] = [['board', '阶段看板'], ['list', '名单'], ['due', '到期提醒']];
const PAGE = 100;

/** 发展党员: the board per branch, the register, what falls due; a person's 全程纪实 opens from each. */
export function PipelinePage() {
  const { session, isAdmin } = useSession();
  const canEdit = session.user.role !== 'viewer';
  const tree = useOrgTree();
  const [orgId, setOrgId] = useState<string | null>(null);
  const [tab, setTab] = useState<Tab>('board');
  const [notice, setNotice] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  const [creating, setCreating] = useState(false);
  const [openId, setOpenId] = useState<string | null>(null);
  const scopeName = orgId ? (tree.model.byId.get(orgId)?.name ?? '') : '全部组织';

  // The register.
  const [stage, setStage] = useState<DevStage | ''>('');
  const [text, setText] = useState('');
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<{ rows: DevPerson[]; total: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (tab !== 'list') return;
    let live = true;
    const t = window.setTimeout(() => {
      call('pipeline.list', { ...(orgId ? { orgId } : {}), ...(stage ? { stage } : {}), ...(text.trim() ? { text: text.trim() } : {}), offset, limit: PAGE })
        .then((r) => live && (setPage(r), setError(null)))
        .catch((err) => live && setError(errorText(err)));
    }, 250);
    return () => {
      live = false;
      window.clearTimeout(t);
    };
  }, [tab, orgId, stage, text, offset, tick]);

  // The due list's day.
  const [asOf, setAsOf] = useState(todayIso());
  const orgName = (id: string) => tree.model.byId.get(id)?.name ?? '';

  return (
    <div className="members-page pipeline-page">
      <OrgPane tree={tree} orgId={orgId} onSelect={(id) => { setOrgId(id); setOffset(0); }} />
      <section className="members-main">
        <div className="toolbar">
          <h1 className="page-title">发展党员</h1>
          <span className="scope-label" data-testid="pipeline-scope">{scopeName}</span>
          <span className="toolbar-spacer" />
          <button type="button" onClick={reload}>刷新</button>
          {canEdit ? (
            <button type="button" className="primary" onClick={() => setCreating(true)} data-testid="applicant-create">
              登记入党申请人
            </button>
          ) : null}
        </div>
        <Notice message={notice} testId="pipeline-notice" />
        <div className="room-tabs" role="tablist">
          {TABS.map(([id, label]) => (
            <button key={id} type="button" role="tab" className={tab === id ? 'room-tab active' : 'room-tab'} aria-selected={tab === id} onClick={() => setTab(id)} data-testid={`pipeline-tab-${id}`}>
              {label}
            </button>
          ))}
        </div>
        {tab === 'board' ? (
          <div className="room-body">
            <PipelineBoard orgId={orgId} tick={tick} onOpen={setOpenId} onPick={(id) => { setOrgId(id); setOffset(0); }} />
            <div className="hint-line">每格列出该阶段的人员及进入该阶段的日期，等待最久的在前。点姓名查看全程纪实、记录下一步骤。</div>
          </div>
        ) : null}
        {tab === 'list' ? (
          <div className="room-body">
            <div className="toolbar">
              <input type="search" className="quick-search" placeholder="按姓名或身份证号查找" value={text} onChange={(e) => { setText(e.target.value); setOffset(0); }} maxLength={40} data-testid="pipeline-search" />
              <select value={stage} onChange={(e) => { setStage(e.target.value as DevStage | ''); setOffset(0); }} data-testid="pipeline-stage-filter">
                <option value="">全部阶段</option>
                {DEV_STAGES.map((s) => (
                  <option key={s} value={s}>{DEV_STAGE_NAMES[s]}</option>
                ))}
              </select>
              <span className="row-count" data-testid="pipeline-count">{page ? `共 ${page.total} 人` : ''}</span>
              <span className="toolbar-spacer" />
              {page ? <Pager offset={offset} pageSize={PAGE} total={page.total} onOffset={setOffset} rows /> : null}
            </div>
            <ErrorMessage message={error} />
            <div className="table-scroll">
              <table className="table" data-testid="pipeline-table">
                <thead>
                  <tr><th>姓名</th><th>公民身份号码</th><th>所在党组织</th><th>阶段</th><th>转为党员</th></tr>
                </thead>
                <tbody>
                  {page && page.rows.length === 0 ? <tr><td colSpan={5} className="empty-cell">没有符合条件的人员</td></tr> : null}
                  {page?.rows.map((p) => (
                    <tr key={p.id} data-person={p.name}>
                      <td><button type="button" className="link" onClick={() => setOpenId(p.id)}>{p.name}</button></td>
                      <td className="mono">{p.idNumber}</td>
                      <td>{orgName(p.orgId)}</td>
                      <td>{DEV_STAGE_NAMES[p.stage as DevStage] ?? p.stage}</td>
                      <td>{p.memberId ? '已转入党员名册' : ''}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>
        ) : null}
        {tab === 'due' ? (
          <div className="room-body">
            <div className="toolbar">
              <label className="muted">
                截至日期{' '}
                <input type="date" value={asOf} onChange={(e) => isIsoDate(e.target.value) && setAsOf(e.target.value)} data-testid="due-asof" />
              </label>
              <span className="muted small">列出截至日期所在月内到期及已逾期的事项</span>
            </div>
            <DueList orgId={orgId} scopeName={scopeName} unitName={session.unitName} asOf={asOf} tick={tick} onOpen={setOpenId} />
          </div>
        ) : null}
      </section>
      {creating ? (
        <ApplicantDialog
          model={tree.model}
          defaultOrgId={orgId}
          onClose={() => setCreating(false)}
          onCreated={(p) => {
            setCreating(false);
            setNotice(`已登记入党申请人：${p.name}`);
            reload();
            setOpenId(p.id);
          }}
        />
      ) : null}
      {openId ? (
        <RecordDialog id={openId} model={tree.model} canEdit={canEdit} isAdmin={isAdmin} onClose={() => setOpenId(null)} onChanged={(note) => { setNotice(note); reload(); }} />
      ) : null}
    </div>
  );
}
