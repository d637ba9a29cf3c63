import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core.js';
import { caller, createCore, idFor, tempDir } from '../helpers/ledger.js';
import { addSteps } from '../helpers/pipeline.js';
import type { ReportResult } from '../../shared/reports/types.js';
import { todayIso } from '../../shared/domain/dates.js';

/**
 * A hand-built county whose every figure is known: transfers (inside a township, between
 * townships, from outside), a death, a suspension and restoration, an imported leaver without
 * events, a dissolved branch — checked on both sides of the dates, last year after this year's changes.
 */
describe('statistics as of a date (hand-built county)', () => {
  const tmp = tempDir();
  let core: Core;
  let call: ReturnType<typeof caller>;
  let r2: { id: string };
  const o: Record<string, string> = {};
  const m: Record<string, string> = {};
  const value = (r: ReportResult, row: string, col: string) => r.rows.find((x) => x.key === row)!.values[r.columns.findIndex((c) => c.key === col)];

  beforeAll(async () => {
    const made = await createCore(tmp.dir);
    core = made.core;
    call = caller(core, made.adminId);
    const org = async (key: string, parentId: string, name: string, kind: 'committee' | 'branch' | 'general-branch', unitCategory: 'township' | 'village' | 'community' | 'other', extra: Record<string, unknown> = {}) => {
      o[key] = (await call('org.create', { parentId, name, kind, unitCategory, ...extra })).id;
    };
    await org('T1', made.rootId, '中共甲乡委员会', 'committee', 'township', { foundedOn: '2000-01-01' });
    await org('T2', made.rootId, '中共乙乡委员会', 'committee', 'township');
    await org('V1', o.T1!, '中共一村支部委员会', 'branch', 'village');
    await org('V2', o.T1!, '中共二村总支部委员会', 'general-branch', 'village');
    await org('V2a', o.V2!, '中共二村第一支部委员会', 'branch', 'village', { foundedOn: '2020-01-01' });
    await org('D1', o.T1!, '中共甲乡农机站支部委员会', 'branch', 'other', { foundedOn: '2010-01-01' });
    // Terms and ratings are dated records.
    await call('org.addElection', { orgId: o.V1!, electedOn: '2019-01-01' });
    await call('org.addElection', { orgId: o.V2!, electedOn: '2022-06-01' });
    await call('org.setRating', { orgId: o.V2!, year: 2023, stars: 4, weak: false });
    await call('org.setRating', { orgId: o.D1!, year: 2023, stars: null, weak: true });
    await org('W1', o.T2!, '中共乙乡社区支部委员会', 'branch', 'community');
    const member = async (key: string, orgKey: string, f: Record<string, unknown>) => {
      m[key] = (await call('member.create', { idNumber: idFor((f.birthDate as string | undefined)?.length === 10 ? (f.birthDate as string) : '1970-01-01', f.gender !== '2'), name: `党员${key}`, category: 'formal', orgId: o[orgKey]!, ...f } as never)).id;
    };
    await member('m1', 'V1', { gender: '2', ethnicity: '02', education: '21', jobCategory: '02', birthDate: '1990-05-01', joinedOn: '2015-03-01', confirmedOn: '2016-03-01' });
    await member('m2', 'V1', { gender: '1', ethnicity: '01', education: '71', jobCategory: '08', birthDate: '1950-01-01', joinedOn: '1970-06-01', confirmedOn: '1971-06-01' });
    await member('m3', 'D1', { gender: '1', ethnicity: '01', education: '31', jobCategory: '05', birthDate: '1985-03-03', joinedOn: '2005-01-01', confirmedOn: '2006-01-01' });
    await member('m4', 'V2a', { gender: '1', ethnicity: '01', education: '31', jobCategory: '06', birthDate: '2000-02-29', joinedOn: '2024-04-01', category: 'probationary' });
    // m5 comes from outside the county on 2024-08-01: a record that begins with its 转入.
    await member('m5', 'W1', { gender: '2', ethnicity: '01', education: '21', jobCategory: '03', birthDate: '1976-06-06', joinedOn: '1999-07-01', confirmedOn: '2000-07-01', entry: { kind: 'transfer-in', onDate: '2024-08-01', otherParty: '县外某单位党支部' } });
    await member('m6', 'V2', { gender: '1', ethnicity: '01', education: '61', jobCategory: '02', birthDate: '1960-07-01', joinedOn: '1980-01-01', confirmedOn: '1981-01-01' });
    // Born 1928 (the ID number says so; birth date and sex follow from it).
    await member('m7', 'V1', { idNumber: idFor('1928-03-01', false), ethnicity: '01', joinedOn: '1949-08', confirmedOn: '1950-08' });
    await member('m8', 'V1', { gender: '1', ethnicity: '01', education: '41', jobCategory: '01', birthDate: '1980-01-01', joinedOn: '2010-01-01', confirmedOn: '2011-01-01' });
    // m4's 发展 (2024-04-01) is the start of its record.
    const ev = (key: string, kind: string, onDate: string) => call('member.addEvent', { memberId: m[key]!, kind: kind as never, onDate });
    const move = (key: string, onDate: string, toOrgKey: string) => call('member.transfer', { memberId: m[key]!, onDate, toOrgId: o[toOrgKey]! });
    await ev('m2', 'deceased', '2024-05-10');
    await move('m3', '2024-03-01', 'W1');
    await call('org.dissolve', { id: o.D1!, onDate: '2024-06-30', reason: '农机站撤并' });
    await ev('m6', 'suspended', '2024-02-01');
    await ev('m6', 'restored', '2024-09-01');
    await call('member.addEvent', { memberId: m.m7!, kind: 'mobile', onDate: '2020-05-01', otherParty: '乌鲁木齐市' });
    await move('m7', '2024-07-01', 'V2a');
    // An imported leaver: only the row says it (no events).
    await core.db.updateTable('members').set({ status: 'left', leftOn: '2024-11-11', leftReason: 'expelled' }).where('id', '=', m.m8!).execute();
    // Reserves, pipeline, teams, grids: one of each state.
    // Reserves: recommended, assessed, pooled (入库培养) on dated records; one enters 两委.
    const pooled = async (name: string, birth: string, village: string, source: string, direction: 'secretary' | 'member', pooledOn: string) => {
      const r = await call('reserve.create', { idNumber: idFor(birth), name, villageOrgId: village, source, direction, birthDate: birth, education: '31', politicalStatus: '13', recommendedOn: '2021-01-01' });
      await call('reserve.move', { id: r.id, to: 'assessed', onDate: '2021-06-01' });
      await call('reserve.move', { id: r.id, to: 'training', onDate: pooledOn });
      return r;
    };
    await pooled('后备甲', '1992-01-01', o.V1!, '01', 'secretary', '2023-05-01');
    r2 = await pooled('后备乙', '1995-01-01', o.V2!, '04', 'member', '2024-02-01');
    const r3 = await pooled('后备丙', '1990-01-01', o.V2!, '04', 'secretary', '2022-02-01');
    await call('reserve.move', { id: r3.id, to: 'entered', onDate: '2024-03-01', post: '村委委员' });
    const p1 = await call('pipeline.create', { idNumber: idFor('2001-01-01', false), name: '发展甲', orgId: o.V1!, appliedOn: '2022-01-01', gender: '2', ethnicity: '03', birthDate: '2001-01-01', education: '21', jobCategory: '02' });
    await addSteps(call, p1.id, [['activist', '2022-06-01'], ['candidate', '2023-07-01'], ['branch-meeting', '2024-04-01'], ['approved', '2024-05-01']]);
    const p2 = await call('pipeline.create', { idNumber: idFor('1980-01-01'), name: '发展乙', orgId: o.V2a!, appliedOn: '2024-03-01', birthDate: '1980-01-01' });
    await addSteps(call, p2.id, [['activist', '2024-10-01']]);
    const t1 = await call('team.create', { villageOrgId: o.V1!, name: '第一书记甲', role: 'first-secretary', dispatchingLevel: 'county', fromDate: '2023-01-01', toDate: '2025-12-31' });
    await call('team.recordMonths', { entries: [{ teamMemberId: t1.id, month: '2024-10', daysInVillage: 22 }, { teamMemberId: t1.id, month: '2024-11', daysInVillage: 16 }] });
    const c = await call('grid.create', { parentId: null, name: '乙乡社区', kind: 'community', orgId: o.W1!, foundedOn: '2020-01-01' });
    const g = await call('grid.create', { parentId: c.id, name: '第一网格', kind: 'grid', orgId: o.W1!, foundedOn: '2020-01-01' });
    await call('grid.create', { parentId: g.id, name: '1号楼', kind: 'building', foundedOn: '2020-01-01' });
  });
  afterAll(async () => {
    await core.close();
    tmp.cleanup();
  });

  it('members of a township, last year and this year (transfers, death, restoration, imported leaver)', async () => {
    const lastYear = await call('stats.report', { definitionId: 'member.summary', under: o.T1!, asOf: '2023-12-31' });
    expect(value(lastYear, 'total', 'total')).toBe(6);
    expect(value(lastYear, 'partyAge50', 'total')).toBe(2); // m2 (1971), m7 (1950)
    const thisYear = await call('stats.report', { definitionId: 'member.summary', under: o.T1!, asOf: '2024-12-31' });
    // 发展甲 became a member at the 党委审批 (2024-05-01) of the pipeline, in V1.
    expect(thisYear.rows[0]!.values).toEqual([5, 3, 2, 3, 2]); // total, 女, 少数民族, 大专及以上, 预备
    expect(value(thisYear, 'partyAge50', 'total')).toBe(1);
    expect(value(thisYear, 'mobile', 'total')).toBe(1);
    // The day before and the day of each change.
    const total = async (under: string, asOf: string) => value(await call('stats.report', { definitionId: 'member.summary', under, asOf }), 'total', 'total');
    expect(await total(o.T2!, '2024-02-29')).toBe(0);
    expect(await total(o.T2!, '2024-03-01')).toBe(1); // m3 arrived
    expect(await total(o.T2!, '2024-08-01')).toBe(2); // m5 from outside
    expect(await total(o.V1!, '2024-04-30')).toBe(4); // m1, m2, m7, m8
    expect(await total(o.V1!, '2024-05-01')).toBe(5); // 发展甲 approved
    expect(await total(o.V1!, '2024-06-30')).toBe(4); // m1, m7, m8, 发展甲 (m2 died)
    expect(await total(o.V1!, '2024-07-01')).toBe(3); // m7 moved to V2a
    expect(await total(o.V2!, '2024-02-01')).toBe(0); // m6 suspended; m4 not yet admitted
    expect(await total(o.V2!, '2024-09-01')).toBe(3); // m4, m6 back, m7
    expect(await total(o.V1!, '2024-11-10')).toBe(3);
    expect(await total(o.V1!, '2024-11-11')).toBe(2); // m8 left (row only)
  });

  it('bands: age, education, job, 入党时间 as of the date', async () => {
    const page = await call('stats.page', { domain: 'members', under: o.T1!, asOf: '2024-12-31' });
    const rep = (id: string) => page.find((r) => r.definitionId === id)!;
    const col = (id: string) => Object.fromEntries(rep(id).rows.map((r) => [r.key, r.values[0]]));
    expect(col('member.age')).toEqual({ total: 5, '<=30': 2, '31-35': 1, '36-40': 0, '41-45': 0, '46-50': 0, '51-55': 0, '56-60': 0, '>=61': 2, unknown: 0 });
    expect(col('member.ageAnnual')).toMatchObject({ '61-65': 1, '66-70': 0, '>=71': 1 });
    expect(col('member.education')).toEqual({ total: 5, 1: 0, 2: 2, 3: 1, 4: 0, 5: 1, 6: 0, unknown: 1 });
    expect(col('member.job')).toMatchObject({ '02': 3, '06': 1, unknown: 1 });
    expect(col('member.joined')).toEqual({ total: 5, 'pre-1949-10': 1, '1949-10..1978-12': 0, '1979-01..2012-10': 1, '2012-11..': 3, unknown: 0 });
  });

  it('the change identity holds exactly, and internal moves are not transfers', async () => {
    for (const [under, expected] of [
      [o.T1!, { start: 6, admitted: 2, transferIn: 0, restored: 1, expelled: 1, transferOut: 1, suspended: 1, deceased: 1, end: 5 }],
      [undefined, { start: 6, admitted: 2, transferIn: 1, restored: 1, expelled: 1, transferOut: 0, suspended: 1, deceased: 1, end: 7 }],
      [o.T2!, { start: 0, admitted: 0, transferIn: 2, restored: 0, expelled: 0, transferOut: 0, suspended: 0, deceased: 0, end: 2 }],
    ] as const) {
      const r = await call('stats.report', { definitionId: 'member.change', under, from: '2024-01-01', to: '2024-12-31' });
      const c = Object.fromEntries(r.rows.map((x) => [x.key, x.values[0]])) as Record<string, number>;
      expect(c).toEqual(expected);
      expect(c.start! + c.admitted! + c.transferIn! + c.restored! - c.expelled! - c.transferOut! - c.suspended! - c.deceased!).toBe(c.end);
      // Drill lists have as many people as the figures.
      for (const row of r.rows) {
        const d = await call('stats.drill', { ...row.drill![0]!.filter, limit: 1000 });
        expect(d.total, `${row.key}`).toBe(row.values[0]);
      }
    }
  });

  it('organisations: kinds below the root, dissolved on both sides of the date, terms, weak', async () => {
    const s23 = await call('stats.compute', { under: o.T1!, asOf: '2023-12-31' });
    const s24 = await call('stats.compute', { under: o.T1!, asOf: '2024-12-31' });
    const orgs = (s: typeof s23) => s.organisations as { basic: number; byKind: Record<string, number>; termDue: number; termOverdue: number; weak: number };
    expect(orgs(s23).byKind).toEqual({ committee: 0, 'working-committee': 0, 'general-branch': 1, branch: 3, 'joint-branch': 0, 'temporary-branch': 0, group: 0 });
    expect(orgs(s23).basic).toBe(4);
    expect(orgs(s23).weak).toBe(1);
    expect(orgs(s24).byKind.branch).toBe(2);
    expect(orgs(s24).basic).toBe(3);
    expect(orgs(s24).weak).toBe(0);
    expect([orgs(s24).termDue, orgs(s24).termOverdue]).toEqual([0, 1]);
    expect([orgs(s23).termDue, orgs(s23).termOverdue]).toEqual([0, 0]);
    const county = await call('stats.compute', { asOf: '2024-12-31' });
    expect((county.organisations as { byKind: Record<string, number>; basic: number }).byKind).toMatchObject({ committee: 2, 'general-branch': 1, branch: 3 });
    expect((county.organisations as { basic: number }).basic).toBe(6);
  });

  it('development, pipeline, reserves, teams and grids', async () => {
    const s = await call('stats.compute', { asOf: '2024-12-31', from: '2024-01-01', to: '2024-12-31' });
    expect(s.development).toMatchObject({ from: '2024-01-01', to: '2024-12-31', admitted: 1, female: 1, minority: 1, age35OrUnder: 1, collegeOrAbove: 1, pipeline: { applicant: 0, activist: 1, candidate: 0, probationary: 1 } });
    const lastYear = await call('stats.compute', { asOf: '2023-12-31', from: '2023-01-01', to: '2023-12-31' });
    expect(lastYear.development).toMatchObject({ admitted: 0, pipeline: { applicant: 0, activist: 0, candidate: 1, probationary: 0 } });
    // 2024: 甲 and 乙 in the pool at the end; 丙 entered 两委 in March; the year's pool is all three.
    expect(s.reserves).toMatchObject({ total: 2, enteredCommittees: 1, enteredCommitteesInPeriod: 1, poolInPeriod: 3, ratio: 33.3, bySource: { '01': 1, '04': 1 }, villagesWithSecretaryReserve: 1, villagesWithoutSecretaryReserve: 1 });
    expect(s.reserves).toMatchObject({ ageBands: { '<=35': 2, '36-40': 0 }, education: { '3': 2 } });
    expect(lastYear.reserves).toMatchObject({ total: 2, enteredCommittees: 0, enteredCommitteesInPeriod: 0, poolInPeriod: 2, ratio: 0 });
    // A later stage record leaves the past as it was.
    await call('reserve.move', { id: r2.id, to: 'exited', onDate: todayIso(), reason: '外出务工' });
    expect((await call('stats.compute', { asOf: '2024-12-31', from: '2024-01-01', to: '2024-12-31' })).reserves).toEqual(s.reserves);
    expect(s.teams).toMatchObject({ inPost: 1, firstSecretaries: 1, avgDays: 19, belowDays: 1 });
    expect(s.grids).toMatchObject({ communities: 1, grids: 1, buildings: 1, gridBranches: 1, buildingGroups: 0 });
    const cov = await call('stats.report', { definitionId: 'org.coverage', asOf: '2024-12-31' });
    expect(value(cov, 'building', 'withoutOrg')).toBe(1);
  });

  it('every figure of a member report drills down to exactly that many people', async () => {
    const r = await call('stats.report', { definitionId: 'member.age', under: o.T1!, asOf: '2024-12-31' });
    for (const row of r.rows) {
      for (const [i, d] of row.drill!.entries()) {
        const page = await call('stats.drill', { ...d!.filter, limit: 1000 });
        expect(page.total).toBe(row.values[i]);
      }
    }
    const dead = await call('stats.drill', { definitionId: 'member.change', rowKey: 'deceased', columnKey: 'count', under: o.T1!, from: '2024-01-01', to: '2024-12-31' });
    expect(dead.rows.map((x) => x.name)).toEqual(['党员m2']);
  });
});
