import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core.js';
import { LedgerError } from '../../shared/contract/index.js';
import type { GridNode } from '../../shared/contract/grid.js';
import { addDays, todayIso } from '../../shared/domain/dates.js';
import { caller, createCore, idFor, tempDir } from '../helpers/ledger.js';
import { buildTwoTownships, type TwoTownships } from '../helpers/county.js';

async function refusal(p: Promise<unknown>): Promise<LedgerError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof LedgerError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
}

const byName = <T extends Pick<GridNode, 'name'>>(nodes: T[], name: string) => nodes.find((n) => n.name === name);

/**
 * Grid units on hand-built data: the register of places (a village with no party organisation is a
 * place), placement and move rules, dated history read back as of past days, dissolving, members'
 * registrations, a block saved at once, and the scope of every id.
 */
describe('grid units: places, history, registrations, scope', () => {
  const tmp = tempDir('ledger-grids-');
  let core: Core;
  let t: TwoTownships;
  let admin: ReturnType<typeof caller>;
  let clerkA: ReturnType<typeof caller>;
  let clerkB: ReturnType<typeof caller>;
  let gridBranch: string;

  beforeAll(async () => {
    const made = await createCore(tmp.dir);
    core = made.core;
    t = await buildTwoTownships(core, made.adminId, made.rootId);
    admin = caller(core, made.adminId);
    clerkA = caller(core, t.clerkA.id);
    clerkB = caller(core, t.clerkB.id);
    gridBranch = (await admin('org.create', { parentId: t.A.town.id, name: '中共甲乡新华社区第一网格支部委员会', shortName: '新华第一网格党支部', kind: 'branch', unitCategory: 'community', foundedOn: '2019-05-01' })).id;
  });
  afterAll(async () => {
    await core.close();
    tmp.cleanup();
  });

  it('keeps places without a party organisation and refuses units where they cannot be', async () => {
    const village = await clerkA('grid.create', { parentId: null, name: '红柳村', kind: 'village', foundedOn: '2010-01-01' });
    expect(village).toMatchObject({ ownerOrgId: t.A.town.id, orgId: null, foundedOn: '2010-01-01' });
    const group = await clerkA('grid.create', { parentId: village.id, name: '红柳村第一村民小组', kind: 'village-group', households: 48, population: 160, foundedOn: '2010-01-01' });
    expect(group.ownerOrgId).toBe(t.A.town.id);

    expect((await refusal(clerkA('grid.create', { parentId: null, name: '1号楼', kind: 'building' }))).message).toBe('楼栋须建在社区、网格、小区之下');
    expect((await refusal(clerkA('grid.create', { parentId: group.id, name: '某社区', kind: 'community' }))).message).toBe('社区是最上一级，不能建在其他网格单元之下');
    expect((await refusal(clerkA('grid.create', { parentId: village.id, name: '某小区', kind: 'estate' }))).message).toContain('小区不能建在村之下');
    expect((await refusal(clerkA('grid.create', { parentId: village.id, name: '红柳村第一村民小组', kind: 'village-group' }))).message).toBe('同一上级下已有名为“红柳村第一村民小组”的网格单元');
    expect((await refusal(clerkA('grid.create', { parentId: village.id, name: '明天的组', kind: 'village-group', foundedOn: addDays(todayIso(), 1) }))).message).toContain('晚于今天');
    expect((await refusal(clerkA('grid.create', { parentId: village.id, name: '早于村的组', kind: 'village-group', foundedOn: '2009-12-31' }))).message).toContain('早于上级“红柳村”的设立日期');
    // A county-wide user names the township of a new place (or it follows from the covering organisation).
    expect((await refusal(admin('grid.create', { parentId: null, name: '无主村', kind: 'village' }))).message).toContain('所在的乡镇（街道）');
    const coverage = await clerkA('grid.coverage', {});
    expect(coverage.rows.find((r) => r.id === village.id)).toMatchObject({ covered: false, orgName: null, placePath: '' });
  });

  it('answers every past state by date: names, parents and covering organisations from the dated records', async () => {
    const c1 = await clerkA('grid.create', { parentId: null, name: '新华社区', kind: 'community', foundedOn: '2015-01-01' });
    const c2 = await clerkA('grid.create', { parentId: null, name: '东城社区', kind: 'community', foundedOn: '2015-01-01' });
    const grid = await clerkA('grid.create', { parentId: c1.id, name: '新华社区1网格', kind: 'grid', foundedOn: '2020-03-01', leader: '王网格' });
    const building = await clerkA('grid.create', { parentId: grid.id, name: '11号楼', kind: 'building', foundedOn: '2020-03-01', households: 34 });
    await clerkA('grid.cover', { id: grid.id, orgId: gridBranch, onDate: '2021-06-01' });
    await clerkA('grid.rename', { id: grid.id, name: '新华社区第一网格', onDate: '2022-01-01' });
    await clerkA('grid.move', { id: grid.id, parentId: c2.id, onDate: '2023-05-01' });
    await clerkA('grid.dissolve', { id: building.id, onDate: '2024-02-01', reason: '拆迁' });

    // The state of a day; updatedAt is when the row was last written, not part of any day's state.
    const on = async (asOf: string) => (await clerkA('grid.tree', { asOf })).map(({ updatedAt: _u, ...n }) => n);
    const y2021 = await on('2021-01-01');
    expect(byName(y2021, '新华社区1网格')).toMatchObject({ parentId: c1.id, orgId: null });
    expect(byName(y2021, '11号楼')?.parentId).toBe(grid.id);
    expect(byName(await on('2020-02-29'), '新华社区1网格')).toBeUndefined();
    const mid2022 = await on('2022-06-01');
    expect(byName(mid2022, '新华社区第一网格')).toMatchObject({ parentId: c1.id, orgId: gridBranch, orgName: '新华第一网格党支部' });
    expect(byName(mid2022, '新华社区1网格')).toBeUndefined();
    const mid2023 = await on('2023-06-01');
    expect(byName(mid2023, '新华社区第一网格')?.parentId).toBe(c2.id);
    // The tree path follows the parent of the day.
    expect(byName(mid2023, '11号楼')?.path).toBe(`/${c2.id}/${grid.id}/${building.id}/`);
    expect(byName(await on('2024-02-01'), '11号楼')).toBeUndefined();
    expect(byName(await on('2024-01-31'), '11号楼')).toBeDefined();

    // Later changes do not move the past: a rename today leaves mid-2022 as it was.
    await clerkA('grid.rename', { id: grid.id, name: '东城社区第五网格', onDate: todayIso() });
    expect(await on('2022-06-01')).toEqual(mid2022);
    const history = await clerkA('grid.history', { id: grid.id });
    expect(history.map((h) => [h.kind, h.onDate, h.name ?? h.orgName ?? h.parentName])).toEqual([
      ['found', '2020-03-01', '新华社区1网格'],
      ['cover', '2021-06-01', '新华第一网格党支部'],
      ['rename', '2022-01-01', '新华社区第一网格'],
      ['move', '2023-05-01', '东城社区'],
      ['rename', todayIso(), '东城社区第五网格'],
    ]);
    // A correction mends the current name without a new date.
    await clerkA('grid.rename', { id: grid.id, name: '东城社区第5网格', onDate: todayIso(), correction: true });
    expect((await clerkA('grid.history', { id: grid.id })).at(-1)).toMatchObject({ kind: 'rename', name: '东城社区第5网格' });
    expect(await on('2022-06-01')).toEqual(mid2022);

    // History is written forward only, never into the future.
    expect((await refusal(clerkA('grid.cover', { id: grid.id, orgId: null, onDate: '2023-01-01' }))).message).toContain('早于“东城社区第5网格”最近一次登记的变动');
    expect((await refusal(clerkA('grid.rename', { id: c1.id, name: '新华', onDate: addDays(todayIso(), 1) }))).message).toContain('晚于今天');
    // An organisation founded after the day cannot have covered it then.
    const late = await admin('org.create', { parentId: t.A.town.id, name: '中共甲乡东城社区支部委员会', kind: 'branch', foundedOn: '2025-01-01' });
    expect((await refusal(clerkA('grid.cover', { id: c2.id, orgId: late.id, onDate: '2024-12-31' }))).message).toContain('那天还不能覆盖');
  });

  it('moves like organisations: never under itself, only where its kind may stand, the area goes along', async () => {
    const c = await clerkA('grid.create', { parentId: null, name: '迁出社区', kind: 'community', foundedOn: '2018-01-01' });
    const g = await clerkA('grid.create', { parentId: c.id, name: '迁出网格', kind: 'grid', foundedOn: '2018-01-01' });
    const b = await clerkA('grid.create', { parentId: g.id, name: '迁出楼', kind: 'building', foundedOn: '2018-01-01', buildingLeader: '楼长甲' });
    expect((await refusal(clerkA('grid.move', { id: g.id, parentId: b.id, onDate: '2019-01-01' }))).message).toBe('不能把网格单元调整到它自己或它的下级之下');
    expect((await refusal(clerkA('grid.move', { id: b.id, parentId: null, onDate: '2019-01-01' }))).message).toContain('楼栋须建在');
    expect((await refusal(clerkA('grid.move', { id: g.id, parentId: c.id, onDate: '2019-01-01' }))).message).toContain('已在该位置');

    // The county moves the whole place to 乙乡 (a boundary change): the clerks' scopes follow it.
    await admin('grid.move', { id: c.id, parentId: null, ownerOrgId: t.B.town.id, onDate: '2020-07-01' });
    expect((await clerkB('grid.tree', {})).map((n) => n.name)).toEqual(expect.arrayContaining(['迁出社区', '迁出网格', '迁出楼']));
    expect(byName(await clerkA('grid.tree', {}), '迁出楼')).toBeUndefined();
    expect((await refusal(clerkA('grid.get', { id: b.id }))).message).toBe('该网格单元不在您的管理范围内');
    // 甲乡 still sees its past, without today's names of people now kept by 乙乡.
    const then = await clerkA('grid.tree', { asOf: '2019-12-31' });
    expect(byName(then, '迁出楼')).toMatchObject({ ownerOrgId: t.A.town.id, buildingLeader: null });
    expect(byName(await clerkB('grid.tree', { asOf: '2019-12-31' }), '迁出楼')).toBeUndefined();
    expect(byName(await clerkB('grid.tree', { asOf: '2020-07-01' }), '迁出楼')).toMatchObject({ ownerOrgId: t.B.town.id, buildingLeader: '楼长甲' });
  });

  it('dissolves with its units and registrations only when asked, and never deletes', async () => {
    const c = await clerkA('grid.create', { parentId: null, name: '撤并社区', kind: 'community', foundedOn: '2016-01-01' });
    const g = await clerkA('grid.create', { parentId: c.id, name: '撤并网格', kind: 'grid', foundedOn: '2016-01-01' });
    await clerkA('grid.register', { memberId: t.A.member.id, gridId: g.id, onDate: '2024-03-01' });
    const e = await refusal(clerkA('grid.dissolve', { id: c.id, onDate: '2024-06-30' }));
    expect(e.message).toBe('“撤并社区”下还有1 个未撤销的下级单元、1 名党员在此报到；请先调整或撤销，或选择“连同下级一并撤销”');
    expect((await refusal(clerkA('grid.dissolve', { id: c.id, onDate: '2024-02-01', withChildren: true }))).message).toContain('早于该单元内一名党员的报到日期');
    expect(await clerkA('grid.dissolve', { id: c.id, onDate: '2024-06-30', reason: '社区合并', withChildren: true })).toEqual({ dissolved: 2, registrationsEnded: 1 });
    expect((await clerkA('member.get', { id: t.A.member.id })).gridId).toBeNull();
    expect(byName(await clerkA('grid.tree', {}), '撤并网格')).toBeUndefined();
    expect(byName(await clerkA('grid.tree', { includeDissolved: true }), '撤并网格')).toMatchObject({ dissolvedOn: '2024-06-30', dissolvedReason: '随“撤并社区”撤销' });
    expect(byName(await clerkA('grid.tree', { asOf: '2024-06-29' }), '撤并网格')?.registered).toBe(1);
    expect((await refusal(clerkA('grid.update', { id: g.id, patch: { households: 1 } }))).message).toContain('已于 2024-06-30 撤销');
  });

  it('registers a member with one unit at a time, as dated records; outside members are counted, never named', async () => {
    const c = await clerkA('grid.create', { parentId: null, name: '报到社区', kind: 'community', foundedOn: '2015-01-01' });
    const g1 = await clerkA('grid.create', { parentId: c.id, name: '报到一网格', kind: 'grid', foundedOn: '2015-01-01' });
    const g2 = await clerkA('grid.create', { parentId: c.id, name: '报到二网格', kind: 'grid', foundedOn: '2015-01-01' });
    const m = await admin('member.create', { idNumber: idFor('1975-01-01'), name: '在职党员', category: 'formal', joinedOn: '2000-07-01', confirmedOn: '2001-07-01', orgId: t.A.village.id });
    await clerkA('grid.register', { memberId: m.id, gridId: g1.id, onDate: '2023-01-10' });
    await clerkA('grid.register', { memberId: m.id, gridId: g2.id, onDate: '2024-04-01' });
    expect((await refusal(clerkA('grid.register', { memberId: m.id, gridId: g2.id, onDate: '2024-05-01' }))).message).toBe('在职党员已在“报到二网格”报到');
    expect((await refusal(clerkA('grid.register', { memberId: m.id, gridId: g1.id, onDate: '2024-03-01' }))).message).toContain('早于在职党员上一次报到记录的日期');
    expect((await clerkA('member.get', { id: m.id })).gridId).toBe(g2.id);
    const at = async (asOf: string) => (await clerkA('grid.registrations', { gridId: c.id, asOf })).rows.map((r) => [r.gridName, r.memberName]);
    expect(await at('2023-12-31')).toEqual([['报到一网格', '在职党员']]);
    expect(await at('2024-04-01')).toEqual([['报到二网格', '在职党员']]);
    expect(await at('2022-12-31')).toEqual([]);
    const coverage = await clerkA('grid.coverage', { asOf: '2023-12-31' });
    expect(coverage.rows.find((r) => r.id === c.id)?.registered).toBe(1);
    expect(coverage.rows.find((r) => r.id === g1.id)?.registered).toBe(1);

    // A member of 乙乡 registered by the county with 甲乡's grid: 甲乡's clerk sees a count, no name.
    await admin('grid.register', { memberId: t.B.member.id, gridId: g1.id, onDate: '2024-05-01' });
    const seen = await clerkA('grid.registrations', { gridId: g1.id });
    expect(seen).toEqual({ rows: [], outside: 1 });
    expect(JSON.stringify(seen)).not.toContain(t.B.member.name);
    // 甲乡's clerk can neither register 乙乡's member nor use 乙乡's grid.
    expect((await refusal(clerkA('grid.register', { memberId: t.B.member.id, gridId: null, onDate: todayIso() }))).message).toBe('该党员不在您的管理范围内');
    expect((await refusal(clerkA('grid.register', { memberId: m.id, gridId: t.B.grid.id, onDate: todayIso() }))).message).toBe('该网格单元不在您的管理范围内');
    // Ending a registration.
    await clerkA('grid.register', { memberId: m.id, gridId: null, onDate: '2024-09-01' });
    expect(await at('2024-09-01')).toEqual([]);
    expect((await clerkA('grid.registrations', { gridId: c.id, includeEnded: true })).rows.map((r) => [r.gridName, r.fromDate, r.toDate])).toEqual([
      ['报到一网格', '2023-01-10', '2024-04-01'],
      ['报到二网格', '2024-04-01', '2024-09-01'],
    ]);
  });

  it('saves a pasted block as one change or none, listing every refused cell', async () => {
    const c = await clerkA('grid.create', { parentId: null, name: '粘贴社区', kind: 'community', foundedOn: '2015-01-01' });
    const g = await clerkA('grid.create', { parentId: c.id, name: '粘贴网格', kind: 'grid', foundedOn: '2015-01-01' });
    const audits = async () => (await core.db.selectFrom('auditLog').select('id').where('method', '=', 'grid.saveRows').execute()).length;
    const before = await clerkA('grid.tree', { rootId: g.id });
    const e = await refusal(clerkA('grid.saveRows', {
      parentId: g.id,
      onDate: todayIso(),
      rows: [
        { name: '1号楼', households: 30 },
        { name: '2号楼', kind: 'community' },
        { id: g.id, name: '粘贴网格', households: 80 },
        { name: '1号楼', households: 12 },
      ],
    }));
    expect(e.code).toBe('VALIDATION');
    expect((e.details as { cells: unknown[] }).cells).toEqual([
      { row: 1, field: 'kind', message: '社区是最上一级，不能建在其他网格单元之下' },
      { row: 3, field: 'name', message: '同一上级下已有名为“1号楼”的网格单元' },
    ]);
    expect(await clerkA('grid.tree', { rootId: g.id })).toEqual(before);
    expect(await audits()).toBe(0);

    const saved = await clerkA('grid.saveRows', { parentId: g.id, onDate: todayIso(), rows: [{ name: '1号楼', households: 30, buildingLeader: '楼长乙' }, { name: '2号楼', kind: 'lane' }, { id: g.id, households: 80, orgId: gridBranch }] });
    expect(saved).toMatchObject({ created: 2, updated: 1, dissolved: 0 });
    expect(saved.createdIds).toHaveLength(2);
    const after = await clerkA('grid.tree', { rootId: g.id });
    expect(after.map((n) => [n.name, n.kind, n.households])).toEqual([['粘贴网格', 'grid', 80], ['1号楼', 'building', 30], ['2号楼', 'lane', null]]);
    expect(after[0]).toMatchObject({ orgId: gridBranch });
    expect(await audits()).toBeGreaterThanOrEqual(4);
    // Another township's record in a block is refused as such, not as a cell.
    expect((await refusal(clerkA('grid.saveRows', { parentId: g.id, onDate: todayIso(), rows: [{ id: t.B.grid.id, households: 1 }] }))).message).toBe('该网格单元不在您的管理范围内');
    expect((await refusal(clerkA('grid.saveRows', { parentId: g.id, onDate: todayIso(), rows: [], dissolveIds: [t.B.grid.id] }))).message).toBe('该网格单元不在您的管理范围内');

    // The page's undo of that paste: the old cells back and the created units dissolved, one change.
    const undone = await clerkA('grid.saveRows', { parentId: g.id, onDate: todayIso(), rows: [{ id: g.id, households: null, orgId: null }], dissolveIds: saved.createdIds });
    expect(undone).toMatchObject({ created: 0, updated: 1, dissolved: 2 });
    expect((await clerkA('grid.tree', { rootId: g.id })).map((n) => [n.name, n.households, n.orgId])).toEqual([['粘贴网格', null, null]]);
    const history = await clerkA('grid.history', { id: saved.createdIds[0]! });
    expect(history.map((h) => [h.kind, h.reason])).toEqual([['found', null], ['dissolve', '撤销误建的单元（撤销上一步操作）']]);
    // A unit that cannot be dissolved (a member registered there) refuses the whole undo.
    const again = await clerkA('grid.saveRows', { parentId: g.id, onDate: todayIso(), rows: [{ name: '3号楼' }] });
    await clerkA('grid.register', { memberId: t.A.member.id, gridId: again.createdIds[0]!, onDate: todayIso() });
    const blocked = await refusal(clerkA('grid.saveRows', { parentId: g.id, onDate: todayIso(), rows: [{ id: g.id, households: 5 }], dissolveIds: again.createdIds }));
    expect((blocked.details as { cells: { row: number; field: string }[] }).cells).toEqual([{ row: 1, field: 'id', message: expect.stringContaining('1 名党员在此报到') }]);
    expect((await clerkA('grid.tree', { rootId: g.id }))[0]!.households).toBeNull();
  });

  it('keeps each township to its own units and organisations', async () => {
    expect((await clerkA('grid.tree', {})).every((n) => n.ownerOrgId === t.A.town.id)).toBe(true);
    expect((await refusal(clerkA('grid.tree', { under: t.B.town.id }))).message).toBe('该组织不在您的管理范围内');
    const c = await clerkA('grid.create', { parentId: null, name: '范围社区', kind: 'community', foundedOn: '2015-01-01' });
    expect((await refusal(clerkA('grid.cover', { id: c.id, orgId: t.B.village.id, onDate: todayIso() }))).message).toBe('该组织不在您的管理范围内');
    expect((await refusal(clerkA('grid.create', { parentId: null, ownerOrgId: t.B.town.id, name: '越界社区', kind: 'community' }))).message).toBe('该组织不在您的管理范围内');
    expect((await refusal(clerkA('grid.move', { id: c.id, parentId: t.B.grid.id, onDate: todayIso() }))).message).toBe('该网格单元不在您的管理范围内');
    expect((await refusal(clerkB('grid.history', { id: c.id }))).message).toBe('该网格单元不在您的管理范围内');
    const viewer = caller(core, t.viewerA.id);
    expect((await refusal(viewer('grid.rename', { id: c.id, name: '查阅改名', onDate: todayIso() }))).code).toBe('FORBIDDEN');
  });
});
