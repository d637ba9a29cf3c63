import { describe, expect, it } from 'vitest';
import { DEFAULT_MEETING_FREQUENCIES, duePeriods, missedMeetings, periodLabel, periodOf, periodsWithin, meetingSpan, type BranchFacts, type MeetingKind } from './meeting-rules.js';

const branch = (o: Partial<BranchFacts> = {}): BranchFacts => ({ id: 'b', foundedOn: null, dissolvedOn: null, hasGroups: false, formalOn: () => 3, ...o });
const held = (entries: [MeetingKind, string[]][]) => new Map(entries);

describe('periods of a frequency', () => {
  it('names and bounds months, quarters, halves and years', () => {
    expect(periodOf('2024-02-29', 'month')).toEqual({ key: '2024-02', start: '2024-02-01', end: '2024-02-29' });
    expect(periodOf('2024-05-10', 'quarter')).toEqual({ key: '2024-Q2', start: '2024-04-01', end: '2024-06-30' });
    expect(periodOf('2024-07-01', 'half-year')).toMatchObject({ key: '2024-H2', start: '2024-07-01' });
    expect(periodOf('2024-07-01', 'year')).toEqual({ key: '2024', start: '2024-01-01', end: '2024-12-31' });
    expect(periodLabel('2024-Q4')).toBe('2024年第四季度');
  });

  it('takes only periods wholly inside the span that ended by the judging day', () => {
    expect(periodsWithin('2024-01-01', '2024-12-31', 'quarter', '2024-09-30').map((p) => p.key)).toEqual(['2024-Q1', '2024-Q2', '2024-Q3']);
    expect(periodsWithin('2024-01-01', '2024-12-31', 'quarter', '2024-09-29').map((p) => p.key)).toEqual(['2024-Q1', '2024-Q2']);
    expect(periodsWithin('2024-02-15', '2024-05-31', 'month', '2025-01-01').map((p) => p.key)).toEqual(['2024-03', '2024-04', '2024-05']);
    expect(periodsWithin('2024-03-01', '2024-03-31', 'year', '2025-01-01')).toEqual([]);
    expect(meetingSpan('quarter', '2024-Q3')).toEqual({ from: '2024-07-01', to: '2024-09-30', label: '2024年第三季度' });
  });
});

describe('missed meetings', () => {
  const year = (b: BranchFacts, h: ReturnType<typeof held>, judgedOn = '2025-01-10') => missedMeetings(b, h, duePeriods(DEFAULT_MEETING_FREQUENCIES, '2024-01-01', '2024-12-31', judgedOn));

  it('a meeting on the last day of a quarter counts for that quarter, on the next day for the next', () => {
    const r = year(branch(), held([['member-congress', ['2024-03-31', '2024-07-01', '2024-12-31']]]));
    expect(r.find((m) => m.kind === 'member-congress')).toEqual({ kind: 'member-congress', due: ['2024-Q1', '2024-Q2', '2024-Q3', '2024-Q4'], missed: ['2024-Q2'] });
  });

  it('支委会 only with ≥ 7 正式党员 at the period end; 党小组会 only with groups', () => {
    const small = year(branch(), held([]));
    expect(small.map((m) => m.kind)).not.toContain('committee');
    expect(small.map((m) => m.kind)).not.toContain('group');
    const grown = year(branch({ formalOn: (d) => (d >= '2024-06-30' ? 7 : 6), hasGroups: true }), held([]));
    expect(grown.find((m) => m.kind === 'committee')!.due).toEqual(['2024-06', '2024-07', '2024-08', '2024-09', '2024-10', '2024-11', '2024-12']);
    expect(grown.find((m) => m.kind === 'group')!.due).toHaveLength(12);
  });

  it('a branch is judged only for periods it existed through (dissolved on the 1st: it existed through the month before)', () => {
    const r = year(branch({ foundedOn: '2024-04-01', dissolvedOn: '2024-10-01' }), held([]));
    expect(r.find((m) => m.kind === 'member-congress')!.due).toEqual(['2024-Q2', '2024-Q3']);
    expect(r.find((m) => m.kind === 'theme-day')!.due).toEqual(['2024-04', '2024-05', '2024-06', '2024-07', '2024-08', '2024-09']);
  });

  it('yearly meetings are judged once the year has ended', () => {
    expect(year(branch(), held([]), '2024-12-30').map((m) => m.kind)).not.toContain('life-meeting');
    expect(year(branch(), held([['life-meeting', ['2024-12-20']]]), '2024-12-31').find((m) => m.kind === 'life-meeting')).toEqual({ kind: 'life-meeting', due: ['2024'], missed: [] });
  });
});
