/**
 * A step judged before it is written: every id it names scope-checked, the stage order
 * (shared/domain/pipeline-steps.ts stepRefusal: never backwards), its dates, and the warnings of
 * R1–R16 and the local rules it adds (pipeline-rules.ts, judged as of the step's date on the record
 * with and without it). pipeline.checkStep shows the result; pipeline.addStep writes the step only
 * when nothing refuses it and every warning has a reason.
 */
import { LedgerError } from '../../../shared/contract/envelope.js';
import type { ParsedInput } from '../../../shared/contract/index.js';
import type { DevPerson, DevStep } from '../../../shared/types/records.js';
import { evaluatePipelineRules, findingsAdded, probationEndsOn, type RuleFinding } from '../../../shared/domain/pipeline-rules.js';
import {
  STAGE_STEP, STEP_DEFS, developmentRecordOf, personRefs, stepRefusal,
  type DevStage, type DevStepCode, type PersonRef, type StepDataKey,
} from '../../../shared/domain/pipeline-steps.js';
import type { Ctx } from '../context.js';
import { assertOrgInScopeOrAbove } from '../auth/scope.js';
import { devPersonInScope, memberInScope } from '../auth/records.js';
import { approverOf, birthDateOf, factsOf, ruleOptions, stepsOf } from './load.js';

export type StepInput = ParsedInput<'pipeline.checkStep'>;
type Data = Partial<Record<StepDataKey, unknown>>;

/** Why a step cannot be written; `field` points the form at the input. */
export interface Refusal {
  code: 'CONFLICT' | 'VALIDATION';
  message: string;
  field?: string;
}

export interface JudgedStep {
  person: DevPerson & { orgPath: string };
  steps: DevStep[];
  step: DevStepCode;
  onDate: string;
  /** What the step keeps: the fields it takes, people named by the register's names. */
  data: Data | null;
  refusal: Refusal | null;
  findings: RuleFinding[];
}

/**
 * Every id the input names is checked, whatever the step: a neighbour's member or organisation is
 * refused even where the step would not keep it. Returns the register's names of the members.
 */
async function checkIds(ctx: Ctx, data: Data | undefined): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  for (const p of [...personRefs(data?.contacts), ...personRefs(data?.introducers)]) {
    if (p.memberId && !names.has(p.memberId)) names.set(p.memberId, (await memberInScope(ctx, p.memberId)).name);
  }
  if (typeof data?.approvingOrgId === 'string') await assertOrgInScopeOrAbove(ctx, data.approvingOrgId);
  return names;
}

/** The fields the step takes; a member named by id carries the register's name. */
function keptData(step: DevStepCode, data: Data | undefined, names: ReadonlyMap<string, string>): Data | null {
  const out: Data = {};
  for (const k of STEP_DEFS[step].fields as readonly StepDataKey[]) {
    const v = data?.[k];
    if (v === undefined || v === null || v === '') continue;
    out[k] = k === 'contacts' || k === 'introducers'
      ? personRefs(v).map((p): PersonRef => (p.memberId ? { name: names.get(p.memberId) ?? p.name, memberId: p.memberId } : { name: p.name }))
      : v;
  }
  return Object.keys(out).length > 0 ? out : null;
}

/** Dates and facts that cannot be true whatever a person decides. */
async function dataRefusal(ctx: Ctx, j: Omit<JudgedStep, 'refusal' | 'findings'>): Promise<Refusal | null> {
  const { step, onDate, steps, person } = j;
  const data = j.data ?? {};
  const def = STEP_DEFS[step];
  if (onDate > ctx.today) return { code: 'VALIDATION', message: `${def.dateLabel} ${onDate} 晚于今天，不能预先登记`, field: 'onDate' };
  const applied = steps.find((s) => s.step === 'applied')?.onDate;
  if (applied && onDate < applied) return { code: 'VALIDATION', message: `${def.dateLabel} ${onDate} 早于递交入党申请书的日期 ${applied}`, field: 'onDate' };
  if ('leadsTo' in def) {
    const opened = steps.findLast((s) => s.step === STAGE_STEP[person.stage as DevStage])?.onDate;
    if (opened && onDate < opened) {
      return { code: 'VALIDATION', message: `${def.dateLabel} ${onDate} 早于${STEP_DEFS[STAGE_STEP[person.stage as DevStage]].name}的日期 ${opened}`, field: 'onDate' };
    }
  }
  if (typeof data.from === 'string' && data.from > onDate) {
    return { code: 'VALIDATION', message: `开始日期 ${data.from} 晚于${def.dateLabel} ${onDate}`, field: 'data.from' };
  }
  if (typeof data.confirmedOn === 'string' && data.confirmedOn > ctx.today) {
    return { code: 'VALIDATION', message: `转正日期 ${data.confirmedOn} 晚于今天`, field: 'data.confirmedOn' };
  }
  if (step === 'probation-extended' && steps.some((s) => s.step === 'probation-extended')) {
    return { code: 'CONFLICT', message: '预备期只能延长一次（R13），该预备党员的预备期已延长过', field: 'step' };
  }
  // The member history refuses any other length (shared/domain/member-history.ts): no reason makes it right.
  if (step === 'probation-extended' && typeof data.months === 'number' && (data.months < 6 || data.months > 12)) {
    return { code: 'VALIDATION', message: `预备期延长${data.months}个月不符合规定：应为6个月至1年（R13）`, field: 'data.months' };
  }
  if (typeof data.approvingOrgId === 'string') {
    const org = await ctx.db.selectFrom('orgs').select(['path', 'dissolvedOn']).where('id', '=', data.approvingOrgId).executeTakeFirstOrThrow();
    if (!(j.person.orgPath.startsWith(org.path) && org.path !== j.person.orgPath)) {
      return { code: 'VALIDATION', message: '审批党委应为该人员所在党组织的上级党委', field: 'data.approvingOrgId' };
    }
    if (org.dissolvedOn && org.dissolvedOn <= onDate) return { code: 'VALIDATION', message: `审批党委已于 ${org.dissolvedOn} 撤销`, field: 'data.approvingOrgId' };
  }
  return null;
}

/** The step judged against the person's record as it stands; nothing is written. */
export async function judgeStep(ctx: Ctx, input: StepInput): Promise<JudgedStep> {
  const row = await devPersonInScope(ctx, input.personId);
  const org = await ctx.db.selectFrom('orgs').select('path').where('id', '=', row.orgId).executeTakeFirstOrThrow();
  const person = { ...(row as DevPerson), orgPath: org.path };
  const names = await checkIds(ctx, input.data);
  const steps = await stepsOf(ctx.db, person.id);
  const step = input.step;
  let data = keptData(step, input.data, names);
  const base = { person, steps, step, onDate: input.onDate };
  const stageRefusal = stepRefusal(person.stage, step, (code) => steps.some((s) => s.step === code));
  if (stageRefusal) return { ...base, data, refusal: { code: 'CONFLICT', message: stageRefusal, field: 'step' }, findings: [] };
  if (step === 'approved' && !data?.approvingOrgId) {
    const approver = await approverOf(ctx.db, person.orgPath);
    if (!approver) return { ...base, data, refusal: { code: 'VALIDATION', message: '该人员所在党组织之上没有党委，请选择审批党委', field: 'data.approvingOrgId' }, findings: [] };
    data = { ...data, approvingOrgId: approver.id };
  }
  const refusal = await dataRefusal(ctx, { ...base, data });
  if (refusal) return { ...base, data, refusal, findings: [] };

  const after = [...steps, { step, onDate: input.onDate, data }];
  const { facts } = await factsOf(ctx.db, after);
  const birth = birthDateOf(person);
  const before = developmentRecordOf(birth, steps, facts);
  if (step === 'confirmed' && !data?.confirmedOn) {
    // 转正日期 is the day probation ends (R15) unless the approval says otherwise.
    const end = probationEndsOn(before);
    if (end) data = { ...data, confirmedOn: end };
    after[after.length - 1] = { step, onDate: input.onDate, data };
  }
  const opts = await ruleOptions(ctx.db, input.onDate);
  const findings = findingsAdded(evaluatePipelineRules(before, opts), evaluatePipelineRules(developmentRecordOf(birth, after, facts), opts));
  return { ...base, data, refusal: null, findings };
}

/**
 * The warnings with the reasons given, or RULE_WARNING listing those without one (the form shows
 * them and asks for each reason).
 */
export function overridden(findings: readonly RuleFinding[], overrides: readonly { ruleId: string; reason: string }[] | undefined) {
  const reasons = new Map((overrides ?? []).map((o) => [o.ruleId, o.reason]));
  const open = findings.filter((f) => !reasons.get(f.ruleId));
  if (open.length > 0) {
    const list = open.map((f) => `${f.ruleId}（${f.message}）`).join('；');
    throw new LedgerError('RULE_WARNING', `需要核对：${list}。如确需继续，请逐条写明理由。`, { findings: open });
  }
  return findings.map((f) => ({ ...f, reason: reasons.get(f.ruleId)! }));
}

export function throwRefusal(r: Refusal): never {
  throw new LedgerError(r.code, r.message, r.field ? { field: r.field } : undefined);
}
