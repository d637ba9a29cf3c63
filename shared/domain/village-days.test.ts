import { describe, expect, it } from 'vitest';
import { approvedLeaveDays, inPostAllMonth, inPostOn, monthEntryProblem, monthsFrom, monthStatus } from './village-days.js';

const term = { fromDate: '2024-03-15', toDate: '2026-03-14', endedOn: null };

describe('days in the village, month by month', () => {
  it('lists months across a year end', () => {
    expect(monthsFrom('2024-11', '2025-02')).toEqual(['2024-11', '2024-12', '2025-01', '2025-02']);
  });

  it('judges only months in post from the first to the last day', () => {
    expect(inPostAllMonth(term, '2024-03')).toBe(false);
    expect(inPostAllMonth(term, '2024-04')).toBe(true);
    expect(inPostAllMonth(term, '2026-03')).toBe(false);
    expect(inPostAllMonth(term, '2026-02')).toBe(true);
  });

  it('a recall ends the post the day before its date', () => {
    const recalled = { ...term, endedOn: '2024-06-01' };
    expect(inPostOn(recalled, '2024-05-31')).toBe(true);
    expect(inPostOn(recalled, '2024-06-01')).toBe(false);
    expect(inPostAllMonth(recalled, '2024-05')).toBe(true);
    expect(inPostAllMonth(recalled, '2024-06')).toBe(false);
  });

  it('counts approved leave inside the month only, each day once', () => {
    const leaves = [
      { fromDate: '2024-04-28', toDate: '2024-05-03', approvedBy: '乡党委书记' },
      { fromDate: '2024-05-02', toDate: '2024-05-04', approvedBy: '乡党委书记' },
      { fromDate: '2024-05-10', toDate: '2024-05-12', approvedBy: null },
    ];
    expect(approvedLeaveDays(leaves, '2024-05')).toBe(4);
    expect(approvedLeaveDays(leaves, '2024-04')).toBe(3);
  });

  it('below the required days unless approved leave makes them up; unrecorded months are not zero', () => {
    expect(monthStatus(term, '2024-05', 19, 0, 20)).toBe('below');
    expect(monthStatus(term, '2024-05', 17, 3, 20)).toBe('ok');
    expect(monthStatus(term, '2024-05', 20, 0, 20)).toBe('ok');
    expect(monthStatus(term, '2024-05', null, 0, 20)).toBe('notRecorded');
    expect(monthStatus(term, '2024-03', 5, 0, 20)).toBe('notJudged');
  });

  it('refuses impossible entries with the reason', () => {
    expect(monthEntryProblem(term, '2024-02', 31, '2024-06')).toMatch(/29 天/);
    expect(monthEntryProblem(term, '2024-07', 20, '2024-06')).toMatch(/尚未到来/);
    expect(monthEntryProblem(term, '2024-02', 20, '2024-06')).toMatch(/不在任职期内/);
    expect(monthEntryProblem(term, '2024-03', 12, '2024-06')).toBeNull();
  });
});
