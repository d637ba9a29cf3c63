import { describe, expect, it } from 'vitest';
import { DEFAULT_RESERVE_CHECKS as C, RESERVE_STAGES, reserveChecksFrom, reserveFindings, stageMoveRefusal, type ReserveCheckInput } from './reserve-rules.js';

const base: ReserveCheckInput = { from: 'assessed', to: 'training', onDate: '2024-06-01', birthDate: '1990-01-01', educationBucket: 3, direction: 'secretary', negatives: [] };
const ids = (i: Partial<ReserveCheckInput>, checks = C) => reserveFindings({ ...base, ...i }, checks).map((f) => f.ruleId);

describe('reserve stage moves', () => {
  it('allows exactly one step forward, entry or exit from an open stage, and nothing out of a final one', () => {
    const allowed: string[] = [];
    for (const from of RESERVE_STAGES) for (const to of RESERVE_STAGES) if (stageMoveRefusal(from, to) === null) allowed.push(`${from}>${to}`);
    expect(allowed.sort()).toEqual([
      'assessed>entered', 'assessed>exited', 'assessed>training',
      'recommended>assessed', 'recommended>entered', 'recommended>exited',
      'training>entered', 'training>exited',
    ]);
    expect(stageMoveRefusal('training', 'assessed')).toMatch(/不能倒退/);
    expect(stageMoveRefusal('recommended', 'training')).toMatch(/须先经过“考察”/);
    expect(stageMoveRefusal('entered', 'exited')).toMatch(/已进入两委/);
  });
});

describe('reserve checks', () => {
  it('age: 40 on the day before the 41st birthday passes, the birthday warns, past 45 says so', () => {
    expect(ids({ birthDate: '1983-06-02', educationBucket: 2 })).toEqual([]);
    expect(ids({ birthDate: '1983-06-01', educationBucket: 2 })).toEqual(['age']);
    const over = reserveFindings({ ...base, birthDate: '1978-06-01' }, C);
    expect(over[0]!.message).toMatch(/也超过特殊情况放宽的45岁/);
    expect(reserveFindings({ ...base, birthDate: '1979-06-02' }, C)[0]!.message).toMatch(/可放宽至45岁/);
    expect(ids({ birthDate: '1983-06-01' }, reserveChecksFrom({ posts: { secretary: { maxAge: 41, exceptionalMaxAge: 45, educationUpToAge: 35, minEducationBucket: 3 } } }))).toEqual([]);
  });

  it('education: 大专 needed up to 35 (on the 36th birthday no longer), 中专 warns, unknown warns', () => {
    expect(ids({ birthDate: '1989-06-02', educationBucket: 4 })).toEqual(['education']);
    expect(ids({ birthDate: '1988-06-01', educationBucket: 4 })).toEqual([]);
    expect(ids({ educationBucket: 3, birthDate: '1995-01-01' })).toEqual([]);
    expect(ids({ educationBucket: null, birthDate: '1995-01-01' })).toEqual(['education']);
    expect(ids({ educationBucket: 6, birthDate: '1995-01-01' }, { ...C, educationEnabled: false })).toEqual([]);
  });

  it('negative list: inside the look-back window warns, exactly its length ago does not; criminal records always', () => {
    expect(ids({ negatives: [{ code: 'unqualified', onDate: '2019-06-02' }] })).toEqual(['negative:unqualified']);
    expect(ids({ negatives: [{ code: 'unqualified', onDate: '2019-06-01' }] })).toEqual([]);
    expect(ids({ negatives: [{ code: 'criminal', onDate: '2001-01-01' }] })).toEqual(['negative:criminal']);
    // A fact recorded after the move's date is not held against it.
    expect(ids({ negatives: [{ code: 'discipline', onDate: '2024-06-02' }] })).toEqual([]);
    const off = { ...C, negativeList: C.negativeList.map((n) => ({ ...n, enabled: n.code !== 'criminal' })) };
    expect(ids({ negatives: [{ code: 'criminal', onDate: '2001-01-01' }] }, off)).toEqual([]);
  });

  it('entry into 两委 only from 入库培养, as a setting; an exit is never checked', () => {
    expect(ids({ from: 'training', to: 'entered' })).toEqual([]);
    expect(ids({ from: 'assessed', to: 'entered' })).toEqual(['entry-from-training']);
    expect(ids({ from: 'assessed', to: 'entered' }, { ...C, entryOnlyFromTraining: false })).toEqual([]);
    expect(ids({ to: 'exited', birthDate: '1950-01-01' })).toEqual([]);
  });
});
