import { useEffect, useState, type FormEvent } from 'react';
import { call } from '../api/index.js';
import { DISPATCH_LEVEL_NAMES, DISPATCH_LEVELS, PARTY_CATEGORY_NAMES, TEAM_ROLE_NAMES, type TeamMember } from '../../../shared/contract/team.js';
import { TEAM_ROLE_CODES } from '../../../shared/contract/code-lists.js';
import type { Eligibility } from '../../../shared/domain/team-eligibility.js';
import { isIsoDate } from '../../../shared/domain/dates.js';
import { parseIdNumber } from '../../../shared/domain/idcard.js';
import type { TreeModel } from '../org/org-tree-model.js';
import { OrgSelect } from '../org/OrgSelect.js';
import { Dialog } from '../ui/Dialog.js';
import { Field } from '../ui/Field.js';
import { ErrorMessage } from '../ui/ErrorMessage.js';
import { useSubmit } from '../ui/use-submit.js';
import { EligibilityPanel } from './EligibilityPanel.js';

const VILLAGE_TYPES = ['脱贫村', '软弱涣散村', '乡村振兴重点村', '集体经济薄弱村'];
const DATES = [['fromDate', '任职开始日期'], ['toDate', '任职结束日期'], ['workStartedOn', '参加工作日期'], ['partyConfirmedOn', '转正日期']] as const;

type Draft = {
  villageOrgId: string; role: TeamMember['role']; name: string; idNumber: string; dispatchingUnit: string; dispatchingLevel: string;
  villageType: string; batch: string; fromDate: string; toDate: string; workStartedOn: string; partyCategory: string; partyConfirmedOn: string; funds: string;
};

const draftOf = (m: TeamMember | null, villageOrgId: string | null): Draft => ({
  villageOrgId: m?.villageOrgId ?? villageOrgId ?? '', role: m?.role ?? 'first-secretary', name: m?.name ?? '', idNumber: m?.idNumber ?? '',
  dispatchingUnit: m?.dispatchingUnit ?? '', dispatchingLevel: m?.dispatchingLevel ?? '', villageType: m?.villageType ?? '', batch: m?.batch ?? '',
  fromDate: m?.fromDate ?? '', toDate: m?.toDate ?? '', workStartedOn: m?.workStartedOn ?? '', partyCategory: m?.partyCategory ?? '',
  partyConfirmedOn: m?.partyConfirmedOn ?? '', funds: m?.funds === null || m?.funds === undefined ? '' : String(m.funds),
});

const orNull = (s: string) => (s.trim() ? s.trim() : null);

/**
 * 新增 / 修改驻村干部. For a 第一书记 the eligibility is checked as the form is filled in (from the
 * member record when the ID number is a member of this ledger, else from the facts entered); an
 * ineligible or unverifiable choice is saved only after the clerk confirms it.
 */
export function TeamFormDialog({ model, posting, defaultVillageId, onClose, onSaved }: { model: TreeModel; posting: TeamMember | null; defaultVillageId: string | null; onClose: () => void; onSaved: (m: TeamMember) => void }) {
  const [d, setD] = useState<Draft>(() => draftOf(posting, defaultVillageId));
  const [check, setCheck] = useState<{ eligibility: Eligibility; member: { id: string; name: string } | null } | null>(null);
  const [confirmed, setConfirmed] = useState(false);
  const { busy, error, setError, run } = useSubmit();
  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => {
    setD((cur) => ({ ...cur, [k]: v }));
    setConfirmed(false);
  };
  const idOk = d.idNumber.trim().length === 18 && parseIdNumber(d.idNumber).ok;
  const linkedId = posting?.memberId ?? check?.member?.id ?? null;

  // The check follows the form (debounced): the member record is looked up by ID number.
  useEffect(() => {
    if (d.role !== 'first-secretary') return setCheck(null);
    const dates = [d.fromDate, d.workStartedOn, d.partyConfirmedOn].map((x) => x.trim());
    if (dates.some((x) => x !== '' && !isIsoDate(x))) return;
    const t = window.setTimeout(() => {
      call('team.checkEligibility', {
        ...(posting?.memberId ? { memberId: posting.memberId } : idOk ? { idNumber: d.idNumber.trim() } : {}),
        appointedOn: orNull(d.fromDate), workStartedOn: orNull(d.workStartedOn),
        partyCategory: (orNull(d.partyCategory) as 'formal' | 'probationary' | 'none' | null), partyConfirmedOn: orNull(d.partyConfirmedOn),
      })
        .then((r) => {
          setCheck(r);
          if (r.member) setD((cur) => (cur.name.trim() ? cur : { ...cur, name: r.member!.name }));
        })
        .catch(() => setCheck(null));
    }, 300);
    return () => window.clearTimeout(t);
  }, [d.role, d.idNumber, d.fromDate, d.workStartedOn, d.partyCategory, d.partyConfirmedOn, idOk, posting?.memberId]);

  const needsConfirm = d.role === 'first-secretary' && check !== null && check.eligibility.eligible !== true;

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!d.villageOrgId) return setError('请选择驻村');
    if (!d.name.trim()) return setError('请填写姓名');
    if (d.idNumber.trim() && !idOk) return setError('公民身份号码应为 18 位且校验正确');
    for (const [k, label] of DATES) if (d[k].trim() && !isIsoDate(d[k].trim())) return setError(`${label}格式应为 YYYY-MM-DD（只知年月时写 YYYY-MM）`);
    if (d.funds.trim() && !(Number(d.funds) >= 0)) return setError('工作经费应为数字（万元）');
    if (needsConfirm && !confirmed) return setError('该同志第一书记任职条件未全部符合或无法核实，请确认后再保存');
    const values = {
      villageOrgId: d.villageOrgId, role: d.role, name: d.name.trim(), idNumber: orNull(d.idNumber),
      dispatchingUnit: orNull(d.dispatchingUnit), dispatchingLevel: (orNull(d.dispatchingLevel) as TeamMember['dispatchingLevel']),
      villageType: orNull(d.villageType), batch: orNull(d.batch), fromDate: orNull(d.fromDate), toDate: orNull(d.toDate),
      workStartedOn: orNull(d.workStartedOn), partyCategory: (orNull(d.partyCategory) as TeamMember['partyCategory']),
      partyConfirmedOn: orNull(d.partyConfirmedOn), funds: d.funds.trim() ? Number(d.funds) : null,
      ...(linkedId ? { memberId: linkedId } : {}),
    };
    await run(async () => onSaved(posting ? await call('team.update', { id: posting.id, patch: values }) : await call('team.create', values)));
  }

  const linked = linkedId !== null;
  return (
    <Dialog title={posting ? `修改驻村干部：${posting.name}` : '新增驻村干部'} onClose={onClose} testId="team-form" wide>
      <form className="form grid-form" onSubmit={submit}>
        <Field label="驻村" required>
          <OrgSelect model={model} value={d.villageOrgId} onChange={(v) => set('villageOrgId', v)} testId="team-form-village" placeholder="请选择所驻村党组织" />
        </Field>
        <Field label="身份" required>
          <select value={d.role} onChange={(e) => set('role', e.target.value as Draft['role'])} data-testid="team-form-role">
            {TEAM_ROLE_CODES.map((r) => (
              <option key={r} value={r}>
                {TEAM_ROLE_NAMES[r]}
              </option>
            ))}
          </select>
        </Field>
        <Field label="公民身份号码" hint={linked ? <span className="check-ok">已关联本台账党员记录：姓名、人员类别、转正日期以党员信息为准</span> : '本县党员填写后自动关联党员记录'}>
          <input className="mono" value={d.idNumber} onChange={(e) => set('idNumber', e.target.value)} maxLength={18} disabled={!!posting?.memberId} data-testid="team-form-idnumber" />
        </Field>
        <Field label="姓名" required>
          <input value={d.name} onChange={(e) => set('name', e.target.value)} maxLength={40} disabled={linked} data-testid="team-form-name" />
        </Field>
        <Field label="派出单位">
          <input value={d.dispatchingUnit} onChange={(e) => set('dispatchingUnit', e.target.value)} maxLength={100} data-testid="team-form-unit" />
        </Field>
        <Field label="派出单位层级">
          <select value={d.dispatchingLevel} onChange={(e) => set('dispatchingLevel', e.target.value)} data-testid="team-form-level">
            <option value="">（未填）</option>
            {DISPATCH_LEVELS.map((l) => (
              <option key={l} value={l}>
                {DISPATCH_LEVEL_NAMES[l]}
              </option>
            ))}
          </select>
        </Field>
        <Field label="村类型">
          <input value={d.villageType} onChange={(e) => set('villageType', e.target.value)} maxLength={40} list="team-village-types" data-testid="team-form-village-type" />
          <datalist id="team-village-types">
            {VILLAGE_TYPES.map((v) => (
              <option key={v} value={v} />
            ))}
          </datalist>
        </Field>
        <Field label="批次">
          <input value={d.batch} onChange={(e) => set('batch', e.target.value)} maxLength={40} placeholder="如 2024年第一批" data-testid="team-form-batch" />
        </Field>
        <Field label="任职开始日期">
          <input value={d.fromDate} onChange={(e) => set('fromDate', e.target.value)} placeholder="YYYY-MM-DD" maxLength={10} data-testid="team-form-from" />
        </Field>
        <Field label="任职结束日期">
          <input value={d.toDate} onChange={(e) => set('toDate', e.target.value)} placeholder="YYYY-MM-DD" maxLength={10} data-testid="team-form-to" />
        </Field>
        <Field label="参加工作日期">
          <input value={d.workStartedOn} onChange={(e) => set('workStartedOn', e.target.value)} placeholder="YYYY-MM-DD" maxLength={10} data-testid="team-form-work" />
        </Field>
        <Field label="工作经费" hint="万元">
          <input value={d.funds} onChange={(e) => set('funds', e.target.value)} inputMode="decimal" maxLength={10} data-testid="team-form-funds" />
        </Field>
        {!linked ? (
          <>
            <Field label="人员类别" hint="非本台账党员（如省市派驻）时填写">
              <select value={d.partyCategory} onChange={(e) => set('partyCategory', e.target.value)} data-testid="team-form-category">
                <option value="">（未填）</option>
                {Object.entries(PARTY_CATEGORY_NAMES).map(([v, l]) => (
                  <option key={v} value={v}>
                    {l}
                  </option>
                ))}
              </select>
            </Field>
            <Field label="转正日期" hint="非本台账党员时填写">
              <input value={d.partyConfirmedOn} onChange={(e) => set('partyConfirmedOn', e.target.value)} placeholder="YYYY-MM-DD" maxLength={10} data-testid="team-form-confirmed" />
            </Field>
          </>
        ) : null}
        {d.role === 'first-secretary' && check ? (
          <div className="span-all">
            <EligibilityPanel e={check.eligibility} testId="team-form-eligibility" />
            {needsConfirm ? (
              <label className="check-row" style={{ marginTop: 0 }}>
                <input type="checkbox" checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)} data-testid="team-form-confirm" />
                已知悉上述情况，仍按此选派（保存后记入操作日志）
              </label>
            ) : null}
          </div>
        ) : null}
        <div className="span-all">
          <ErrorMessage message={error} />
        </div>
        <div className="form-actions span-all">
          <button type="button" onClick={onClose}>
            取消
          </button>
          <button type="submit" className="primary" disabled={busy} data-testid="team-form-submit">
            {busy ? '正在保存…' : '保存'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
