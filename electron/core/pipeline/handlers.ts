import { evaluatePipelineRules, nextDueStep } from '../../../shared/domain/pipeline-rules.js';
import { STEP_DEFS, developmentRecordOf } from '../../../shared/domain/pipeline-steps.js';
import type { PipelineRecord } from '../../../shared/contract/pipeline.js';
import type { HandlerMap } from '../handler-types.js';
import type { Ctx } from '../context.js';
import { assertOrgInScope, listRootPath } from '../auth/scope.js';
import { devPersonInScope } from '../auth/records.js';
import { assertIdNumberFree } from '../auth/id-number-taken.js';
import { newId } from '../util/ids.js';
import { updateAudited } from '../util/update-audited.js';
import { pageInSubtree } from '../util/paged.js';
import { checkIdNumber } from '../validate/id-number.js';
import { approverOf, birthDateOf, correctionsOf, factsOf, personView, ruleOptions, stepsOf, toPerson, toStep } from './load.js';
import { judgeStep, overridden, throwRefusal } from './steps.js';
import { correctStep } from './correct.js';
import { pipelineBoard } from './board.js';
import { pipelineDue } from './due.js';
import { writeMemberSide } from './member-bridge.js';

/** 全程纪实 as of today. */
async function recordOf(ctx: Ctx, personId: string): Promise<PipelineRecord> {
  const person = await devPersonInScope(ctx, personId);
  const steps = await stepsOf(ctx.db, personId);
  const { facts, names } = await factsOf(ctx.db, steps);
  const record = developmentRecordOf(birthDateOf(person), steps, facts);
  return {
    person: await personView(ctx, person),
    steps,
    corrections: await correctionsOf(ctx.db, personId),
    findings: evaluatePipelineRules(record, await ruleOptions(ctx.db, ctx.today)),
    due: nextDueStep(record, ctx.today),
    names,
    approver: await approverOf(ctx.db, (await ctx.db.selectFrom('orgs').select('path').where('id', '=', person.orgId).executeTakeFirstOrThrow()).path),
  };
}

export const pipelineHandlers: HandlerMap<'pipeline.'> = {
  async 'pipeline.list'(ctx, input) {
    const page = await pageInSubtree(ctx, 'devPeople', 'orgId', input, (q) => (input.stage ? q.where('t.stage', '=', input.stage) : q));
    return { rows: page.rows.map(toPerson), total: page.total };
  },

  async 'pipeline.get'(ctx, input) {
    return recordOf(ctx, input.id);
  },

  async 'pipeline.board'(ctx, input) {
    return pipelineBoard(ctx, await listRootPath(ctx, input.orgId));
  },

  async 'pipeline.due'(ctx, input) {
    return pipelineDue(ctx, await listRootPath(ctx, input.orgId), input.asOf ?? ctx.today);
  },

  async 'pipeline.create'(ctx, input) {
    await assertOrgInScope(ctx, input.orgId);
    const idNumber = checkIdNumber(input.idNumber);
    await assertIdNumberFree(ctx, 'devPeople', idNumber);
    const { appliedOn, overrides, ...fields } = input;
    if (appliedOn > ctx.today) throwRefusal({ code: 'VALIDATION', message: `递交日期 ${appliedOn} 晚于今天，不能预先登记`, field: 'appliedOn' });
    // R1 and any rule the application alone decides, judged on its day.
    const record = developmentRecordOf(birthDateOf({ birthDate: fields.birthDate ?? null, idNumber }), [{ step: 'applied', onDate: appliedOn, data: null }]);
    const findings = overridden(evaluatePipelineRules(record, await ruleOptions(ctx.db, appliedOn)), overrides);
    const id = newId();
    await ctx.db.insertInto('devPeople').values({ ...fields, idNumber, id, stage: 'applicant', createdAt: ctx.now, updatedAt: ctx.now } as never).execute();
    await ctx.db
      .insertInto('devSteps')
      .values({ id: newId(), personId: id, step: 'applied', onDate: appliedOn, data: null, findings: findings.length > 0 ? JSON.stringify(findings) : null, importBatchId: null, createdAt: ctx.now })
      .execute();
    const created = toPerson(await devPersonInScope(ctx, id));
    await ctx.audit('devPerson', id, null, { ...created, appliedOn, ...(findings.length > 0 ? { findings } : {}) });
    return created;
  },

  async 'pipeline.update'(ctx, input) {
    if (input.patch.orgId) await assertOrgInScope(ctx, input.patch.orgId);
    return updateAudited(ctx, 'devPeople', 'devPerson', input.id, input.patch, async () => toPerson(await devPersonInScope(ctx, input.id)));
  },

  async 'pipeline.checkStep'(ctx, input) {
    const j = await judgeStep(ctx, input);
    return { refusal: j.refusal?.message ?? null, findings: j.findings };
  },

  async 'pipeline.addStep'(ctx, input) {
    const j = await judgeStep(ctx, input);
    if (j.refusal) throwRefusal(j.refusal);
    const findings = overridden(j.findings, input.overrides);
    const id = newId();
    await ctx.db
      .insertInto('devSteps')
      .values({
        id, personId: j.person.id, step: j.step, onDate: j.onDate, data: j.data ? JSON.stringify(j.data) : null,
        findings: findings.length > 0 ? JSON.stringify(findings) : null, importBatchId: null, createdAt: ctx.now,
      })
      .execute();
    const def = STEP_DEFS[j.step];
    const stage = 'leadsTo' in def ? def.leadsTo : j.person.stage;
    await ctx.db.updateTable('devPeople').set({ stage, updatedAt: ctx.now }).where('id', '=', j.person.id).execute();
    // 党委审批 makes the member record, 转正 / 延长 / 取消 write its events, in this transaction.
    await writeMemberSide(ctx, j);
    const step = toStep(await ctx.db.selectFrom('devSteps').selectAll().where('id', '=', id).executeTakeFirstOrThrow());
    await ctx.audit('devStep', id, stage !== j.person.stage ? { stage: j.person.stage } : null, { ...step, stage });
    return step;
  },

  async 'pipeline.correct'(ctx, input) {
    return recordOf(ctx, await correctStep(ctx, input.stepId, input.reason));
  },
};
