import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { call, errorText } from '../api/index.js';
import type { Input } from '../../../shared/contract/index.js';
import type { PipelineRecord } from '../../../shared/contract/pipeline.js';
import type { RuleFinding } from '../../../shared/domain/pipeline-rules.js';
import { DEV_STEP_CODES, STEP_DEFS, STEP_FIELDS, cancelName, stepRefusal, type DevStage, type DevStepCode, type PersonRef, type StepDataKey } from '../../../shared/domain/pipeline-steps.js';
import { isIsoDate, todayIso } from '../../../shared/domain/dates.js';
import type { TreeModel } from '../org/org-tree-model.js';
import { ErrorMessage } from '../ui/ErrorMessage.js';
import { PersonsInput } from './PersonsInput.js';
import { RuleCheck, allReasoned, overridesOf, warningsOf } from './RuleCheck.js';

type Draft = Partial<Record<StepDataKey, string | PersonRef[]>>;
type StepData = NonNullable<Input<'pipeline.addStep'>['data']>;

export const stepName = (code: string, stage: DevStage) => (code === 'cancelled' ? cancelName(stage) : (STEP_DEFS[code as DevStepCode]?.name ?? code));

/** The draft as the contract takes it: numbers parsed, flags read, blanks left out. */
function dataOf(step: DevStepCode, d: Draft): StepData {
  const out: Record<string, unknown> = {};
  for (const k of STEP_DEFS[step].fields as readonly StepDataKey[]) {
    const v = d[k];
    if (v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) continue;
    const kind = STEP_FIELDS[k].kind;
    if (kind === 'persons') out[k] = v;
    else if (kind === 'count') out[k] = Number(v);
    else if (kind === 'flag') out[k] = v === 'yes';
    else out[k] = typeof v === 'string' ? v.trim() : v;
  }
  return out as StepData;
}

/** Ancestors of the person's organisation, nearest first: the bodies that may approve. */
function bodiesAbove(model: TreeModel, orgId: string) {
  const out: { id: string; name: string }[] = [];
  for (let o = model.byId.get(model.byId.get(orgId)?.parentId ?? ''); o; o = model.byId.get(o.parentId ?? '')) out.push({ id: o.id, name: o.name });
  return out;
}

/**
 * 记录发展步骤: the steps the person's stage allows, the facts each takes, and R1–R16 run live as it
 * is filled in (pipeline.checkStep); a warning goes ahead only with a reason.
 */
export function StepForm({ record, model, onAdded }: { record: PipelineRecord; model: TreeModel; onAdded: (note: string) => void }) {
  const stage = record.person.stage as DevStage;
  const recorded = (code: DevStepCode) => record.steps.some((s) => s.step === code);
  const allowed = DEV_STEP_CODES.filter((c) => stepRefusal(stage, c, recorded) === null);
  const [step, setStep] = useState<DevStepCode | ''>('');
  const [onDate, setOnDate] = useState(todayIso());
  const [draft, setDraft] = useState<Draft>({});
  const [check, setCheck] = useState<{ refusal: string | null; findings: RuleFinding[] } | null>(null);
  const [checking, setChecking] = useState(false);
  const [reasons, setReasons] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const bodies = useMemo(() => bodiesAbove(model, record.person.orgId), [model, record.person.orgId]);

  const def = step ? STEP_DEFS[step] : null;
  const missing = def ? (def.required as readonly StepDataKey[]).filter((k) => { const v = draft[k]; return v === undefined || v === '' || (Array.isArray(v) && v.length === 0); }) : [];
  const input = step && isIsoDate(onDate.trim()) && missing.length === 0 ? { personId: record.person.id, step, onDate: onDate.trim(), data: dataOf(step, draft) } : null;
  const key = input ? JSON.stringify(input) : '';

  useEffect(() => {
    setCheck(null);
    if (!input) return;
    let live = true;
    setChecking(true);
    const t = window.setTimeout(() => {
      call('pipeline.checkStep', input)
        .then((r) => live && (setCheck(r), setError(null)))
        .catch((err) => live && setError(errorText(err)))
        .finally(() => live && setChecking(false));
    }, 350);
    return () => {
      live = false;
      window.clearTimeout(t);
    };
    // `key` is the input's identity.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);

  const choose = (code: DevStepCode | '') => {
    setStep(code);
    setReasons({});
    setError(null);
    setDraft(code === 'approved' && record.approver ? { approvingOrgId: record.approver.id } : {});
  };
  const set = (k: StepDataKey, v: string | PersonRef[]) => setDraft((d) => ({ ...d, [k]: v }));

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!step || !def) return setError('请选择步骤');
    if (!isIsoDate(onDate.trim())) return setError(`${def.dateLabel}格式应为 YYYY-MM-DD`);
    if (missing.length > 0) return setError(`请填写${missing.map((k) => STEP_FIELDS[k].label).join('、')}`);
    if (!input || check?.refusal) return;
    if (check && !allReasoned(check.findings, reasons)) return setError('请逐条写明继续的理由');
    setBusy(true);
    setError(null);
    try {
      await call('pipeline.addStep', { ...input, overrides: overridesOf(check?.findings ?? [], reasons) });
      onAdded(`已记录：${stepName(step, stage)} ${input.onDate}`);
      choose('');
    } catch (err) {
      const w = warningsOf(err);
      if (w) setCheck({ refusal: null, findings: w });
      else setError(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  if (allowed.length === 0) return null;
  return (
    <form className="step-form" onSubmit={submit} data-testid="step-form">
      <h3 className="section-title">记录发展步骤</h3>
      <div className="fields">
        <label>
          步骤
          <select value={step} onChange={(e) => choose(e.target.value as DevStepCode | '')} data-testid="step-code">
            <option value="">请选择</option>
            {allowed.map((c) => (
              <option key={c} value={c}>
                {stepName(c, stage)}
                {'leadsTo' in STEP_DEFS[c] ? '（阶段变更）' : ''}
              </option>
            ))}
          </select>
        </label>
        {def ? (
          <label>
            {def.dateLabel}
            <input value={onDate} onChange={(e) => setOnDate(e.target.value)} placeholder="YYYY-MM-DD" maxLength={10} data-testid="step-date" />
          </label>
        ) : null}
        {(def?.fields as readonly StepDataKey[] | undefined)?.map((k) => {
          const f = STEP_FIELDS[k];
          const req = ((def?.required ?? []) as readonly StepDataKey[]).includes(k);
          const label = `${f.label}${req ? ' *' : ''}`;
          const v = draft[k];
          const hint = f.hint ? <span className="hint">{f.hint}</span> : null;
          if (f.kind === 'persons') {
            return (
              <label key={k}>
                {label}
                <PersonsInput value={(v as PersonRef[] | undefined) ?? []} onChange={(x) => set(k, x)} rows={2} testId={`step-${k}`} />
                {hint}
              </label>
            );
          }
          if (f.kind === 'flag') {
            return (
              <label key={k}>
                {label}
                <select value={(v as string | undefined) ?? ''} onChange={(e) => set(k, e.target.value)} data-testid={`step-${k}`}>
                  <option value="">请选择</option>
                  <option value="yes">合格</option>
                  <option value="no">不合格</option>
                </select>
              </label>
            );
          }
          if (f.kind === 'org') {
            return (
              <label key={k}>
                {label}
                <select value={(v as string | undefined) ?? ''} onChange={(e) => set(k, e.target.value)} data-testid={`step-${k}`}>
                  <option value="">（默认：{record.approver?.name ?? '上级党委'}）</option>
                  {bodies.map((b) => (
                    <option key={b.id} value={b.id}>{b.name}</option>
                  ))}
                </select>
                {hint}
              </label>
            );
          }
          return (
            <label key={k}>
              {label}
              <input
                type={f.kind === 'count' ? 'number' : 'text'}
                min={f.kind === 'count' ? 0 : undefined}
                value={(v as string | undefined) ?? ''}
                onChange={(e) => set(k, e.target.value)}
                placeholder={f.kind === 'date' ? 'YYYY-MM-DD' : undefined}
                maxLength={f.kind === 'date' ? 10 : 200}
                data-testid={`step-${k}`}
              />
              {hint}
            </label>
          );
        })}
      </div>
      {step ? <RuleCheck checking={checking} refusal={check?.refusal ?? null} findings={check ? check.findings : null} reasons={reasons} onReason={(id, r) => setReasons((c) => ({ ...c, [id]: r }))} /> : null}
      <ErrorMessage message={error} />
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy || !input || !check || !!check.refusal} data-testid="step-submit">
          {busy ? '正在保存…' : check && check.findings.length > 0 ? '写明理由后保存' : '保存'}
        </button>
      </div>
    </form>
  );
}
