import { useState, type FormEvent } from 'react';
import { call } from '../api/index.js';
import { useSubmit } from '../ui/use-submit.js';
import type { Member } from '../../../shared/types/records.js';
import { parseIdNumber } from '../../../shared/domain/idcard.js';
import { isIsoDate } from '../../../shared/domain/dates.js';
import { CATEGORY_NAMES, EDUCATION_NAMES, ETHNICITY_NAMES, GENDER_NAMES, JOB_CATEGORY_NAMES, optionsOf } from '../codes/code-names.js';
import type { TreeModel } from '../org/org-tree-model.js';
import { OrgSelect } from '../org/OrgSelect.js';
import { Dialog } from '../ui/Dialog.js';
import { Field } from '../ui/Field.js';
import { ErrorMessage } from '../ui/ErrorMessage.js';

interface Draft {
  idNumber: string;
  name: string;
  gender: string;
  ethnicity: string;
  birthDate: string;
  education: string;
  category: 'formal' | 'probationary';
  joinedOn: string;
  confirmedOn: string;
  orgId: string;
  jobCategory: string;
  phone: string;
}

function CodeSelect({ names, value, onChange, testId }: { names: Record<string, string>; value: string; onChange: (v: string) => void; testId: string }) {
  return (
    <select value={value} onChange={(e) => onChange(e.target.value)} data-testid={testId}>
      <option value="">（未填）</option>
      {optionsOf(names).map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </select>
  );
}

const orNull = (s: string) => (s.trim() ? s.trim() : null);

/** 新增党员: the essentials of a member record; the rest is edited later. */
export function MemberFormDialog({ model, defaultOrgId, onClose, onCreated }: { model: TreeModel; defaultOrgId: string | null; onClose: () => void; onCreated: (m: Member) => void }) {
  const [d, setD] = useState<Draft>({
    idNumber: '',
    name: '',
    gender: '',
    ethnicity: '01',
    birthDate: '',
    education: '',
    category: 'formal',
    joinedOn: '',
    confirmedOn: '',
    orgId: defaultOrgId ?? '',
    jobCategory: '',
    phone: '',
  });
  const { busy, error, setError, run } = useSubmit();
  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => setD((cur) => ({ ...cur, [k]: v }));

  const parsed = d.idNumber.trim().length >= 15 ? parseIdNumber(d.idNumber) : null;

  // Sex and birth date follow from the ID number; fill them when the clerk has not.
  function onIdChange(v: string) {
    const p = v.trim().length >= 15 ? parseIdNumber(v) : null;
    setD((cur) => ({
      ...cur,
      idNumber: v,
      ...(p?.ok && !cur.gender ? { gender: p.gender } : {}),
      ...(p?.ok && !cur.birthDate ? { birthDate: p.birthDate } : {}),
    }));
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (parsed && !parsed.ok) return setError(parsed.message);
    for (const [k, label] of [['birthDate', '出生日期'], ['joinedOn', '入党日期'], ['confirmedOn', '转正日期']] as const) {
      if (d[k].trim() && !isIsoDate(d[k].trim())) return setError(`${label}格式应为 YYYY-MM-DD`);
    }
    if (!d.orgId) return setError('请选择所在党支部');
    await run(async () => {
      const m = await call('member.create', {
        idNumber: d.idNumber.trim(),
        name: d.name.trim(),
        gender: (orNull(d.gender) as '1' | '2' | '0' | '9' | null),
        ethnicity: orNull(d.ethnicity),
        birthDate: orNull(d.birthDate),
        education: orNull(d.education),
        category: d.category,
        joinedOn: orNull(d.joinedOn),
        confirmedOn: orNull(d.confirmedOn),
        orgId: d.orgId,
        jobCategory: orNull(d.jobCategory),
        phone: orNull(d.phone),
      });
      onCreated(m);
    });
  }

  return (
    <Dialog title="新增党员" onClose={onClose} testId="member-form" wide>
      <form className="form grid-form" onSubmit={submit}>
        <Field label="公民身份号码" required hint={parsed && !parsed.ok ? <span className="bad">{parsed.message}</span> : '18 位，末位可为 X'}>
          <input className="mono" value={d.idNumber} onChange={(e) => onIdChange(e.target.value)} maxLength={18} data-testid="member-form-idnumber" autoFocus />
        </Field>
        <Field label="姓名" required>
          <input value={d.name} onChange={(e) => set('name', e.target.value)} maxLength={40} data-testid="member-form-name" />
        </Field>
        <Field label="性别">
          <CodeSelect names={GENDER_NAMES} value={d.gender} onChange={(v) => set('gender', v)} testId="member-form-gender" />
        </Field>
        <Field label="民族">
          <CodeSelect names={ETHNICITY_NAMES} value={d.ethnicity} onChange={(v) => set('ethnicity', v)} testId="member-form-ethnicity" />
        </Field>
        <Field label="出生日期">
          <input value={d.birthDate} onChange={(e) => set('birthDate', e.target.value)} placeholder="YYYY-MM-DD" maxLength={10} data-testid="member-form-birthdate" />
        </Field>
        <Field label="学历">
          <CodeSelect names={EDUCATION_NAMES} value={d.education} onChange={(v) => set('education', v)} testId="member-form-education" />
        </Field>
        <Field label="人员类别" required>
          <select value={d.category} onChange={(e) => set('category', e.target.value as Draft['category'])} data-testid="member-form-category">
            {optionsOf(CATEGORY_NAMES).map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </Field>
        <Field label="入党日期">
          <input value={d.joinedOn} onChange={(e) => set('joinedOn', e.target.value)} placeholder="YYYY-MM-DD" maxLength={10} data-testid="member-form-joinedon" />
        </Field>
        <Field label="转正日期">
          <input value={d.confirmedOn} onChange={(e) => set('confirmedOn', e.target.value)} placeholder="YYYY-MM-DD" maxLength={10} data-testid="member-form-confirmedon" />
        </Field>
        <Field label="所在党支部" required>
          <OrgSelect model={model} value={d.orgId} onChange={(v) => set('orgId', v)} testId="member-form-org" />
        </Field>
        <Field label="工作岗位">
          <CodeSelect names={JOB_CATEGORY_NAMES} value={d.jobCategory} onChange={(v) => set('jobCategory', v)} testId="member-form-job" />
        </Field>
        <Field label="联系电话">
          <input value={d.phone} onChange={(e) => set('phone', e.target.value)} maxLength={32} data-testid="member-form-phone" />
        </Field>
        <div className="span-all">
          <ErrorMessage message={error} />
        </div>
        <div className="form-actions span-all">
          <button type="button" onClick={onClose}>
            取消
          </button>
          <button className="primary" type="submit" disabled={busy || !d.idNumber.trim() || !d.name.trim() || !d.orgId} data-testid="member-form-submit">
            {busy ? '正在保存…' : '保存'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
