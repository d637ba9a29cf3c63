import { useCallback, useEffect, useState } from 'react';
import { call, errorText } from '../api/index.js';
import { TEAM_ROLE_NAMES, type TeamMember } from '../../../shared/contract/team.js';
import { TEAM_ROLE_CODES } from '../../../shared/contract/code-lists.js';
import { DEFAULT_REQUIRED_DAYS } from '../../../shared/domain/village-days.js';
import { useSession } from '../app/session-context.js';
import { useOrgTree } from '../org/use-org-tree.js';
import { OrgPane } from '../org/OrgPane.js';
import { todayIso } from '../stats/format.js';
import { ErrorMessage, Notice } from '../ui/ErrorMessage.js';
import { Pager } from '../ui/Pager.js';
import { AskDialog } from '../ui/AskDialog.js';
import '../ui/village.css';
import { EligibilityTag } from './EligibilityPanel.js';
import { TeamFormDialog } from './TeamFormDialog.js';
import { TeamDetailDialog } from './TeamDetailDialog.js';
import { MonthGrid } from './MonthGrid.js';
import { BelowList } from './BelowList.js';
import { lastMonths, MEASURES, type Measure } from './month-grid-model.js';
import { TEAM_COLUMNS } from './team-columns.js';

type Tab = 'people' | 'months' | 'below';
const PAGE = 100;

/** 第一书记和驻村工作队: the postings of a subtree, the month grid of days, the below-required list. */
export function TeamPage() {
  const { session, isAdmin } = useSession();
  const canEdit = session.user.role !== 'viewer';
  const today = todayIso();
  const tree = useOrgTree();
  const [orgId, setOrgId] = useState<string | null>(null);
  const [tab, setTab] = useState<Tab>('people');
  const [notice, setNotice] = useState<string | null>(null);
  const [span, setSpan] = useState(() => lastMonths(today.slice(0, 7), 6));
  const [measure, setMeasure] = useState<Measure>('daysInVillage');
  const scopeName = orgId ? (tree.model.byId.get(orgId)?.name ?? '') : '全部组织';

  // Postings.
  const [text, setText] = useState('');
  const [role, setRole] = useState('');
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<{ rows: TeamMember[]; total: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  const [editing, setEditing] = useState<TeamMember | 'new' | null>(null);
  const [viewing, setViewing] = useState<string | null>(null);
  const reload = useCallback(() => setTick((t) => t + 1), []);

  useEffect(() => {
    let live = true;
    const t = window.setTimeout(() => {
      call('team.list', { ...(orgId ? { orgId } : {}), ...(text.trim() ? { text: text.trim() } : {}), ...(role ? { role: role as TeamMember['role'] } : {}), offset, limit: PAGE })
        .then((r) => live && (setPage(r), setError(null)))
        .catch((err) => live && setError(errorText(err)));
    }, 250);
    return () => {
      live = false;
      window.clearTimeout(t);
    };
  }, [orgId, text, role, offset, tick]);

  // The required days (settings; a county administrator may change them).
  const [required, setRequired] = useState<number>(DEFAULT_REQUIRED_DAYS);
  useEffect(() => {
    call('settings.get', {})
      .then((s) => typeof s['teamRequiredDays'] === 'number' && setRequired(s['teamRequiredDays']))
      .catch(() => undefined);
  }, []);
  const [editingRequired, setEditingRequired] = useState(false);

  const monthInput = (key: 'from' | 'to') => (
    <input type="month" value={span[key]} max={today.slice(0, 7)} onChange={(e) => e.target.value && setSpan({ ...span, [key]: e.target.value })} data-testid={`team-span-${key}`} />
  );

  return (
    <div className="members-page">
      <OrgPane tree={tree} orgId={orgId} onSelect={(id) => { setOrgId(id); setOffset(0); }} />
      <section className="members-main">
        <div className="toolbar">
          <h1 className="page-title">第一书记和驻村工作队</h1>
          <span className="scope-label" data-testid="team-scope">{scopeName}</span>
          <span className="toolbar-spacer" />
          <span className="muted">每月应驻村 {required} 天</span>
          {isAdmin ? <button type="button" className="link small" onClick={() => setEditingRequired(true)} data-testid="team-required-edit">修改</button> : null}
        </div>
        <div className="room-tabs" role="tablist">
          {([['people', '人员名单'], ['months', '驻村天数'], ['below', '未达要求名单']] as const).map(([id, label]) => (
            <button key={id} type="button" role="tab" className={tab === id ? 'room-tab active' : 'room-tab'} aria-selected={tab === id} onClick={() => setTab(id)} data-testid={`team-tab-${id}`}>
              {label}
            </button>
          ))}
        </div>
        <Notice message={notice} testId="team-notice" />
        {tab === 'people' ? (
          <div className="room-body">
            <div className="toolbar">
              <input type="search" className="quick-search" placeholder="按姓名查找" value={text} onChange={(e) => { setText(e.target.value); setOffset(0); }} maxLength={40} data-testid="team-search" />
              <select value={role} onChange={(e) => { setRole(e.target.value); setOffset(0); }} data-testid="team-role-filter">
                <option value="">全部身份</option>
                {TEAM_ROLE_CODES.map((r) => <option key={r} value={r}>{TEAM_ROLE_NAMES[r]}</option>)}
              </select>
              <span className="row-count" data-testid="team-count">{page ? `共 ${page.total} 人` : ''}</span>
              <span className="toolbar-spacer" />
              {canEdit ? <button type="button" className="primary" onClick={() => setEditing('new')} data-testid="team-create">新增驻村干部</button> : null}
            </div>
            <ErrorMessage message={error} />
            <div className="table-scroll">
              <table className="table" data-testid="team-table">
                <thead>
                  <tr>
                    {TEAM_COLUMNS.map((c) => <th key={c.key}>{c.label}</th>)}
                    <th>任职条件</th>
                  </tr>
                </thead>
                <tbody>
                  {page && page.rows.length === 0 ? <tr><td colSpan={TEAM_COLUMNS.length + 1} className="empty-cell">没有驻村干部记录</td></tr> : null}
                  {page?.rows.map((m) => (
                    <tr key={m.id} onDoubleClick={() => setViewing(m.id)} data-name={m.name}>
                      {TEAM_COLUMNS.map((c) => (
                        <td key={c.key}>
                          {c.key === 'name' ? <button type="button" className="link" onClick={() => setViewing(m.id)}>{m.name}</button> : c.text(m, today)}
                        </td>
                      ))}
                      <td><EligibilityTag e={m.eligibility} /></td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {page ? <Pager offset={offset} pageSize={PAGE} total={page.total} onOffset={setOffset} rows /> : null}
          </div>
        ) : (
          <>
            <div className="toolbar">
              <label className="inline-field">月份 {monthInput('from')} 至 {monthInput('to')}</label>
              {tab === 'months' ? (
                <select value={measure} onChange={(e) => setMeasure(e.target.value as Measure)} data-testid="team-measure">
                  {Object.entries(MEASURES).map(([k, m]) => <option key={k} value={k}>{m.label}</option>)}
                </select>
              ) : null}
            </div>
            {tab === 'months' ? (
              <MonthGrid orgId={orgId} from={span.from <= span.to ? span.from : span.to} to={span.to} measure={measure} canEdit={canEdit} today={today} onSaved={setNotice} />
            ) : (
              <BelowList orgId={orgId} scopeName={scopeName} unitName={session.unitName} from={span.from <= span.to ? span.from : span.to} to={span.to} />
            )}
          </>
        )}
      </section>
      {editing ? (
        <TeamFormDialog
          model={tree.model}
          posting={editing === 'new' ? null : editing}
          defaultVillageId={orgId}
          onClose={() => setEditing(null)}
          onSaved={(m) => {
            setEditing(null);
            setNotice(`已保存：${m.name}（${TEAM_ROLE_NAMES[m.role]}，${m.villageName}）`);
            reload();
          }}
        />
      ) : null}
      {editingRequired ? (
        <AskDialog
          title="每月应驻村天数"
          label="天数"
          initial={String(required)}
          submitLabel="保存"
          check={(t) => (/^\d{1,2}$/.test(t) && Number(t) >= 1 && Number(t) <= 31 ? null : '应为 1 至 31 的整数')}
          onClose={() => setEditingRequired(false)}
          onSubmit={async (t) => {
            await call('settings.update', { teamRequiredDays: Number(t) });
            setRequired(Number(t));
            setEditingRequired(false);
            setNotice(`每月应驻村天数已改为 ${t} 天`);
            reload();
          }}
        />
      ) : null}
      {viewing ? <TeamDetailDialog id={viewing} canEdit={canEdit} onClose={() => setViewing(null)} onEdit={(m) => { setViewing(null); setEditing(m); }} onChanged={reload} /> : null}
    </div>
  );
}
