import { useEffect, useState } from 'react';
import { call, errorText } from '../api/index.js';
import type { OrgDetail, OrgHistoryEntry, OrgState } from '../../../shared/contract/org.js';
import { OFFICER_POST, RECTIFICATION_STATUS, nameOf } from '../../../shared/codes/org-records.js';
import { ORG_KIND_NAMES, UNIT_CATEGORY_NAMES, display } from '../codes/code-names.js';
import { ErrorMessage } from '../ui/ErrorMessage.js';
import { TERM_STATUS_NAMES } from './org-labels.js';

/** 历史: every dated change, newest first, and the organisation as it stood on any chosen date. */
export function OrgHistoryTab({ detail }: { detail: OrgDetail }) {
  const orgId = detail.org.id;
  const [entries, setEntries] = useState<OrgHistoryEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [date, setDate] = useState('');
  const [state, setState] = useState<OrgState | null>(null);

  useEffect(() => {
    let live = true;
    call('org.history', { id: orgId })
      .then((r) => live && (setEntries([...r].reverse()), setError(null)))
      .catch((err) => live && setError(errorText(err)));
    return () => {
      live = false;
    };
  }, [orgId, detail]);

  useEffect(() => {
    if (!date) return setState(null);
    let live = true;
    call('org.stateOn', { id: orgId, date })
      .then((r) => live && (setState(r), setError(null)))
      .catch((err) => live && setError(errorText(err)));
    return () => {
      live = false;
    };
  }, [orgId, date, detail]);

  return (
    <div data-testid="org-history" className="org-history">
      <div>
        <ErrorMessage message={error} />
        <ol className="history-list">
          {entries && entries.length === 0 ? <li className="muted">暂无历史记录</li> : null}
          {entries?.map((e, i) => (
            <li key={i} data-kind={e.kind} data-testid="history-entry">
              <span className="history-date">{e.onDate ?? '日期不详'}</span>
              <span>{e.text}</span>
            </li>
          ))}
        </ol>
      </div>
      <div className="state-on">
        <label className="inline-field">查看某日状态 <input type="date" value={date} onChange={(e) => setDate(e.target.value)} data-testid="state-on-date" /></label>
        {state ? (
          !state.existed ? (
            <div className="muted" data-testid="state-on">该日组织尚未成立</div>
          ) : (
            <dl className="org-facts single" data-testid="state-on">
              <div className="org-fact"><dt>名称</dt><dd data-testid="state-on-name">{state.name}</dd></div>
              <div className="org-fact"><dt>类别</dt><dd>{display(ORG_KIND_NAMES, state.kind)}{state.unitCategory ? `（${display(UNIT_CATEGORY_NAMES, state.unitCategory)}）` : ''}</dd></div>
              <div className="org-fact"><dt>上级组织</dt><dd data-testid="state-on-parent">{state.parent?.name ?? '—'}</dd></div>
              {state.dissolvedOn ? <div className="org-fact"><dt>撤销</dt><dd>{state.dissolvedOn}</dd></div> : null}
              <div className="org-fact"><dt>书记</dt><dd data-testid="state-on-secretary">{state.secretary?.name ?? '—'}</dd></div>
              <div className="org-fact"><dt>班子成员</dt><dd>{state.officers.map((o) => `${o.name}（${nameOf(OFFICER_POST, o.post)}）`).join('、') || '—'}</dd></div>
              <div className="org-fact"><dt>换届</dt><dd>{state.term ? `${state.term.election.electedOn} 选举，${state.term.election.dueOn} 届满，${TERM_STATUS_NAMES[state.term.status]}` : '—'}</dd></div>
              <div className="org-fact"><dt>星级</dt><dd>{state.rating ? `${state.rating.year} 年度${state.rating.stars === null ? '未评定' : ` ${state.rating.stars} 星`}${state.rating.weak ? '，软弱涣散' : ''}` : '—'}</dd></div>
              {state.rectification ? <div className="org-fact"><dt>整顿</dt><dd>{nameOf(RECTIFICATION_STATUS, state.rectification.status)}</dd></div> : null}
            </dl>
          )
        ) : null}
      </div>
    </div>
  );
}
