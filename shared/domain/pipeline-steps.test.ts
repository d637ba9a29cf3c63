import { describe, expect, it } from 'vitest';
import { STEP_DEFS, developmentRecordOf, stageOfSteps, stepRefusal, type DevStage, type DevStepCode } from './pipeline-steps.js';

const none = () => false;

describe('stage order', () => {
  it('moves only forward, one stage at a time', () => {
    expect(stepRefusal('applicant', 'activist', none)).toBeNull();
    expect(stepRefusal('applicant', 'candidate', none)).toBe('该人员当前为“入党申请人”，须先“确定为入党积极分子”，才能记录“确定为发展对象”');
    expect(stepRefusal('candidate', 'activist', none)).toMatch(/已是“发展对象”，阶段不能倒退或重复；如记录有误，请由管理员更正/);
    expect(stepRefusal('activist', 'activist', none)).toMatch(/阶段不能倒退或重复/);
    expect(stepRefusal('formal', 'probation-extended', none)).toBe('该人员已是“正式党员”，不能再记录“延长预备期”');
    expect(stepRefusal('stopped', 'talked', none)).toMatch(/已终止/);
    expect(stepRefusal('applicant', 'applied', none)).toMatch(/登记入党申请人时记录/);
  });
  it('records an earlier stage\'s step later (补录), not a later stage\'s early', () => {
    expect(stepRefusal('candidate', 'talked', none)).toBeNull();
    expect(stepRefusal('probationary', 'political-review', none)).toBeNull();
    expect(stepRefusal('activist', 'oath', none)).toMatch(/须先“确定为发展对象”/);
  });
  it('党委审批 only after the branch meeting', () => {
    expect(stepRefusal('candidate', 'approved', none)).toMatch(/须先记录支部大会/);
    expect(stepRefusal('candidate', 'approved', (c) => c === 'branch-meeting')).toBeNull();
  });
  it('every step can be reached from some stage, and the stage steps chain', () => {
    const stages: DevStage[] = ['applicant', 'activist', 'candidate', 'probationary', 'formal'];
    for (const code of Object.keys(STEP_DEFS) as DevStepCode[]) {
      if (code === 'applied') continue;
      expect(stages.some((s) => stepRefusal(s, code, () => true) === null)).toBe(true);
    }
    expect(stageOfSteps(['applied', 'talked', 'activist', 'candidate'])).toBe('candidate');
    expect(stageOfSteps(['applied', 'activist', 'cancelled'])).toBe('stopped');
    expect(stageOfSteps(['applied', 'approved', 'confirmed'])).toBe('formal');
  });
});

describe('the record the rules read', () => {
  it('takes each fact from its step', () => {
    const r = developmentRecordOf('1995-01-01', [
      { step: 'confirmed', onDate: '2023-10-01', data: { confirmedOn: '2023-09-10' } },
      { step: 'applied', onDate: '2020-01-10', data: null },
      { step: 'talked', onDate: '2020-01-20', data: { talker: '王' } },
      { step: 'activist', onDate: '2020-07-15', data: null },
      { step: 'activist-review', onDate: '2021-01-10', data: { result: '好' } },
      { step: 'candidate', onDate: '2021-07-20', data: { introducers: ['张三', '李四'] } },
      { step: 'introducers', onDate: '2021-07-25', data: { introducers: [{ name: '张三', memberId: 'm1' }, { name: '王五', formalSince: '2020-01-01' }] } },
      { step: 'political-review', onDate: '2021-08-10', data: { passed: true } },
      { step: 'training', onDate: '2021-08-18', data: { from: '2021-08-16', hours: 24 } },
      { step: 'public-notice', onDate: '2021-08-27', data: { from: '2021-08-23' } },
      { step: 'pre-review', onDate: '2021-09-01', data: null },
      { step: 'branch-meeting', onDate: '2021-09-10', data: { due: 20, present: 15, yes: 14, leavingUnitOn: '2021-10-01' } },
      { step: 'approved', onDate: '2021-10-15', data: { approvingOrgId: 'o1' } },
      { step: 'probation-extended', onDate: '2022-09-12', data: { months: 6 } },
      { step: 'confirm-meeting', onDate: '2023-03-12', data: { due: 20, present: 15, yes: 15 } },
    ], { formalSince: new Map([['m1', '2010-07-01']]), approvingOrg: new Map([['o1', { kind: 'committee', canApprove: true, unitCategory: 'township' }]]) });
    expect(r).toMatchObject({
      applicationDate: '2020-01-10', talkDate: '2020-01-20', activistDate: '2020-07-15', activistReviews: ['2021-01-10'], candidateDate: '2021-07-20',
      introducers: [{ name: '张三', memberFormalSince: '2010-07-01' }, { name: '王五', memberFormalSince: '2020-01-01' }],
      politicalReview: { date: '2021-08-10', passed: true }, training: { from: '2021-08-16', to: '2021-08-18', hours: 24, days: null },
      publicNotice: { from: '2021-08-23', to: '2021-08-27' }, preReviewDate: '2021-09-01',
      branchMeeting: { date: '2021-09-10', due: 20, present: 15, yes: 14 }, leavingUnitDate: '2021-10-01',
      approvalDate: '2021-10-15', approvingOrgKind: 'committee', approvingOrgCanApprove: true, approvingUnitCategory: 'township',
      probationExtendedMonths: 6, probationExtensionCount: 1, confirmMeetingDate: '2023-03-12', confirmApprovalDate: '2023-10-01', confirmedOn: '2023-09-10',
      stoppedOn: null,
    });
  });
  it('reads the introducers an import named with the 发展对象 step', () => {
    const r = developmentRecordOf(null, [{ step: 'candidate', onDate: '2021-07-20', data: { introducers: ['张三', '李四'] } }]);
    expect(r.introducers).toEqual([{ name: '张三' }, { name: '李四' }]);
  });
});
