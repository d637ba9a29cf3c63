import { sql } from 'kysely';
import { LedgerError } from '../../../shared/contract/envelope.js';
import type { HandlerMap } from '../handler-types.js';
import type { Ctx } from '../context.js';
import { assertOrgInScope, listRootPath, subtreeUpper } from '../auth/scope.js';
import { assertIdNumberFree } from '../auth/id-number-taken.js';
import { newId } from '../util/ids.js';
import { updateAudited } from '../util/update-audited.js';
import { escapeLike } from '../util/like.js';
import { checkIdNumber } from '../validate/id-number.js';
import { RESERVE_STAGES, RESERVE_STAGE_NAMES, stageMoveRefusal } from '../../../shared/domain/reserve-rules.js';
import { loadRecord, loadReserve, recordsOf, reserveQuery, toRecord, toView } from './load.js';
import { assertVillage, linkFor, ownPerson, PERSON_KEYS } from './person.js';
import { checkFacts, checkStageDate, passChecks, recordRow, refreshCurrent, reserveChecks, type NewRecord } from './stages.js';
import { reserveBoard } from './board.js';

/** Writes one dated record, brings the reserve's current columns along, audits the record. */
async function addRecord(ctx: Ctx, r: NewRecord) {
  const row = recordRow(r, ctx.now);
  await ctx.db.insertInto('reserveRecords').values(row).execute();
  await refreshCurrent(ctx.db, r.reserveId, ctx.now);
  const created = toRecord(row);
  await ctx.audit('reserveRecord', row.id, null, created);
  return created;
}

/** The one audited edit of a reserve: scope-checked load, patch, reload, changed fields audited. */
function updateReserve(ctx: Ctx, id: string, patch: object) {
  return updateAudited(ctx, 'reserves', 'reserve', id, patch, () => loadReserve(ctx, id));
}

export const reserveHandlers: HandlerMap<'reserve.'> = {
  async 'reserve.list'(ctx, input) {
    const root = await listRootPath(ctx, input.orgId);
    let q = reserveQuery(ctx.db).where('o.path', '>=', root).where('o.path', '<', subtreeUpper(root));
    if (input.stage) q = q.where('r.stage', '=', input.stage);
    if (input.direction) q = q.where('r.direction', '=', input.direction);
    if (input.text) q = q.where(sql<boolean>`coalesce(m.name, d.name, r.name) LIKE ${'%' + escapeLike(input.text) + '%'} ESCAPE '\\'`);
    const total = await q.clearSelect().select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
    const rows = await q.orderBy('o.path').orderBy('name').orderBy('r.id').limit(input.limit).offset(input.offset).execute();
    return { rows: rows.map(toView), total: total.n };
  },
  async 'reserve.get'(ctx, input) {
    const reserve = await loadReserve(ctx, input.id);
    return { reserve, records: await recordsOf(ctx.db, input.id) };
  },
  async 'reserve.board'(ctx, input) {
    return reserveBoard(ctx, await listRootPath(ctx, input.orgId));
  },
  async 'reserve.create'(ctx, input) {
    await assertOrgInScope(ctx, input.villageOrgId);
    await assertVillage(ctx, input.villageOrgId);
    const idNumber = checkIdNumber(input.idNumber);
    await assertIdNumberFree(ctx, 'reserves', idNumber);
    const link = await linkFor(ctx.db, idNumber, ctx.actor.scopePath);
    const person = ownPerson(idNumber, link.memberId !== null || link.devPersonId !== null, input);
    const onDate = input.recommendedOn ?? ctx.today;
    checkStageDate(onDate, ctx.today, null);
    const id = newId();
    const { recommendedOn: _r, idNumber: _i, ...fields } = input;
    await ctx.db
      .insertInto('reserves')
      .values({ ...fields, ...person, ...link, id, idNumber, stage: 'recommended', createdAt: ctx.now, updatedAt: ctx.now })
      .execute();
    await ctx.db.insertInto('reserveRecords').values(recordRow({ reserveId: id, kind: 'stage', stage: 'recommended', onDate }, ctx.now)).execute();
    const created = await loadReserve(ctx, id);
    await ctx.audit('reserve', id, null, created);
    return created;
  },
  async 'reserve.update'(ctx, input) {
    const before = await loadReserve(ctx, input.id);
    const patch = { ...input.patch };
    if (patch.villageOrgId && patch.villageOrgId !== before.villageOrgId) {
      await assertOrgInScope(ctx, patch.villageOrgId);
      await assertVillage(ctx, patch.villageOrgId);
    }
    if (before.linkedTo && PERSON_KEYS.some((k) => patch[k] !== undefined && patch[k] !== before[k])) {
      const whose = before.linkedTo === 'member' ? '党员名册' : '发展党员名册';
      throw new LedgerError('VALIDATION', `该人员的姓名、性别、出生日期、民族、学历以${whose}为准，请在${whose}中修改`, { field: 'name' });
    }
    if (before.linkedTo) for (const k of PERSON_KEYS) delete patch[k];
    else if (patch.name === null) throw new LedgerError('VALIDATION', '姓名不能为空', { field: 'name' });
    return updateReserve(ctx, input.id, patch);
  },
  async 'reserve.move'(ctx, input) {
    const before = await loadReserve(ctx, input.id);
    const refusal = stageMoveRefusal(before.stage, input.to);
    if (refusal) throw new LedgerError('CONFLICT', refusal);
    checkStageDate(input.onDate, ctx.today, { stage: before.stage, onDate: before.stageOn });
    const findings = await passChecks(ctx.db, { from: before.stage, to: input.to, onDate: input.onDate, ...(await checkFacts(ctx.db, before)) }, input.acknowledge);
    const reason = input.to === 'exited' ? input.reason : input.acknowledge;
    await addRecord(ctx, { reserveId: input.id, kind: 'stage', stage: input.to, onDate: input.onDate, post: input.to === 'entered' ? input.post : null, reason, findings });
    const after = await loadReserve(ctx, input.id);
    await ctx.audit('reserve', input.id, { stage: before.stage, stageOn: before.stageOn }, { stage: after.stage, stageOn: after.stageOn });
    return after;
  },
  async 'reserve.addRecord'(ctx, input) {
    const reserve = await loadReserve(ctx, input.reserveId);
    if (input.onDate > ctx.today) throw new LedgerError('VALIDATION', `日期 ${input.onDate} 晚于今天`, { field: 'onDate' });
    if (input.kind === 'negative' && !(await reserveChecks(ctx.db)).negativeList.some((n) => n.code === input.code)) {
      throw new LedgerError('VALIDATION', '负面清单中没有这一情形，请在设置中核对', { field: 'code' });
    }
    return addRecord(ctx, { reserveId: reserve.id, kind: input.kind, onDate: input.onDate, content: input.content, post: input.kind === 'rotation' ? input.post : null, code: input.kind === 'negative' ? input.code : null });
  },
  async 'reserve.voidRecord'(ctx, input) {
    const before = await loadRecord(ctx, input.id);
    if (before.voidedAt) throw new LedgerError('CONFLICT', `该记录已于 ${before.voidedAt} 作废`);
    if (before.kind === 'stage') throw new LedgerError('CONFLICT', '阶段记录不能作废；如有误，请管理员更正阶段');
    await ctx.db.updateTable('reserveRecords').set({ voidedAt: ctx.now, voidReason: input.reason }).where('id', '=', input.id).execute();
    await refreshCurrent(ctx.db, before.reserveId, ctx.now);
    const after = await loadRecord(ctx, input.id);
    await ctx.audit('reserveRecord', input.id, { voidedAt: null }, { voidedAt: after.voidedAt, voidReason: after.voidReason });
    return after;
  },
  async 'reserve.correctStage'(ctx, input) {
    const before = await loadReserve(ctx, input.id);
    const target = RESERVE_STAGES.indexOf(input.toStage);
    if (RESERVE_STAGES.indexOf(before.stage) <= target) throw new LedgerError('CONFLICT', `当前为“${RESERVE_STAGE_NAMES[before.stage]}”，更正只能退回到更早的阶段`);
    const records = (await recordsOf(ctx.db, input.id)).filter((r) => r.kind === 'stage' && !r.voidedAt);
    if (!records.some((r) => r.stage === input.toStage)) throw new LedgerError('CONFLICT', `没有“${RESERVE_STAGE_NAMES[input.toStage]}”阶段的记录，不能退回到该阶段`);
    const voided = records.filter((r) => RESERVE_STAGES.indexOf(r.stage!) > target);
    for (const r of voided) {
      await ctx.db.updateTable('reserveRecords').set({ voidedAt: ctx.now, voidReason: input.reason }).where('id', '=', r.id).execute();
      await ctx.audit('reserveRecord', r.id, { voidedAt: null }, { voidedAt: ctx.now, voidReason: input.reason });
    }
    await refreshCurrent(ctx.db, input.id, ctx.now);
    const after = await loadReserve(ctx, input.id);
    await ctx.audit('reserve', input.id, { stage: before.stage, stageOn: before.stageOn }, { stage: after.stage, stageOn: after.stageOn, correction: input.reason });
    return after;
  },
};
