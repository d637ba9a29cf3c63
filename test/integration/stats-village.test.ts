import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core.js';
import type { ReportResult } from '../../shared/reports/types.js';
import { caller, createCore, idFor, tempDir } from '../helpers/ledger.js';

type Stats = Record<string, any>;

/**
 * The teams and organisational-life blocks of the statistics on hand-built data: below the
 * required days month by month (approved leave counted), missed meetings on period boundaries,
 * figures that follow the settings and a member who makes a branch need a 支委会 — through
 * stats.compute (the `stats --json` object), stats.report and stats.drill.
 */
describe('statistics of village work teams and organisational life', () => {
  const tmp = tempDir();
  let core: Core;
  let call: ReturnType<typeof caller>;
  const o: Record<string, string> = {};
  const value = (r: ReportResult, row: string, col: string) => r.rows.find((x) => x.key === row)!.values[r.columns.findIndex((c) => c.key === col)];
  const stats = (): Promise<Stats> => call('stats.compute', { under: o.T!, asOf: '2024-12-31', from: '2024-01-01', to: '2024-12-31' }) as Promise<Stats>;

  beforeAll(async () => {
    const made = await createCore(tmp.dir);
    core = made.core;
    call = caller(core, made.adminId);
    const org = async (key: string, parentId: string, name: string, kind: 'committee' | 'branch' | 'group', extra: Record<string, unknown> = {}) => {
      o[key] = (await call('org.create', { parentId, name, kind, unitCategory: kind === 'committee' ? 'township' : 'village', ...extra })).id;
    };
    await org('T', made.rootId, '中共甲乡委员会', 'committee');
    await org('A', o.T!, '中共一村支部委员会', 'branch', { foundedOn: '2000-01-01' });
    await org('B', o.T!, '中共二村支部委员会', 'branch', { foundedOn: '2000-01-01' });
    await org('G', o.B!, '二村第一党小组', 'group');
    for (let i = 0; i < 6; i++) await call('member.create', { idNumber: idFor('1970-01-01'), name: `二村党员${i}`, category: 'formal', joinedOn: '2000-01-01', confirmedOn: '2001-01-01', orgId: o.B! });

    // Teams: 甲 all year, 乙 from 15 March (March not judged), 丙 recalled on 1 July.
    const t = async (name: string, extra: Record<string, unknown>) => (await call('team.create', { villageOrgId: o.A!, name, role: 'member', dispatchingLevel: 'county', ...extra })).id;
    const a = await t('甲', { role: 'first-secretary', fromDate: '2023-03-01', toDate: '2025-02-28' });
    const b = await t('乙', { fromDate: '2024-03-15', toDate: '2026-03-14' });
    const c = await t('丙', { fromDate: '2023-03-01', toDate: '2025-02-28' });
    await call('team.end', { id: c, kind: 'recall', onDate: '2024-07-01', reason: '召回' });
    const entries = [
      { teamMemberId: a, month: '2024-01', daysInVillage: 18 },
      { teamMemberId: a, month: '2024-02', daysInVillage: 17 },
      { teamMemberId: a, month: '2024-03', daysInVillage: 22 },
      { teamMemberId: b, month: '2024-03', daysInVillage: 10 },
      { teamMemberId: b, month: '2024-04', daysInVillage: 19 },
      { teamMemberId: c, month: '2024-06', daysInVillage: 15 },
    ];
    await call('team.recordMonths', { entries });
    // 甲's February: 17 + 3 approved days = 20; 乙's April: 19 + 1 unapproved day stays below.
    await call('team.saveLeave', { teamMemberId: a, fromDate: '2024-02-05', toDate: '2024-02-07', approvedBy: '乡党委书记' });
    await call('team.saveLeave', { teamMemberId: b, fromDate: '2024-04-10', toDate: '2024-04-10' });
    await call('team.setGrade', { teamMemberId: a, year: 2024, grade: '优秀' });

    // Meetings: 一村 held its Q1 党员大会 on 31 March, Q2's on 1 July (that is Q3); 二村 none.
    await call('meeting.create', { orgId: o.A!, kind: 'member-congress', heldOn: '2024-03-31' });
    await call('meeting.create', { orgId: o.A!, kind: 'member-congress', heldOn: '2024-07-01' });
    await call('meeting.create', { orgId: o.A!, kind: 'member-congress', heldOn: '2024-12-31' });
    await call('meeting.create', { orgId: o.G!, kind: 'group', heldOn: '2024-05-20' });
  });
  afterAll(async () => {
    await core.close();
    tmp.cleanup();
  });

  it('teams: in post on the date, and below the required days month by month with approved leave counted', async () => {
    const s = await stats();
    expect(s.teams).toMatchObject({ inPost: 2, firstSecretaries: 1, byLevel: { county: 2 } });
    expect(Object.keys(s.teams.belowRequiredByMonth)).toHaveLength(12);
    // Jan: 甲 18; Feb: 甲 17+3 = 20 (ok); Mar: 乙 not judged; Apr: 乙 19 (+1 unapproved); Jun: 丙 15; Jul: 丙 recalled on the 1st (not in post).
    expect(s.teams.belowRequiredByMonth).toMatchObject({ '2024-01': 1, '2024-02': 0, '2024-03': 0, '2024-04': 1, '2024-06': 1, '2024-07': 0 });
    expect(s.teams.notRecordedByMonth).toMatchObject({ '2024-01': 1, '2024-03': 1, '2024-04': 2, '2024-06': 2, '2024-07': 2 });
    const r = await call('stats.report', { definitionId: 'team.belowByMonth', under: o.T!, asOf: '2024-12-31', from: '2024-01-01', to: '2024-12-31' });
    expect(r.rows.map((x) => x.key)).toEqual(['total', ...Array.from({ length: 12 }, (_, i) => `2024-${String(i + 1).padStart(2, '0')}`)]);
    expect(value(r, '2024-06', 'judged')).toBe(3);
    const drill = await call('stats.drill', { definitionId: 'team.belowByMonth', rowKey: '2024-04', columnKey: 'below', under: o.T!, asOf: '2024-12-31', from: '2024-01-01', to: '2024-12-31' });
    expect(drill.rows.map((x) => x.name)).toEqual(['乙']);
    const grades = await call('stats.report', { definitionId: 'team.grades', under: o.T!, asOf: '2024-12-31' });
    expect(value(grades, '优秀', 'count')).toBe(1);
  });

  it('a month not over by the as-of date is not judged', async () => {
    const s = (await call('stats.compute', { under: o.T!, asOf: '2024-04-29', from: '2024-01-01', to: '2024-04-29' })) as Stats;
    expect(s.teams.belowRequiredByMonth).toEqual({ '2024-01': 1, '2024-02': 0, '2024-03': 0, '2024-04': 0 });
  });

  it('the required days are a setting; the figures follow it at once', async () => {
    await call('settings.update', { teamRequiredDays: 18 });
    expect((await stats()).teams.belowRequiredByMonth).toMatchObject({ '2024-01': 0, '2024-04': 0, '2024-06': 1 });
    await call('settings.update', { teamRequiredDays: 20 });
    expect((await stats()).teams.belowRequiredByMonth).toMatchObject({ '2024-01': 1, '2024-04': 1 });
  });

  it('life: branches that missed a required meeting, on quarter boundaries, with groups and the 支委会 rule', async () => {
    const s = await stats();
    expect(s.life).toMatchObject({ from: '2024-01-01', to: '2024-12-31' });
    // 党员大会: 一村 missed Q2 (1 July is Q3), 二村 all; 党小组会 only 二村 (groups), missing 11 months.
    expect(s.life.branchesMissing).toMatchObject({ 'branch-meeting': 2, 'committee-meeting': 0, 'group-meeting': 1, 'party-lecture': 2, 'life-meeting': 2 });
    expect(s.life.branchesDue).toMatchObject({ 'branch-meeting': 2, 'committee-meeting': 0, 'group-meeting': 1 });
    const drill = await call('stats.drill', { definitionId: 'life.missed', rowKey: 'member-congress', columnKey: 'missed', under: o.T!, asOf: '2024-12-31', from: '2024-01-01', to: '2024-12-31' });
    expect(drill.rows.map((x) => x.name).sort()).toEqual(['中共一村支部委员会', '中共二村支部委员会'].sort());
    const q1 = (await call('stats.compute', { under: o.T!, asOf: '2024-03-31', from: '2024-01-01', to: '2024-03-31' })) as Stats;
    expect(q1.life.branchesMissing['branch-meeting']).toBe(1);
    expect(q1.life.branchesMissing['life-meeting']).toBe(0);
  });

  it('a seventh 正式党员 makes the branch due 支委会 from the month they count (member store kept up to date)', async () => {
    expect((await stats()).life.branchesDue['committee-meeting']).toBe(0);
    const m = await call('member.create', { idNumber: idFor('1980-01-01'), name: '二村党员7', category: 'formal', joinedOn: '2023-01-01', confirmedOn: '2024-06-15', orgId: o.B! });
    const after = await stats();
    expect(after.life.branchesDue['committee-meeting']).toBe(1);
    const r = await call('stats.report', { definitionId: 'life.missed', under: o.T!, asOf: '2024-12-31', from: '2024-01-01', to: '2024-12-31' });
    expect(value(r, 'committee', 'missed')).toBe(1);
    const list = await call('meeting.missed', { orgId: o.T!, span: 'year', at: '2024', asOf: '2024-12-31' });
    expect(list.rows.find((x) => x.kind === 'committee')).toMatchObject({ orgName: '中共二村支部委员会', due: ['2024-06', '2024-07', '2024-08', '2024-09', '2024-10', '2024-11', '2024-12'] });
    await call('member.addEvent', { memberId: m.id, kind: 'deceased', onDate: '2024-09-10' });
    const list2 = await call('meeting.missed', { orgId: o.T!, span: 'year', at: '2024', asOf: '2024-12-31' });
    expect(list2.rows.find((x) => x.kind === 'committee')!.due).toEqual(['2024-06', '2024-07', '2024-08']);
  });
});
