import { useCallback, useEffect, useState } from 'react';
import { call, errorText } from '../api/index.js';
import { DISPATCH_LEVEL_NAMES, END_KIND_NAMES, END_KINDS, TEAM_GRADES, TEAM_ROLE_NAMES, type TeamGrade, type TeamLeave, type TeamMember, type TeamTraining } from '../../../shared/contract/team.js';
import { isIsoDate } from '../../../shared/domain/dates.js';
import { Dialog } from '../ui/Dialog.js';
import { ErrorMessage, Notice } from '../ui/ErrorMessage.js';
import { EligibilityPanel } from './EligibilityPanel.js';

interface Detail {
  member: TeamMember;
  leaves: TeamLeave[];
  trainings: TeamTraining[];
  grades: TeamGrade[];
}

const dash = (v: string | number | null | undefined) => (v === null || v === undefined || v === '' ? '—' : String(v));

/**
 * One cadre: the posting, the first-secretary check, and the dated records kept with it — leave
 * (with who approved it), training, yearly grades, and the end of the posting (召回 / 轮换).
 */
export function TeamDetailDialog({ id, canEdit, onClose, onEdit, onChanged }: { id: string; canEdit: boolean; onClose: () => void; onEdit: (m: TeamMember) => void; onChanged: () => void }) {
  const [detail, setDetail] = useState<Detail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const load = useCallback(
    () =>
      call('team.get', { id })
        .then(setDetail)
        .catch((err) => setError(errorText(err))),
    [id],
  );
  useEffect(() => void load(), [load]);

  /** Runs a write, reloads, says what happened, and clears the form it came from. */
  const act = async (work: () => Promise<unknown>, done: string, reset?: () => void) => {
    setError(null);
    setNotice(null);
    try {
      await work();
      // The notice comes with the reloaded record, so what it announces is already on screen.
      await load();
      setNotice(done);
      reset?.();
      onChanged();
    } catch (err) {
      setError(errorText(err));
    }
  };

  const NO_LEAVE = { fromDate: '', toDate: '', reason: '', approvedBy: '', approvedOn: '' };
  const NO_TRAINING = { onDate: '', topic: '', hours: '' };
  const [leave, setLeave] = useState(NO_LEAVE);
  const [training, setTraining] = useState(NO_TRAINING);
  const [grade, setGrade] = useState({ year: String(new Date().getFullYear() - 1), grade: '称职', note: '' });
  const [end, setEnd] = useState<{ kind: (typeof END_KINDS)[number]; onDate: string; reason: string }>({ kind: 'recall', onDate: '', reason: '' });
  const orNull = (s: string) => (s.trim() ? s.trim() : null);
  const dateProblem = (...ds: string[]) => ds.find((x) => x.trim() !== '' && !isIsoDate(x.trim())) !== undefined;

  if (!detail) {
    return (
      <Dialog title="驻村干部" onClose={onClose} testId="team-detail" wide>
        <ErrorMessage message={error} />
        {!error ? <div className="muted">正在加载…</div> : null}
      </Dialog>
    );
  }
  const m = detail.member;
  return (
    <Dialog title={`${m.name}（${TEAM_ROLE_NAMES[m.role]}）`} onClose={onClose} testId="team-detail" wide>
      <div className="grid-form">
        <div>驻村：{m.villageName}</div>
        <div>派出单位：{dash(m.dispatchingUnit)}{m.dispatchingLevel ? `（${DISPATCH_LEVEL_NAMES[m.dispatchingLevel]}）` : ''}</div>
        <div>任职：{dash(m.fromDate)} 至 {dash(m.toDate)}</div>
        <div>批次：{dash(m.batch)}{'\u3000'}村类型：{dash(m.villageType)}</div>
        <div>
          状态：
          {m.endedOn ? <span className="tag warn" data-testid="team-detail-ended">{END_KIND_NAMES[m.endKind ?? 'recall']}（{m.endedOn}）{m.endReason ? `：${m.endReason}` : ''}</span> : <span className="tag ok">在岗</span>}
        </div>
        <div>参加工作：{dash(m.workStartedOn)}</div>
      </div>
      {m.eligibility ? <EligibilityPanel e={m.eligibility} testId="team-detail-eligibility" /> : null}
      {canEdit ? (
        <div className="form-actions" style={{ marginTop: 4 }}>
          <button type="button" onClick={() => onEdit(m)} data-testid="team-detail-edit">
            修改信息
          </button>
        </div>
      ) : null}
      <ErrorMessage message={error} testId="team-detail-error" />
      <Notice message={notice} testId="team-detail-notice" />

      <section className="sub-section">
        <h3>请假记录（经批准的请假天数计入驻村天数）</h3>
        <table className="table" data-testid="team-leaves">
          <thead>
            <tr><th>起止日期</th><th>天数</th><th>事由</th><th>批准人</th><th>批准日期</th>{canEdit ? <th /> : null}</tr>
          </thead>
          <tbody>
            {detail.leaves.length === 0 ? <tr><td colSpan={6} className="empty-cell">没有请假记录</td></tr> : null}
            {detail.leaves.map((l) => (
              <tr key={l.id}>
                <td>{l.fromDate} 至 {l.toDate}</td>
                <td>{l.days}</td>
                <td>{dash(l.reason)}</td>
                <td>{l.approvedBy ? l.approvedBy : <span className="tag warn">未批准</span>}</td>
                <td>{dash(l.approvedOn)}</td>
                {canEdit ? (
                  <td className="actions">
                    <button type="button" className="link small" onClick={() => void act(() => call('team.removeLeave', { id: l.id }), '已删除请假记录')}>删除</button>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
        {canEdit ? (
          <form
            className="inline-form"
            onSubmit={(e) => {
              e.preventDefault();
              if (dateProblem(leave.fromDate, leave.toDate, leave.approvedOn) || !leave.fromDate || !leave.toDate) return setError('请假起止日期应为 YYYY-MM-DD');
              void act(() => call('team.saveLeave', { teamMemberId: m.id, fromDate: leave.fromDate.trim(), toDate: leave.toDate.trim(), reason: orNull(leave.reason), approvedBy: orNull(leave.approvedBy), approvedOn: orNull(leave.approvedOn) }), '已登记请假', () => setLeave(NO_LEAVE));
            }}
          >
            <input placeholder="开始 YYYY-MM-DD" value={leave.fromDate} onChange={(e) => setLeave({ ...leave, fromDate: e.target.value })} size={12} data-testid="leave-from" />
            <input placeholder="结束 YYYY-MM-DD" value={leave.toDate} onChange={(e) => setLeave({ ...leave, toDate: e.target.value })} size={12} data-testid="leave-to" />
            <input placeholder="事由" value={leave.reason} onChange={(e) => setLeave({ ...leave, reason: e.target.value })} size={8} data-testid="leave-reason" />
            <input placeholder="批准人" value={leave.approvedBy} onChange={(e) => setLeave({ ...leave, approvedBy: e.target.value })} size={10} data-testid="leave-approver" />
            <input placeholder="批准日期" value={leave.approvedOn} onChange={(e) => setLeave({ ...leave, approvedOn: e.target.value })} size={11} data-testid="leave-approved-on" />
            <button type="submit" data-testid="leave-add">登记请假</button>
          </form>
        ) : null}
      </section>

      <section className="sub-section">
        <h3>培训记录</h3>
        <ul>
          {detail.trainings.length === 0 ? <li className="muted">没有培训记录</li> : null}
          {detail.trainings.map((t) => (
            <li key={t.id}>
              {t.onDate} {t.topic}{t.hours !== null ? `（${t.hours} 学时）` : ''}
              {canEdit ? <button type="button" className="link small" style={{ marginLeft: 8 }} onClick={() => void act(() => call('team.removeTraining', { id: t.id }), '已删除培训记录')}>删除</button> : null}
            </li>
          ))}
        </ul>
        {canEdit ? (
          <form
            className="inline-form"
            onSubmit={(e) => {
              e.preventDefault();
              if (!isIsoDate(training.onDate.trim()) || !training.topic.trim()) return setError('请填写培训日期（YYYY-MM-DD）和内容');
              void act(() => call('team.saveTraining', { teamMemberId: m.id, onDate: training.onDate.trim(), topic: training.topic.trim(), hours: training.hours.trim() ? Number(training.hours) : null }), '已登记培训', () => setTraining(NO_TRAINING));
            }}
          >
            <input placeholder="日期 YYYY-MM-DD" value={training.onDate} onChange={(e) => setTraining({ ...training, onDate: e.target.value })} size={12} />
            <input placeholder="培训内容" value={training.topic} onChange={(e) => setTraining({ ...training, topic: e.target.value })} size={24} />
            <input placeholder="学时" value={training.hours} onChange={(e) => setTraining({ ...training, hours: e.target.value })} size={4} />
            <button type="submit">登记培训</button>
          </form>
        ) : null}
      </section>

      <section className="sub-section">
        <h3>年度考核</h3>
        <div data-testid="team-grades">
          {detail.grades.length === 0 ? <span className="muted">尚未登记</span> : detail.grades.map((g) => (
            <span key={g.year} className="tag" style={{ marginRight: 8 }}>{g.year}年：{g.grade}{g.note ? `（${g.note}）` : ''}</span>
          ))}
        </div>
        {canEdit ? (
          <form
            className="inline-form"
            onSubmit={(e) => {
              e.preventDefault();
              void act(() => call('team.setGrade', { teamMemberId: m.id, year: Number(grade.year), grade: grade.grade === '' ? null : (grade.grade as TeamGrade['grade']), note: orNull(grade.note) }), '已登记考核等次');
            }}
          >
            <input value={grade.year} onChange={(e) => setGrade({ ...grade, year: e.target.value })} size={5} inputMode="numeric" aria-label="年度" />
            <select value={grade.grade} onChange={(e) => setGrade({ ...grade, grade: e.target.value })} aria-label="等次" data-testid="grade-select">
              {TEAM_GRADES.map((g) => <option key={g} value={g}>{g}</option>)}
              <option value="">（删除该年等次）</option>
            </select>
            <input placeholder="备注" value={grade.note} onChange={(e) => setGrade({ ...grade, note: e.target.value })} size={16} />
            <button type="submit" data-testid="grade-save">保存等次</button>
          </form>
        ) : null}
      </section>

      {canEdit ? (
        <section className="sub-section">
          <h3>召回或轮换</h3>
          <form
            className="inline-form"
            onSubmit={(e) => {
              e.preventDefault();
              if (!isIsoDate(end.onDate.trim())) return setError('请填写召回或轮换日期（YYYY-MM-DD）');
              void act(() => call('team.end', { id: m.id, kind: end.kind, onDate: end.onDate.trim(), reason: orNull(end.reason) }), `已登记${END_KIND_NAMES[end.kind]}`);
            }}
          >
            <select value={end.kind} onChange={(e) => setEnd({ ...end, kind: e.target.value as (typeof END_KINDS)[number] })}>
              {END_KINDS.map((k) => <option key={k} value={k}>{END_KIND_NAMES[k]}</option>)}
            </select>
            <input placeholder="日期 YYYY-MM-DD" title="自该日起不在岗" value={end.onDate} onChange={(e) => setEnd({ ...end, onDate: e.target.value })} size={14} />
            <input placeholder="原因" value={end.reason} onChange={(e) => setEnd({ ...end, reason: e.target.value })} size={20} />
            <button type="submit">{m.endedOn ? '更正' : '登记'}</button>
          </form>
        </section>
      ) : null}
    </Dialog>
  );
}
