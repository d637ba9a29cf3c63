import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { call } from '../api/index.js';
import { useSubmit } from '../ui/use-submit.js';
import type { Member } from '../../../shared/types/records.js';
import type { GridUnit } from '../../../shared/contract/grid.js';
import { parseIdNumber } from '../../../shared/domain/idcard.js';
import { todayIso } from '../../../shared/domain/dates.js';
import { memberRecordProblems, type FieldProblem } from '../../../shared/domain/rules/index.js';
import { memberOrgProblem } from '../../../shared/domain/rules/member-org.js';
import { normalisePersonName } from '../../../shared/domain/rules/person-name.js';
import { normalisePhone } from '../../../shared/domain/rules/phone-number.js';
import { CATEGORY_NAMES, EDUCATION_NAMES, ETHNICITY_NAMES, GENDER_NAMES, JOB_CATEGORY_NAMES, optionsOf } from '../codes/code-names.js';
import type { TreeModel } from '../org/org-tree-model.js';
import { OrgPicker } from '../org/OrgPicker.js';
import { MEMBER_ORG_KINDS } from '../../../shared/domain/member-orgs.js';
import { Dialog } from '../ui/Dialog.js';
import { Field } from '../ui/Field.js';
import { ErrorMessage } from '../ui/ErrorMessage.js';

/** Text fields of the record besides the history, with their labels and lengths (the contract's). */
const TEXTS = {
  nativePlace: ['籍贯', 60],
  degree: ['学位', 20],
  partyPost: ['党内职务', 40],
  employerPost: ['工作单位及职务', 100],
  techTitle: ['专业技术职务', 40],
  newStratum: ['新社会阶层类型', 40],
  householdReg: ['户籍所在地', 100],
  residence: ['现居住地', 100],
  dutyPost: ['设岗定责岗位', 40],
} as const;
type TextField = keyof typeof TEXTS;
const FLAGS = { migrantWorker: '农民工', modelHousehold: '党员示范户', hardship: '困难党员' } as const;
type FlagField = keyof typeof FLAGS;

type Draft = Record<'idNumber' | 'name' | 'gender' | 'ethnicity' | 'birthDate' | 'education' | 'joinedOn' | 'confirmedOn' | 'orgId' | 'gridId' | 'jobCategory' | 'phone' | 'adjust' | TextField, string> &
  Record<FlagField, boolean> & { category: 'formal' | 'probationary'; entry: 'record' | 'transfer-in'; entryDate: string; entryFrom: string };

function draftOf(m: Member | null, orgId: string): Draft {
  const texts = Object.fromEntries(Object.keys(TEXTS).map((k) => [k, (m?.[k as TextField] as string | null) ?? ''])) as Record<TextField, string>;
  return {
    idNumber: m?.idNumber ?? '',
    name: m?.name ?? '',
    gender: m?.gender ?? '',
    ethnicity: m?.ethnicity ?? (m ? '' : '01'),
    birthDate: m?.birthDate ?? '',
    education: m?.education ?? '',
    category: m?.category ?? 'formal',
    joinedOn: m?.joinedOn ?? '',
    confirmedOn: m?.confirmedOn ?? '',
    orgId: m?.orgId ?? orgId,
    gridId: m?.gridId ?? '',
    jobCategory: m?.jobCategory ?? '',
    phone: m?.phone ?? '',
    adjust: m?.partyAgeAdjustMonths ? String(m.partyAgeAdjustMonths) : '',
    migrantWorker: m?.migrantWorker ?? false,
    modelHousehold: m?.modelHousehold ?? false,
    hardship: m?.hardship ?? false,
    entry: 'record',
    entryDate: '',
    entryFrom: '',
    ...texts,
  };
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

/** 所在网格: the grid units the user sees, each with the names above it (在职党员到社区报到). */
function GridSelect({ value, onChange }: { value: string; onChange: (v: string) => void }) {
  const [units, setUnits] = useState<(GridUnit & { label: string })[]>([]);
  useEffect(() => {
    call('grid.tree', {})
      .then((list: GridUnit[]) => {
        const byId = new Map(list.map((g) => [g.id, g]));
        const label = (g: GridUnit) => g.path.split('/').filter(Boolean).map((id) => byId.get(id)?.name).filter(Boolean).join(' › ') || g.name;
        setUnits(list.map((g) => ({ ...g, label: label(g) })));
      })
      .catch(() => setUnits([]));
  }, []);
  return (
    <select value={value} onChange={(e) => onChange(e.target.value)} data-testid="member-form-grid">
      <option value="">（未报到）</option>
      {units.filter((u) => !u.dissolvedOn || u.id === value).map((u) => (
        <option key={u.id} value={u.id}>
          {u.label}
        </option>
      ))}
    </select>
  );
}

/**
 * 新增党员 (`member` absent) or 修改信息 of a member: every field of the record besides its history,
 * checked as typed by the shared field rules (shared/domain/rules) the contract and the import use.
 * 性别 and 出生日期 follow the ID number until the clerk sets them. A new record begins its history
 * here (建档 with its 入党/转正日期, or 转入 from outside the county); afterwards 人员类别, the dates
 * and the branch change only through dated events, so the edit form shows them read-only.
 */
export function MemberFormDialog({
  model,
  defaultOrgId = null,
  member = null,
  onClose,
  onCreated,
}: {
  model: TreeModel | null;
  defaultOrgId?: string | null;
  member?: Member | null;
  onClose: () => void;
  onCreated: (m: Member) => void;
}) {
  const editing = member !== null;
  const [d, setD] = useState<Draft>(() => draftOf(member, defaultOrgId ?? ''));
  // Which of 性别 / 出生日期 were filled from the ID number (and so follow it when it is retyped).
  const [fromId, setFromId] = useState({ gender: false, birthDate: false });
  const [tried, setTried] = useState(false);
  const { busy, error, setError, run } = useSubmit();
  // A change answers the last refusal: the problems under the fields say what still stands.
  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => {
    setD((cur) => ({ ...cur, [k]: v }));
    setError(null);
  };
  const today = todayIso();

  function onIdChange(v: string) {
    setError(null);
    const p = v.trim().length >= 15 ? parseIdNumber(v, { today }) : null;
    const facts = p?.ok ? p : null;
    // Values taken from the old number go with it; typed ones stay (the rules then say if they disagree).
    const follows = { gender: !d.gender || fromId.gender, birthDate: !d.birthDate || fromId.birthDate };
    setD((cur) => ({
      ...cur,
      idNumber: v,
      ...(follows.gender ? { gender: facts?.gender ?? '' } : {}),
      ...(follows.birthDate ? { birthDate: facts?.birthDate ?? '' } : {}),
    }));
    setFromId({ gender: follows.gender && facts !== null, birthDate: follows.birthDate && facts !== null });
  }

  const values = {
    idNumber: d.idNumber.trim() || null,
    name: normalisePersonName(d.name),
    gender: orNull(d.gender),
    birthDate: orNull(d.birthDate),
    category: d.category,
    joinedOn: orNull(d.joinedOn),
    confirmedOn: orNull(d.confirmedOn),
    phone: normalisePhone(d.phone) || null,
  };
  const problems: FieldProblem[] = memberRecordProblems(values, { today, complete: !editing });
  const org = model?.byId.get(d.orgId);
  if (!editing && org) {
    const bad = memberOrgProblem(org);
    if (bad) problems.push({ field: 'orgId', message: bad });
  }
  if (!editing && d.entry === 'transfer-in') {
    if (!d.entryFrom.trim()) problems.push({ field: 'entryFrom', message: '请填写从何处转入', code: 'REQUIRED_MISSING' });
    const when = memberRecordProblems({ joinedOn: orNull(d.entryDate) }, { today }).map((p) => ({ ...p, field: 'entryDate', message: p.message.replace('入党日期', '转入日期') }));
    problems.push(...(d.entryDate ? when : [{ field: 'entryDate', message: '请填写转入日期', code: 'REQUIRED_MISSING' as const }]));
  }
  const adjust = d.adjust.trim() === '' ? 0 : Number(d.adjust);
  if (!Number.isInteger(adjust) || Math.abs(adjust) > 600) problems.push({ field: 'adjust', message: '党龄校正值应为 -600 至 600 之间的整数（月）' });
  // A missing value is said once the clerk tries to save; a wrong one at once.
  const shown = problems.filter((p) => tried || p.code !== 'REQUIRED_MISSING');
  const problemOf = (field: string): ReactNode => {
    const p = shown.find((x) => x.field === field);
    return p ? <span className="bad" data-testid={`member-form-problem-${field}`}>{p.message}</span> : undefined;
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    setTried(true);
    if (!d.orgId) return setError('请选择所在党支部');
    if (problems.length) return setError(problems[0]!.message);
    const texts = Object.fromEntries(Object.keys(TEXTS).map((k) => [k, orNull(d[k as TextField])]));
    const person = {
      name: values.name,
      gender: values.gender as '1' | '2' | '0' | '9' | null,
      ethnicity: orNull(d.ethnicity),
      birthDate: values.birthDate,
      education: orNull(d.education),
      jobCategory: orNull(d.jobCategory),
      phone: values.phone,
      migrantWorker: d.migrantWorker,
      modelHousehold: d.modelHousehold,
      hardship: d.hardship,
      partyAgeAdjustMonths: adjust,
      gridId: orNull(d.gridId),
      ...texts,
    };
    await run(async () => {
      if (member) {
        // Only what changed: a save never overwrites a field someone else edited meanwhile.
        const patch = Object.fromEntries(Object.entries(person).filter(([k, v]) => (member as unknown as Record<string, unknown>)[k] !== v));
        const m = Object.keys(patch).length ? await call('member.update', { id: member.id, patch, expectedUpdatedAt: member.updatedAt }) : member;
        onCreated(m);
        return;
      }
      const m = await call('member.create', {
        ...person,
        idNumber: d.idNumber.trim(),
        category: d.category,
        joinedOn: values.joinedOn,
        confirmedOn: values.confirmedOn,
        orgId: d.orgId,
        entry: d.entry === 'transfer-in' ? { kind: 'transfer-in', onDate: d.entryDate.trim(), otherParty: d.entryFrom.trim() } : { kind: 'record' },
      });
      onCreated(m);
    });
  }

  const text = (k: TextField) => (
    <Field key={k} label={TEXTS[k][0]}>
      <input value={d[k]} onChange={(e) => set(k, e.target.value)} maxLength={TEXTS[k][1]} data-testid={`member-form-${k}`} />
    </Field>
  );
  const history = editing ? '由变动记录决定：请在党员档案中登记变动' : undefined;

  return (
    <Dialog title={editing ? `修改信息：${member.name}` : '新增党员'} onClose={onClose} testId="member-form" wide>
      <form className="form grid-form" onSubmit={submit}>
        <Field label="公民身份号码" required hint={problemOf('idNumber') ?? (editing ? '身份证号不能在此修改' : '18 位，末位可为 X；15 位旧号码自动升为 18 位')}>
          <input className="mono" value={d.idNumber} onChange={(e) => onIdChange(e.target.value)} maxLength={18} data-testid="member-form-idnumber" autoFocus={!editing} readOnly={editing} />
        </Field>
        <Field label="姓名" required hint={problemOf('name')}>
          <input value={d.name} onChange={(e) => set('name', e.target.value)} maxLength={40} data-testid="member-form-name" />
        </Field>
        <Field label="性别" hint={problemOf('gender') ?? (fromId.gender ? '按身份证号填写' : undefined)}>
          <CodeSelect names={GENDER_NAMES} value={d.gender} onChange={(v) => {
              set('gender', v);
              setFromId((f) => ({ ...f, gender: false }));
            }} testId="member-form-gender" />
        </Field>
        <Field label="民族">
          <CodeSelect names={ETHNICITY_NAMES} value={d.ethnicity} onChange={(v) => set('ethnicity', v)} testId="member-form-ethnicity" />
        </Field>
        <Field label="出生日期" hint={problemOf('birthDate') ?? (fromId.birthDate ? '按身份证号填写' : undefined)}>
          <input value={d.birthDate} onChange={(e) => {
              set('birthDate', e.target.value);
              setFromId((f) => ({ ...f, birthDate: false }));
            }} placeholder="YYYY-MM-DD" maxLength={10} data-testid="member-form-birthdate" />
        </Field>
        <Field label="学历">
          <CodeSelect names={EDUCATION_NAMES} value={d.education} onChange={(v) => set('education', v)} testId="member-form-education" />
        </Field>
        {editing ? null : (
          <Field label="建档方式" required>
            <select value={d.entry} onChange={(e) => set('entry', e.target.value as Draft['entry'])} data-testid="member-form-entry">
              <option value="record">本支部党员建档</option>
              <option value="transfer-in">从县外转入</option>
            </select>
          </Field>
        )}
        {!editing && d.entry === 'transfer-in' ? (
          <>
            <Field label="转入日期" required hint={problemOf('entryDate')}>
              <input value={d.entryDate} onChange={(e) => set('entryDate', e.target.value)} placeholder="YYYY-MM-DD" maxLength={10} data-testid="member-form-entry-date" />
            </Field>
            <Field label="从何处转入" required hint={problemOf('entryFrom') ?? '曾从本单位转出的党员转回时，沿用原档案及其变动记录'}>
              <input value={d.entryFrom} onChange={(e) => set('entryFrom', e.target.value)} maxLength={100} data-testid="member-form-entry-from" />
            </Field>
          </>
        ) : null}
        <Field label="人员类别" required hint={history}>
          <select value={d.category} onChange={(e) => set('category', e.target.value as Draft['category'])} data-testid="member-form-category" disabled={editing}>
            {optionsOf(CATEGORY_NAMES).map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </Field>
        <Field label="入党日期" required hint={problemOf('joinedOn') ?? history}>
          <input value={d.joinedOn} onChange={(e) => set('joinedOn', e.target.value)} placeholder="YYYY-MM-DD" maxLength={10} data-testid="member-form-joinedon" readOnly={editing} />
        </Field>
        <Field label="转正日期" required={d.category === 'formal'} hint={problemOf('confirmedOn') ?? history}>
          <input value={d.confirmedOn} onChange={(e) => set('confirmedOn', e.target.value)} placeholder="YYYY-MM-DD" maxLength={10} data-testid="member-form-confirmedon" readOnly={editing} />
        </Field>
        {editing ? null : (
          <Field label="所在党支部" required hint={problemOf('orgId')}>
            <OrgPicker value={d.orgId} onChange={(v) => set('orgId', v)} kinds={MEMBER_ORG_KINDS} placeholder="输入党支部名称或拼音首字母" testId="member-form-org" />
          </Field>
        )}
        <Field label="所在网格" hint="在职党员到社区（村）报到的网格">
          <GridSelect value={d.gridId} onChange={(v) => set('gridId', v)} />
        </Field>
        <Field label="党龄校正值" hint={problemOf('adjust') ?? '月数，可为负；如经组织认定的党龄差额'}>
          <input value={d.adjust} onChange={(e) => set('adjust', e.target.value)} inputMode="numeric" maxLength={4} data-testid="member-form-adjust" />
        </Field>
        <Field label="工作岗位">
          <CodeSelect names={JOB_CATEGORY_NAMES} value={d.jobCategory} onChange={(v) => set('jobCategory', v)} testId="member-form-job" />
        </Field>
        <Field label="联系电话" hint={problemOf('phone')}>
          <input value={d.phone} onChange={(e) => set('phone', e.target.value)} maxLength={32} data-testid="member-form-phone" />
        </Field>
        {(Object.keys(TEXTS) as TextField[]).map(text)}
        <div className="span-all form-flags">
          {(Object.keys(FLAGS) as FlagField[]).map((k) => (
            <label key={k}>
              <input type="checkbox" checked={d[k]} onChange={(e) => set(k, e.target.checked)} data-testid={`member-form-${k}`} /> {FLAGS[k]}
            </label>
          ))}
        </div>
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
