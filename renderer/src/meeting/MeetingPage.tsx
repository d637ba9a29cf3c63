import { useCallback, useEffect, useState } from 'react';
import { call, errorText } from '../api/index.js';
import type { Meeting } from '../../../shared/contract/meeting.js';
import { DEFAULT_MEETING_FREQUENCIES, FREQUENCY_NAMES, MEETING_KIND_NAMES, MEETING_KINDS, type Frequencies, type SpanKind } from '../../../shared/domain/meeting-rules.js';
import { useSession } from '../app/session-context.js';
import { useOrgTree } from '../org/use-org-tree.js';
import { OrgPane } from '../org/OrgPane.js';
import { todayIso } from '../stats/format.js';
import { ErrorMessage, Notice } from '../ui/ErrorMessage.js';
import { Pager } from '../ui/Pager.js';
import { AskDialog } from '../ui/AskDialog.js';
import '../ui/village.css';
import { MeetingFormDialog } from './MeetingFormDialog.js';
import { MissedList } from './MissedList.js';
import { FrequencyDialog } from './FrequencyDialog.js';
import { lastEnded, MEETING_COLUMNS, quarterOf } from './meeting-columns.js';

type Tab = 'records' | 'missed';
const PAGE = 100;

/** 组织生活: the records of 三会一课 and the rest per branch, and the branches that missed one. */
export function MeetingPage() {
  const { session, isAdmin } = useSession();
  const canEdit = session.user.role !== 'viewer';
  const today = todayIso();
  const tree = useOrgTree();
  const [orgId, setOrgId] = useState<string | null>(null);
  const [tab, setTab] = useState<Tab>('records');
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  const scopeName = orgId ? (tree.model.byId.get(orgId)?.name ?? '') : '全部组织';

  // Records.
  const [kind, setKind] = useState('');
  const [text, setText] = useState('');
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<{ rows: Meeting[]; total: number } | null>(null);
  const [editing, setEditing] = useState<Meeting | 'new' | null>(null);
  useEffect(() => {
    let live = true;
    const t = window.setTimeout(() => {
      call('meeting.list', { ...(orgId ? { orgId } : {}), ...(kind ? { kind: kind as Meeting['kind'] } : {}), ...(text.trim() ? { text: text.trim() } : {}), offset, limit: PAGE })
        .then((r) => live && (setPage(r), setError(null)))
        .catch((err) => live && setError(errorText(err)));
    }, 250);
    return () => {
      live = false;
      window.clearTimeout(t);
    };
  }, [orgId, kind, text, offset, tick]);

  const [removing, setRemoving] = useState<Meeting | null>(null);

  // The missed list: a month, quarter or year; the required frequencies.
  const [span, setSpan] = useState<SpanKind>('month');
  const [at, setAt] = useState(() => lastEnded('month', today));
  const [freq, setFreq] = useState<Frequencies>(DEFAULT_MEETING_FREQUENCIES);
  const [editingFreq, setEditingFreq] = useState(false);
  useEffect(() => {
    call('settings.get', {})
      .then((s) => setFreq({ ...DEFAULT_MEETING_FREQUENCIES, ...((s['meetingFrequencies'] as Partial<Frequencies> | undefined) ?? {}) }))
      .catch(() => undefined);
  }, []);
  const year = Number(at.slice(0, 4));
  const chooseSpan = (s: SpanKind) => {
    setSpan(s);
    setAt(s === 'year' ? String(year) : s === 'quarter' ? (span === 'month' ? quarterOf(at) : `${year}-Q4`) : lastEnded('month', today));
  };

  return (
    <div className="members-page">
      <OrgPane tree={tree} orgId={orgId} onSelect={(id) => { setOrgId(id); setOffset(0); }} />
      <section className="members-main">
        <div className="toolbar">
          <h1 className="page-title">组织生活</h1>
          <span className="scope-label" data-testid="life-scope">{scopeName}</span>
        </div>
        <div className="room-tabs" role="tablist">
          {([['records', '三会一课记录'], ['missed', '未按要求开展']] as const).map(([id, label]) => (
            <button key={id} type="button" role="tab" className={tab === id ? 'room-tab active' : 'room-tab'} aria-selected={tab === id} onClick={() => setTab(id)} data-testid={`life-tab-${id}`}>
              {label}
            </button>
          ))}
        </div>
        <Notice message={notice} testId="life-notice" />
        <ErrorMessage message={error} />
        {tab === 'records' ? (
          <div className="room-body">
            <div className="toolbar">
              <select value={kind} onChange={(e) => { setKind(e.target.value); setOffset(0); }} data-testid="life-kind-filter">
                <option value="">全部类型</option>
                {MEETING_KINDS.map((k) => <option key={k} value={k}>{MEETING_KIND_NAMES[k]}</option>)}
              </select>
              <input type="search" className="quick-search" placeholder="按主题查找" value={text} onChange={(e) => { setText(e.target.value); setOffset(0); }} maxLength={40} />
              <span className="row-count" data-testid="life-count">{page ? `共 ${page.total} 条` : ''}</span>
              <span className="toolbar-spacer" />
              {canEdit ? <button type="button" className="primary" onClick={() => setEditing('new')} data-testid="life-create">登记组织生活</button> : null}
            </div>
            <div className="table-scroll">
              <table className="table" data-testid="life-table">
                <thead>
                  <tr>
                    {MEETING_COLUMNS.map((c) => <th key={c.key}>{c.label}</th>)}
                    {canEdit ? <th /> : null}
                  </tr>
                </thead>
                <tbody>
                  {page && page.rows.length === 0 ? <tr><td colSpan={MEETING_COLUMNS.length + 1} className="empty-cell">没有组织生活记录</td></tr> : null}
                  {page?.rows.map((m) => (
                    <tr key={m.id} data-topic={m.topic ?? ''}>
                      {MEETING_COLUMNS.map((c) => <td key={c.key}>{c.text(m)}</td>)}
                      {canEdit ? (
                        <td className="actions">
                          <button type="button" className="link small" onClick={() => setEditing(m)}>更正</button>
                          <button type="button" className="link small" onClick={() => setRemoving(m)}>删除</button>
                        </td>
                      ) : null}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {page ? <Pager offset={offset} pageSize={PAGE} total={page.total} onOffset={setOffset} rows /> : null}
          </div>
        ) : (
          <div className="room-body">
            <div className="toolbar">
              <select value={span} onChange={(e) => chooseSpan(e.target.value as SpanKind)} data-testid="missed-span">
                <option value="month">按月</option>
                <option value="quarter">按季度</option>
                <option value="year">按年度</option>
              </select>
              {span === 'month' ? <input type="month" value={at} max={today.slice(0, 7)} onChange={(e) => e.target.value && setAt(e.target.value)} data-testid="missed-month" /> : null}
              {span !== 'month' ? (
                <input type="number" value={year} min={2000} max={Number(today.slice(0, 4))} onChange={(e) => setAt(span === 'year' ? e.target.value : `${e.target.value}-Q${at.slice(-1)}`)} style={{ width: 90 }} data-testid="missed-year" />
              ) : null}
              {span === 'quarter' ? (
                <select value={at.slice(-1)} onChange={(e) => setAt(`${year}-Q${e.target.value}`)} data-testid="missed-quarter">
                  {['1', '2', '3', '4'].map((q) => <option key={q} value={q}>第{'一二三四'[Number(q) - 1]}季度</option>)}
                </select>
              ) : null}
              <span className="muted small">
                要求：{MEETING_KINDS.filter((k) => freq[k] !== 'none').map((k) => `${MEETING_KIND_NAMES[k]}${FREQUENCY_NAMES[freq[k]]}`).join('，')}
              </span>
              {isAdmin ? <button type="button" className="link small" onClick={() => setEditingFreq(true)} data-testid="frequency-edit">修改要求</button> : null}
            </div>
            <MissedList orgId={orgId} scopeName={scopeName} unitName={session.unitName} span={span} at={at} tick={tick} />
          </div>
        )}
      </section>
      {editing ? (
        <MeetingFormDialog
          model={tree.model}
          meeting={editing === 'new' ? null : editing}
          defaultOrgId={orgId}
          today={today}
          onClose={() => setEditing(null)}
          onSaved={(m) => {
            setEditing(null);
            setNotice(`已保存：${m.heldOn} ${m.orgName} ${MEETING_KIND_NAMES[m.kind]}（实到 ${m.attendees ?? '—'} 人，缺席 ${m.absentees ?? '—'} 人）`);
            reload();
          }}
        />
      ) : null}
      {removing ? (
        <AskDialog
          title={`删除 ${removing.heldOn} ${removing.orgName} 的${MEETING_KIND_NAMES[removing.kind]}记录`}
          label="删除原因"
          submitLabel="删除"
          check={(t) => (t ? null : '请说明删除原因（如重复登记）')}
          onClose={() => setRemoving(null)}
          onSubmit={async (reason) => {
            await call('meeting.remove', { id: removing.id, reason });
            setRemoving(null);
            setNotice('已删除该记录（操作日志中保留删除前的内容）');
            reload();
          }}
        />
      ) : null}
      {editingFreq ? (
        <FrequencyDialog
          current={freq}
          onClose={() => setEditingFreq(false)}
          onSaved={(f) => {
            setFreq(f);
            setEditingFreq(false);
            setNotice('已修改组织生活要求频次');
            reload();
          }}
        />
      ) : null}
    </div>
  );
}
