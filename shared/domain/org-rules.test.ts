import { describe, expect, it } from 'vitest';
import { approvalRightsRefusal, electionOn, placementRefusal, ratingOn, rectificationDatesRefusal, rectificationStatusOn, structureWarnings, termStateOn, type StructureFacts } from './org-rules.js';

describe('placementRefusal', () => {
  it('allows the usual county shape', () => {
    expect(placementRefusal('local-committee', 'committee')).toBeNull();
    expect(placementRefusal('working-committee', 'committee')).toBeNull();
    expect(placementRefusal('committee', 'general-branch')).toBeNull();
    expect(placementRefusal('general-branch', 'branch')).toBeNull();
    expect(placementRefusal('committee', 'joint-branch')).toBeNull();
    expect(placementRefusal('temporary-branch', 'group')).toBeNull();
  });
  it('refuses what cannot be', () => {
    expect(placementRefusal('general-branch', 'group')).toContain('党小组只能设在党支部');
    expect(placementRefusal('group', 'group')).toContain('党小组之下不能再设组织');
    expect(placementRefusal('branch', 'joint-branch')).toContain('只能设党小组');
    expect(placementRefusal('general-branch', 'general-branch')).toContain('党总支只能设在党委或党工委之下');
    expect(placementRefusal('committee', 'local-committee')).toContain('根组织');
  });
});

describe('approvalRightsRefusal', () => {
  it('only a 基层党委 outside villages and communities, and the county committee', () => {
    expect(approvalRightsRefusal('committee', 'township')).toBeNull();
    expect(approvalRightsRefusal('local-committee', null)).toBeNull();
    expect(approvalRightsRefusal('committee', 'community')).toContain('村、社区党委');
    expect(approvalRightsRefusal('general-branch', 'organ')).toContain('党总支没有审批');
    expect(approvalRightsRefusal('working-committee', 'street')).toContain('党工委没有审批');
  });
});

describe('structureWarnings', () => {
  const branch: StructureFacts = { kind: 'branch', unitCategory: 'village', canApprove: false, formal: 6, total: 6, committee: 0 };
  const codes = (f: Partial<StructureFacts>) => structureWarnings({ ...branch, ...f }).map((w) => w.code);
  it('asks for a committee from 7 正式党员 until 3 委员 are in post', () => {
    expect(codes({})).toEqual([]);
    expect(codes({ formal: 7, total: 7, committee: 2 })).toEqual(['no-committee']);
    expect(codes({ formal: 7, total: 7, committee: 3 })).toEqual([]);
  });
  it('fewer than 3 正式党员 outside a 联合党支部; more than 50 members in any branch', () => {
    expect(codes({ formal: 2, total: 5 })).toEqual(['too-few-formal']);
    expect(codes({ kind: 'joint-branch', formal: 2, total: 2 })).toEqual([]);
    expect(codes({ formal: 45, total: 50, committee: 5 })).toEqual([]);
    expect(codes({ formal: 45, total: 51, committee: 5 })).toEqual(['too-many-members']);
    expect(codes({ kind: 'general-branch', formal: 0, total: 0 })).toEqual([]);
  });
  it('flags approval rights where the kind cannot hold them', () => {
    expect(codes({ canApprove: true })).toEqual(['approval-rights']);
    expect(codes({ kind: 'committee', unitCategory: 'township', canApprove: true, formal: 0 })).toEqual([]);
  });
});

describe('records in force on a date', () => {
  const e = (electedOn: string, extendedTo: string | null = null, extensionApprovedOn: string | null = null) => ({ electedOn, termYears: 3, extendedTo, extensionApprovedOn });
  it('the latest election on or before the date', () => {
    const list = [e('2018-05-01'), e('2021-04-20'), e('2015-06')];
    expect(electionOn(list, '2015-05-31')).toBeNull();
    expect(electionOn(list, '2015-06-01')?.electedOn).toBe('2015-06');
    expect(electionOn(list, '2021-04-19')?.electedOn).toBe('2018-05-01');
    expect(electionOn(list, '2021-04-20')?.electedOn).toBe('2021-04-20');
  });
  it('an extension counts from its approval; the grace window is a parameter', () => {
    const list = [e('2018-05-01', '2021-10-31', '2021-06-01')];
    expect(termStateOn(list, '2021-05-01', 0)).toBe('due');
    expect(termStateOn(list, '2021-05-02', 0)).toBe('overdue');
    expect(termStateOn(list, '2021-06-01', 0)).toBe('due');
    expect(termStateOn(list, '2021-11-01', 0)).toBe('overdue');
    expect(termStateOn([e('2018-05-01')], '2021-08-01', 3)).toBe('due');
    expect(termStateOn([e('2018-05-01')], '2021-08-02', 3)).toBe('overdue');
    expect(termStateOn([], '2021-08-02', 0)).toBeNull();
  });
  it('a year\'s rating in force until a later year is rated', () => {
    const ratings = [{ year: 2022 }, { year: 2024 }];
    expect(ratingOn(ratings, '2021-12-31')).toBeNull();
    expect(ratingOn(ratings, '2023-06-30')?.year).toBe(2022);
    expect(ratingOn(ratings, '2024-01-01')?.year).toBe(2024);
  });
  it('整顿 status from the dates', () => {
    const r = { rectifiedOn: '2024-10-01', closedOn: '2024-12-15' };
    expect(rectificationStatusOn(r, '2024-09-30')).toBe('rectifying');
    expect(rectificationStatusOn(r, '2024-10-01')).toBe('pending-acceptance');
    expect(rectificationStatusOn(r, '2024-12-15')).toBe('closed');
    expect(rectificationDatesRefusal({ startedOn: '2024-03-01', rectifiedOn: '2024-02-01', closedOn: null })).toBe('整顿完成日期早于开始整顿日期');
    expect(rectificationDatesRefusal({ startedOn: null, ...r })).toBeNull();
  });
});
