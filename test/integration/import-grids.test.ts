import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core.js';
import { todayIso } from '../../shared/domain/dates.js';
import { caller, createCore, idFor, tempDir } from '../helpers/ledger.js';
import { buildTwoTownships, type TwoTownships } from '../helpers/county.js';
import { FIXTURES } from '../helpers/paths.js';

const csv = (lines: string[]) => Buffer.from('\uFEFF' + lines.join('\r\n') + '\r\n', 'utf8').toString('base64');

/**
 * Grid imports write the register with its history (founding records, undone with the batch), keep
 * units where their kind may stand, and members' 所在网格 is matched among the importing township's
 * units only: the registration it makes is dated and goes with the batch.
 */
describe('import of grid units and of members with 所在网格', () => {
  const tmp = tempDir('ledger-import-grids-');
  let core: Core;
  let t: TwoTownships;
  let admin: ReturnType<typeof caller>;
  let clerkA: ReturnType<typeof caller>;
  let gridBatch: string;

  beforeAll(async () => {
    const made = await createCore(tmp.dir);
    core = made.core;
    t = await buildTwoTownships(core, made.adminId, made.rootId);
    admin = caller(core, made.adminId);
    clerkA = caller(core, t.clerkA.id);
  });
  afterAll(async () => {
    await core.close();
    tmp.cleanup();
  });

  it('creates the sample community in the area of 甲乡, each unit with its founding record', async () => {
    const p = await clerkA('import.preview', { files: [{ path: join(FIXTURES, '示例社区网格.csv') }], underOrgId: t.A.town.id });
    expect(p.issues.filter((i) => i.severity === 'error')).toEqual([]);
    const c = await clerkA('import.commit', { previewId: p.previewId });
    gridBatch = c.batchId;
    const tree = await clerkA('grid.tree', {});
    const community = tree.find((n) => n.name === '新华社区')!;
    expect(community).toMatchObject({ kind: 'community', ownerOrgId: t.A.town.id, parentId: null, foundedOn: todayIso() });
    expect(tree.filter((n) => n.path.startsWith(community.path))).toHaveLength(13);
    const history = await clerkA('grid.history', { id: tree.find((n) => n.name === '11号楼')!.id });
    expect(history.map((h) => [h.kind, h.onDate, h.parentName])).toEqual([['found', todayIso(), '新华社区第1网格']]);
    expect((await clerkA('stats.compute', { under: t.A.town.id })).grids).toMatchObject({ grids: 4, buildings: 8 });
  });

  it('refuses units where their kind cannot stand, and dates covering organisations changed by a file', async () => {
    const p = await clerkA('import.preview', {
      files: [{ name: '村.csv', dataBase64: csv(['村民小组,户数', '孤立村民小组,30']) }],
      kind: 'grids',
      underOrgId: t.A.town.id,
    });
    expect(p.issues.filter((i) => i.severity === 'error').map((i) => [i.code, i.column, i.message])).toEqual([['REQUIRED_MISSING', '村民小组', '村民小组须建在村、网格之下：请填写所在的上一级']]);
    const ok = await clerkA('import.preview', {
      files: [{ name: '村.csv', dataBase64: csv(['村,村民小组,户数,设立日期', '红柳村,红柳村第一村民小组,30,2010-01-01', '红柳村,红柳村第二村民小组,41,2010-01-01']) }],
      kind: 'grids',
      underOrgId: t.A.town.id,
    });
    expect(ok.issues.filter((i) => i.severity === 'error')).toEqual([]);
    const village = await clerkA('import.commit', { previewId: ok.previewId });
    const group = (await clerkA('grid.tree', {})).find((n) => n.name === '红柳村第一村民小组')!;
    expect(group).toMatchObject({ kind: 'village-group', foundedOn: '2010-01-01', households: 30 });
    expect((await clerkA('grid.tree', { asOf: '2009-12-31' })).find((n) => n.name === '红柳村第一村民小组')).toBeUndefined();

    // A file naming a covering organisation for a known unit: a dated change from today.
    const cover = await clerkA('import.preview', {
      files: [{ name: '覆盖.csv', dataBase64: csv(['社区,网格,网格党组织', `新华社区,新华社区第1网格,${t.A.village.shortName}`]) }],
      kind: 'grids',
      underOrgId: t.A.town.id,
    });
    expect(cover.plan).toMatchObject({ update: 1 });
    const done = await clerkA('import.commit', { previewId: cover.previewId });
    const grid = (await clerkA('grid.tree', {})).find((n) => n.name === '新华社区第1网格')!;
    expect(grid.orgId).toBe(t.A.village.id);
    expect((await clerkA('grid.history', { id: grid.id })).map((h) => h.kind)).toEqual(['found', 'cover']);
    await clerkA('import.undo', { batchId: done.batchId });
    expect((await clerkA('grid.history', { id: grid.id })).map((h) => h.kind)).toEqual(['found']);
    expect((await clerkA('grid.get', { id: grid.id })).unit.orgId).toBeNull();

    // The village batch undone: its units and their founding records go, nothing else.
    await clerkA('import.undo', { batchId: village.batchId });
    expect((await clerkA('grid.tree', {})).filter((n) => n.name.startsWith('红柳村'))).toEqual([]);
    expect(await core.db.selectFrom('gridChanges').select('id').where('importBatchId', '=', village.batchId).execute()).toEqual([]);
    const undoneRows = await core.db.selectFrom('auditLog').select('entity').where('batchId', '=', village.batchId).where('method', '=', 'import.undo').execute();
    // The units were counted by the batch's row at the commit, and by its undo row now.
    expect(undoneRows.map((r) => r.entity).sort()).toEqual(['importBatch']);
  });

  it('matches 所在网格 among the units of the township by name or by the names above it', async () => {
    // 乙乡 has a unit of the same name: it is never found from 甲乡.
    const bc = await admin('grid.create', { parentId: null, ownerOrgId: t.B.town.id, name: '乙乡社区二', kind: 'community' });
    await admin('grid.create', { parentId: bc.id, name: '11号楼', kind: 'building' });
    // Two 1号楼 in 甲乡: the bare name is ambiguous.
    const tree = await clerkA('grid.tree', {});
    for (const g of ['新华社区第1网格', '新华社区第2网格']) await clerkA('grid.create', { parentId: tree.find((n) => n.name === g)!.id, name: '1号楼', kind: 'building' });
    // The register was built today for places older than it: their founding days mended top-down.
    const early = async (name: string) => clerkA('grid.update', { id: tree.find((n) => n.name === name)!.id, patch: { foundedOn: '2020-01-01' } });
    const first = idFor('1980-12-12');
    const tooEarly = await clerkA('import.preview', {
      files: [{ name: '早.csv', dataBase64: csv(['姓名,公民身份号码,所在党组织,人员类别,所在网格,报到日期', `报到早,${first},${t.A.village.shortName},正式党员,11号楼,2023-04-01`]) }],
      kind: 'members',
      underOrgId: t.A.town.id,
    });
    expect(tooEarly.issues.map((i) => [i.code, i.message])).toEqual([['DATE_ORDER', `报到日期2023-04-01早于“11号楼”的设立日期${todayIso()}；如该单元设立更早，请先在网格页更正设立日期`]]);
    expect((await clerkA('grid.update', { id: tree.find((n) => n.name === '11号楼')!.id, patch: { foundedOn: '2020-01-01' } }).catch((e: Error) => e.message))).toContain('早于上级“新华社区第1网格”的设立日期');
    for (const name of ['新华社区', '新华社区第1网格', '新华社区第2网格', '新华社区第3网格', '11号楼']) await early(name);
    const [a, b, c, d] = [idFor('1981-01-01'), idFor('1982-02-02'), idFor('1983-03-03'), idFor('1984-04-04')];
    const roster = csv([
      '姓名,公民身份号码,所在党组织,人员类别,入党日期,转正日期,所在网格,报到日期',
      `在职甲,${a},${t.A.village.shortName},正式党员,2005-07-01,2006-07-01,11号楼,2023-04-01`,
      `在职乙,${b},${t.A.village.shortName},正式党员,2005-07-01,2006-07-01,1号楼,`,
      `在职丙,${c},${t.A.village.shortName},正式党员,2005-07-01,2006-07-01,新华社区第2网格/1号楼,`,
      `在职丁,${d},${t.A.village.shortName},正式党员,2005-07-01,2006-07-01,幸福社区9号楼,`,
    ]);
    const p = await clerkA('import.preview', { files: [{ name: '党员.csv', dataBase64: roster }], kind: 'members', underOrgId: t.A.town.id });
    expect(p.files[0]!.mapping).toMatchObject({ 所在网格: 'gridName', 报到日期: 'gridRegisteredOn' });
    expect(p.issues.filter((i) => i.severity === 'error').map((i) => [i.row, i.code])).toEqual([[3, 'ORG_AMBIGUOUS'], [5, 'ORG_UNKNOWN']]);
    expect(p.issues.find((i) => i.row === 3)!.message).toContain('请连同上级写');
    const c1 = await clerkA('import.commit', { previewId: p.previewId });
    const members = await core.db.selectFrom('members').select(['name', 'gridId', 'gridRegisteredOn']).where('importBatchId', '=', c1.batchId).orderBy('name').execute();
    const units = await clerkA('grid.tree', {});
    const b11 = units.find((n) => n.name === '11号楼')!;
    expect(members).toEqual([
      { name: '在职丙', gridId: units.find((n) => n.name === '1号楼' && n.path.includes(units.find((g) => g.name === '新华社区第2网格')!.id))!.id, gridRegisteredOn: null },
      { name: '在职甲', gridId: b11.id, gridRegisteredOn: '2023-04-01' },
    ]);
    expect((await clerkA('grid.registrations', { gridId: b11.id, asOf: '2023-04-01' })).rows.map((r) => r.memberName)).toEqual(['在职甲']);
    expect((await clerkA('grid.registrations', { gridId: b11.id, asOf: '2023-03-31' })).rows).toEqual([]);

    // A later roster moves 在职甲 to another unit: the old registration ends that day.
    const g3 = units.find((n) => n.name === '新华社区第3网格')!;
    const moved = await clerkA('import.preview', {
      files: [{ name: '党员2.csv', dataBase64: csv(['姓名,公民身份号码,所在党组织,人员类别,所在网格,报到日期', `在职甲,${a},${t.A.village.shortName},正式党员,新华社区第3网格,2024-09-01`]) }],
      kind: 'members',
      underOrgId: t.A.town.id,
    });
    expect(moved.issues.map((i) => i.message)).toEqual([`台账中已有在职甲（${a}），信息不同：所在网格：11号楼 → 新华社区第3网格`]);
    expect(moved.plan).toMatchObject({ update: 1 });
    const c2 = await clerkA('import.commit', { previewId: moved.previewId });
    const dated = async () => (await clerkA('grid.registrations', { gridId: units.find((n) => n.name === '新华社区')!.id, includeEnded: true })).rows.filter((r) => r.memberName === '在职甲').map((r) => [r.gridName, r.fromDate, r.toDate]);
    expect(await dated()).toEqual([['11号楼', '2023-04-01', '2024-09-01'], ['新华社区第3网格', '2024-09-01', null]]);
    // That day 在职甲 counts; 在职丙's 1号楼 was only set up today.
    expect((await clerkA('stats.compute', { under: t.A.town.id, asOf: '2024-09-01' })).grids).toMatchObject({ membersRegistered: 1 });
    expect((await clerkA('stats.compute', { under: t.A.town.id })).grids).toMatchObject({ membersRegistered: 2 });

    // Undo, last batch first: registrations go back to what they were, then go with their members.
    await clerkA('import.undo', { batchId: c2.batchId });
    expect(await dated()).toEqual([['11号楼', '2023-04-01', null]]);
    expect((await clerkA('grid.get', { id: g3.id })).unit.registered).toBe(0);
    // The later batch touched 在职甲 (undone or not, the engine asks an administrator to force it).
    await admin('import.undo', { batchId: c1.batchId, force: true });
    expect(await core.db.selectFrom('gridRegistrations').select('id').where('importBatchId', '=', c1.batchId).execute()).toEqual([]);
    // The batch's own rows were counted by the batch's row, as the members that carry them.
    const undone = await core.db.selectFrom('auditLog').select('entity').where('batchId', '=', c1.batchId).where('method', '=', 'import.undo').execute();
    expect(undone.map((r) => r.entity).filter((e) => e === 'gridRegistration')).toEqual([]);
  });

  it('keeps a grid batch whose units others now refer to, whole', async () => {
    // Units added under the imported ones since (the two 1号楼) keep even a forced undo from running.
    const e = await admin('import.undo', { batchId: gridBatch, force: true }).catch((err: unknown) => err);
    expect(String((e as Error).message)).toContain('已被其他记录引用');
    expect((await clerkA('grid.tree', {})).find((n) => n.name === '新华社区')).toBeDefined();
    expect((await core.db.selectFrom('gridChanges').select('id').where('importBatchId', '=', gridBatch).execute()).length).toBe(13);
  });
});
