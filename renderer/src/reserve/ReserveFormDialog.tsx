import { useState, type FormEvent } from 'react';
import { call } from '../api/index.js';
import { useSubmit } from '../ui/use-submit.js';
import type { ReserveView } from '../../../shared/contract/reserve.js';
import { parseIdNumber } from '../../../shared/domain/idcard.js';
import { isIsoDate, todayIso } from '../../../shared/domain/dates.js';
import { EDUCATION_NAMES, ETHNICITY_NAMES, GENDER_NAMES, optionsOf } from '../codes/code-names.js';
import { flatten, type TreeModel } from '../org/org-tree-model.js';
import { Dialog } from '../ui/Dialog.js';
import { Field } from '../ui/Field.js';
import { ErrorMessage } from '../ui/ErrorMessage.js';
import { DIRECTION_NAMES, POLITICAL_STATUS_NAMES, SOURCE_NAMES } from './reserve-names.js';

type Key = 'idNumber' | 'name' | 'gender' | 'ethnicity' | 'birthDate' | 'education' | 'major' | 'politicalStatus' | 'villageOrgId' | 'source' | 'currentPost' | 'direction' | 'recommendedOn';
type Draft = Record<Key, string>;

export function CodeSelect({ names, value, onChange, testId, empty = '（未填）' }: { names: Record<string, string>; value: string; onChange: (v: string) => void; testId: string; empty?: string }) {
  return (
    <select value={value} onChange={(e) => onChange(e.target.value)} data-testid={testId}>
      <option value="">{empty}</option>
      {optionsOf(names).map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </select>
  );
}

const orNull = (s: string) => (s.trim() ? s.trim() : null);

/** 新增后备力量 (a 推荐, dated): a member or 发展对象 in scope is recognised by the ID number. */
export function ReserveFormDialog({ model, defaultOrgId, onClose, onCreated }: { model: TreeModel; defaultOrgId: string | null; onClose: () => void; onCreated: (r: ReserveView) => void }) {
  const villages = flatten(model).filter(({ node }) => node.unitCategory === 'village' && !node.dissolvedOn && model.byId.get(node.parentId ?? '')?.unitCategory !== 'village');
  const initialVillage = villages.some((v) => v.node.id === defaultOrgId) ? defaultOrgId! : '';
  const [d, setD] = useState<Draft>({ idNumber: '', name: '', gender: '', ethnicity: '', birthDate: '', education: '', major: '', politicalStatus: '', villageOrgId: initialVillage, source: '', currentPost: '', direction: '', recommendedOn: todayIso() });
  const { busy, error, setError, run } = useSubmit();
  const set = (k: Key, v: string) => setD((cur) => ({ ...cur, [k]: v }));
  const parsed = d.idNumber.trim().length >= 15 ? parseIdNumber(d.idNumber) : null;

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (parsed && !parsed.ok) return setError(parsed.message);
    if (d.birthDate.trim() && !isIsoDate(d.birthDate.trim())) return setError('出生日期格式应为 YYYY-MM-DD');
    if (!isIsoDate(d.recommendedOn.trim())) return setError('推荐日期格式应为 YYYY-MM-DD');
    if (!d.villageOrgId) return setError('请选择所在村');
    await run(async () => {
      const r = await call('reserve.create', {
        idNumber: d.idNumber.trim(),
        name: orNull(d.name),
        gender: orNull(d.gender) as '1' | '2' | null,
        ethnicity: orNull(d.ethnicity),
        birthDate: orNull(d.birthDate),
        education: orNull(d.education),
        major: orNull(d.major),
        politicalStatus: orNull(d.politicalStatus),
        villageOrgId: d.villageOrgId,
        source: orNull(d.source),
        currentPost: orNull(d.currentPost),
        direction: orNull(d.direction) as 'secretary' | 'director' | 'member' | null,
        recommendedOn: d.recommendedOn.trim(),
      });
      onCreated(r);
    });
  }

  return (
    <Dialog title="新增后备力量（推荐）" onClose={onClose} testId="reserve-form" wide>
      <form className="form grid-form" onSubmit={submit}>
        <Field label="公民身份号码" required hint={parsed && !parsed.ok ? <span className="bad">{parsed.message}</span> : '本范围内的党员、发展对象按身份证号关联，姓名等取自其名册'}>
          <input className="mono" value={d.idNumber} onChange={(e) => set('idNumber', e.target.value)} maxLength={18} data-testid="reserve-form-idnumber" autoFocus />
        </Field>
        <Field label="姓名" hint="已是党员或发展对象的可不填">
          <input value={d.name} onChange={(e) => set('name', e.target.value)} maxLength={40} data-testid="reserve-form-name" />
        </Field>
        <Field label="性别">
          <CodeSelect names={GENDER_NAMES} value={d.gender} onChange={(v) => set('gender', v)} testId="reserve-form-gender" empty="（按身份证号）" />
        </Field>
        <Field label="民族">
          <CodeSelect names={ETHNICITY_NAMES} value={d.ethnicity} onChange={(v) => set('ethnicity', v)} testId="reserve-form-ethnicity" />
        </Field>
        <Field label="学历">
          <CodeSelect names={EDUCATION_NAMES} value={d.education} onChange={(v) => set('education', v)} testId="reserve-form-education" />
        </Field>
        <Field label="专业">
          <input value={d.major} onChange={(e) => set('major', e.target.value)} maxLength={60} data-testid="reserve-form-major" />
        </Field>
        <Field label="政治面貌">
          <CodeSelect names={POLITICAL_STATUS_NAMES} value={d.politicalStatus} onChange={(v) => set('politicalStatus', v)} testId="reserve-form-political" />
        </Field>
        <Field label="所在村" required>
          <select value={d.villageOrgId} onChange={(e) => set('villageOrgId', e.target.value)} data-testid="reserve-form-village">
            <option value="">请选择村党组织</option>
            {villages.map(({ node }) => (
              <option key={node.id} value={node.id}>
                {node.name}
              </option>
            ))}
          </select>
        </Field>
        <Field label="来源类别">
          <CodeSelect names={SOURCE_NAMES} value={d.source} onChange={(v) => set('source', v)} testId="reserve-form-source" />
        </Field>
        <Field label="培养方向">
          <CodeSelect names={DIRECTION_NAMES} value={d.direction} onChange={(v) => set('direction', v)} testId="reserve-form-direction" />
        </Field>
        <Field label="现任职务">
          <input value={d.currentPost} onChange={(e) => set('currentPost', e.target.value)} maxLength={60} data-testid="reserve-form-post" />
        </Field>
        <Field label="推荐日期" required>
          <input value={d.recommendedOn} onChange={(e) => set('recommendedOn', e.target.value)} placeholder="YYYY-MM-DD" maxLength={10} data-testid="reserve-form-date" />
        </Field>
        <div className="span-all">
          <ErrorMessage message={error} />
        </div>
        <div className="form-actions span-all">
          <button type="button" onClick={onClose}>
            取消
          </button>
          <button className="primary" type="submit" disabled={busy || !d.idNumber.trim() || !d.villageOrgId} data-testid="reserve-form-submit">
            {busy ? '正在保存…' : '保存'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
