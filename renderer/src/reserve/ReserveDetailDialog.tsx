import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { call, errorText } from '../api/index.js';
import type { ReserveRecord, ReserveView } from '../../../shared/contract/reserve.js';
import { RESERVE_RECORD_KINDS, RESERVE_STAGES, reserveChecksFrom, stageMoveRefusal, type NegativeItem, type ReserveFinding, type ReserveStage } from '../../../shared/domain/reserve-rules.js';
import { isIsoDate, todayIso } from '../../../shared/domain/dates.js';
import { EDUCATION_NAMES, GENDER_NAMES, display } from '../codes/code-names.js';
import { Dialog } from '../ui/Dialog.js';
import { ErrorMessage } from '../ui/ErrorMessage.js';
import { DIRECTION_NAMES, POLITICAL_STATUS_NAMES, RECORD_NAMES, SOURCE_NAMES, STAGE_NAMES } from './reserve-names.js';
import { findingsOf, RuleWarnings } from './RuleWarnings.js';
import { CodeSelect } from './ReserveFormDialog.js';

type MoveTo = 'assessed' | 'training' | 'entered' | 'exited';
const MOVES: readonly MoveTo[] = ['assessed', 'training', 'entered', 'exited'];

function recordText(r: ReserveRecord, negatives: readonly NegativeItem[]): string {
  if (r.kind === 'stage') {
    const extra = r.stage === 'entered' ? `，任${r.post ?? ''}` : r.stage === 'exited' ? `，原因：${r.reason ?? ''}` : '';
    return `${STAGE_NAMES[r.stage ?? ''] ?? r.stage}${extra}`;
  }
  const code = r.kind === 'negative' ? `【${negatives.find((n) => n.code === r.code)?.name ?? r.code}】` : '';
  return `${RECORD_NAMES[r.kind]}：${code}${r.content ?? ''}${r.post ? `（${r.post}）` : ''}`;
}

/** 全程纪实 of one reserve: the dated records, the next stage move and new records. */
export function ReserveDetailDialog({ id, canEdit, isAdmin, onClose, onChanged }: { id: string; canEdit: boolean; isAdmin: boolean; onClose: () => void; onChanged: (r: ReserveView, note: string) => void }) {
  const [reserve, setReserve] = useState<ReserveView | null>(null);
  const [records, setRecords] = useState<ReserveRecord[]>([]);
  const [negatives, setNegatives] = useState<readonly NegativeItem[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Stage move form
  const [to, setTo] = useState<MoveTo | ''>('');
  const [onDate, setOnDate] = useState(todayIso());
  const [post, setPost] = useState('');
  const [reason, setReason] = useState('');
  const [findings, setFindings] = useState<ReserveFinding[] | null>(null);
  const [ack, setAck] = useState('');
  // Record form
  const [kind, setKind] = useState<(typeof RESERVE_RECORD_KINDS)[number]>('measure');
  const [recDate, setRecDate] = useState(todayIso());
  const [content, setContent] = useState('');
  const [recPost, setRecPost] = useState('');
  const [code, setCode] = useState('');
  // Correction (administrator)
  const [correctTo, setCorrectTo] = useState('');
  const [correctWhy, setCorrectWhy] = useState('');

  const load = useCallback(async () => {
    const r = await call('reserve.get', { id });
    setReserve(r.reserve);
    setRecords(r.records);
  }, [id]);

  useEffect(() => {
    load().catch((err) => setError(errorText(err)));
    call('settings.get', {})
      .then((s) => setNegatives(reserveChecksFrom(s.reserveChecks).negativeList.filter((n) => n.enabled)))
      .catch(() => setNegatives([]));
  }, [load]);

  const act = async (work: () => Promise<ReserveView | null>, note: string) => {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      const after = await work();
      await load();
      if (after) onChanged(after, note);
    } catch (err) {
      const f = findingsOf(err);
      if (f) setFindings(f);
      else setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  if (!reserve) {
    return (
      <Dialog title="后备力量" onClose={onClose} testId="reserve-detail" wide>
        <ErrorMessage message={error} />
        {error ? null : <div className="muted pad">正在加载…</div>}
      </Dialog>
    );
  }

  const moves = MOVES.filter((m) => stageMoveRefusal(reserve.stage, m) === null);
  const move = (e: FormEvent) => {
    e.preventDefault();
    if (!to) return setError('请选择要进入的阶段');
    if (!isIsoDate(onDate.trim())) return setError('日期格式应为 YYYY-MM-DD');
    if (findings && !ack.trim()) return setError('请写明继续的理由');
    void act(async () => {
      const r = await call('reserve.move', { id, to, onDate: onDate.trim(), post: to === 'entered' ? post.trim() : null, reason: to === 'exited' ? reason.trim() : null, acknowledge: findings ? ack.trim() : null });
      setTo('');
      setFindings(null);
      setAck('');
      return r;
    }, `${reserve.name}：${STAGE_NAMES[to]} ${onDate.trim()}`);
  };
  const addRecord = (e: FormEvent) => {
    e.preventDefault();
    if (!isIsoDate(recDate.trim())) return setError('日期格式应为 YYYY-MM-DD');
    void act(async () => {
      await call('reserve.addRecord', { reserveId: id, kind, onDate: recDate.trim(), content: content.trim(), post: kind === 'rotation' ? recPost.trim() || null : null, code: kind === 'negative' ? code || null : null });
      setContent('');
      setRecPost('');
      return (await call('reserve.get', { id })).reserve;
    }, `${reserve.name}：已记录${RECORD_NAMES[kind]}`);
  };
  const correctable = RESERVE_STAGES.slice(0, RESERVE_STAGES.indexOf(reserve.stage)).filter((s): s is 'recommended' | 'assessed' | 'training' => s !== 'entered' && s !== 'exited');

  return (
    <Dialog title={`后备力量：${reserve.name}`} onClose={onClose} testId="reserve-detail" wide>
      <div className="reserve-summary" data-testid="reserve-summary">
        <div>
          <b>{reserve.name}</b> {display(GENDER_NAMES, reserve.gender)} {reserve.birthDate ?? ''} {display(EDUCATION_NAMES, reserve.education)} {display(POLITICAL_STATUS_NAMES, reserve.politicalStatus)}
          {reserve.linkedTo ? <span className="tag">{reserve.linkedTo === 'member' ? '党员（信息取自党员名册）' : '发展对象（信息取自发展党员名册）'}</span> : null}
        </div>
        <div className="muted">
          {reserve.villageName} · 来源：{display(SOURCE_NAMES, reserve.source) || '未填'} · 培养方向：{display(DIRECTION_NAMES, reserve.direction) || '未定'} · 培养联系人：{reserve.mentor ?? '未定'}
        </div>
        <div>
          当前阶段：<span className={`stage-pill stage-${reserve.stage}`} data-testid="reserve-stage">{STAGE_NAMES[reserve.stage]}</span> {reserve.stageOn ?? ''}
          {reserve.exitPost ? `，任${reserve.exitPost}` : ''}
        </div>
      </div>
      <h3 className="section-title">全程纪实</h3>
      <table className="record-table" data-testid="reserve-records">
        <tbody>
          {records.map((r) => (
            <tr key={r.id} className={r.voidedAt ? 'voided' : ''}>
              <td className="nowrap">{r.onDate}</td>
              <td>
                {recordText(r, negatives)}
                {r.findings ? <div className="muted small">核对提示：{r.findings.map((f) => f.rule).join('；')}。理由：{r.reason}</div> : null}
                {r.voidedAt ? <div className="muted small">已作废：{r.voidReason}</div> : null}
              </td>
              <td className="nowrap">
                {canEdit && r.kind !== 'stage' && !r.voidedAt ? (
                  <button type="button" className="link small" onClick={() => { const why = window.prompt('作废原因'); if (why?.trim()) void act(async () => { await call('reserve.voidRecord', { id: r.id, reason: why.trim() }); return null; }, '已作废'); }}>
                    作废
                  </button>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <ErrorMessage message={error} />
      {canEdit && moves.length > 0 ? (
        <form className="form inline-form" onSubmit={move} data-testid="reserve-move-form">
          <h3 className="section-title">阶段变动</h3>
          <div className="inline-fields">
            <select value={to} onChange={(e) => { setTo(e.target.value as MoveTo); setFindings(null); }} data-testid="reserve-move-to">
              <option value="">选择阶段</option>
              {moves.map((m) => (
                <option key={m} value={m}>
                  {STAGE_NAMES[m]}
                </option>
              ))}
            </select>
            <input value={onDate} onChange={(e) => { setOnDate(e.target.value); setFindings(null); }} placeholder="YYYY-MM-DD" maxLength={10} data-testid="reserve-move-date" />
            {to === 'entered' ? <input value={post} onChange={(e) => setPost(e.target.value)} placeholder="担任职务，如 村党支部委员" maxLength={60} data-testid="reserve-move-post" /> : null}
            {to === 'exited' ? <input value={reason} onChange={(e) => setReason(e.target.value)} placeholder="出库原因" maxLength={200} data-testid="reserve-move-reason" /> : null}
            <button type="submit" className="primary" disabled={busy || !to} data-testid="reserve-move-submit">
              {findings ? '确认继续' : '保存'}
            </button>
          </div>
          {findings ? <RuleWarnings findings={findings} reason={ack} onReason={setAck} /> : null}
        </form>
      ) : null}
      {canEdit ? (
        <form className="form inline-form" onSubmit={addRecord} data-testid="reserve-record-form">
          <h3 className="section-title">培养记录</h3>
          <div className="inline-fields">
            <select value={kind} onChange={(e) => setKind(e.target.value as typeof kind)} data-testid="reserve-record-kind">
              {RESERVE_RECORD_KINDS.map((k) => (
                <option key={k} value={k}>
                  {RECORD_NAMES[k]}
                </option>
              ))}
            </select>
            <input value={recDate} onChange={(e) => setRecDate(e.target.value)} placeholder="YYYY-MM-DD" maxLength={10} data-testid="reserve-record-date" />
            {kind === 'negative' ? (
              <CodeSelect names={Object.fromEntries(negatives.map((n) => [n.code, n.name]))} value={code} onChange={setCode} testId="reserve-record-code" empty="选择情形" />
            ) : null}
            <input className="grow" value={content} onChange={(e) => setContent(e.target.value)} placeholder={kind === 'mentor' ? '培养联系人姓名' : '内容'} maxLength={500} data-testid="reserve-record-content" />
            {kind === 'rotation' ? <input value={recPost} onChange={(e) => setRecPost(e.target.value)} placeholder="锻炼岗位" maxLength={60} data-testid="reserve-record-post" /> : null}
            <button type="submit" disabled={busy || !content.trim()} data-testid="reserve-record-submit">
              添加
            </button>
          </div>
        </form>
      ) : null}
      {isAdmin && correctable.length > 0 ? (
        <form className="form inline-form" onSubmit={(e) => { e.preventDefault(); if (correctTo && correctWhy.trim()) void act(() => call('reserve.correctStage', { id, toStage: correctTo as 'recommended', reason: correctWhy.trim() }), `${reserve.name}：阶段已更正`); }}>
          <h3 className="section-title">更正阶段（管理员）</h3>
          <div className="inline-fields">
            <select value={correctTo} onChange={(e) => setCorrectTo(e.target.value)} data-testid="reserve-correct-to">
              <option value="">退回到</option>
              {correctable.map((s: ReserveStage) => (
                <option key={s} value={s}>
                  {STAGE_NAMES[s]}
                </option>
              ))}
            </select>
            <input className="grow" value={correctWhy} onChange={(e) => setCorrectWhy(e.target.value)} placeholder="更正原因（记入操作日志）" maxLength={200} />
            <button type="submit" disabled={busy || !correctTo || !correctWhy.trim()}>
              更正
            </button>
          </div>
        </form>
      ) : null}
    </Dialog>
  );
}
