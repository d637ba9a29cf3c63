/**
 * pipeline.correct: an administrator takes a wrongly recorded step out. The step is kept whole in
 * dev_step_corrections with the reason (the record page shows it struck through) and audited; the
 * person's stage is what the remaining steps say, so a stage goes back only this way. Stage steps
 * are corrected from the latest back; a step that wrote to the member register is mended there.
 */
import { LedgerError } from '../../../shared/contract/envelope.js';
import { MEMBER_REGISTER_STEPS, PIPELINE_STAGES, STEP_DEFS, stageOfSteps, stepDef, type DevStage } from '../../../shared/domain/pipeline-steps.js';
import type { Ctx } from '../context.js';
import { devPersonInScope, devStepInScope } from '../auth/records.js';
import { newId } from '../util/ids.js';
import { toStep } from './load.js';

const rank = (s: DevStage | undefined) => (s === undefined ? -1 : s === 'stopped' ? PIPELINE_STAGES.length : (PIPELINE_STAGES as readonly string[]).indexOf(s));

export async function correctStep(ctx: Ctx, stepId: string, reason: string): Promise<string> {
  const row = await devStepInScope(ctx, stepId);
  const person = await devPersonInScope(ctx, row.personId);
  const def = stepDef(row.step);
  if (row.step === 'applied') throw new LedgerError('CONFLICT', '递交入党申请书是登记入党申请人时的记录，不能撤除；如申请日期有误，请在备注中说明');
  if (person.memberId && MEMBER_REGISTER_STEPS.has(row.step)) {
    throw new LedgerError('CONFLICT', `“${def?.name ?? row.step}”已记入该人员的党员档案，须在党员名册中由管理员更正`);
  }
  const others = await ctx.db.selectFrom('devSteps').select(['step', 'onDate']).where('personId', '=', person.id).where('id', '!=', stepId).execute();
  if (def && 'leadsTo' in def) {
    const later = others.find((s) => rank(stepDef(s.step)?.leadsTo) > rank(def.leadsTo));
    if (later) throw new LedgerError('CONFLICT', `其后已记录“${STEP_DEFS[later.step as keyof typeof STEP_DEFS].name}”（${later.onDate}），请先更正该步骤`);
  }
  await ctx.db
    .insertInto('devStepCorrections')
    .values({ id: newId(), personId: person.id, stepId, step: row.step, onDate: row.onDate, data: row.data, findings: row.findings, stepCreatedAt: row.createdAt, reason, userId: ctx.actor.user.id, createdAt: ctx.now })
    .execute();
  await ctx.db.deleteFrom('devSteps').where('id', '=', stepId).execute();
  const stage = stageOfSteps(others.map((s) => s.step));
  await ctx.db.updateTable('devPeople').set({ stage, updatedAt: ctx.now }).where('id', '=', person.id).execute();
  await ctx.audit('devStep', stepId, toStep({ ...row, importBatchId: null }), { correction: reason });
  if (stage !== person.stage) await ctx.audit('devPerson', person.id, { stage: person.stage }, { stage, correction: reason });
  return person.id;
}
