import { useState, type FormEvent } from 'react';
import { call } from '../api/index.js';
import type { DevPerson } from '../../../shared/types/records.js';
import type { RuleFinding } from '../../../shared/domain/pipeline-rules.js';
import { parseIdNumber } from '../../../shared/domain/idcard.js';
import { isIsoDate, todayIso } from '../../../shared/domain/dates.js';
import { EDUCATION_NAMES, ETHNICITY_NAMES, GENDER_NAMES } from '../codes/code-names.js';
import { flatten, type TreeModel } from '../org/org-tree-model.js';
import { CodeSelect } from '../reserve/ReserveFormDialog.js';
import { Dialog } from '../ui/Dialog.js';
import { Field } from '../ui/Field.js';
import { ErrorMessage } from '../ui/ErrorMessage.js';
import { useSubmit } from '../ui/use-submit.js';
import { RuleCheck, allReasoned, overridesOf, warningsOf } from './RuleCheck.js';

type Key = 'idNumber' | 'name' | 'gender' | 'ethnicity' | 'education' | 'phone' | 'employer' | 'orgId' | 'appliedOn';
const orNull = (s: string) => (s.trim() ? s.trim() : null);

/** 登记入党申请人: the person and the 递交入党申请书 step (R1 judged on its day). */
export function ApplicantDialog({ model, defaultOrgId, onClose, onCreated }: { model: TreeModel; defaultOrgId: string | null; onClose: () => void; onCreated: (p: DevPerson) => void }) {
  const orgs = flatten(model).filter(({ node }) => !node.dissolvedOn && (node.kind === 'branch' || node.kind === 'general-branch' || node.kind === 'committee'));
  const [d, setD] = useState<Record<Key, string>>({ idNumber: '', name: '', gender: '', ethnicity: '', education: '', phone: '', employer: '', orgId: orgs.some((o) => o.node.id === defaultOrgId) ? defaultOrgId! : '', appliedOn: todayIso() });
  const [findings, setFindings] = useState<RuleFinding[] | null>(null);
  const [reasons, setReasons] = useState<Record<string, string>>({});
  const { busy, error, setError, run } = useSubmit();
  const set = (k: Key, v: string) => {
    setD((cur) => ({ ...cur, [k]: v }));
    if (k === 'idNumber' || k === 'appliedOn') setFindings(null);
  };
  const parsed = d.idNumber.trim().length >= 15 ? parseIdNumber(d.idNumber) : null;

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (parsed && !parsed.ok) return setError(parsed.message);
    if (!d.name.trim()) return setError('请填写姓名');
    if (!d.orgId) return setError('请选择所在党组织');
    if (!isIsoDate(d.appliedOn.trim())) return setError('递交日期格式应为 YYYY-MM-DD');
    if (findings && !allReasoned(findings, reasons)) return setError('请逐条写明继续的理由');
    let warned: RuleFinding[] | null = null;
    await run(async () => {
      try {
        const p = await call('pipeline.create', {
          idNumber: d.idNumber.trim(), name: d.name.trim(), orgId: d.orgId, appliedOn: d.appliedOn.trim(),
          gender: orNull(d.gender) as '1' | '2' | null, ethnicity: orNull(d.ethnicity), education: orNull(d.education), phone: orNull(d.phone), employer: orNull(d.employer),
          ...(findings ? { overrides: overridesOf(findings, reasons) } : {}),
        });
        onCreated(p);
      } catch (err) {
        warned = warningsOf(err);
        if (!warned) throw err;
      }
    });
    if (warned) setFindings(warned);
  }

  return (
    <Dialog title="登记入党申请人" onClose={onClose} testId="applicant-form" wide>
      <form className="form grid-form" onSubmit={submit}>
        <Field label="公民身份号码" required hint={parsed && !parsed.ok ? <span className="bad">{parsed.message}</span> : parsed?.ok ? `出生日期 ${parsed.birthDate}` : undefined}>
          <input className="mono" value={d.idNumber} onChange={(e) => set('idNumber', e.target.value)} maxLength={18} data-testid="applicant-idnumber" autoFocus />
        </Field>
        <Field label="姓名" required>
          <input value={d.name} onChange={(e) => set('name', e.target.value)} maxLength={40} data-testid="applicant-name" />
        </Field>
        <Field label="所在党组织" required>
          <select value={d.orgId} onChange={(e) => set('orgId', e.target.value)} data-testid="applicant-org">
            <option value="">请选择党组织</option>
            {orgs.map(({ node, level }) => (
              <option key={node.id} value={node.id}>
                {'\u3000'.repeat(Math.max(0, level - 1))}
                {node.name}
              </option>
            ))}
          </select>
        </Field>
        <Field label="递交入党申请书日期" required>
          <input value={d.appliedOn} onChange={(e) => set('appliedOn', e.target.value)} placeholder="YYYY-MM-DD" maxLength={10} data-testid="applicant-applied" />
        </Field>
        <Field label="性别">
          <CodeSelect names={GENDER_NAMES} value={d.gender} onChange={(v) => set('gender', v)} testId="applicant-gender" empty="（按身份证号）" />
        </Field>
        <Field label="民族">
          <CodeSelect names={ETHNICITY_NAMES} value={d.ethnicity} onChange={(v) => set('ethnicity', v)} testId="applicant-ethnicity" />
        </Field>
        <Field label="学历">
          <CodeSelect names={EDUCATION_NAMES} value={d.education} onChange={(v) => set('education', v)} testId="applicant-education" />
        </Field>
        <Field label="联系电话">
          <input value={d.phone} onChange={(e) => set('phone', e.target.value)} maxLength={32} />
        </Field>
        <Field label="工作单位">
          <input value={d.employer} onChange={(e) => set('employer', e.target.value)} maxLength={100} />
        </Field>
        <div className="span-all">
          {findings ? <RuleCheck checking={false} refusal={null} findings={findings} reasons={reasons} onReason={(id, r) => setReasons((c) => ({ ...c, [id]: r }))} /> : null}
          <ErrorMessage message={error} />
        </div>
        <div className="form-actions span-all">
          <button type="button" onClick={onClose}>取消</button>
          <button className="primary" type="submit" disabled={busy || !d.idNumber.trim()} data-testid="applicant-submit">
            {busy ? '正在保存…' : findings ? '确认继续' : '保存'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
