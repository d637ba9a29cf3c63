import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES } from '../helpers/paths.js';
import iconv from 'iconv-lite';
import ExcelJS from 'exceljs';
import { COLUMNS } from '../../shared/import/columns.js';
import { TEMPLATE_HEADER_ROW } from '../../electron/core/exports/template.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core.js';
import { caller, createCore, idFor, tempDir } from '../helpers/ledger.js';
import { makeIdNumber } from '../../shared/domain/idcard.js';

const FIXTURE = join(FIXTURES, '示例村级后备力量.xls');
const b64 = (b: Buffer) => b.toString('base64');
const codesOf = (issues: { code: string; row: number | null }[], row: number) => issues.filter((i) => i.row === row).map((i) => i.code).sort();

/**
 * Import kind `reserves` on the import engine: the township's legacy .xls as it comes, a GB18030
 * CSV as Chinese Excel saves it (title row, header variants, every kind of row), preview issues,
 * atomic commit, the statistics after it, undo, and an exported roster that re-imports as it is.
 */
describe('importing 村级后备力量', () => {
  const tmp = tempDir();
  let core: Core;
  let call: ReturnType<typeof caller>;
  let town: { id: string };
  let member: { id: string; idNumber: string };
  const V: Record<string, string> = {};

  beforeAll(async () => {
    const made = await createCore(tmp.dir);
    core = made.core;
    call = caller(core, made.adminId);
    town = await call('org.create', { parentId: made.rootId, name: '中共示例乡委员会', shortName: '示例乡党委', kind: 'committee', unitCategory: 'township', canApprove: true });
    for (const v of ['红旗村', '前进村', '胜利村']) V[v] = (await call('org.create', { parentId: town.id, name: `中共${v}支部委员会`, shortName: `${v}党支部`, kind: 'branch', unitCategory: 'village' })).id;
    member = await call('member.create', { idNumber: idFor('1991-02-03'), name: '党员后备', gender: '1', birthDate: '1991-02-03', education: '21', category: 'formal', joinedOn: '2015-07-01', confirmedOn: '2016-07-01', orgId: V['胜利村']! });
  });
  afterAll(async () => {
    await core.close();
    tmp.cleanup();
  });

  it('reads the township .xls as sent: 12 reserves pooled in 2022-03; 是 without a date is a warning, not a guess', async () => {
    const file = { name: '示例村级后备力量.xls', dataBase64: b64(readFileSync(FIXTURE)) };
    const p = await call('import.preview', { files: [file], kind: 'auto', underOrgId: town.id });
    expect(p.files[0]).toMatchObject({ kind: 'reserves', dataRows: 12 });
    expect(p.files[0]!.mapping).toMatchObject({ 身份证号: 'idNumber', 所在村: 'villageOrgId', 入库时间: 'enteredPoolOn', 是否进入两委: 'enteredCommittee', 培养方向: 'direction' });
    expect(p.rows).toMatchObject({ total: 12, withErrors: 0 });
    // Three say 是否进入两委 = 是 with no date; 阿依古丽 (28, 高中) is under the 大专 rule.
    expect(p.issues.filter((i) => i.code === 'RESERVE_RULE' && i.ruleId === 'entered-date').map((i) => i.row)).toEqual([2, 3, 4]);
    expect(p.issues.filter((i) => i.ruleId === 'education').map((i) => i.row)).toEqual([5]);
    const c = await call('import.commit', { previewId: p.previewId });
    expect(c).toMatchObject({ created: 12, skipped: 0 });
    const list = await call('reserve.list', { orgId: town.id, limit: 100 });
    expect(list.total).toBe(12);
    expect(new Set(list.rows.map((r) => `${r.stage} ${r.enteredPoolOn}`))).toEqual(new Set(['training 2022-03']));
    const su = list.rows.find((r) => r.name === '苏比努尔·吾术尔')!;
    const { records } = await call('reserve.get', { id: su.id });
    expect(records.filter((r) => r.kind === 'stage').map((r) => [r.stage, r.onDate])).toEqual([['recommended', '2022-03'], ['assessed', '2022-03'], ['training', '2022-03']]);
    const stats = await call('stats.compute', { under: town.id });
    expect(stats.reserves).toMatchObject({ total: 12, bySource: { '01': 5, '03': 6, '04': 1 } });
    await call('import.undo', { batchId: c.batchId });
    expect((await call('reserve.list', { orgId: town.id })).total).toBe(0);
  });

  it('a GB18030 CSV: every issue code where it belongs, linked members, entries into 两委; figures after commit; undo', async () => {
    const young = makeIdNumber('652302', '1996-04-01', 11);
    const csv = [
      '示例乡村级后备力量名册（截至2026年6月）',
      '序号,姓名,身份证号码,文化程度,所在村(社区),人员来源,拟培养方向,推荐时间,考察时间,入库时间,进入两委时间,担任职务,出库日期,出库原因,培养联系人',
      `1,王新民,${makeIdNumber('652302', '1990-05-06', 21)},大专,红旗村,致富能手,书记,2023.3,2023.6,2023.9,2025.1.5,村党支部委员,,,李书记`,
      `2,,${member.idNumber},,胜利村,退伍军人,两委委员,2024-01-01,2024-02-01,2024-03-01,,,,,`,
      `3,赵出库,${makeIdNumber('652302', '1992-07-08', 31)},本科,前进村,返乡大学生,委员,2023-01-01,2023-02-01,2023-03-01,,,2025-05-05,外出务工,`,
      `4,校验错,652302199001010000,本科,红旗村,其他,委员,,,,,,,,`,
      `5,无此村,${makeIdNumber('652302', '1993-01-01', 41)},本科,幸福村,其他,委员,,,,,,,,`,
      `6,王新民重复,${makeIdNumber('652302', '1990-05-06', 21)},大专,红旗村,致富能手,书记,,,,,,,,`,
      `7,年轻中专,${young},中专,前进村,其他,委员,2024-01-01,2024-02-01,2024-03-01,,,,,`,
      `8,日期颠倒,${makeIdNumber('652302', '1994-01-01', 51)},本科,前进村,其他,委员,2024-05-01,2024-03-01,,,,,,`,
      '合计,8人,,,,,,,,,,,,,',
    ].join('\r\n');
    const file = { name: '后备力量.csv', dataBase64: b64(iconv.encode(csv + '\r\n', 'gb18030')) };
    const p = await call('import.preview', { files: [file], kind: 'reserves', underOrgId: town.id });
    expect(p.files[0]).toMatchObject({ headerRow: 2, dataRows: 8 });
    expect(codesOf(p.issues, 3)).toEqual([]);
    expect(codesOf(p.issues, 4)).toEqual([]);
    expect(codesOf(p.issues, 6)).toEqual(['ID_CHECKSUM']);
    expect(codesOf(p.issues, 7)).toEqual(['ORG_UNKNOWN']);
    expect(codesOf(p.issues, 8)).toContain('DUPLICATE_IN_FILE');
    expect(codesOf(p.issues, 9)).toEqual(['RESERVE_RULE']);
    expect(p.issues.find((i) => i.row === 9)!.message).toMatch(/^考察、入库培养：35岁及以下的两委委员后备人选须大学专科及以上学历/);
    expect(codesOf(p.issues, 10)).toEqual(['DATE_ORDER']);
    expect(p.plan).toMatchObject({ create: 4, skip: 4 });

    const c = await call('import.commit', { previewId: p.previewId });
    expect(c).toMatchObject({ created: 4, skipped: 4 });
    const rows = (await call('reserve.list', { orgId: town.id, limit: 100 })).rows;
    const byName = (n: string) => rows.find((r) => r.name === n)!;
    expect(byName('王新民')).toMatchObject({ stage: 'entered', exitOn: '2025-01-05', exitPost: '村党支部委员', mentor: '李书记', direction: 'secretary' });
    expect(byName('党员后备')).toMatchObject({ linkedTo: 'member', memberId: member.id, stage: 'training', politicalStatus: '01' });
    expect(byName('赵出库')).toMatchObject({ stage: 'exited', exitReason: '外出务工' });
    const warned = (await call('reserve.get', { id: byName('年轻中专').id })).records.filter((r) => r.findings);
    expect(warned.map((r) => r.stage)).toEqual(['assessed', 'training']);
    expect(warned[0]!.reason).toMatch(/导入时确认/);

    const s = await call('stats.compute', { under: town.id, asOf: '2025-12-31', from: '2025-01-01', to: '2025-12-31' });
    // In the pool at the end of 2025: 党员后备, 年轻中专. In 2025: 王新民 entered, 赵出库 left in May.
    expect(s.reserves).toMatchObject({ total: 2, enteredCommittees: 1, enteredCommitteesInPeriod: 1, poolInPeriod: 4, ratio: 25, bySource: { '01': 0, '02': 0, '03': 1, '04': 0, '99': 1 }, villagesWithSecretaryReserve: 0, villagesWithoutSecretaryReserve: 3 });
    expect(s.reserves).toMatchObject({ education: { '2': 1, '3': 0, '4': 1 } });
    // The linked member's education is the member's: an edit there moves the figure (no stale cache).
    await call('member.update', { id: member.id, patch: { education: '31' } });
    const edited = await call('stats.compute', { under: town.id, asOf: '2025-12-31', from: '2025-01-01', to: '2025-12-31' });
    expect(edited.reserves).toMatchObject({ education: { '2': 0, '3': 1, '4': 1 } });
    await call('member.update', { id: member.id, patch: { education: '21' } });
    const s24 = await call('stats.compute', { under: town.id, asOf: '2024-12-31', from: '2024-01-01', to: '2024-12-31' });
    expect(s24.reserves).toMatchObject({ total: 4, enteredCommittees: 0, villagesWithSecretaryReserve: 1 });

    await call('import.undo', { batchId: c.batchId });
    expect((await call('reserve.list', { orgId: town.id })).total).toBe(0);
    expect((await call('stats.compute', { under: town.id, asOf: '2025-12-31' })).reserves).toMatchObject({ total: 0, enteredCommittees: 0 });
  });

  it('an exported roster and the filled-in template re-import with no issues', async () => {
    const r = await call('reserve.create', { idNumber: idFor('1993-03-03'), name: '导出甲', villageOrgId: V['红旗村']!, education: '21', source: '04', direction: 'secretary', recommendedOn: '2024-01-02' });
    await call('reserve.move', { id: r.id, to: 'assessed', onDate: '2024-02-01' });
    await call('reserve.move', { id: r.id, to: 'training', onDate: '2024-03-01' });
    await call('reserve.addRecord', { reserveId: r.id, kind: 'mentor', onDate: '2024-01-02', content: '李书记' });
    const e = await call('reserve.create', { idNumber: idFor('1990-09-09'), name: '导出乙', villageOrgId: V['前进村']!, education: '21', recommendedOn: '2023-01-02' });
    await call('reserve.move', { id: e.id, to: 'assessed', onDate: '2023-02-01' });
    await call('reserve.move', { id: e.id, to: 'training', onDate: '2023-03-01' });
    await call('reserve.move', { id: e.id, to: 'entered', onDate: '2024-04-01', post: '村委会委员' });
    await call('reserve.create', { idNumber: member.idNumber, villageOrgId: V['胜利村']!, recommendedOn: '2024-05-05' });

    const file = await call('export.roster', { kind: 'reserves', under: town.id });
    expect(file.rows).toBe(3);
    const p = await call('import.preview', { files: [{ name: file.fileName, dataBase64: file.dataBase64 }], kind: 'reserves', underOrgId: town.id });
    expect(p.issues).toEqual([]);
    expect(p.plan).toMatchObject({ create: 0, update: 3, unchanged: 3, skip: 0 });

    // The template, filled in by a village clerk with the values its dropdowns offer.
    const tpl = await call('export.template', { kind: 'reserves', under: town.id });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(tpl.dataBase64, 'base64') as never);
    const sheet = wb.worksheets[0]!;
    const filled: Record<string, string> = {
      name: '新填报', idNumber: idFor('1997-07-07'), education: '大学本科毕业', villageOrgId: '中共胜利村支部委员会', source: '退役军人', direction: '两委委员',
      recommendedOn: '2025-03-01', assessedOn: '2025-05-01', enteredPoolOn: '2025-06', enteredCommittee: '否', mentor: '王书记',
    };
    COLUMNS.reserves.forEach((c, i) => {
      if (filled[c.key]) sheet.getCell(TEMPLATE_HEADER_ROW + 1, i + 1).value = filled[c.key]!;
    });
    const t = await call('import.preview', { files: [{ name: '填报.xlsx', dataBase64: b64(Buffer.from(await wb.xlsx.writeBuffer())) }], kind: 'auto', underOrgId: town.id });
    expect(t.files.find((f) => f.dataRows > 0)).toMatchObject({ kind: 'reserves', dataRows: 1 });
    // The very hidden list sheet is reported as skipped; nothing else is said.
    expect(t.issues.map((i) => i.code)).toEqual(['SHEET_HIDDEN']);
    expect(t.plan).toMatchObject({ create: 1, skip: 0 });
  });
});
