import { useState } from 'react';
import { call, errorText } from '../api/index.js';
import type { Member } from '../../../shared/types/records.js';
import { todayIso } from '../../../shared/domain/dates.js';
import { Dialog } from '../ui/Dialog.js';
import { Field } from '../ui/Field.js';
import { ErrorMessage } from '../ui/ErrorMessage.js';

export type EventField = 'category' | 'joinedOn' | 'confirmedOn';

/** A grid edit of a field the member history owns, waiting for its dated event or 更正. */
export interface EventEdit {
  member: Member;
  field: EventField;
  value: string;
}

/** What the edit means in the history: a new dated event, a 更正 of a recorded one, or nothing possible. */
type Plan = { kind: 'confirm' } | { kind: 'correct'; label: string } | { kind: 'refuse'; message: string };

function planOf(e: EventEdit, isAdmin: boolean): Plan {
  if (e.field === 'category') {
    if (e.member.category === 'probationary' && e.value === 'formal') return { kind: 'confirm' };
    return { kind: 'refuse', message: '正式党员不能改回预备党员。如转正系错录，请管理员在党员档案中更正这条转正记录。' };
  }
  const label = e.field === 'joinedOn' ? '入党日期' : '转正日期';
  if (e.value === '') return { kind: 'refuse', message: `${label}不能清空。如系错录，请管理员在党员档案中更正。` };
  if (e.field === 'confirmedOn' && e.member.category !== 'formal') return { kind: 'refuse', message: '预备党员还没有转正日期：请把人员类别改为正式党员，登记转正。' };
  if (!isAdmin) return { kind: 'refuse', message: `${label}记在党员的变动记录里，改动属于“更正”，需由管理员进行（更正会记入党员档案和操作日志）。` };
  return { kind: 'correct', label };
}

/**
 * 人员类别, 入党日期 and 转正日期 change only through the member history (DOMAIN.md §3): a grid
 * edit of 预备 → 正式 records the dated 转正 event (member.addEvent); an edit of a date is an
 * administrator's 更正 of the event that set it (member.correct, with a reason), or of the opening
 * state of a record begun before the ledger. Anything else is explained, not written.
 */
export function GridEventDialog({ edit, isAdmin, onClose, onDone }: { edit: EventEdit; isAdmin: boolean; onClose: () => void; onDone: (message: string) => void }) {
  const plan = planOf(edit, isAdmin);
  const [onDate, setOnDate] = useState(todayIso());
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const m = edit.member;

  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      if (plan.kind === 'confirm') {
        await call('member.addEvent', { memberId: m.id, kind: 'confirmed', onDate, ...(text.trim() ? { note: text.trim() } : {}) });
        onDone(`已登记 ${m.name} 于 ${onDate} 转正`);
      } else if (plan.kind === 'correct') {
        const events = await call('member.events', { memberId: m.id });
        const target = [...events].reverse().find((e) => e.kind === (edit.field === 'joinedOn' ? 'admitted' : 'confirmed'));
        // 发展 keeps its 入党日期 apart from its date (党委审批) when they differ; otherwise the date is it.
        const joinedApart = target?.data && typeof target.data.joinedOn === 'string';
        const event = edit.field === 'joinedOn' ? (joinedApart ? { joinedOn: edit.value } : { onDate: edit.value }) : { onDate: edit.value };
        await call('member.correct', {
          memberId: m.id,
          reason: text.trim(),
          ...(target ? { eventId: target.id, event } : { opening: { [edit.field]: edit.value } }),
        });
        onDone(`已更正 ${m.name} 的${plan.label}：${String(m[edit.field] ?? '（空）')} → ${edit.value}`);
      }
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  const title = plan.kind === 'confirm' ? `登记转正：${m.name}` : plan.kind === 'correct' ? `更正${plan.label}：${m.name}` : `不能直接修改：${m.name}`;
  return (
    <Dialog title={title} onClose={onClose} testId="grid-event-dialog">
      <div className="dialog-body">
        {plan.kind === 'refuse' ? <p data-testid="grid-event-refused">{plan.message}</p> : null}
        {plan.kind === 'confirm' ? (
          <>
            <p className="muted">人员类别由变动记录决定：登记一条转正记录后，人员类别变为正式党员，转正日期为下面的日期。</p>
            <Field label="转正日期" required>
              <input type="date" value={onDate} max={todayIso()} onChange={(e) => setOnDate(e.target.value)} data-testid="grid-event-date" />
            </Field>
            <Field label="备注">
              <input value={text} onChange={(e) => setText(e.target.value)} maxLength={500} placeholder="如：支部大会讨论通过" data-testid="grid-event-note" />
            </Field>
          </>
        ) : null}
        {plan.kind === 'correct' ? (
          <>
            <p className="muted">
              {plan.label}由变动记录决定，这里的修改是一次“更正”：{String(m[edit.field] ?? '（空）')} → <strong>{edit.value}</strong>，原记录和更正原因都会保留。
            </p>
            <Field label="更正原因" required>
              <input value={text} onChange={(e) => setText(e.target.value)} maxLength={200} placeholder="如：按入党志愿书核对" data-testid="grid-event-reason" />
            </Field>
          </>
        ) : null}
        <ErrorMessage message={error} testId="grid-event-error" />
        <div className="form-actions">
          <span className="toolbar-spacer" />
          <button type="button" onClick={onClose}>
            {plan.kind === 'refuse' ? '知道了' : '取消'}
          </button>
          {plan.kind !== 'refuse' ? (
            <button type="button" className="primary" disabled={busy || (plan.kind === 'confirm' ? !onDate : text.trim().length < 2)} onClick={() => void save()} data-testid="grid-event-submit">
              {busy ? '正在保存…' : plan.kind === 'confirm' ? '登记转正' : '保存更正'}
            </button>
          ) : null}
        </div>
      </div>
    </Dialog>
  );
}
