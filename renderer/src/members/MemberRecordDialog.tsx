import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { call, errorText } from '../api/index.js';
import type { MemberRecord } from '../../../shared/types/records.js';
import { isIsoDate } from '../../../shared/domain/dates.js';
import { useSession } from '../app/session-context.js';
import { Dialog } from '../ui/Dialog.js';
import { ErrorMessage, Notice } from '../ui/ErrorMessage.js';
import { useSubmit } from '../ui/use-submit.js';
import { infoSections, openingLine, statusName, timeline, type TimelineLine } from './record-model.js';
import { MemberEventDialog } from './MemberEventDialog.js';
import { RecordPrint } from './RecordPrint.js';
import { MemberFormDialog } from './MemberFormDialog.js';
import './record.css';

/**
 * 党员档案: every field of the record with its code names, the derived 年龄 / 党龄 / 50年, the
 * registered grid and the history; 登记变动 for clerks, 更正 of a wrong event for administrators,
 * and the printable 一人一档. `onChanged` lets the list refresh after an event.
 */
export function MemberRecordDialog({ memberId, onClose, onChanged }: { memberId: string; onClose: () => void; onChanged: (note: string) => void }) {
  const { session } = useSession();
  const canEdit = session.user.role !== 'viewer';
  const isAdmin = session.user.role === 'admin';
  const [record, setRecord] = useState<MemberRecord | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const [printing, setPrinting] = useState(false);
  const [editing, setEditing] = useState(false);
  const [correcting, setCorrecting] = useState<TimelineLine | null>(null);

  const load = useCallback(async () => {
    try {
      setRecord(await call('member.record', { id: memberId }));
    } catch (err) {
      setError(errorText(err));
    }
  }, [memberId]);
  useEffect(() => void load(), [load]);

  const changed = (note: string) => {
    setNotice(note);
    setAdding(false);
    setEditing(false);
    setCorrecting(null);
    void load();
    onChanged(note);
  };

  const title = record ? `党员档案：${record.member.name}（${statusName(record)}）` : '党员档案';
  const opening = record ? openingLine(record) : null;
  // The modal dialog would leave the page behind it inert: the print view takes its place instead.
  if (printing && record) return <RecordPrint record={record} unitName={session.unitName} onClose={() => setPrinting(false)} />;
  return (
    <Dialog title={title} onClose={onClose} testId="member-record" wide>
      <ErrorMessage message={error} />
      <Notice message={notice} testId="record-notice" />
      {record ? (
        <>
          {record.problem ? <div className="error-message">该党员的历史记录前后不符：{record.problem}。请管理员核对并更正。</div> : null}
          {record.warnings.map((w) => (
            <div key={w} className="notice-info">
              {w}
            </div>
          ))}
          <div className="record-actions">
            {canEdit ? (
              <button type="button" className="primary" onClick={() => setAdding(true)} data-testid="record-add-event">
                登记变动
              </button>
            ) : null}
            {canEdit ? (
              <button type="button" onClick={() => setEditing(true)} data-testid="record-edit">
                修改信息
              </button>
            ) : null}
            <button type="button" onClick={() => setPrinting(true)} data-testid="record-print-open">
              打印一人一档
            </button>
          </div>
          <div className="record-sections">
            {infoSections(record).map((s) => (
              <section key={s.title} className="record-section">
                <h3>{s.title}</h3>
                <dl className="record-fields">
                  {s.rows.map((r) => (
                    <div key={r.label} className="record-field">
                      <dt>{r.label}</dt>
                      <dd data-testid={r.testId} title={r.history ? '由变动记录决定：请“登记变动”' : undefined}>
                        {r.value}
                      </dd>
                    </div>
                  ))}
                </dl>
              </section>
            ))}
          </div>
          <section className="record-section">
            <h3>党籍变动记录</h3>
            {opening ? <p className="muted">{opening}</p> : null}
            <table className="record-timeline" data-testid="record-timeline">
              <thead>
                <tr>
                  <th>日期</th>
                  <th>变动</th>
                  <th>党组织</th>
                  <th>说明</th>
                  {isAdmin ? <th /> : null}
                </tr>
              </thead>
              <tbody>
                {timeline(record).map((l) => (
                  <tr key={l.id} className={l.corrected ? 'corrected' : undefined} data-kind={l.event.kind}>
                    <td>{l.date}</td>
                    <td>{l.what}</td>
                    <td>{l.org}</td>
                    <td>{l.detail}</td>
                    {isAdmin ? (
                      <td>
                        {l.corrected ? null : (
                          <button type="button" className="link small" onClick={() => setCorrecting(l)} data-testid="record-correct">
                            更正
                          </button>
                        )}
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          {correcting ? <CorrectForm memberId={memberId} line={correcting} onCancel={() => setCorrecting(null)} onDone={changed} /> : null}
        </>
      ) : error ? null : (
        <div className="muted pad">正在加载…</div>
      )}
      {editing && record ? <MemberFormDialog model={null} member={record.member} onClose={() => setEditing(false)} onCreated={(m) => changed(`已保存：${m.name} 的信息`)} /> : null}
      {adding ? <MemberEventDialog memberId={memberId} onClose={() => setAdding(false)} onSaved={changed} /> : null}
    </Dialog>
  );
}

/** 更正 (administrators): a wrong date mended or a wrongly recorded event removed, with the reason. */
function CorrectForm({ memberId, line, onCancel, onDone }: { memberId: string; line: TimelineLine; onCancel: () => void; onDone: (note: string) => void }) {
  const [onDate, setOnDate] = useState(line.event.onDate);
  const [remove, setRemove] = useState(false);
  const [reason, setReason] = useState('');
  const submit = useSubmit();
  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (!remove && !isIsoDate(onDate)) return submit.setError('日期格式应为 YYYY-MM-DD，且须为有效日期');
    await submit.run(async () => {
      await call('member.correct', { memberId, eventId: line.id, reason: reason.trim(), ...(remove ? { remove: true } : { event: { onDate } }) });
      onDone(remove ? `已更正：删除错录的“${line.date} ${line.what}”` : `已更正：“${line.what}”的日期改为 ${onDate}`);
    });
  };
  return (
    <form className="record-correct" onSubmit={(e) => void save(e)} data-testid="record-correct-form">
      <strong>
        更正“{line.date} {line.what}”
      </strong>
      <label>
        <input type="checkbox" checked={remove} onChange={(e) => setRemove(e.target.checked)} data-testid="correct-remove" /> 删除这条错录的记录
      </label>
      {remove ? null : (
        <label>
          正确日期 <input type="date" value={onDate} onChange={(e) => setOnDate(e.target.value)} data-testid="correct-date" />
        </label>
      )}
      <label>
        更正原因 <input value={reason} onChange={(e) => setReason(e.target.value)} maxLength={200} required placeholder="如：据档案核实" data-testid="correct-reason" />
      </label>
      <ErrorMessage message={submit.error} />
      <span className="form-actions">
        <button type="button" onClick={onCancel}>
          取消
        </button>
        <button type="submit" className="primary" disabled={submit.busy} data-testid="correct-save">
          保存更正
        </button>
      </span>
    </form>
  );
}
