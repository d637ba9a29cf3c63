import { describe, expect, it } from 'vitest';
import type { DevelopmentRecord, RuleFinding } from './pipeline-rules.js';
import {
  countWorkingDays,
  evaluatePipelineRules,
  nextDueStep,
  PIPELINE_RULE_SET,
  PIPELINE_RULES,
  probationEndsOn,
} from './pipeline-rules.js';

const ALL = PIPELINE_RULES.map((r) => r.id);
const AS_OF = '2023-03-01';

/** A record that follows every rule, including the local ones. */
const clean: DevelopmentRecord = {
  birthDate: '1995-06-10',
  applicationDate: '2020-01-10',
  talkDate: '2020-01-20',
  activistDate: '2020-07-15',
  activistReviews: ['2021-01-10', '2021-07-01'],
  candidateDate: '2021-07-20',
  introducers: [
    { name: '张三', memberFormalSince: '2010-05-01' },
    { name: '李四', memberFormalSince: '2015-07-01' },
  ],
  politicalReview: { date: '2021-08-10', passed: true },
  training: { from: '2021-08-16', to: '2021-08-18' },
  publicNotice: { from: '2021-08-23', to: '2021-08-27' },
  preReviewDate: '2021-09-01',
  branchMeeting: { date: '2021-09-10', due: 20, present: 15, yes: 14 },
  approvalDate: '2021-10-15',
  approvingOrgKind: 'committee',
  approvingUnitCategory: 'township',
  approvingOrgCanApprove: true,
  confirmMeetingDate: '2022-09-10',
  confirmApprovalDate: '2022-10-20',
  confirmedOn: '2022-09-10',
};

function run(id: string, patch: Partial<DevelopmentRecord>, asOf = AS_OF): RuleFinding[] {
  const rule = PIPELINE_RULE_SET.find((r) => r.id === id);
  if (!rule) throw new Error(id);
  return rule.check({ ...clean, ...patch }, { asOf });
}

function only(id: string, patch: Partial<DevelopmentRecord>, asOf = AS_OF): string[] {
  const all = evaluatePipelineRules({ ...clean, ...patch }, { asOf, enabled: ALL });
  expect(all.map((f) => f.ruleId).filter((r) => r !== id)).toEqual([]);
  expect(all.every((f) => f.severity === 'warning')).toBe(true);
  return all.map((f) => f.message);
}

describe('the clean record', () => {
  it('passes every rule', () => {
    expect(evaluatePipelineRules(clean, { asOf: AS_OF, enabled: ALL })).toEqual([]);
  });
});

describe('R1 age ≥ 18 on application', () => {
  it('passes on the 18th birthday', () => {
    expect(run('R1', { birthDate: '2002-01-10' })).toEqual([]);
  });
  it('flags a 17-year-old with the dates', () => {
    const [m] = only('R1', { birthDate: '2002-03-01' });
    expect(m).toContain('2020-01-10');
    expect(m).toContain('17岁');
  });
  it('does not flag what month precision leaves open', () => {
    expect(run('R1', { birthDate: '2002-01', applicationDate: '2020-01' })).toEqual([]);
  });
});

describe('R2 talk within 1 month', () => {
  it('passes a talk within the month, also at month precision', () => {
    expect(run('R2', { talkDate: '2020-02-10' })).toEqual([]);
    expect(run('R2', { talkDate: '2020-02' })).toEqual([]);
  });
  it('flags a late talk', () => {
    expect(only('R2', { talkDate: '2020-02-20' })[0]).toContain('超过1个月');
  });
  it('flags a missing talk once the month has passed, unless the person stopped', () => {
    expect(only('R2', { talkDate: null })[0]).toContain('尚未记录谈话');
    expect(run('R2', { talkDate: null }, '2020-02-05')).toEqual([]);
    expect(run('R2', { talkDate: null, stoppedOn: '2020-01-30' })).toEqual([]);
  });
});

describe('R3 half-yearly review of activists', () => {
  it('passes reviews at most 6 months apart', () => {
    expect(run('R3', {})).toEqual([]);
  });
  it('flags a gap between reviews', () => {
    const msgs = only('R3', { activistReviews: ['2021-03-01'] });
    expect(msgs).toHaveLength(1);
    expect(msgs[0]).toContain('2020-07-15');
    expect(msgs[0]).toContain('2021-03-01');
  });
  it('allows exactly 6 months between reviews, not a day more', () => {
    expect(run('R3', { activistReviews: ['2021-01-15', '2021-07-15'], candidateDate: '2021-07-20' })).toEqual([]);
    expect(run('R3', { activistReviews: ['2021-01-16', '2021-07-15'], candidateDate: '2021-07-20' })).toHaveLength(1);
  });
  it('judges a current activist as of asOf', () => {
    const still = { candidateDate: null, branchMeeting: null, approvalDate: null, confirmMeetingDate: null, confirmedOn: null };
    expect(run('R3', { ...still, activistReviews: ['2021-01-10'] }, '2021-07-10')).toEqual([]);
    expect(run('R3', { ...still, activistReviews: ['2021-01-10'] }, '2021-07-11')[0]?.message).toContain('超过6个月');
  });
});

describe('R4 one year as activist', () => {
  it('passes after exactly one year', () => {
    expect(run('R4', { candidateDate: '2021-07-15' })).toEqual([]);
  });
  it('flags a candidate named too early', () => {
    expect(only('R4', { candidateDate: '2021-06-01', activistReviews: ['2021-01-10'] })[0]).toContain('不满1年');
  });
});

describe('R5 two formal introducers', () => {
  it('passes two formal members', () => {
    expect(run('R5', {})).toEqual([]);
  });
  it('flags one introducer, a late 转正 and a non-member', () => {
    expect(only('R5', { introducers: [{ name: '张三', memberFormalSince: '2010-05-01' }] })[0]).toContain('现记录1名');
    const late = only('R5', {
      introducers: [
        { name: '张三', memberFormalSince: '2010-05-01' },
        { name: '李四', memberFormalSince: '2021-08-01' },
      ],
    });
    expect(late[0]).toContain('李四');
    expect(run('R5', { introducers: [{ name: '张三', memberFormalSince: null }, { name: '李四' }] })).toHaveLength(1);
  });
});

describe('R6 political review before the meeting', () => {
  it('passes', () => {
    expect(run('R6', { politicalReview: { date: '2021-09-10', passed: true } })).toEqual([]);
  });
  it('flags missing, late and failed reviews', () => {
    expect(only('R6', { politicalReview: null })[0]).toContain('未记录政治审查');
    expect(only('R6', { politicalReview: { date: '2021-09-11', passed: true } })[0]).toContain('晚于');
    expect(only('R6', { politicalReview: { date: '2021-08-10', passed: false } })[0]).toContain('不合格');
  });
});

describe('R7 training ≥ 3 days or 24 hours', () => {
  it('passes 24 hours over 2 days', () => {
    expect(run('R7', { training: { from: '2021-08-16', to: '2021-08-17', hours: 24 } })).toEqual([]);
  });
  it('flags short, late and missing training', () => {
    expect(only('R7', { training: { from: '2021-08-16', to: '2021-08-17', hours: 16 } })[0]).toContain('2天、16学时');
    expect(only('R7', { training: { from: '2021-09-08', to: '2021-09-12' } })[0]).toContain('晚于支部大会');
    expect(only('R7', { training: null })[0]).toContain('未记录集中培训');
  });
});

describe('R8 pre-review before the meeting', () => {
  it('passes', () => {
    expect(run('R8', {})).toEqual([]);
  });
  it('flags late and missing pre-review', () => {
    expect(only('R8', { preReviewDate: '2021-09-15' })[0]).toContain('2021-09-15');
    expect(only('R8', { preReviewDate: null })[0]).toContain('未记录');
  });
});

describe('R9 leaving the unit within 3 months', () => {
  it('passes a later departure', () => {
    expect(run('R9', { leavingUnitDate: '2022-01-01' })).toEqual([]);
  });
  it('flags a departure within 3 months of the meeting', () => {
    expect(only('R9', { leavingUnitDate: '2021-11-01' })[0]).toContain('2021-11-01');
  });
});

describe('R10 meeting quorum and majority', () => {
  it('passes 11 of 20 present, 11 yes', () => {
    expect(run('R10', { branchMeeting: { date: '2021-09-10', due: 20, present: 11, yes: 11 } })).toEqual([]);
  });
  it('flags no quorum, no majority and missing counts', () => {
    expect(only('R10', { branchMeeting: { date: '2021-09-10', due: 20, present: 10, yes: 10 } })).toHaveLength(2);
    expect(only('R10', { branchMeeting: { date: '2021-09-10', due: 20, present: 15, yes: 10 } })[0]).toContain('赞成10票');
    expect(
      only('R10', { branchMeeting: { date: '2021-09-10', due: 20, present: 15, yes: 11, formalDue: 22 } })[0],
    ).toContain('22人');
    expect(only('R10', { branchMeeting: { date: '2021-09-10' } })[0]).toContain('未完整记录');
  });
});

describe('R11 approval within 3 (at most 6) months', () => {
  it('passes on the last day of 3 months', () => {
    expect(run('R11', { approvalDate: '2021-12-10' })).toEqual([]);
  });
  it('flags late approvals and a missing one', () => {
    expect(only('R11', { approvalDate: '2022-01-15' })[0]).toContain('超过3个月');
    expect(only('R11', { approvalDate: '2022-04-01' })[0]).toContain('超过6个月');
    const pending = { approvalDate: null, confirmMeetingDate: null, confirmApprovalDate: null, confirmedOn: null };
    expect(run('R11', pending, '2021-12-10')).toEqual([]);
    expect(run('R11', pending, '2021-12-11')[0]?.message).toContain('尚未记录上级党委审批');
  });
});

describe('R12 转正 discussed at expiry, not before', () => {
  it('passes at expiry, and after an extension', () => {
    expect(probationEndsOn(clean)).toBe('2022-09-10');
    expect(
      run('R12', { probationExtendedMonths: 6, confirmMeetingDate: '2023-03-10', confirmApprovalDate: null, confirmedOn: null }),
    ).toEqual([]);
  });
  it('flags an early discussion and an expired probation without one', () => {
    expect(only('R12', { confirmMeetingDate: '2022-08-01', confirmApprovalDate: '2022-09-15', confirmedOn: null })[0]).toContain(
      '提前',
    );
    expect(run('R12', { probationExtendedMonths: 6 })[0]?.message).toContain('含延长6个月');
    const waiting = { confirmMeetingDate: null, confirmApprovalDate: null, confirmedOn: null };
    expect(only('R12', waiting)[0]).toContain('尚未召开支部大会讨论转正');
    expect(run('R12', waiting, '2022-09-10')).toEqual([]);
  });
});

describe('R13 one extension of 6–12 months', () => {
  it('passes 12 months once', () => {
    expect(run('R13', { probationExtendedMonths: 12 })).toEqual([]);
  });
  it('flags 3 months, 18 months and two extensions', () => {
    expect(run('R13', { probationExtendedMonths: 3 })[0]?.message).toContain('3个月');
    expect(run('R13', { probationExtendedMonths: 18 })).toHaveLength(1);
    expect(run('R13', { probationExtendedMonths: 12, probationExtensionCount: 2 })[0]?.message).toContain('2次');
  });
});

describe('R14 转正审批 within 3 months of the 转正 meeting', () => {
  it('passes', () => {
    expect(run('R14', { confirmApprovalDate: '2022-12-10' })).toEqual([]);
  });
  it('flags a late, an early and a missing approval', () => {
    expect(only('R14', { confirmApprovalDate: '2023-01-15' })[0]).toContain('超过3个月');
    expect(only('R14', { confirmApprovalDate: '2022-09-01' })[0]).toContain('早于');
    expect(only('R14', { confirmApprovalDate: null })[0]).toContain('尚未记录');
  });
});

describe('R15 党龄 from the end of probation', () => {
  it('passes when 转正日期 is the expiry, also at month precision', () => {
    expect(run('R15', { confirmedOn: '2022-09' })).toEqual([]);
  });
  it('flags the approval date recorded as 转正日期', () => {
    expect(only('R15', { confirmedOn: '2022-10-20' })[0]).toContain('2022-09-10');
  });
});

describe('R16 approving body', () => {
  it('passes a township committee with approval rights', () => {
    expect(run('R16', {})).toEqual([]);
  });
  it('flags a general branch, a village committee and a committee without rights', () => {
    expect(only('R16', { approvingOrgKind: 'general-branch' })[0]).toContain('党总支');
    expect(only('R16', { approvingUnitCategory: 'village' })[0]).toContain('村党委');
    expect(only('R16', { approvingOrgCanApprove: false })[0]).toContain('未被授予');
  });
});

describe('local rules', () => {
  it('are off by default', () => {
    const early = { ...clean, activistDate: '2020-03-01', activistReviews: ['2020-08-30', '2021-02-20'] };
    expect(evaluatePipelineRules(early, { asOf: AS_OF }).map((f) => f.ruleId)).toEqual([]);
    expect(evaluatePipelineRules(early, { asOf: AS_OF, enabled: ['L1'] }).map((f) => f.ruleId)).toEqual(['L1']);
  });
  it('L1 passes six months and flags fewer', () => {
    expect(run('L1', { activistDate: '2020-07-10' })).toEqual([]);
    expect(run('L1', { activistDate: '2020-07-09' })[0]?.message).toContain('不满6个月');
  });
  it('L2 counts weekdays, or a supplied calendar', () => {
    expect(countWorkingDays('2021-08-23', '2021-08-27')).toBe(5);
    expect(countWorkingDays('2021-08-20', '2021-08-26')).toBe(5);
    expect(run('L2', { publicNotice: { from: '2021-08-20', to: '2021-08-26' } })).toEqual([]);
    expect(run('L2', { publicNotice: { from: '2021-08-23', to: '2021-08-26' } })[0]?.message).toContain('仅4个工作日');
    const holiday = (d: string) => d !== '2021-08-25' && ![0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay());
    const r = evaluatePipelineRules(clean, { asOf: AS_OF, enabled: ['L2'], isWorkingDay: holiday });
    expect(r.map((f) => f.ruleId)).toEqual(['L2']);
  });
});

describe('rule metadata', () => {
  it('lists R1–R16 then the local rules, without check functions', () => {
    expect(ALL).toEqual([...Array.from({ length: 16 }, (_, i) => `R${i + 1}`), 'L1', 'L2']);
    for (const r of PIPELINE_RULES) {
      expect(r.title).toMatch(/[\u4e00-\u9fff]/);
      expect('check' in r).toBe(false);
    }
    expect(PIPELINE_RULES.filter((r) => !r.enabledByDefault).map((r) => r.id)).toEqual(['L1', 'L2']);
    expect(PIPELINE_RULES.filter((r) => r.local).map((r) => r.id)).toEqual(['L1', 'L2']);
  });
  it('ignores unknown ids in the enabled list', () => {
    expect(evaluatePipelineRules(clean, { asOf: AS_OF, enabled: ['R99'] })).toEqual([]);
  });
});

describe('nextDueStep: what falls due this month, as the rules date it', () => {
  const due = (r: DevelopmentRecord, asOf: string) => {
    const d = nextDueStep(r, asOf);
    return d ? `${d.kind} ${d.status} ${d.dueOn}` : null;
  };
  it('talk: due on the day 1 month after the application, overdue the day after (as R2 warns)', () => {
    const r = { applicationDate: '2024-05-15' };
    expect(due(r, '2024-05-31')).toBeNull();
    expect(due(r, '2024-06-01')).toBe('talk due 2024-06-15');
    expect(due(r, '2024-06-15')).toBe('talk due 2024-06-15');
    expect(due(r, '2024-06-16')).toBe('talk overdue 2024-06-15');
    expect(run('R2', { ...r, talkDate: null }, '2024-06-15')).toEqual([]);
    expect(run('R2', { ...r, talkDate: null }, '2024-06-16')).toHaveLength(1);
    expect(due({ ...r, talkDate: '2024-05-20' }, '2024-07-01')).toBeNull();
    expect(due({ ...r, stoppedOn: '2024-06-01' }, '2024-07-01')).toBeNull();
    // Month precision: due in that month, overdue only once the month is over.
    expect(due({ applicationDate: '2024-05' }, '2024-06-30')).toBe('talk due 2024-06');
    expect(due({ applicationDate: '2024-05' }, '2024-07-01')).toBe('talk overdue 2024-06');
  });
  it('activist: 1 year reached this month, or earlier (not yet 发展对象)', () => {
    const r = { applicationDate: '2022-01-01', talkDate: '2022-01-10', activistDate: '2023-06-20' };
    expect(due(r, '2024-05-31')).toBeNull();
    expect(due(r, '2024-06-01')).toBe('activistYear due 2024-06-20');
    expect(due(r, '2024-06-21')).toBe('activistYear overdue 2024-06-20');
    expect(due({ ...r, candidateDate: '2024-06-25' }, '2024-07-01')).toBeNull();
  });
  it('approval: 3 months after the branch meeting (R11)', () => {
    const r = { activistDate: '2022-01-01', candidateDate: '2023-02-01', branchMeeting: { date: '2024-03-15' } };
    expect(due(r, '2024-06-15')).toBe('approval due 2024-06-15');
    expect(due(r, '2024-06-16')).toBe('approval overdue 2024-06-15');
    expect(due({ ...r, branchMeeting: null }, '2024-06-16')).toBeNull();
  });
  it('probation: ends 1 year from the branch meeting, later when extended (R12, R13); then the 转正审批 (R14)', () => {
    const r = { branchMeeting: { date: '2023-06-14' }, approvalDate: '2023-07-01' };
    expect(due(r, '2024-06-14')).toBe('probation due 2024-06-14');
    expect(due(r, '2024-06-15')).toBe('probation overdue 2024-06-14');
    expect(due({ ...r, branchMeeting: { date: '2023-07-05' } }, '2024-06-15')).toBeNull();
    expect(due({ ...r, probationExtendedMonths: 6 }, '2024-06-15')).toBeNull();
    expect(due({ ...r, probationExtendedMonths: 6 }, '2024-12-01')).toBe('probation due 2024-12-14');
    expect(due({ ...r, confirmMeetingDate: '2024-06-14' }, '2024-09-14')).toBe('confirmApproval due 2024-09-14');
    expect(due({ ...r, confirmMeetingDate: '2024-06-14' }, '2024-09-15')).toBe('confirmApproval overdue 2024-09-14');
    expect(due({ ...r, confirmMeetingDate: '2024-06-14', confirmApprovalDate: '2024-07-01' }, '2024-09-15')).toBeNull();
    expect(due({ branchMeeting: { date: '2023-06-14' } }, '2024-06-15')).toBe('approval overdue 2023-09-14');
  });
});
