import { describe, expect, it } from 'vitest';
import { workCalendarFrom, workCalendarProblem, workingDayTest } from './work-calendar.js';
import { countWorkingDays, evaluatePipelineRules } from './pipeline-rules.js';

// 2026: 国庆 10-01 … 10-07 off (Thu … Wed), 调休 on Sunday 09-27 and Saturday 10-10.
const national = workCalendarFrom({
  holidays: ['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07', '2026-10-05', 'junk'],
  workdays: ['2026-10-10', '2026-09-27'],
});

describe('the working-day calendar', () => {
  it('keeps valid days only, sorted and once', () => {
    expect(national).toEqual({ holidays: ['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07'], workdays: ['2026-09-27', '2026-10-10'] });
    expect(workCalendarFrom(undefined)).toEqual({ holidays: [], workdays: [] });
  });
  it('is Monday–Friday less holidays plus 调休 days', () => {
    const on = workingDayTest(national);
    expect(['2026-09-25', '2026-09-26', '2026-09-27', '2026-10-01', '2026-10-08', '2026-10-10', '2026-10-11'].map(on)).toEqual([true, false, true, false, true, true, false]);
    // 09-28 … 10-09: ten weekdays, five of them holidays; plus the 调休 Sunday 09-27.
    expect(countWorkingDays('2026-09-27', '2026-10-09', on)).toBe(6);
    expect(countWorkingDays('2026-09-27', '2026-10-09')).toBe(10);
  });
  it('refuses a day listed twice and a 调休 day that is a weekday', () => {
    expect(workCalendarProblem({ holidays: ['2026-10-01'], workdays: ['2026-10-01'] })).toMatch(/既列为节假日又列为调休上班日/);
    expect(workCalendarProblem({ holidays: [], workdays: ['2026-10-09'] })).toMatch(/应为周六或周日/);
    expect(workCalendarProblem(national)).toBeNull();
  });
  it('decides the local 公示 rule (L2) across a holiday', () => {
    const record = { publicNotice: { from: '2026-09-29', to: '2026-10-08' } };
    const judge = (isWorkingDay?: (d: string) => boolean) => evaluatePipelineRules(record, { asOf: '2026-10-20', enabled: ['L2'], ...(isWorkingDay ? { isWorkingDay } : {}) });
    // Mon–Fri alone: 8 working days; with the holidays: 09-29, 09-30, 10-08 = 3.
    expect(judge()).toEqual([]);
    expect(judge(workingDayTest(national))).toEqual([expect.objectContaining({ ruleId: 'L2', message: expect.stringContaining('仅3个工作日') })]);
  });
});
