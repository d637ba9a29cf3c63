import { describe, expect, it } from 'vitest';
import { eligibilitySummary, firstSecretaryEligibility, type EligibilityFacts } from './team-eligibility.js';

const base: EligibilityFacts = { appointedOn: '2024-03-01', category: 'formal', confirmedOn: '2020-07-01', workStartedOn: '2015-09-01', source: 'member' };
const status = (f: Partial<EligibilityFacts>) => Object.fromEntries(firstSecretaryEligibility({ ...base, ...f }).checks.map((c) => [c.rule, c.status]));

describe('first secretary eligibility (正式党员, 党龄 ≥ 1 year, work ≥ 2 years on the appointment date)', () => {
  it('passes a formal member with enough 党龄 and work', () => {
    const e = firstSecretaryEligibility(base);
    expect(e.eligible).toBe(true);
    expect(eligibilitySummary(e)).toBe('符合第一书记任职条件');
  });

  it('党龄 of exactly one year on the appointment day passes; one day short fails', () => {
    expect(status({ confirmedOn: '2023-03-01' }).partyAge).toBe('ok');
    expect(status({ confirmedOn: '2023-03-02' }).partyAge).toBe('fail');
  });

  it('counts the 党龄校正值', () => {
    expect(status({ confirmedOn: '2023-05-01' }).partyAge).toBe('fail');
    expect(status({ confirmedOn: '2023-05-01', partyAgeAdjustMonths: 2 }).partyAge).toBe('ok');
  });

  it('work of exactly two years passes; a day short fails', () => {
    expect(status({ workStartedOn: '2022-03-01' }).work).toBe('ok');
    expect(status({ workStartedOn: '2022-03-02' }).work).toBe('fail');
  });

  it('a probationary member or a non-member fails, and the summary names why', () => {
    const e = firstSecretaryEligibility({ ...base, category: 'probationary', confirmedOn: null });
    expect(e.eligible).toBe(false);
    expect(e.checks.find((c) => c.rule === 'formal')!.status).toBe('fail');
    expect(eligibilitySummary(e)).toMatch(/预备党员/);
    expect(status({ category: 'none' }).formal).toBe('fail');
  });

  it('confirmed after the appointment: was still probationary then', () => {
    const e = firstSecretaryEligibility({ ...base, confirmedOn: '2024-05-01' });
    expect(e.checks.find((c) => c.rule === 'formal')).toMatchObject({ status: 'fail' });
    expect(e.eligible).toBe(false);
  });

  it('missing facts are unknown, not failures, and the summary says which could not be verified', () => {
    const e = firstSecretaryEligibility({ ...base, source: 'entered', category: null, confirmedOn: null, workStartedOn: null });
    expect(e.eligible).toBeNull();
    expect(e.checks.map((c) => c.status)).toEqual(['unknown', 'unknown', 'unknown']);
    expect(eligibilitySummary(e)).toMatch(/无法核实.*人员类别.*转正日期.*参加工作日期/);
  });

  it('a month-only date decides when either end of the month does, else stays unknown', () => {
    expect(status({ confirmedOn: '2023-01' }).partyAge).toBe('ok');
    expect(status({ confirmedOn: '2023-03' }).partyAge).toBe('unknown');
    expect(status({ confirmedOn: '2023-04' }).partyAge).toBe('fail');
    expect(status({ workStartedOn: '2022-03' }).work).toBe('unknown');
    expect(status({ workStartedOn: '2022-02' }).work).toBe('ok');
  });
});
