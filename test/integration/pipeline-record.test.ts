import { describe, expect, it } from 'vitest';
import { LedgerError } from '../../shared/contract/index.js';
import { caller, idFor } from '../helpers/ledger.js';
import { suiteLedger } from '../helpers/suite.js';
import { addSteps } from '../helpers/pipeline.js';

/**
 * The 发展党员 record beyond the rules: stages never move back by a step; an administrator's
 * correction takes a step out (kept with the reason, audited) and is the only way back; the board
 * per branch says who is in which stage since when.
 */
describe('发展党员: stage order, corrections, the board', () => {
  const s = suiteLedger();
  const o: Record<string, string> = {};
  const refusal = async (p: Promise<unknown>): Promise<LedgerError> => {
    try {
      await p;
    } catch (e) {
      if (e instanceof LedgerError) return e;
      throw e;
    }
    throw new Error('expected the call to be refused');
  };
  let n = 0;
  const person = async (orgKey: string, appliedOn: string, steps: Parameters<typeof addSteps>[2]) => {
    const p = await s.admin('pipeline.create', { idNumber: idFor(`199${n % 10}-02-0${(n % 9) + 1}`), name: `发展${++n}`, orgId: o[orgKey]!, appliedOn });
    await addSteps(s.admin, p.id, steps);
    return p.id;
  };

  it('sets up two townships with branches', async () => {
    const org = async (key: string, parentId: string, name: string, kind: 'committee' | 'branch') =>
      (o[key] = (await s.admin('org.create', { parentId, name, kind, unitCategory: kind === 'committee' ? 'township' : 'village', ...(kind === 'committee' ? { canApprove: true } : {}) })).id);
    await org('T1', s.rootId, '中共甲乡委员会', 'committee');
    await org('V1', o.T1!, '中共一村支部委员会', 'branch');
    await org('V2', o.T1!, '中共二村支部委员会', 'branch');
    await org('T2', s.rootId, '中共乙乡委员会', 'committee');
    await org('V3', o.T2!, '中共三村支部委员会', 'branch');
  });

  it('a stage never moves back or repeats by a step, and nothing is written', async () => {
    const id = await person('V1', '2023-01-10', [['talked', '2023-01-20', { talker: '王书记' }], ['activist', '2023-03-01'], ['candidate', '2024-03-05', { introducers: [{ name: '甲' }, { name: '乙' }] }]]);
    const again = await refusal(s.admin('pipeline.addStep', { personId: id, step: 'activist', onDate: '2024-04-01' }));
    expect([again.code, again.message]).toEqual(['CONFLICT', '该人员已是“发展对象”，阶段不能倒退或重复；如记录有误，请由管理员更正']);
    const skip = await refusal(s.admin('pipeline.addStep', { personId: id, step: 'approved', onDate: '2024-04-01' }));
    expect(skip.message).toBe('党委审批前须先记录支部大会讨论接收的情况');
    const check = await s.admin('pipeline.checkStep', { personId: id, step: 'activist', onDate: '2024-04-01' });
    expect(check.refusal).toMatch(/阶段不能倒退/);
    const { person: p, steps } = await s.admin('pipeline.get', { id });
    expect(p.stage).toBe('candidate');
    expect(steps.map((x) => x.step)).toEqual(['applied', 'talked', 'activist', 'candidate']);
  });

  it('a correction takes the latest stage step out: the stage goes back, the step is kept with the reason, both audited', async () => {
    const id = await person('V1', '2023-01-10', [['talked', '2023-01-20', { talker: '王书记' }], ['activist', '2023-03-01'], ['candidate', '2024-03-05', { introducers: [{ name: '甲' }, { name: '乙' }] }]]);
    const before = await s.admin('pipeline.get', { id });
    const activist = before.steps.find((x) => x.step === 'activist')!;
    const candidate = before.steps.find((x) => x.step === 'candidate')!;
    // The earlier stage step cannot go while a later one stands.
    const early = await refusal(s.admin('pipeline.correct', { stepId: activist.id, reason: '日期录错' }));
    expect([early.code, early.message]).toEqual(['CONFLICT', '其后已记录“确定为发展对象”（2024-03-05），请先更正该步骤']);
    const applied = await refusal(s.admin('pipeline.correct', { stepId: before.steps[0]!.id, reason: '日期录错' }));
    expect(applied.code).toBe('CONFLICT');

    const after = await s.admin('pipeline.correct', { stepId: candidate.id, reason: '发展对象确定日期录错' });
    expect(after.person.stage).toBe('activist');
    expect(after.steps.map((x) => x.step)).toEqual(['applied', 'talked', 'activist']);
    expect(after.corrections).toEqual([
      expect.objectContaining({ stepId: candidate.id, step: 'candidate', onDate: '2024-03-05', reason: '发展对象确定日期录错', data: { introducers: [{ name: '甲' }, { name: '乙' }] } }),
    ]);
    const audit = await s.core.db.selectFrom('auditLog').select(['entity', 'entityId', 'before', 'after']).where('entityId', 'in', [candidate.id, id]).where('after', 'like', '%correction%').execute();
    expect(audit.map((a) => [a.entity, a.entityId, JSON.parse(a.after!)])).toEqual([
      ['devStep', candidate.id, { correction: '发展对象确定日期录错' }],
      ['devPerson', id, { stage: 'activist', correction: '发展对象确定日期录错' }],
    ]);
    // Now the right date goes in.
    await addSteps(s.admin, id, [['candidate', '2024-03-06', { introducers: [{ name: '甲' }, { name: '乙' }] }]]);
    expect((await s.admin('pipeline.get', { id })).person.stage).toBe('candidate');
  });

  it('only an administrator corrects; a clerk of the township is refused', async () => {
    const id = await person('V1', '2024-01-10', [['talked', '2024-01-20', { talker: '王书记' }]]);
    const step = (await s.admin('pipeline.get', { id })).steps[1]!;
    const clerk = await s.admin('user.create', { username: 'clerk_t1', displayName: '甲乡录入员', role: 'clerk', scopeOrgId: o.T1!, password: 'clerk-pass-2024' });
    expect((await refusal(caller(s.core, clerk.id)('pipeline.correct', { stepId: step.id, reason: '录错' }))).code).toBe('FORBIDDEN');
  });

  it('the board: per branch of the subtree, who is in which stage since when, the longest-waiting first', async () => {
    const t1 = await s.admin('pipeline.board', { orgId: o.T1! });
    const v1 = t1.branches.find((b) => b.orgId === o.V1!)!;
    expect(v1.counts).toEqual({ applicant: 1, activist: 0, candidate: 2, probationary: 0 });
    expect(v1.people.candidate.map((p) => p.since)).toEqual(['2024-03-05', '2024-03-06']);
    expect(v1.parentName).toBe('中共甲乡委员会');
    const v2a = await person('V2', '2024-02-01', []);
    const v2b = await person('V2', '2024-01-15', []);
    await person('V3', '2024-01-01', []);
    const board = await s.admin('pipeline.board', { orgId: o.T1! });
    expect(board.branches.map((b) => b.name)).toEqual(['中共一村支部委员会', '中共二村支部委员会']);
    const v2 = board.branches.find((b) => b.orgId === o.V2!)!;
    expect(v2.people.applicant.map((p) => [p.id, p.since])).toEqual([[v2b, '2024-01-15'], [v2a, '2024-02-01']]);
    expect(board.totals).toEqual({ applicant: 3, activist: 0, candidate: 2, probationary: 0 });
    // The county sees 乙乡 as well; 乙乡's clerk sees only 乙乡.
    expect((await s.admin('pipeline.board', {})).totals.applicant).toBe(4);
    const clerk = await s.admin('user.create', { username: 'clerk_t2', displayName: '乙乡录入员', role: 'clerk', scopeOrgId: o.T2!, password: 'clerk-pass-2024' });
    const theirs = await caller(s.core, clerk.id)('pipeline.board', {});
    expect(theirs.branches.map((b) => b.name)).toEqual(['中共三村支部委员会']);
    expect((await refusal(caller(s.core, clerk.id)('pipeline.board', { orgId: o.T1! }))).code).toBe('FORBIDDEN');
  });
});
