import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core.js';
import type { ReportResult } from '../../shared/reports/types.js';
import { todayIso } from '../../shared/domain/dates.js';
import { caller, createCore, idFor, tempDir } from '../helpers/ledger.js';
import { buildTwoTownships, type TwoTownships } from '../helpers/county.js';

const value = (r: ReportResult, row: string, col: string) => r.rows.find((x) => x.key === row)?.values[r.columns.findIndex((c) => c.key === col)];

/**
 * The grids block and the coverage report read the register of places as of a date: a village
 * without any party organisation is counted as such, a covering organisation counts from the day it
 * covers, registrations from their dates, and later edits never move an earlier answer.
 */
describe('statistics of grid units, as of a date', () => {
  const tmp = tempDir('ledger-stats-grids-');
  let core: Core;
  let t: TwoTownships;
  let call: ReturnType<typeof caller>;
  let ids: Record<string, string>;

  beforeAll(async () => {
    const made = await createCore(tmp.dir);
    core = made.core;
    t = await buildTwoTownships(core, made.adminId, made.rootId);
    call = caller(core, made.adminId);
    const A = t.A.town.id;
    const community = await call('org.create', { parentId: A, name: '中共甲乡新华社区委员会', shortName: '新华社区党委', kind: 'committee', unitCategory: 'community', foundedOn: '2010-01-01' });
    const branch = await call('org.create', { parentId: community.id, name: '中共新华社区第一网格支部委员会', shortName: '第一网格党支部', kind: 'branch', unitCategory: 'community', foundedOn: '2019-01-01' });
    const group = await call('org.create', { parentId: branch.id, name: '11号楼党小组', kind: 'group', foundedOn: '2019-01-01' });
    const c = await call('grid.create', { parentId: null, ownerOrgId: A, name: '新华社区', kind: 'community', orgId: community.id, foundedOn: '2015-01-01' });
    const g1 = await call('grid.create', { parentId: c.id, name: '第一网格', kind: 'grid', orgId: branch.id, foundedOn: '2019-01-01' });
    const g2 = await call('grid.create', { parentId: c.id, name: '第二网格', kind: 'grid', foundedOn: '2019-01-01' });
    const b1 = await call('grid.create', { parentId: g1.id, name: '11号楼', kind: 'building', orgId: group.id, foundedOn: '2019-01-01' });
    const b2 = await call('grid.create', { parentId: g2.id, name: '21号楼', kind: 'building', foundedOn: '2019-01-01' });
    // A village that has never had a party organisation, with its 村民小组.
    const v = await call('grid.create', { parentId: null, ownerOrgId: A, name: '红柳村', kind: 'village', foundedOn: '2000-01-01' });
    await call('grid.create', { parentId: v.id, name: '红柳村第一村民小组', kind: 'village-group', foundedOn: '2000-01-01' });
    const m1 = await call('member.create', { idNumber: idFor('1980-01-01'), name: '报到甲', category: 'formal', joinedOn: '2005-07-01', confirmedOn: '2006-07-01', orgId: t.A.village.id });
    const m2 = await call('member.create', { idNumber: idFor('1970-01-01'), name: '报到乙', category: 'formal', joinedOn: '1995-07-01', confirmedOn: '1996-07-01', orgId: t.B.village.id });
    await call('grid.register', { memberId: m1.id, gridId: b1.id, onDate: '2023-03-01' });
    await call('grid.register', { memberId: m2.id, gridId: g2.id, onDate: '2023-05-01' });
    ids = { community: community.id, branch: branch.id, c: c.id, g1: g1.id, g2: g2.id, b1: b1.id, b2: b2.id, v: v.id, m1: m1.id, m2: m2.id };
  });
  afterAll(async () => {
    await core.close();
    tmp.cleanup();
  });

  it('counts places, units, covering organisations and registrations of a township on a day', async () => {
    const s = await call('stats.compute', { under: t.A.town.id, asOf: '2023-12-31' });
    expect(s.grids).toEqual({
      // 甲社区 of the shared fixture counts too (founded 2020, covered by 甲村党支部).
      communities: 2, villages: 1, grids: 2, buildings: 2, villageGroups: 1, gridBranches: 1, buildingGroups: 1,
      communitiesWithoutOrg: 0, villagesWithoutOrg: 1, gridsWithoutOrg: 1, buildingsWithoutGroup: 1, membersRegistered: 2,
    });
    // Before the branches existed and before anyone registered.
    const early = await call('stats.compute', { under: t.A.town.id, asOf: '2018-12-31' });
    expect(early.grids).toMatchObject({ communities: 1, grids: 0, buildings: 0, gridBranches: 0, villagesWithoutOrg: 1, membersRegistered: 0 });
    // A 社区党委's figures hold its community, found through what it covers.
    const community = await call('stats.compute', { under: ids.community!, asOf: '2023-12-31' });
    expect(community.grids).toMatchObject({ communities: 1, villages: 0, grids: 2, buildings: 2, gridBranches: 1, membersRegistered: 2 });
    expect(value(await call('stats.report', { definitionId: 'grid.registered', under: t.A.town.id, asOf: '2023-12-31' }), 'building', 'count')).toBe(1);
  });

  it('keeps every earlier answer after later covering, moves, dissolutions and leavers', async () => {
    const asOf = '2023-12-31';
    const before = (await call('stats.compute', { under: t.A.town.id, asOf })).grids;
    const coverage = await call('stats.report', { definitionId: 'org.coverage', under: t.A.town.id, asOf });
    const villageBranch = await call('org.create', { parentId: t.A.town.id, name: '中共甲乡红柳村支部委员会', kind: 'branch', unitCategory: 'village', foundedOn: '2024-05-01' });
    await call('grid.cover', { id: ids.v!, orgId: villageBranch.id, onDate: '2024-06-01' });
    await call('grid.move', { id: ids.b2!, parentId: ids.g1!, onDate: '2024-03-01' });
    await call('grid.dissolve', { id: ids.g2!, onDate: '2024-04-01', withChildren: true });
    await call('grid.register', { memberId: ids.m1!, gridId: null, onDate: '2024-02-01' });
    await call('member.addEvent', { memberId: ids.m2!, kind: 'deceased', onDate: '2024-01-15' });

    expect((await call('stats.compute', { under: t.A.town.id, asOf })).grids).toEqual(before);
    expect(await call('stats.report', { definitionId: 'org.coverage', under: t.A.town.id, asOf })).toEqual(coverage);
    const now = (await call('stats.compute', { under: t.A.town.id, asOf: todayIso() })).grids as Record<string, number>;
    expect(now).toMatchObject({ villages: 1, villagesWithoutOrg: 0, grids: 1, buildings: 2, membersRegistered: 0 });
    // The day before the village branch covered it, the village had none.
    expect(((await call('stats.compute', { under: t.A.town.id, asOf: '2024-05-31' })).grids as Record<string, number>).villagesWithoutOrg).toBe(1);
    // A registration ended and a member who died are no longer counted from those days.
    expect(((await call('stats.compute', { under: t.A.town.id, asOf: '2024-01-15' })).grids as Record<string, number>).membersRegistered).toBe(1);
  });

  it('drills a coverage figure down to exactly its units', async () => {
    const r = await call('stats.report', { definitionId: 'org.coverage', under: t.A.town.id, asOf: '2023-12-31' });
    const n = value(r, 'building', 'withoutOrg');
    const d = await call('stats.drill', { definitionId: 'org.coverage', rowKey: 'building', columnKey: 'withoutOrg', under: t.A.town.id, asOf: '2023-12-31' });
    expect(d.total).toBe(n);
    expect(d.rows.map((x) => x.name)).toEqual(['21号楼']);
  });
});
