import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core.js';
import { LedgerError } from '../../shared/contract/index.js';
import { caller, createCore, tempDir } from '../helpers/ledger.js';

import { FIXTURES } from '../helpers/paths.js';
const fixture = (name: string) => join(process.env.LEDGER_FIXTURES ?? FIXTURES, name);
const expected = JSON.parse(readFileSync(fixture('示例乡党员名册.expected.json'), 'utf8')) as { dataRows: number; defects: { sheet: string; row: number; code: string }[] };

const count = async (core: Core, table: 'orgs' | 'members' | 'memberEvents' | 'grids' | 'auditLog' | 'importBatchItems') =>
  Number((await core.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

describe('import of the sample township files', () => {
  const tmp = tempDir();
  let core: Core;
  let admin: ReturnType<typeof caller>;
  let townId: string;
  let rootId: string;
  let orgsBatch: string;

  beforeAll(async () => {
    const made = await createCore(tmp.dir);
    core = made.core;
    rootId = made.rootId;
    admin = caller(core, made.adminId);
    const town = await admin('org.create', { parentId: rootId, name: '中共示例乡委员会', shortName: '示例乡党委', kind: 'committee', unitCategory: 'township', canApprove: true });
    townId = town.id;
  });
  afterAll(async () => {
    await core.close();
    tmp.cleanup();
  });

  it('builds the organisation tree from 示例乡党组织.xlsx (one row per unit naming its parent)', async () => {
    const p = await admin('import.preview', { files: [{ path: fixture('示例乡党组织.xlsx') }], underOrgId: townId });
    expect(p.kind).toBe('orgs');
    expect(p.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(p.plan).toMatchObject({ create: 6, update: 0, skip: 0 });
    const c = await admin('import.commit', { previewId: p.previewId });
    orgsBatch = c.batchId;
    expect(c.created).toBe(6);
    const tree = await admin('org.tree', { rootId: townId });
    const names = tree.map((o) => o.name);
    expect(names).toContain('新华社区第一网格1号楼党小组');
    const group = tree.find((o) => o.name === '新华社区第一网格1号楼党小组')!;
    const branch = tree.find((o) => o.name === '中共新华社区第一网格支部委员会')!;
    expect(group.parentId).toBe(branch.id);
    expect(group.kind).toBe('group');
  });

  it('finds exactly the planted defects of 示例乡党员名册.xlsx', async () => {
    const p = await admin('import.preview', { files: [{ path: fixture('示例乡党员名册.xlsx') }], underOrgId: townId });
    expect(p.kind).toBe('members');
    expect(p.files).toHaveLength(1);
    expect(p.files[0]!.dataRows).toBe(expected.dataRows);
    expect(p.files[0]!.mapping['公民身份号码']).toBe('idNumber');
    const found = p.issues.map((i) => ({ sheet: i.sheet, row: i.row, code: i.code }));
    const sort = (a: { row: number | null; code: string }, b: { row: number | null; code: string }) => (a.row ?? 0) - (b.row ?? 0) || a.code.localeCompare(b.code);
    expect(found.sort(sort)).toEqual([...expected.defects].sort(sort));
    expect(p.rows).toEqual({ total: 60, valid: 53, withWarnings: 0, withErrors: 7 });
    expect(p.plan).toMatchObject({ create: 53, update: 0, skip: 7 });
    for (const i of p.issues) {
      expect(i.message).toMatch(/[\u4e00-\u9fff]/);
      expect(i.column).toBeTruthy();
    }
    const org = p.issues.find((i) => i.code === 'ORG_UNKNOWN')!;
    expect(org.column).toBe('所在党组织');
    expect(org.message).toContain('不存在村党支部');
    expect(org.message).toContain('最接近的有');
    expect(p.issues.find((i) => i.code === 'DUPLICATE_IN_FILE')!.message).toContain('第52行');
  });

  it('fixes a cell in the preview, re-validates the row, and reports rejected rows as xlsx', async () => {
    const p = await admin('import.preview', { files: [{ path: fixture('示例乡党员名册.xlsx') }], underOrgId: townId, pageSize: 3 });
    expect(p.problemRows.total).toBe(7);
    expect(p.problemRows.rows).toHaveLength(3);
    expect(p.problemRows.rows[0]!.cells['公民身份号码']).toBe('652923196007267131');
    const fixed = await admin('import.fixCell', { previewId: p.previewId, file: '示例乡党员名册.xlsx', sheet: '党员', row: 36, column: '民族', value: '汉族' });
    expect(fixed.row.issues).toEqual([]);
    expect(fixed.row.action).toBe('create');
    expect(fixed.rows).toMatchObject({ valid: 54, withErrors: 6 });
    // Correcting the duplicate's ID number to a fresh valid one ends the duplicate.
    const { makeIdNumber } = await import('../../shared/domain/idcard.js');
    const dup = await admin('import.fixCell', { previewId: p.previewId, file: '示例乡党员名册.xlsx', sheet: '党员', row: 53, column: '公民身份号码', value: makeIdNumber('652923', '1983-05-24', 422) });
    expect(dup.row.issues.map((i) => i.code)).toEqual([]);
    const page = await admin('import.rows', { previewId: p.previewId, only: 'errors' });
    expect(page.rows.map((r) => r.row)).toEqual([5, 12, 17, 23, 44]);
    const report = await admin('import.report', { previewId: p.previewId });
    expect(report.rows).toBe(5);
    expect(report.fileName).toMatch(/\.xlsx$/);
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(report.dataBase64, 'base64') as never);
    const sheet = wb.getWorksheet('未导入-党员')!;
    expect(sheet.getRow(3).getCell(1).value).toBe(5);
    expect(String(sheet.getRow(3).getCell(14).value)).toContain('校验位');
    expect(wb.getWorksheet('问题清单')!.rowCount).toBe(6);
  });

  it('commits members with their admitted/confirmed events as one batch', async () => {
    const before = { members: await count(core, 'members'), events: await count(core, 'memberEvents') };
    const p = await admin('import.preview', { files: [{ path: fixture('示例乡党员名册.xlsx') }], underOrgId: townId });
    const c = await admin('import.commit', { previewId: p.previewId });
    expect(c).toMatchObject({ created: 53, updated: 0, skipped: 7 });
    expect(await count(core, 'members')).toBe(before.members + 53);
    expect(await count(core, 'memberEvents')).toBe(before.events + 106);
    const batch = await core.db.selectFrom('importBatches').selectAll().where('id', '=', c.batchId).executeTakeFirstOrThrow();
    expect(JSON.parse(batch.counts)).toMatchObject({ created: 53, skipped: 7 });
    const audited = await core.db.selectFrom('auditLog').select('id').where('batchId', '=', c.batchId).execute();
    // One audit row for the batch, counting what it created (none a member).
    expect(audited.length).toBe(1);
    const m = await core.db.selectFrom('members').selectAll().where('idNumber', '=', '65292319580612079X').executeTakeFirstOrThrow();
    expect(m).toMatchObject({ name: '买买提·依明', gender: '1', ethnicity: '05', category: 'formal', joinedOn: '2011-03-28', confirmedOn: '2012-04-15', phone: '13565623510' });

    // The same file again: every valid row matches, nothing changes.
    const again = await admin('import.preview', { files: [{ path: fixture('示例乡党员名册.xlsx') }], underOrgId: townId });
    expect(again.plan).toEqual({ create: 0, update: 53, skip: 7, unchanged: 53 });
    expect(again.issues.filter((i) => i.code === 'EXISTS_DIFFERENT')).toEqual([]);
    // The mapping was remembered for the unit.
    expect(again.files[0]!.columns.find((c) => c.header === '公民身份号码')!.source).toBe('remembered');
    const c2 = await admin('import.commit', { previewId: again.previewId });
    expect(c2).toMatchObject({ created: 0, updated: 0, unchanged: 53 });
    expect(await count(core, 'members')).toBe(before.members + 53);

    // Undo of the member batch restores the ledger as it was.
    await admin('import.undo', { batchId: c2.batchId });
    await admin('import.undo', { batchId: c.batchId });
    expect(await count(core, 'members')).toBe(before.members);
    expect(await count(core, 'memberEvents')).toBe(before.events);
    const list = await admin('import.batches', {});
    expect(list.rows.find((b) => b.id === c.batchId)!.status).toBe('undone');
  });

  it('updates with before/after and undo restores the before-image; an edit since blocks undo', async () => {
    const p = await admin('import.preview', { files: [{ path: fixture('示例乡党员名册.xlsx') }], underOrgId: townId });
    const c = await admin('import.commit', { previewId: p.previewId });
    const m = await core.db.selectFrom('members').selectAll().where('idNumber', '=', '65292319580612079X').executeTakeFirstOrThrow();
    await admin('member.update', { id: m.id, patch: { education: '20', phone: '13900000000' } });
    const again = await admin('import.preview', { files: [{ path: fixture('示例乡党员名册.xlsx') }], underOrgId: townId });
    expect(again.plan.update).toBe(53);
    expect(again.plan.unchanged).toBe(52);
    const u = again.updates.find((x) => x.id === m.id)!;
    expect(u.before).toMatchObject({ phone: '13900000000' });
    expect(u.after).toMatchObject({ phone: '13565623510' });
    const w = again.issues.find((i) => i.code === 'EXISTS_DIFFERENT')!;
    expect(w.row).toBe(3);
    expect(w.severity).toBe('warning');
    const c2 = await admin('import.commit', { previewId: again.previewId });
    expect(c2.updated).toBe(1);
    expect((await admin('member.get', { id: m.id })).phone).toBe('13565623510');
    await admin('import.undo', { batchId: c2.batchId });
    expect((await admin('member.get', { id: m.id })).phone).toBe('13900000000');
    // The first batch: one of its members was edited afterwards, so it is refused with the name.
    const err = await admin('import.undo', { batchId: c.batchId }).catch((e: unknown) => e as LedgerError);
    expect(err).toBeInstanceOf(LedgerError);
    expect((err as LedgerError).code).toBe('CONFLICT');
    expect((err as LedgerError).message).toContain('买买提·依明');
    const forced = await admin('import.undo', { batchId: c.batchId, force: true });
    expect(forced.deleted).toBeGreaterThanOrEqual(53);
  });

  it('creates 社区 → 网格 → 楼栋 from the GB18030 community CSV', async () => {
    const grids0 = await count(core, 'grids');
    const p = await admin('import.preview', { files: [{ path: fixture('示例社区网格.csv') }], underOrgId: townId });
    expect(p.kind).toBe('grids');
    expect(p.files[0]!.shape).toBe('leaf-with-ancestors');
    expect(p.files[0]!.mapping).toMatchObject({ 社区: 'level.community', 网格: 'level.grid', 楼栋: 'level.building', 网格长: 'leader', 户数: 'households' });
    expect(p.issues.filter((i) => i.severity === 'error')).toEqual([]);
    const c = await admin('import.commit', { previewId: p.previewId });
    const rows = await core.db.selectFrom('grids').selectAll().where('importBatchId', '=', c.batchId).execute();
    const byKind = (k: string) => rows.filter((g) => g.kind === k);
    expect(byKind('community')).toHaveLength(1);
    expect(byKind('community')[0]!.name).toBe('新华社区');
    expect(byKind('grid')).toHaveLength(4);
    expect(byKind('building')).toHaveLength(8);
    expect(await count(core, 'grids')).toBe(grids0 + 13);
    const b = rows.find((g) => g.name === '11号楼')!;
    const g1 = rows.find((g) => g.name === '新华社区第1网格')!;
    expect(b.parentId).toBe(g1.id);
    expect(b.households).toBe(34);
    expect(b.path.startsWith(g1.path)).toBe(true);
    // Again: every unit is found, nothing new.
    const again = await admin('import.preview', { files: [{ path: fixture('示例社区网格.csv') }], underOrgId: townId });
    expect(again.plan).toMatchObject({ create: 0, skip: 0, unchanged: 8 });
  });

  it('imports a 发展党员 roster as dev_people with dated steps and rule warnings', async () => {
    const { makeIdNumber } = await import('../../shared/domain/idcard.js');
    const a = makeIdNumber('652923', '2000-03-03', 21);
    const b = makeIdNumber('652923', '1999-04-04', 22);
    const csv = [
      '发展党员名册（截至2026年10月）',
      '序号,姓名,身份证号,所在党支部,申请入党日期,谈话日期,确定积极分子日期,确定发展对象日期',
      `1,阿依古丽·买买提,${a},红旗村党支部,2023.3,2023.3.20,2023-09-01,2024-10-08`,
      `2,王磊,${b},胜利村支部,2024年1月5日,2024-03-20,2024-06-01,2024-12-01`,
    ].join('\r\n');
    const p = await admin('import.preview', { files: [{ name: '发展党员.csv', dataBase64: Buffer.from(csv, 'utf8').toString('base64') }], underOrgId: townId });
    expect(p.kind).toBe('pipeline');
    expect(p.files[0]!.headerRow).toBe(2);
    expect(p.issues.filter((i) => i.severity === 'error')).toEqual([]);
    const rules = p.issues.filter((i) => i.code === 'PIPELINE_RULE').map((i) => `${i.row}:${i.ruleId}`).sort();
    expect(rules).toEqual(['4:R2', '4:R4']);
    const c = await admin('import.commit', { previewId: p.previewId });
    expect(c.created).toBe(2);
    const person = await core.db.selectFrom('devPeople').selectAll().where('idNumber', '=', a).executeTakeFirstOrThrow();
    expect(person.stage).toBe('candidate');
    expect(person.birthDate).toBe('2000-03-03');
    const steps = await core.db.selectFrom('devSteps').select(['step', 'onDate']).where('personId', '=', person.id).orderBy('onDate').execute();
    expect(steps).toEqual([
      { step: 'applied', onDate: '2023-03' },
      { step: 'talked', onDate: '2023-03-20' },
      { step: 'activist', onDate: '2023-09-01' },
      { step: 'candidate', onDate: '2024-10-08' },
    ]);
  });

  it('refuses a clerk of another township and a viewer', async () => {
    const other = await admin('org.create', { parentId: rootId, name: '中共别乡委员会', shortName: '别乡党委', kind: 'committee', unitCategory: 'township' });
    const clerk = await admin('user.create', { username: 'clerk_other', displayName: '别乡录入员', role: 'clerk', scopeOrgId: other.id, password: 'clerk-pass-2024' });
    const viewer = await admin('user.create', { username: 'viewer_town', displayName: '示例乡查阅', role: 'viewer', scopeOrgId: townId, password: 'viewer-pass-2024' });
    const asClerk = caller(core, clerk.id);
    const e1 = await asClerk('import.preview', { files: [{ path: fixture('示例乡党员名册.xlsx') }], underOrgId: townId }).catch((e: unknown) => e as LedgerError);
    expect((e1 as LedgerError).code).toBe('FORBIDDEN');
    const e2 = await asClerk('import.undo', { batchId: orgsBatch }).catch((e: unknown) => e as LedgerError);
    expect((e2 as LedgerError).code).toBe('FORBIDDEN');
    // Under their own township the names of 示例乡 are not found: resolution never leaves the subtree.
    const own = await asClerk('import.preview', { files: [{ path: fixture('示例乡党员名册.xlsx') }] });
    expect(own.under.id).toBe(other.id);
    expect(own.issueCounts.ORG_UNKNOWN).toBe(60);
    const e3 = await caller(core, viewer.id)('import.preview', { files: [{ path: fixture('示例乡党员名册.xlsx') }], underOrgId: townId }).catch((e: unknown) => e as LedgerError);
    expect((e3 as LedgerError).code).toBe('FORBIDDEN');
  });
});
