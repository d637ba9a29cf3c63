import { useEffect, useState, type FormEvent } from 'react';
import { call, errorText } from '../api/index.js';
import type { MemberRecord, ReceivingOrg } from '../../../shared/types/records.js';
import { EXPULSION_KINDS, kindsAllowed, type HistoryKind, type MemberStatus } from '../../../shared/domain/member-history.js';
import { MEMBER_EVENT_NAMES } from '../../../shared/audit/labels.js';
import { isIsoDate, todayIso } from '../../../shared/domain/dates.js';
import { HISTORY_FIELDS } from '../../../shared/contract/member.js';
import { Dialog } from '../ui/Dialog.js';
import { Field } from '../ui/Field.js';
import { ErrorMessage } from '../ui/ErrorMessage.js';
import { useSubmit } from '../ui/use-submit.js';

/** What the dialog asks beyond the kind and date. */
const PLACE_LABEL: Partial<Record<HistoryKind, string>> = {
  mobile: '外出地点',
  'transfer-in': '从何处转入',
};

const EXPULSIONS: ReadonlySet<string> = new Set(EXPULSION_KINDS);

/**
 * 登记变动: the one way a member's 人员类别, 入党/转正日期, branch, status and 流动/失联 change. The
 * kinds offered are those the member's current state allows (shared/domain/member-history.ts); the
 * core replays the whole history with the event and refuses an impossible one with the reason.
 * `focus` names the field the clerk tried to edit in the grid, to say why the dialog opened.
 */
export function MemberEventDialog({ memberId, focus, onClose, onSaved }: { memberId: string; focus?: string; onClose: () => void; onSaved: (note: string) => void }) {
  const [record, setRecord] = useState<MemberRecord | null>(null);
  const [kind, setKind] = useState<HistoryKind | ''>('');
  const [onDate, setOnDate] = useState(todayIso());
  const [place, setPlace] = useState('');
  const [note, setNote] = useState('');
  const [months, setMonths] = useState('6');
  const [inCounty, setInCounty] = useState(true);
  const [orgText, setOrgText] = useState('');
  const [orgs, setOrgs] = useState<ReceivingOrg[]>([]);
  const [toOrgId, setToOrgId] = useState('');
  const submit = useSubmit();
  const { setError } = submit;

  useEffect(() => {
    call('member.record', { id: memberId })
      .then((r) => {
        setRecord(r);
        const allowed = kindsAllowed({ status: r.state.status as MemberStatus, mobile: r.member.mobile, lostContact: r.member.lostContact, extensionMonths: r.state.extensionMonths });
        // A suggestion only where the clerk's intent is plain; otherwise they choose (no grave default).
        const suggested: HistoryKind | '' = focus === HISTORY_FIELDS.orgId ? 'transfer-out' : focus && r.state.status === 'probationary' ? 'confirmed' : '';
        setKind(allowed.includes(suggested as HistoryKind) ? suggested : '');
      })
      .catch((err) => setError(errorText(err)));
  }, [memberId, focus, setError]);

  // The receiving organisations of the ledger, by name, any township (member.receivingOrgs).
  useEffect(() => {
    if (kind !== 'transfer-out' || !inCounty) return;
    const t = window.setTimeout(() => {
      call('member.receivingOrgs', { text: orgText })
        .then((list) => {
          const others = list.filter((o) => o.id !== record?.member.orgId);
          setOrgs(others);
          setToOrgId((cur) => (others.some((o) => o.id === cur) ? cur : (others[0]?.id ?? '')));
        })
        .catch((err) => setError(errorText(err)));
    }, 250);
    return () => window.clearTimeout(t);
  }, [kind, inCounty, orgText, record, setError]);

  const allowed = record
    ? kindsAllowed({ status: record.state.status as MemberStatus, mobile: record.member.mobile, lostContact: record.member.lostContact, extensionMonths: record.state.extensionMonths })
    : [];

  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (!record || !kind) return;
    if (!isIsoDate(onDate)) return submit.setError('变动日期格式应为 YYYY-MM-DD，且须为有效日期');
    if (kind === 'transfer-out' && inCounty && !toOrgId) return submit.setError('请选择接收组织关系的党组织');
    const name = record.member.name;
    await submit.run(async () => {
      if (kind === 'transfer-out') {
        if (inCounty) {
          await call('member.transfer', { memberId, onDate, toOrgId, ...(note.trim() ? { note: note.trim() } : {}) });
          onSaved(`已办理 ${name} 的组织关系转接：转往${orgs.find((o) => o.id === toOrgId)?.name ?? ''}`);
        } else {
          await call('member.transfer', { memberId, onDate, toPlace: place.trim(), ...(note.trim() ? { note: note.trim() } : {}) });
          onSaved(`已办理 ${name} 的组织关系转出：转往${place.trim()}`);
        }
        return;
      }
      const r = await call('member.addEvent', {
        memberId,
        kind: kind as Exclude<HistoryKind, 'admitted' | 'transfer-out'>,
        onDate,
        ...(PLACE_LABEL[kind] && place.trim() ? { otherParty: place.trim() } : {}),
        ...(note.trim() ? { note: note.trim() } : {}),
        ...(kind === 'probation-extended' ? { months: Number(months) } : {}),
        ...(kind === 'transfer-in' ? { outsideCounty: true } : {}),
      });
      onSaved(`已登记 ${name} ${onDate} ${MEMBER_EVENT_NAMES[kind] ?? kind}${r.warnings.length ? `（提醒：${r.warnings.join('；')}）` : ''}`);
    });
  };

  const why = focus ? `${focus}由变动记录决定，不能直接修改：请登记变动（如转正、延长预备期、组织关系转接）；记录有误请管理员在党员档案中更正。` : null;

  return (
    <Dialog title={record ? `登记变动：${record.member.name}` : '登记变动'} onClose={onClose} testId="member-event-dialog">
      {why ? <div className="notice-info" data-testid="event-why">{why}</div> : null}
      {record && allowed.length === 0 ? <div className="notice-info">该党员当前状态下没有可登记的变动。</div> : null}
      <form onSubmit={(e) => void save(e)}>
        <Field label="变动类型" required>
          <select value={kind} onChange={(e) => setKind(e.target.value as HistoryKind)} data-testid="event-kind" disabled={!record || allowed.length === 0}>
            <option value="">（请选择）</option>
            {allowed.map((k) => (
              <option key={k} value={k}>
                {EXPULSIONS.has(k) ? `出党：${MEMBER_EVENT_NAMES[k]}` : k === 'transfer-out' ? '组织关系转出（转接）' : MEMBER_EVENT_NAMES[k]}
              </option>
            ))}
          </select>
        </Field>
        <Field label="变动日期" required hint="不能晚于今天；须在该党员已有变动之后或与其顺序相符">
          <input type="date" value={onDate} max={todayIso()} onChange={(e) => setOnDate(e.target.value)} data-testid="event-date" required />
        </Field>
        {kind === 'probation-extended' ? (
          <Field label="延长月数" required hint="预备期延长 6 至 12 个月">
            <input type="number" min={6} max={12} value={months} onChange={(e) => setMonths(e.target.value)} data-testid="event-months" />
          </Field>
        ) : null}
        {kind === 'transfer-out' ? (
          <>
            <Field label="转往">
              <span className="radio-row">
                <label>
                  <input type="radio" checked={inCounty} onChange={() => setInCounty(true)} data-testid="transfer-in-county" /> 本县党组织
                </label>
                <label>
                  <input type="radio" checked={!inCounty} onChange={() => setInCounty(false)} data-testid="transfer-outside" /> 县外
                </label>
              </span>
            </Field>
            {inCounty ? (
              <>
                <Field label="查找党组织" hint="可接收全县任一党组织（含其他乡镇）：转出与转入一次办理，接收方随即可见">
                  <input value={orgText} onChange={(e) => setOrgText(e.target.value)} placeholder="输入组织名称或简称" maxLength={40} data-testid="transfer-org-search" />
                </Field>
                <Field label="接收党组织" required>
                  <select value={toOrgId} onChange={(e) => setToOrgId(e.target.value)} data-testid="transfer-org">
                    {orgs.length === 0 ? <option value="">（没有找到）</option> : null}
                    {orgs.map((o) => (
                      <option key={o.id} value={o.id}>
                        {o.name}
                        {o.under ? `（${o.under}）` : ''}
                      </option>
                    ))}
                  </select>
                </Field>
              </>
            ) : (
              <Field label="转往单位" required>
                <input value={place} onChange={(e) => setPlace(e.target.value)} maxLength={100} placeholder="县外接收的党组织或单位" data-testid="transfer-place" required />
              </Field>
            )}
          </>
        ) : PLACE_LABEL[kind as HistoryKind] ? (
          <Field label={PLACE_LABEL[kind as HistoryKind]!} required={kind !== 'lost-contact'}>
            <input value={place} onChange={(e) => setPlace(e.target.value)} maxLength={100} data-testid="event-place" required={kind !== 'lost-contact'} />
          </Field>
        ) : null}
        <Field label={kind === 'lost-contact' ? '失联情形' : '备注'}>
          <input value={note} onChange={(e) => setNote(e.target.value)} maxLength={500} placeholder={kind === 'lost-contact' ? '如外出务工、下落不明' : '如会议、批复文号'} data-testid="event-note" />
        </Field>
        <ErrorMessage message={submit.error} />
        <div className="form-actions">
          <button type="button" onClick={onClose}>
            取消
          </button>
          <button type="submit" className="primary" disabled={submit.busy || !kind} data-testid="event-save">
            {submit.busy ? '正在保存…' : '保存'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
