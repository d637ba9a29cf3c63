import { describe, expect, it } from 'vitest';
import { LedgerError } from '../../shared/contract/index.js';
import { caller, idFor } from '../helpers/ledger.js';
import { suiteLedger } from '../helpers/suite.js';
import { addSteps, type StepTuple } from '../helpers/pipeline.js';

/**
 * The pipeline writes the member register through the member history's entry points, in the step's
 * transaction: 党委审批 makes the member and its 发展 event; 转正, 延长预备期 and 取消预备党员资格
 * write the member's events; a refusal on the member side leaves no step either.
 */
describe('发展党员 → 党员名册: approval, 转正, 延长, 取消', () => {
  const s = suiteLedger();
  const o: Record<string, string> = {};
  let n = 0;
  const refusal = async (p: Promise<unknown>): Promise<LedgerError> => {
    try {
      await p;
    } catch (e) {
      if (e instanceof LedgerError) return e;
      throw e;
    }
    throw new Error('expected the call to be refused');
  };
  const TO_MEETING: StepTuple[] = [['activist', '2022-03-01'], ['candidate', '2023-03-05', { introducers: [{ name: '甲' }, { name: '乙' }] }], ['branch-meeting', '2024-05-10', { due: 20, present: 15, yes: 14 }]];
  /** A 发展对象 of 一村 whose branch met on 2024-05-10, with the further steps given. */
  const person = async (more: StepTuple[] = [], idNumber = idFor(`199${n % 10}-03-0${(n % 9) + 1}`)) => {
    const p = await s.admin('pipeline.create', { idNumber, name: `发展${++n}`, orgId: o.V1!, appliedOn: '2022-01-10' });
    await addSteps(s.admin, p.id, [...TO_MEETING, ...more]);
    return (await s.admin('pipeline.get', { id: p.id })).person;
  };
  const events = async (memberId: string) => (await s.admin('member.events', { memberId })).map((e) => [e.kind, e.onDate, e.data?.joinedOn ?? e.data?.months ?? e.note ?? null]);

  it('sets up a township with the right to approve and a branch', async () => {
    o.T1 = (await s.admin('org.create', { parentId: s.rootId, name: '中共甲乡委员会', kind: 'committee', unitCategory: 'township', canApprove: true })).id;
    o.V1 = (await s.admin('org.create', { parentId: o.T1, name: '中共一村支部委员会', kind: 'branch', unitCategory: 'village' })).id;
    o.T2 = (await s.admin('org.create', { parentId: s.rootId, name: '中共乙乡委员会', kind: 'committee', unitCategory: 'township', canApprove: true })).id;
    o.V2 = (await s.admin('org.create', { parentId: o.T2, name: '中共二村支部委员会', kind: 'branch', unitCategory: 'village' })).id;
  });

  it('党委审批 makes the member record: 发展 dated by the approval, 入党日期 the branch meeting, linked to the person', async () => {
    const p = await person([['approved', '2024-06-15']]);
    expect(p.stage).toBe('probationary');
    expect(p.memberId).not.toBeNull();
    const m = await s.admin('member.get', { id: p.memberId! });
    expect([m.name, m.idNumber, m.orgId, m.category, m.joinedOn, m.status]).toEqual([p.name, p.idNumber, o.V1, 'probationary', '2024-05-10', 'active']);
    expect(await events(m.id)).toEqual([['admitted', '2024-06-15', '2024-05-10']]);
  });

  it('转正 writes the 转正 event dated by the end of probation; the member becomes formal', async () => {
    const p = await person([['approved', '2024-06-15'], ['confirm-meeting', '2025-05-12', { due: 20, present: 16, yes: 16 }], ['confirmed', '2025-06-20']]);
    expect(p.stage).toBe('formal');
    const m = await s.admin('member.get', { id: p.memberId! });
    expect([m.category, m.confirmedOn]).toEqual(['formal', '2025-05-10']);
    expect(await events(m.id)).toEqual([['admitted', '2024-06-15', '2024-05-10'], ['confirmed', '2025-05-10', null]]);
  });

  it('延长预备期 writes its event with the months; the member stays probationary', async () => {
    const p = await person([['approved', '2024-06-15'], ['probation-extended', '2025-05-12', { months: 6, reason: '预备期间表现未达到党员条件' }]]);
    expect(await events(p.memberId!)).toEqual([['admitted', '2024-06-15', '2024-05-10'], ['probation-extended', '2025-05-12', 6]]);
    expect((await s.admin('member.get', { id: p.memberId! })).category).toBe('probationary');
  });

  it('取消预备党员资格 writes its event; the member leaves the register; 终止培养 before approval writes nothing', async () => {
    const p = await person([['approved', '2024-06-15'], ['cancelled', '2025-01-10', { reason: '不履行党员义务' }]]);
    expect(p.stage).toBe('stopped');
    expect(await events(p.memberId!)).toEqual([['admitted', '2024-06-15', '2024-05-10'], ['probation-cancelled', '2025-01-10', '不履行党员义务']]);
    expect((await s.admin('member.get', { id: p.memberId! })).status).toBe('left');
    const early = await person([['cancelled', '2024-06-01', { reason: '本人申请终止培养' }]]);
    expect([early.stage, early.memberId]).toEqual(['stopped', null]);
  });

  it('a step that wrote the register is mended there, not by a correction of the pipeline', async () => {
    const p = await person([['approved', '2024-06-15']]);
    const approved = (await s.admin('pipeline.get', { id: p.id })).steps.find((x) => x.step === 'approved')!;
    const err = await refusal(s.admin('pipeline.correct', { stepId: approved.id, reason: '审批日期录错' }));
    expect([err.code, err.message]).toEqual(['CONFLICT', '“党委审批”已记入该人员的党员档案，须在党员名册中由管理员更正']);
  });

  it('a refusal on the member side leaves no step and no stage change (one transaction)', async () => {
    // The same ID number is a member of 乙乡, outside a 甲乡 clerk's scope.
    const idNumber = idFor('1988-08-08');
    await s.admin('member.create', { idNumber, name: '乙乡党员', category: 'formal', joinedOn: '2010-07-01', confirmedOn: '2011-07-01', orgId: o.V2! });
    const p = await person([], idNumber);
    const clerk = await s.admin('user.create', { username: 'clerk_t1', displayName: '甲乡录入员', role: 'clerk', scopeOrgId: o.T1!, password: 'clerk-pass-2024' });
    const err = await refusal(caller(s.core, clerk.id)('pipeline.addStep', { personId: p.id, step: 'approved', onDate: '2024-06-15' }));
    expect(err.code).toBe('CONFLICT');
    expect(err.message).not.toContain('乙乡');
    const after = await s.admin('pipeline.get', { id: p.id });
    expect([after.person.stage, after.person.memberId, after.steps.some((x) => x.step === 'approved')]).toEqual(['candidate', null, false]);
    const audit = await s.core.db.selectFrom('auditLog').select('id').where('entity', '=', 'devStep').where('after', 'like', '%"approved"%').where('after', 'like', `%${p.id}%`).execute();
    expect(audit).toEqual([]);
  });
});
