import { LedgerError } from '../../../shared/contract/envelope.js';
import type { DevPerson, DevStep } from '../../../shared/types/records.js';
import type { HandlerMap } from '../handler-types.js';
import { assertOrgInScope } from '../auth/scope.js';
import { devPersonInScope } from '../auth/records.js';
import { assertIdNumberFree } from '../auth/id-number-taken.js';
import { newId } from '../util/ids.js';
import { updateAudited } from '../util/update-audited.js';
import { pageInSubtree, withoutBatch } from '../util/paged.js';
import { checkIdNumber } from '../validate/id-number.js';
import type { DevPeopleTable, DevStepsTable } from '../db/schema.js';
import { admitFromPipeline } from '../member/admission.js';

/** The stage a step moves a person into (steps not listed keep the stage). */
const STAGE_AFTER: Partial<Record<string, DevPerson['stage']>> = {
  applied: 'applicant',
  activist: 'activist',
  candidate: 'candidate',
  approved: 'probationary',
  confirmed: 'formal',
  cancelled: 'stopped',
};

const toPerson = (r: DevPeopleTable): DevPerson => withoutBatch(r) as DevPerson;
const toStep = (r: DevStepsTable): DevStep => {
  const { importBatchId: _b, data, ...rest } = r;
  return { ...rest, data: data ? (JSON.parse(data) as Record<string, unknown>) : null };
};

export const pipelineHandlers: HandlerMap<'pipeline.'> = {
  async 'pipeline.list'(ctx, input) {
    const page = await pageInSubtree(ctx, 'devPeople', 'orgId', input, (q) => (input.stage ? q.where('t.stage', '=', input.stage) : q));
    return { rows: page.rows.map(toPerson), total: page.total };
  },

  async 'pipeline.get'(ctx, input) {
    const person = await devPersonInScope(ctx, input.id);
    const steps = await ctx.db.selectFrom('devSteps').selectAll().where('personId', '=', input.id).orderBy('onDate').orderBy('createdAt').execute();
    return { person: toPerson(person), steps: steps.map(toStep) };
  },

  async 'pipeline.create'(ctx, input) {
    await assertOrgInScope(ctx, input.orgId);
    const idNumber = checkIdNumber(input.idNumber);
    await assertIdNumberFree(ctx, 'devPeople', idNumber);
    const { appliedOn, ...fields } = input;
    const id = newId();
    await ctx.db.insertInto('devPeople').values({ ...fields, idNumber, id, stage: 'applicant', createdAt: ctx.now, updatedAt: ctx.now } as never).execute();
    await ctx.db.insertInto('devSteps').values({ id: newId(), personId: id, step: 'applied', onDate: appliedOn, data: null, importBatchId: null, createdAt: ctx.now }).execute();
    const created = toPerson(await devPersonInScope(ctx, id));
    await ctx.audit('devPerson', id, null, { ...created, appliedOn });
    return created;
  },

  async 'pipeline.update'(ctx, input) {
    if (input.patch.orgId) await assertOrgInScope(ctx, input.patch.orgId);
    return updateAudited(ctx, 'devPeople', 'devPerson', input.id, input.patch, async () => toPerson(await devPersonInScope(ctx, input.id)));
  },

  async 'pipeline.addStep'(ctx, input) {
    const person = await devPersonInScope(ctx, input.personId);
    if (person.stage === 'stopped') throw new LedgerError('CONFLICT', '该人员的发展程序已终止');
    const id = newId();
    await ctx.db
      .insertInto('devSteps')
      .values({ id, personId: person.id, step: input.step, onDate: input.onDate, data: input.data ? JSON.stringify(input.data) : null, importBatchId: null, createdAt: ctx.now })
      .execute();
    const stage = STAGE_AFTER[input.step];
    if (stage && stage !== person.stage) await ctx.db.updateTable('devPeople').set({ stage, updatedAt: ctx.now }).where('id', '=', person.id).execute();
    // 党委审批 makes the member record (member/admission.ts), once: 发展 counted by the pipeline and by member events agree.
    if (input.step === 'approved' && person.stage !== 'probationary' && person.stage !== 'formal') {
      const memberId = await admitFromPipeline(ctx, person, input.onDate);
      if (memberId !== person.memberId) await ctx.db.updateTable('devPeople').set({ memberId, updatedAt: ctx.now }).where('id', '=', person.id).execute();
    }
    const step = toStep(await ctx.db.selectFrom('devSteps').selectAll().where('id', '=', id).executeTakeFirstOrThrow());
    await ctx.audit('devStep', id, stage ? { stage: person.stage } : null, { ...step, stage: stage ?? person.stage });
    return step;
  },
};
