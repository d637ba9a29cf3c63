import { useEffect, useState, type FormEvent } from 'react';
import { call, errorText } from '../api/index.js';
import { MEETING_KIND_NAMES, MEETING_KINDS, type MeetingKind } from '../../../shared/domain/meeting-rules.js';
import type { Meeting } from '../../../shared/contract/meeting.js';
import { isIsoDate } from '../../../shared/domain/dates.js';
import type { TreeModel } from '../org/org-tree-model.js';
import { OrgSelect } from '../org/OrgSelect.js';
import { Dialog } from '../ui/Dialog.js';
import { Field } from '../ui/Field.js';
import { ErrorMessage } from '../ui/ErrorMessage.js';
import { useSubmit } from '../ui/use-submit.js';

interface Attendee {
  memberId: string;
  name: string;
  present: boolean;
  reason: string;
}

/**
 * 登记 / 更正组织生活: the branch, kind, date and topic, and who was present or absent (the
 * branch's members, ticked off) with the reason for each absence; the counts follow the list.
 */
export function MeetingFormDialog({ model, meeting, defaultOrgId, today, onClose, onSaved }: { model: TreeModel; meeting: Meeting | null; defaultOrgId: string | null; today: string; onClose: () => void; onSaved: (m: Meeting) => void }) {
  const [orgId, setOrgId] = useState(meeting?.orgId ?? defaultOrgId ?? '');
  const [kind, setKind] = useState<MeetingKind>(meeting?.kind ?? 'theme-day');
  const [heldOn, setHeldOn] = useState(meeting?.heldOn ?? today);
  const [topic, setTopic] = useState(meeting?.topic ?? '');
  const [note, setNote] = useState(meeting?.note ?? '');
  const [people, setPeople] = useState<Attendee[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const { busy, error, setError, run } = useSubmit();

  // The branch's members (and the list as recorded, when correcting) make the attendance list.
  useEffect(() => {
    if (!orgId) return setPeople(null);
    let live = true;
    (async () => {
      const members = await call('member.list', { orgId, limit: 1000, status: 'active', sort: [{ field: 'name', dir: 'asc' }] });
      const recorded = meeting && meeting.orgId === orgId ? (await call('meeting.get', { id: meeting.id })).attendance : [];
      const asRecorded = (a: (typeof recorded)[number]): Attendee => ({ memberId: a.memberId, name: a.name, present: a.present, reason: a.reason ?? '' });
      // A full list recorded (who was present too) is corrected as it stands; otherwise (nothing, or
      // only the absences an import names) the branch's members now, present unless recorded absent.
      const full = recorded.some((a) => a.present);
      const byId = new Map(recorded.map((a) => [a.memberId, a]));
      const list: Attendee[] = full
        ? recorded.map(asRecorded)
        : [...members.rows.map((m) => (byId.has(m.id) ? asRecorded(byId.get(m.id)!) : { memberId: m.id, name: m.name, present: true, reason: '' })), ...recorded.filter((a) => !members.rows.some((m) => m.id === a.memberId)).map(asRecorded)];
      if (live) {
        setPeople(list);
        setLoadError(null);
      }
    })().catch((err) => live && setLoadError(errorText(err)));
    return () => {
      live = false;
    };
  }, [orgId, meeting]);

  const setOne = (memberId: string, patch: Partial<Attendee>) => setPeople((cur) => cur?.map((a) => (a.memberId === memberId ? { ...a, ...patch } : a)) ?? null);
  const present = people?.filter((a) => a.present).length ?? 0;

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!orgId) return setError('请选择党组织');
    if (!isIsoDate(heldOn.trim()) || heldOn.trim().length !== 10) return setError('会议日期应为 YYYY-MM-DD');
    const absentWithout = people?.find((a) => !a.present && !a.reason.trim());
    if (absentWithout) return setError(`请填写${absentWithout.name}缺席的原因`);
    const values = {
      orgId, kind, heldOn: heldOn.trim(), topic: topic.trim() || null, note: note.trim() || null,
      ...(people && people.length > 0 ? { attendance: people.map((a) => ({ memberId: a.memberId, present: a.present, reason: a.reason.trim() || null })) } : {}),
    };
    await run(async () => onSaved(meeting ? await call('meeting.update', { id: meeting.id, patch: values }) : await call('meeting.create', values)));
  }

  return (
    <Dialog title={meeting ? '更正组织生活记录' : '登记组织生活'} onClose={onClose} testId="meeting-form" wide>
      <form className="form grid-form" onSubmit={submit}>
        <Field label="党组织" required>
          <OrgSelect model={model} value={orgId} onChange={setOrgId} testId="meeting-form-org" placeholder="请选择党支部或党小组" />
        </Field>
        <Field label="类型" required>
          <select value={kind} onChange={(e) => setKind(e.target.value as MeetingKind)} data-testid="meeting-form-kind">
            {MEETING_KINDS.map((k) => <option key={k} value={k}>{MEETING_KIND_NAMES[k]}</option>)}
          </select>
        </Field>
        <Field label="日期" required>
          <input value={heldOn} onChange={(e) => setHeldOn(e.target.value)} placeholder="YYYY-MM-DD" maxLength={10} data-testid="meeting-form-date" />
        </Field>
        <Field label="主题">
          <input value={topic} onChange={(e) => setTopic(e.target.value)} maxLength={200} data-testid="meeting-form-topic" />
        </Field>
        <div className="span-all">
          <div className="field-label" style={{ textAlign: 'left', paddingBottom: 4 }}>
            出席情况 {people ? <span className="muted" data-testid="meeting-form-counts">应到 {people.length} 人，实到 {present} 人，缺席 {people.length - present} 人</span> : null}
          </div>
          <ErrorMessage message={loadError} />
          {people && people.length === 0 ? <div className="muted">该组织没有在册党员，可在备注中记录参加人员</div> : null}
          {people && people.length > 0 ? (
            <div className="attendance-list" data-testid="meeting-form-attendance">
              {people.map((a) => (
                <div key={a.memberId} className={a.present ? 'attendance-row' : 'attendance-row absent'} data-name={a.name}>
                  <span>{a.name}</span>
                  <label className="inline-field">
                    <input type="checkbox" checked={a.present} onChange={(e) => setOne(a.memberId, { present: e.target.checked })} data-testid="attendance-present" />
                    出席
                  </label>
                  <input value={a.reason} onChange={(e) => setOne(a.memberId, { reason: e.target.value })} placeholder={a.present ? '' : '缺席原因（如病假、外出务工）'} disabled={a.present} maxLength={100} data-testid="attendance-reason" />
                </div>
              ))}
            </div>
          ) : null}
        </div>
        <div className="span-all">
          <Field label="备注">
            <textarea value={note} onChange={(e) => setNote(e.target.value)} rows={2} maxLength={2000} data-testid="meeting-form-note" />
          </Field>
        </div>
        <div className="span-all">
          <ErrorMessage message={error} />
        </div>
        <div className="form-actions span-all">
          <button type="button" onClick={onClose}>取消</button>
          <button type="submit" className="primary" disabled={busy} data-testid="meeting-form-submit">{busy ? '正在保存…' : '保存'}</button>
        </div>
      </form>
    </Dialog>
  );
}
