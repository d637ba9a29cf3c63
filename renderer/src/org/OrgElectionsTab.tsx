import { useEffect, useState } from 'react';
import { call, errorText } from '../api/index.js';
import type { OrgDetail, OrgElection } from '../../../shared/contract/org.js';
import { todayIso } from '../stats/format.js';
import { ErrorMessage } from '../ui/ErrorMessage.js';
import { useSubmit } from '../ui/use-submit.js';
import { ActionForm } from './OrgActionDialogs.js';
import { OrgSelect } from './OrgSelect.js';
import { Field } from '../ui/Field.js';
import type { TreeModel } from './org-tree-model.js';
import { TERM_STATUS_NAMES, termTagClass } from './org-labels.js';

/**
 * 换届: every election kept, the latest is the current term. The term length defaults by kind and
 * unit category (the core's rule); an approved extension records 延期至, the approving body and date.
 */
export function OrgElectionsTab({ detail, model, canEdit, onChanged }: { detail: OrgDetail; model: TreeModel; canEdit: boolean; onChanged: (notice: string) => void }) {
  const orgId = detail.org.id;
  const [elections, setElections] = useState<OrgElection[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  const [extending, setExtending] = useState<OrgElection | null>(null);
  const [electedOn, setElectedOn] = useState(todayIso());
  const [termYears, setTermYears] = useState('');
  const [note, setNote] = useState('');
  const add = useSubmit();

  useEffect(() => {
    let live = true;
    call('org.elections', { orgId })
      .then((r) => live && (setElections([...r].reverse()), setError(null))) // newest first
      .catch((err) => live && setError(errorText(err)));
    return () => {
      live = false;
    };
  }, [orgId, tick]);

  const changed = (text: string) => {
    setTick((t) => t + 1);
    onChanged(text);
  };
  const latest = elections?.[0]?.id;

  return (
    <div data-testid="org-elections">
      <div className="inline-form">
        当前任期：
        {detail.term ? (
          <>
            <span>{detail.term.election.electedOn} 选举，{detail.term.election.termYears} 年一届，{detail.term.election.dueOn} 届满{detail.term.election.extendedTo ? `，经批准延期至 ${detail.term.election.extendedTo}` : ''}</span>
            <span className={termTagClass(detail.term.status)} data-testid="org-term-status">{TERM_STATUS_NAMES[detail.term.status]}</span>
          </>
        ) : (
          <span className="muted">未登记换届</span>
        )}
      </div>
      <ErrorMessage message={error} />
      <table className="table compact">
        <thead><tr><th>选举日期</th><th>任期（年）</th><th>届满日期</th><th>延期至</th><th>批准机关</th><th>批准日期</th><th>备注</th><th /></tr></thead>
        <tbody>
          {elections && elections.length === 0 ? <tr><td colSpan={8} className="empty-cell">尚未登记换届选举</td></tr> : null}
          {elections?.map((e) => (
            <tr key={e.id} data-testid="election-row">
              <td>{e.electedOn}</td>
              <td>{e.termYears}</td>
              <td>{e.dueOn}</td>
              <td>{e.extendedTo ?? ''}</td>
              <td>{e.extensionApprovedByName ?? ''}</td>
              <td>{e.extensionApprovedOn ?? ''}</td>
              <td>{e.note ?? ''}</td>
              <td>{canEdit && e.id === latest ? <button type="button" className="link small" onClick={() => setExtending(e)} data-testid="election-extend">登记延期</button> : null}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {canEdit && !detail.org.dissolvedOn ? (
        <div className="sub-section">
          <h3>登记换届选举</h3>
          <div className="inline-form">
            <label className="inline-field">选举日期 <input value={electedOn} onChange={(e) => setElectedOn(e.target.value)} maxLength={10} placeholder="YYYY-MM-DD" data-testid="election-date" /></label>
            <label className="inline-field">任期（年） <input value={termYears} onChange={(e) => setTermYears(e.target.value)} maxLength={2} size={4} placeholder="按规定" data-testid="election-years" /></label>
            <label className="inline-field">备注 <input value={note} onChange={(e) => setNote(e.target.value)} maxLength={200} /></label>
            <button
              type="button"
              className="primary"
              disabled={add.busy}
              data-testid="election-add"
              onClick={() => {
                if (termYears.trim() && !/^\d{1,2}$/.test(termYears.trim())) return add.setError('任期应为 1 至 10 的整数，留空按规定年限');
                void add.run(async () => {
                  const e = await call('org.addElection', { orgId, electedOn: electedOn.trim(), ...(termYears.trim() ? { termYears: Number(termYears) } : {}), note: note.trim() || null });
                  setNote('');
                  changed(`已登记换届：${e.electedOn} 选举，${e.termYears} 年一届，${e.dueOn} 届满`);
                });
              }}
            >
              登记
            </button>
          </div>
          <ErrorMessage message={add.error} />
        </div>
      ) : null}
      {extending ? (
        <ExtensionDialog
          election={extending}
          model={model}
          onClose={() => setExtending(null)}
          onDone={(e) => {
            setExtending(null);
            changed(e.extendedTo ? `已登记延期：延期至 ${e.extendedTo}` : '已取消延期');
          }}
        />
      ) : null}
    </div>
  );
}

function ExtensionDialog({ election, model, onClose, onDone }: { election: OrgElection; model: TreeModel; onClose: () => void; onDone: (e: OrgElection) => void }) {
  const [extendedTo, setExtendedTo] = useState(election.extendedTo ?? '');
  const [approvedBy, setApprovedBy] = useState(election.extensionApprovedBy ?? '');
  const [approvedOn, setApprovedOn] = useState(election.extensionApprovedOn ?? todayIso());
  return (
    <ActionForm
      title={`延期换届（${election.dueOn} 届满）`}
      testId="election-extension"
      submitLabel="保存"
      onClose={onClose}
      check={() => (extendedTo.trim() && !approvedBy ? '请选择批准延期的上级党组织' : null)}
      work={async () => {
        const e = await call('org.updateElection', {
          id: election.id,
          patch: extendedTo.trim()
            ? { extendedTo: extendedTo.trim(), extensionApprovedBy: approvedBy, extensionApprovedOn: approvedOn || null }
            : { extendedTo: null, extensionApprovedBy: null, extensionApprovedOn: null },
        });
        onDone(e);
      }}
    >
      <Field label="延期至" hint="留空则取消延期；延期一般不超过 1 年"><input value={extendedTo} onChange={(e) => setExtendedTo(e.target.value)} maxLength={10} placeholder="YYYY-MM-DD" data-testid="election-extension-to" /></Field>
      <Field label="批准机关" required><OrgSelect model={model} value={approvedBy} onChange={setApprovedBy} testId="election-extension-by" placeholder="请选择上级党组织" /></Field>
      <Field label="批准日期"><input type="date" value={approvedOn} onChange={(e) => setApprovedOn(e.target.value)} data-testid="election-extension-on" /></Field>
    </ActionForm>
  );
}
