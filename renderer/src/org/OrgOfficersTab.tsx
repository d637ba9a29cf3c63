import { useEffect, useState } from 'react';
import { call, errorText } from '../api/index.js';
import type { OrgDetail, OrgOfficer } from '../../../shared/contract/org.js';
import { OFFICER_POST, nameOf, type OfficerPost } from '../../../shared/codes/org-records.js';
import { inPostOn } from '../../../shared/domain/org-rules.js';
import type { Member } from '../../../shared/types/records.js';
import { todayIso } from '../stats/format.js';
import { ErrorMessage } from '../ui/ErrorMessage.js';
import { useSubmit } from '../ui/use-submit.js';
import { AskDialog } from '../ui/AskDialog.js';
import { isIsoDate } from '../../../shared/domain/dates.js';

/**
 * 班子成员: posts with their dates, current ones first. A post is given to a member of the ledger
 * (found by name within this organisation's subtree, or anywhere in the clerk's scope) from a date,
 * and ended on its last day: the secretary on any past date stays answerable.
 */
export function OrgOfficersTab({ detail, canEdit, onChanged }: { detail: OrgDetail; canEdit: boolean; onChanged: (notice: string) => void }) {
  const orgId = detail.org.id;
  const today = todayIso();
  const [officers, setOfficers] = useState<OrgOfficer[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  const [ending, setEnding] = useState<OrgOfficer | null>(null);

  useEffect(() => {
    let live = true;
    call('org.officers', { orgId })
      .then((r) => live && (setOfficers(r), setError(null)))
      .catch((err) => live && setError(errorText(err)));
    return () => {
      live = false;
    };
  }, [orgId, tick]);

  const current = officers?.filter((o) => inPostOn(o, today)) ?? [];
  const past = officers?.filter((o) => !inPostOn(o, today)) ?? [];
  const row = (o: OrgOfficer, inPost: boolean) => (
    <tr key={o.id} data-testid="officer-row" data-name={o.name} data-post={o.post}>
      <td>{nameOf(OFFICER_POST, o.post)}</td>
      <td>{o.name}</td>
      <td>{o.fromDate ?? '—'}</td>
      <td>{o.toDate ?? '至今'}</td>
      <td>{o.endReason ?? ''}</td>
      <td>{canEdit && inPost && o.toDate === null ? <button type="button" className="link small" onClick={() => setEnding(o)} data-testid="officer-end">离任</button> : null}</td>
    </tr>
  );

  return (
    <div data-testid="org-officers">
      <ErrorMessage message={error} />
      <table className="table compact">
        <thead><tr><th>党内职务</th><th>姓名</th><th>任职日期</th><th>离任日期</th><th>离任原因</th><th /></tr></thead>
        <tbody>
          {officers && officers.length === 0 ? <tr><td colSpan={6} className="empty-cell">尚未登记班子成员</td></tr> : null}
          {current.map((o) => row(o, true))}
          {past.length > 0 ? <tr><td colSpan={6} className="muted">历任</td></tr> : null}
          {past.map((o) => row(o, false))}
        </tbody>
      </table>
      {canEdit && !detail.org.dissolvedOn ? <AddOfficerForm orgId={orgId} onAdded={(o) => { setTick((t) => t + 1); onChanged(`已任命：${o.name}（${nameOf(OFFICER_POST, o.post)}，${o.fromDate} 起）`); }} /> : null}
      {ending ? (
        <AskDialog
          title={`${ending.name}离任（${nameOf(OFFICER_POST, ending.post)}）`}
          label="离任日期（最后一天）"
          initial={today}
          submitLabel="确认离任"
          testId="officer-end-dialog"
          check={(t) => (isIsoDate(t) ? null : '日期格式应为 YYYY-MM-DD')}
          onClose={() => setEnding(null)}
          onSubmit={async (toDate) => {
            await call('org.endOfficer', { id: ending.id, toDate });
            setEnding(null);
            setTick((t) => t + 1);
            onChanged(`${ending.name}已于 ${toDate} 离任${nameOf(OFFICER_POST, ending.post)}`);
          }}
        />
      ) : null}
    </div>
  );
}

function AddOfficerForm({ orgId, onAdded }: { orgId: string; onAdded: (o: OrgOfficer) => void }) {
  const [text, setText] = useState('');
  const [wide, setWide] = useState(false);
  const [found, setFound] = useState<Member[]>([]);
  const [memberId, setMemberId] = useState('');
  const [post, setPost] = useState<OfficerPost>('secretary');
  const [fromDate, setFromDate] = useState(todayIso());
  const { busy, error, setError, run } = useSubmit();

  useEffect(() => {
    if (!text.trim()) return setFound([]);
    let live = true;
    const t = window.setTimeout(() => {
      call('member.list', { ...(wide ? {} : { orgId }), filter: { text: text.trim() }, limit: 20 })
        .then((r) => {
          if (!live) return;
          setFound(r.rows);
          setMemberId(r.rows[0]?.id ?? '');
        })
        .catch((err) => live && setError(errorText(err)));
    }, 250);
    return () => {
      live = false;
      window.clearTimeout(t);
    };
  }, [text, wide, orgId, setError]);

  return (
    <div className="sub-section">
      <h3>任命班子成员</h3>
      <div className="inline-form">
        <input type="search" placeholder="党员姓名或身份证号" value={text} onChange={(e) => setText(e.target.value)} maxLength={40} data-testid="officer-search" />
        <label className="inline-field"><input type="checkbox" checked={wide} onChange={(e) => setWide(e.target.checked)} /> 在全部范围内查找</label>
        <select value={memberId} onChange={(e) => setMemberId(e.target.value)} data-testid="officer-member">
          <option value="">{text.trim() ? (found.length ? '请选择党员' : '没有找到党员') : '先输入姓名查找'}</option>
          {found.map((m) => <option key={m.id} value={m.id}>{m.name}（{m.orgName ?? ''}）</option>)}
        </select>
        <select value={post} onChange={(e) => setPost(e.target.value as OfficerPost)} data-testid="officer-post">
          {OFFICER_POST.map((p) => <option key={p.code} value={p.code}>{p.name}</option>)}
        </select>
        <label className="inline-field">任职日期 <input type="date" value={fromDate} onChange={(e) => setFromDate(e.target.value)} data-testid="officer-from" /></label>
        <button
          type="button"
          className="primary"
          disabled={busy}
          data-testid="officer-add"
          onClick={() => {
            if (!memberId) return setError('请先查找并选择党员');
            void run(async () => {
              const o = await call('org.addOfficer', { orgId, memberId, post, fromDate });
              setText('');
              onAdded(o);
            });
          }}
        >
          任命
        </button>
      </div>
      <ErrorMessage message={error} />
    </div>
  );
}
