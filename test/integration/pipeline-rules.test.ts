import { describe, expect, it } from 'vitest';
import { LedgerError } from '../../shared/contract/index.js';
import { caller, idFor } from '../helpers/ledger.js';
import { suiteLedger } from '../helpers/suite.js';
import { warningsOf, type StepTuple } from '../helpers/pipeline.js';

/**
 * R1–R16 (DOMAIN.md §4) through the core: every rule once kept (the step goes in without a word)
 * and once broken (the step is refused with RULE_WARNING naming that rule alone, then goes in with
 * a reason, which is kept with the step and in the audit log). The record that keeps every rule:
 */
/** Introducers by name only: their 转正日期 is not known, so R5 counts them and judges nothing else. */
const INTRODUCERS = { introducers: [{ name: '张介绍' }, { name: '李介绍' }] };
const CLEAN: readonly StepTuple[] = [
  ['talked', '2023-01-20', { talker: '王书记' }],
  ['activist', '2023-03-01'],
  ['activist-review', '2023-08-20', { result: '表现良好' }],
  ['activist-review', '2024-02-10', { result: '表现良好' }],
  ['candidate', '2024-03-05', INTRODUCERS],
  ['political-review', '2024-04-10', { passed: true, conclusion: '合格' }],
  ['training', '2024-04-17', { from: '2024-04-15', days: 3, hours: 24 }],
  ['pre-review', '2024-05-01'],
  ['branch-meeting', '2024-05-10', { due: 20, present: 15, yes: 14 }],
  ['approved', '2024-06-15'],
  ['confirm-meeting', '2025-05-12', { due: 20, present: 16, yes: 16 }],
  ['confirmed', '2025-06-20', { confirmedOn: '2025-05-10' }],
];
const APPLIED = '2023-01-10';
/** Born 1995: an adult on the application day. */
const BIRTH = '1995-06-10';

describe('发展党员 rules R1–R16 through pipeline.create / pipeline.addStep', () => {
  const s = suiteLedger();
  const o: Record<string, string> = {};
  const m: Record<string, string> = {};
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

  /** A person in 甲村 who has taken the clean steps before `upTo` (its index in CLEAN), none refused. */
  async function walked(upTo: number, replace: Record<number, StepTuple> = {}, orgKey = 'branch') {
    const p = await s.admin('pipeline.create', { idNumber: idFor(BIRTH), name: `发展${++n}`, orgId: o[orgKey]!, appliedOn: APPLIED });
    for (let i = 0; i < upTo; i++) {
      const [step, onDate, data] = replace[i] ?? CLEAN[i]!;
      await s.admin('pipeline.addStep', { personId: p.id, step, onDate, ...(data ? { data } : {}) });
    }
    return p.id;
  }

  /**
   * The step breaks `rule` alone: refused with that rule's warning(s), then written with a reason,
   * which the step and its audit row keep.
   */
  async function breaks(personId: string, [step, onDate, data]: StepTuple, rule: string, text: RegExp) {
    const input = { personId, step, onDate, ...(data ? { data } : {}) };
    const check = await s.admin('pipeline.checkStep', input);
    expect(check.refusal).toBeNull();
    expect(check.findings.map((f) => f.ruleId)).toEqual(check.findings.map(() => rule));
    const err = await refusal(s.admin('pipeline.addStep', input));
    expect(err.code).toBe('RULE_WARNING');
    const findings = warningsOf(err)!;
    expect(findings.length).toBeGreaterThan(0);
    expect(findings.every((f) => f.ruleId === rule)).toBe(true);
    expect(findings.map((f) => f.message).join('；')).toMatch(text);
    expect(findings).toEqual(check.findings);
    // Nothing was written by the refusal.
    const before = await s.admin('pipeline.get', { id: personId });
    expect(before.steps.some((x) => x.step === step && x.onDate === onDate)).toBe(false);
    const reason = `${rule}：经党委研究同意`;
    const written = await s.admin('pipeline.addStep', { ...input, overrides: [{ ruleId: rule, reason }] });
    expect(written.findings).toEqual(findings.map((f) => ({ ...f, reason })));
    const audit = await s.core.db.selectFrom('auditLog').select('after').where('entity', '=', 'devStep').where('entityId', '=', written.id).executeTakeFirstOrThrow();
    expect(audit.after).toContain(reason);
  }

  /** The step goes in with no warning. */
  async function keeps(personId: string, [step, onDate, data]: StepTuple) {
    const written = await s.admin('pipeline.addStep', { personId, step, onDate, ...(data ? { data } : {}) });
    expect(written.findings).toBeNull();
  }

  it('sets up a township with the right to approve, a 党总支, a committee without it, and members to introduce', async () => {
    const org = async (key: string, parentId: string, name: string, kind: 'committee' | 'general-branch' | 'branch', extra: Record<string, unknown> = {}) =>
      (o[key] = (await s.admin('org.create', { parentId, name, kind, unitCategory: kind === 'branch' || kind === 'general-branch' ? 'village' : 'township', ...extra })).id);
    await org('town', s.rootId, '中共甲乡委员会', 'committee', { canApprove: true });
    await org('branch', o.town!, '中共甲村支部委员会', 'branch');
    await org('general', o.town!, '中共乙村总支部委员会', 'general-branch');
    await org('underGeneral', o.general!, '中共乙村第一支部委员会', 'branch');
    await org('noRight', s.rootId, '中共丙乡委员会', 'committee', { canApprove: false });
    await org('noRightBranch', o.noRight!, '中共丙村支部委员会', 'branch');
    const member = async (key: string, category: 'formal' | 'probationary', joinedOn: string, confirmedOn?: string) =>
      (m[key] = (await s.admin('member.create', { idNumber: idFor('1975-01-01'), name: `党员${key}`, category, joinedOn, ...(confirmedOn ? { confirmedOn } : {}), orgId: o.branch! })).id);
    await member('a', 'formal', '2000-07-01', '2001-07-01');
    await member('b', 'formal', '2005-07-01', '2006-07-01');
    await member('late', 'formal', '2023-06-01', '2024-06-01');
    await member('probationary', 'probationary', '2025-06-01');
  });

  it('a person who keeps every rule goes from application to full membership without a warning', async () => {
    const id = await walked(CLEAN.length);
    const record = await s.admin('pipeline.get', { id });
    expect(record.person.stage).toBe('formal');
    expect(record.findings).toEqual([]);
    expect(record.steps.every((x) => x.findings === null)).toBe(true);
    expect(record.steps.map((x) => x.step)).toEqual(['applied', ...CLEAN.map((c) => c[0])]);
  });

  it('R1: 18 on the application day', async () => {
    const p = await s.admin('pipeline.create', { idNumber: idFor('2005-01-10'), name: '刚满18', orgId: o.branch!, appliedOn: '2023-01-10' });
    expect(p.stage).toBe('applicant');
    const input = { idNumber: idFor('2005-01-11'), name: '未满18', orgId: o.branch!, appliedOn: '2023-01-10' };
    const err = await refusal(s.admin('pipeline.create', input));
    expect(err.code).toBe('RULE_WARNING');
    expect(warningsOf(err)!.map((f) => [f.ruleId, f.message])).toEqual([['R1', expect.stringMatching(/未满18周岁.*时年17岁/)]]);
    const made = await s.admin('pipeline.create', { ...input, overrides: [{ ruleId: 'R1', reason: '出生日期待户籍核实' }] });
    const { steps } = await s.admin('pipeline.get', { id: made.id });
    expect(steps[0]!.findings).toEqual([expect.objectContaining({ ruleId: 'R1', reason: '出生日期待户籍核实' })]);
  });

  it('R2: the talk within a month of the application', async () => {
    await keeps(await walked(0), ['talked', '2023-02-10', { talker: '王书记' }]);
    await breaks(await walked(0), ['talked', '2023-02-11', { talker: '王书记' }], 'R2', /超过1个月/);
  });

  it('R3: an activist reviewed every six months', async () => {
    await keeps(await walked(2), ['activist-review', '2023-09-01', { result: '良好' }]);
    await breaks(await walked(2), ['activist-review', '2023-09-02', { result: '良好' }], 'R3', /间隔超过6个月/);
  });

  it('R4: 发展对象 after a year as activist', async () => {
    await keeps(await walked(4), ['candidate', '2024-03-01', INTRODUCERS]);
    await breaks(await walked(4), ['candidate', '2024-02-29', INTRODUCERS], 'R4', /培养考察不满1年/);
  });

  it('R5: two introducers, both 正式党员 on the day', async () => {
    // Named by member id: the register's name and 转正日期 are used, whatever name was typed.
    const two = (x: string, y: string) => ({ introducers: [{ name: '介绍人', memberId: m[x]! }, { name: '介绍人', memberId: m[y]! }] });
    await keeps(await walked(4), ['candidate', '2024-03-05', two('a', 'b')]);
    await breaks(await walked(4), ['candidate', '2024-03-05', { introducers: [{ name: '介绍人', memberId: m.a! }] }], 'R5', /应为2名正式党员，现记录1名/);
    await breaks(await walked(4), ['candidate', '2024-03-05', two('a', 'late')], 'R5', /党员late于2024-06-01转正，2024-03-05时尚不是正式党员/);
    await breaks(await walked(4), ['candidate', '2024-03-05', two('a', 'probationary')], 'R5', /党员probationary不是正式党员/);
  });

  it('R6, R7, R8: 政审, 集中培训 and 预审 before the branch meeting', async () => {
    const meeting = CLEAN[8]!;
    await keeps(await walked(8), meeting);
    await breaks(await walked(8, { 5: ['committee-review', '2024-04-10'] }), meeting, 'R6', /未记录政治审查/);
    await breaks(await walked(8, { 5: ['political-review', '2024-04-10', { passed: false, conclusion: '待查' }] }), meeting, 'R6', /结论为不合格/);
    await breaks(await walked(8, { 6: ['training', '2024-04-16', { from: '2024-04-15', days: 2, hours: 16 }] }), meeting, 'R7', /2天、16学时，不足3天且不足24学时/);
    await breaks(await walked(8, { 7: ['committee-review', '2024-05-01'] }), meeting, 'R8', /未记录上级党委预审/);
  });

  it('R9: leaving the unit within three months', async () => {
    await keeps(await walked(8), ['branch-meeting', '2024-05-10', { due: 20, present: 15, yes: 14, leavingUnitOn: '2024-08-11' }]);
    await breaks(await walked(8), ['branch-meeting', '2024-05-10', { due: 20, present: 15, yes: 14, leavingUnitOn: '2024-08-10' }], 'R9', /3个月内，一般不接收/);
  });

  it('R10: present and yes votes above half of those due', async () => {
    await keeps(await walked(8), ['branch-meeting', '2024-05-10', { due: 20, present: 11, yes: 11 }]);
    await breaks(await walked(8), ['branch-meeting', '2024-05-10', { due: 20, present: 10, yes: 10 }], 'R10', /实到10人，未超过半数/);
    await breaks(await walked(8), ['branch-meeting', '2024-05-10'], 'R10', /未完整记录应到、实到人数和赞成票/);
  });

  it('R11: 党委审批 within three months of the branch meeting', async () => {
    await keeps(await walked(9), ['approved', '2024-08-10']);
    await breaks(await walked(9), ['approved', '2024-08-11'], 'R11', /超过3个月/);
  });

  it('R12: 转正 discussed when probation ends, not before', async () => {
    await keeps(await walked(10), ['confirm-meeting', '2025-05-10', { due: 20, present: 15, yes: 15 }]);
    await breaks(await walked(10), ['confirm-meeting', '2025-05-09', { due: 20, present: 15, yes: 15 }], 'R12', /提前讨论/);
  });

  it('R13: probation extended once, by 6 to 12 months', async () => {
    await keeps(await walked(10), ['probation-extended', '2025-05-12', { months: 6, reason: '预备期间表现未达到党员条件' }]);
    const id = await walked(10);
    // A length outside 6–12 months is refused outright: the member's history could not hold it.
    const short = await refusal(s.admin('pipeline.addStep', { personId: id, step: 'probation-extended', onDate: '2025-05-12', data: { months: 4, reason: '预备期间表现未达到党员条件' } }));
    expect([short.code, short.message]).toEqual(['VALIDATION', '预备期延长4个月不符合规定：应为6个月至1年（R13）']);
    await s.admin('pipeline.addStep', { personId: id, step: 'probation-extended', onDate: '2025-05-12', data: { months: 12, reason: '预备期间表现未达到党员条件' } });
    const again = await refusal(s.admin('pipeline.addStep', { personId: id, step: 'probation-extended', onDate: '2025-06-01', data: { months: 6, reason: '再次延长' } }));
    expect([again.code, again.message]).toEqual(['CONFLICT', '预备期只能延长一次（R13），该预备党员的预备期已延长过']);
  });

  it('R14: 转正审批 within three months of the 转正 branch meeting', async () => {
    await keeps(await walked(11), ['confirmed', '2025-08-12', { confirmedOn: '2025-05-10' }]);
    await breaks(await walked(11), ['confirmed', '2025-08-13', { confirmedOn: '2025-05-10' }], 'R14', /超过3个月/);
  });

  it('R15: 转正日期 is the day probation ends (taken so when not typed)', async () => {
    const id = await walked(11);
    const step = await s.admin('pipeline.addStep', { personId: id, step: 'confirmed', onDate: '2025-06-20' });
    expect([step.data, step.findings]).toEqual([{ confirmedOn: '2025-05-10' }, null]);
    await breaks(await walked(11), ['confirmed', '2025-06-20', { confirmedOn: '2025-06-20' }], 'R15', /应为预备期满之日2025-05-10/);
  });

  it('R16: the approving body is a 党委 with the right to approve', async () => {
    await keeps(await walked(9), ['approved', '2024-06-15', { approvingOrgId: o.town! }]);
    await breaks(await walked(9, {}, 'underGeneral'), ['approved', '2024-06-15', { approvingOrgId: o.general! }], 'R16', /审批组织为党总支，无审批预备党员的权限/);
    const id = await walked(9, {}, 'noRightBranch');
    // Left to the default, a branch under a committee without the right goes to the nearest body above with it.
    expect((await s.admin('pipeline.get', { id })).approver?.id).not.toBe(o.noRight);
    await breaks(id, ['approved', '2024-06-15', { approvingOrgId: o.noRight! }], 'R16', /未被授予审批预备党员的权限/);
  });

  it('the approving body must be above the person: a neighbour or the branch itself is refused', async () => {
    const id = await walked(9);
    for (const approvingOrgId of [o.noRight!, o.branch!]) {
      const err = await refusal(s.admin('pipeline.addStep', { personId: id, step: 'approved', onDate: '2024-06-15', data: { approvingOrgId } }));
      expect([err.code, err.message]).toEqual(['VALIDATION', '审批党委应为该人员所在党组织的上级党委']);
    }
  });

  it('a local rule switched on in settings, judged with the working-day calendar (公示 ≥ 5 working days)', async () => {
    const notice: StepTuple = ['public-notice', '2024-04-26', { from: '2024-04-22' }];
    // Mon 04-22 … Fri 04-26: five working days; off by default anyway.
    await keeps(await walked(5), notice);
    await s.admin('settings.update', { pipelineRules: ['R1', 'R2', 'R3', 'R4', 'R5', 'R6', 'R7', 'R8', 'R9', 'R10', 'R11', 'R12', 'R13', 'R14', 'R15', 'R16', 'L2'] });
    await keeps(await walked(5), notice);
    await s.admin('settings.update', { workCalendar: { holidays: ['2024-04-25'], workdays: [] } });
    await breaks(await walked(5), notice, 'L2', /仅4个工作日，不足5个工作日/);
    // A 调休 Sunday counts.
    await s.admin('settings.update', { workCalendar: { holidays: ['2024-04-25'], workdays: ['2024-04-28'] } });
    await keeps(await walked(5), ['public-notice', '2024-04-28', { from: '2024-04-22' }]);
    const bad = await refusal(s.admin('settings.update', { workCalendar: { holidays: [], workdays: ['2024-04-29'] } }));
    expect(bad.message).toMatch(/应为周六或周日/);
    await s.admin('settings.update', { pipelineRules: ['R1', 'R2', 'R3', 'R4', 'R5', 'R6', 'R7', 'R8', 'R9', 'R10', 'R11', 'R12', 'R13', 'R14', 'R15', 'R16'], workCalendar: { holidays: [], workdays: [] } });
  });

  it('a clerk may not switch rules: settings are the county administrator\'s', async () => {
    const clerk = await s.admin('user.create', { username: 'clerk_rules', displayName: '录入员', role: 'clerk', scopeOrgId: s.rootId, password: 'clerk-pass-2024' });
    const err = await refusal(caller(s.core, clerk.id)('settings.update', { pipelineRules: [] }));
    expect(err.code).toBe('FORBIDDEN');
  });
});
