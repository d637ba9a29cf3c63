/**
 * IMPORT.md "What arrives (expect all of it)", end to end through the contract: our own generated
 * messy files (test/fixtures/import/make-messy-batch.ts) — a workbook with one sheet per village,
 * a legacy .xls and a GB18030 .csv from two other villages, as one batch — preview with exactly the
 * planted issues, and commit with the right counts and the normalised values stored.
 */
import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core.js';
import type { ImportPreview } from '../../shared/contract/imports.js';
import { ISSUE_CODES } from '../../shared/import/issue-codes.js';
import { CSV_TEXT, IDS, LEGACY_18, writeMessyBatch, type MessyBatch } from '../fixtures/import/make-messy-batch.js';
import { caller, createCore, tempDir } from '../helpers/ledger.js';

const XLSX_NAME = '示例乡党员花名册.xlsx';
const XLS_NAME = '前进村党员名册.xls';
const CSV_NAME = '团结村党员名册.csv';

type Planted = [file: string, sheet: string, row: number, code: string];

/** Every issue planted in the three files: no more, no fewer. */
const PLANTED: Planted[] = [
  [XLSX_NAME, '红旗村', 12, 'ID_PRECISION_LOST'],
  [XLSX_NAME, '红旗村', 13, 'CODE_UNKNOWN'],
  [XLSX_NAME, '红旗村', 14, 'ORG_UNKNOWN'],
  [XLSX_NAME, '红旗村', 15, 'PHONE_FORMAT'],
  [XLSX_NAME, '红旗村', 16, 'ID_BIRTH_MISMATCH'],
  [XLSX_NAME, '红旗村', 17, 'ID_SEX_MISMATCH'],
  [XLSX_NAME, '胜利村', 5, 'DATE_FUTURE'],
  [XLSX_NAME, '胜利村', 6, 'DATE_ORDER'],
  [XLSX_NAME, '胜利村', 7, 'AGE_UNDER_18'],
  [XLSX_NAME, '胜利村', 8, 'REQUIRED_MISSING'],
  [XLS_NAME, '前进村', 5, 'DUPLICATE_IN_FILE'],
];

/** The column each planted issue points at, as the file's header says it. */
const COLUMN_OF: Record<string, string> = {
  ID_PRECISION_LOST: '身份证号',
  CODE_UNKNOWN: '民族',
  ORG_UNKNOWN: '所在支部',
  PHONE_FORMAT: '联系电话',
  ID_BIRTH_MISMATCH: '出生日期',
  ID_SEX_MISMATCH: '性别',
  DATE_FUTURE: '转正时间',
  DATE_ORDER: '转正时间',
  AGE_UNDER_18: '入党日期',
  REQUIRED_MISSING: '姓名',
  DUPLICATE_IN_FILE: '公民身份号码',
};

const key = (i: { file: string; sheet: string | null; row: number | null; code: string }): string => `${i.file}|${i.sheet}|${i.row}|${i.code}`;

describe('import of a messy township batch (xlsx with a sheet per village + .xls + GB18030 .csv)', () => {
  const tmp = tempDir('ledger-messy-');
  let core: Core;
  let admin: ReturnType<typeof caller>;
  let townId: string;
  const orgIds: Record<string, string> = {};
  let files: MessyBatch;
  let preview: ImportPreview;

  const countRows = async (table: 'members' | 'memberEvents'): Promise<number> =>
    Number((await core.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const member = (idNumber: string) => core.db.selectFrom('members').selectAll().where('idNumber', '=', idNumber).executeTakeFirst();

  beforeAll(async () => {
    const made = await createCore(tmp.dir);
    core = made.core;
    admin = caller(core, made.adminId);
    const town = await admin('org.create', { parentId: made.rootId, name: '中共示例乡委员会', shortName: '示例乡党委', kind: 'committee', unitCategory: 'township', canApprove: true });
    townId = town.id;
    for (const v of ['红旗村', '胜利村', '前进村', '团结村']) {
      const o = await admin('org.create', { parentId: townId, name: `中共${v}支部委员会`, shortName: `${v}党支部`, kind: 'branch', unitCategory: 'village' });
      orgIds[v] = o.id;
    }
    files = await writeMessyBatch(tmp.dir + '/in');
    preview = await admin('import.preview', { files: [{ path: files.xlsx }, { path: files.xls }, { path: files.csv }], underOrgId: townId });
  });
  afterAll(async () => {
    await core.close();
    tmp.cleanup();
  });

  it('reads every sheet of every file: header rows and data rows as Excel numbers them', () => {
    expect(preview.kind).toBe('members');
    expect(preview.files.map((f) => ({ file: f.file, sheet: f.sheet, headerRow: f.headerRow, dataRows: f.dataRows }))).toEqual([
      { file: XLSX_NAME, sheet: '红旗村', headerRow: 4, dataRows: 12 },
      { file: XLSX_NAME, sheet: '胜利村', headerRow: 2, dataRows: 8 },
      { file: XLS_NAME, sheet: '前进村', headerRow: 2, dataRows: 4 },
      { file: CSV_NAME, sheet: '团结村党员名册', headerRow: 2, dataRows: 3 },
    ]);
    // Header aliases, mapped; 序号 is ignored, not reported as unmapped; the blank column D is gone.
    const hongqi = preview.files[0]!;
    expect(hongqi.mapping).toEqual({
      姓名: 'name',
      性别: 'gender',
      身份证号: 'idNumber',
      出生日期: 'birthDate',
      民族: 'ethnicity',
      文化程度: 'education',
      加入党组织日期: 'joinedOn',
      转正日期: 'confirmedOn',
      所在支部: 'orgId',
      党员类别: 'category',
      联系电话: 'phone',
    });
    expect(hongqi.columns.map((c) => c.letter)).toEqual(['A', 'B', 'C', 'E', 'F', 'G', 'H', 'I', 'J', 'K', 'L', 'M']);
    expect(preview.files[1]!.mapping).toMatchObject({ 身份证号码: 'idNumber', 学历: 'education', 入党日期: 'joinedOn', 转正时间: 'confirmedOn', 所在党支部: 'orgId', 人员类别: 'category', 出生年月: 'birthDate' });
    expect(preview.files[2]!.mapping).toMatchObject({ 公民身份号码: 'idNumber', 入党时间: 'joinedOn', 所在党支部: 'orgId' });
    expect(preview.files[3]!.mapping).toMatchObject({ 身份证号码: 'idNumber', 工作单位及职务: 'employerPost', 联系电话: 'phone' });
  });

  it('the files are what they claim: BIFF8 in an OLE2 container, GB18030 text that is not UTF-8', () => {
    expect(readFileSync(files.xls).subarray(0, 8).toString('hex')).toBe('d0cf11e0a1b11ae1');
    const csv = readFileSync(files.csv);
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(csv)).toThrow();
    expect(iconv.decode(csv, 'gb18030')).toBe(CSV_TEXT);
  });

  it('keeps Excel row numbers: title, 填报单位, blank, 合计 and note rows left out, the hidden row kept', async () => {
    const all = await admin('import.rows', { previewId: preview.previewId, only: 'all', limit: 1000 });
    expect(all.total).toBe(27);
    const rowsOf = (file: string, sheet: string) => all.rows.filter((r) => r.file === file && r.sheet === sheet).map((r) => r.row);
    expect(rowsOf(XLSX_NAME, '红旗村')).toEqual([5, 6, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17]);
    expect(rowsOf(XLSX_NAME, '胜利村')).toEqual([3, 4, 5, 6, 7, 8, 9, 10]);
    expect(rowsOf(XLS_NAME, '前进村')).toEqual([3, 4, 5, 6]);
    expect(rowsOf(CSV_NAME, '团结村党员名册')).toEqual([3, 4, 5]);
    // The hidden row 8 (艾力・吐尔逊) is a data row like any other.
    const hidden = all.rows.find((r) => r.sheet === '红旗村' && r.row === 8)!;
    expect(hidden.cells['姓名']).toBe('艾力・吐尔逊');
    expect(hidden.action).toBe('create');
  });

  it('reports exactly the planted issues, on the right file, sheet, row and column', () => {
    const found = preview.issues.map(key).sort();
    expect(found).toEqual(PLANTED.map(([file, sheet, row, code]) => key({ file, sheet, row, code })).sort());
    for (const i of preview.issues) {
      expect(i.severity).toBe(ISSUE_CODES[i.code as keyof typeof ISSUE_CODES].severity);
      expect(i.column).toBe(COLUMN_OF[i.code]);
      expect(i.message).toMatch(/[\u4e00-\u9fff]/);
    }
    const dup = preview.issues.find((i) => i.code === 'DUPLICATE_IN_FILE')!;
    expect(dup.message).toContain(XLSX_NAME);
    expect(dup.message).toContain('胜利村');
    expect(dup.message).toContain('第9行');
    expect(preview.issues.find((i) => i.code === 'ORG_UNKNOWN')!.message).toContain('幸福村党支部');
    expect(preview.issueCounts).toEqual({
      ID_PRECISION_LOST: 1,
      CODE_UNKNOWN: 1,
      ORG_UNKNOWN: 1,
      PHONE_FORMAT: 1,
      ID_BIRTH_MISMATCH: 1,
      ID_SEX_MISMATCH: 1,
      DATE_FUTURE: 1,
      DATE_ORDER: 1,
      AGE_UNDER_18: 1,
      REQUIRED_MISSING: 1,
      DUPLICATE_IN_FILE: 1,
    });
  });

  it('counts rows and plans: 27 rows, 8 with errors skipped, 3 with warnings still created', () => {
    expect(preview.rows).toEqual({ total: 27, valid: 19, withWarnings: 3, withErrors: 8 });
    expect(preview.plan).toEqual({ create: 19, update: 0, skip: 8, unchanged: 0 });
    expect(preview.updates).toEqual([]);
    expect(preview.problemRows.total).toBe(11);
  });

  it('commits 19 members with their admitted/confirmed events; rows with errors are left out', async () => {
    const before = { members: await countRows('members'), events: await countRows('memberEvents') };
    const c = await admin('import.commit', { previewId: preview.previewId });
    expect(c).toMatchObject({ created: 19, updated: 0, skipped: 8, unchanged: 0 });
    expect(await countRows('members')).toBe(before.members + 19);
    // 19 admitted (every row has 入党日期) + 18 confirmed (the 预备党员 has no 转正日期).
    expect(await countRows('memberEvents')).toBe(before.events + 37);
    const byKind = await core.db
      .selectFrom('memberEvents')
      .select(['kind', (eb) => eb.fn.countAll<number>().as('n')])
      .where('importBatchId', '=', c.batchId)
      .groupBy('kind')
      .orderBy('kind')
      .execute();
    expect(byKind.map((r) => [r.kind, Number(r.n)])).toEqual([
      ['admitted', 19],
      ['confirmed', 18],
    ]);

    // The skipped rows wrote nothing (the duplicate's first occurrence, in 胜利村, was created).
    for (const id of [IDS.zhoumin, IDS.wulei, IDS.machao, IDS.huanglei, IDS.linxiaoyu, IDS.noName]) expect(await member(id)).toBeUndefined();
    expect(await core.db.selectFrom('members').select('id').where('name', '=', '孙强').executeTakeFirst()).toBeUndefined();
    const liming = (await member(IDS.liming))!;
    expect(liming.orgId).toBe(orgIds['胜利村']);
    expect(liming.phone).toBe('13899990107');

    // Rows with warnings only were created.
    expect((await member(IDS.zhengjie))!.phone).toBe('1356562');
    expect((await member(IDS.fengjun))!.birthDate).toBe('1986-02-03');
    expect((await member(IDS.chengang))!.gender).toBe('2');
  });

  it('stores the normalised values: names with "·", 18-digit upper-case IDs, codes, dates with their precision', async () => {
    const m = async (id: string) => (await member(id))!;
    // Names: •, ．, ・ → "·"; spaces gone.
    expect((await m(IDS.maimaiti)).name).toBe('买买提·依明');
    expect((await m(IDS.ayiguli)).name).toBe('阿依古丽·吾斯曼');
    expect((await m(IDS.aili)).name).toBe('艾力·吐尔逊');
    expect((await m(IDS.liufang)).name).toBe('刘芳');
    // ID numbers: lower-case x, full-width digits, inner spaces, the 15-digit number upgraded.
    expect(IDS.aili.endsWith('X')).toBe(true);
    expect((await m(IDS.aili)).idNumber).toBe(IDS.aili);
    expect((await m(IDS.zhangwei)).idNumber).toBe(IDS.zhangwei);
    expect((await m(IDS.liufang)).idNumber).toBe(IDS.liufang);
    const zhao = await m(LEGACY_18);
    expect(zhao.idNumber).toHaveLength(18);
    expect(zhao).toMatchObject({ name: '赵英', birthDate: '1968-09-23', gender: '1' });

    // Codes through aliases: 维族/维吾尔 → 05, 大专/专科 → 30, 中共党员 → formal, 男性/女性.
    expect(await m(IDS.maimaiti)).toMatchObject({ gender: '1', ethnicity: '05', education: '30', category: 'formal', orgId: orgIds['红旗村'], phone: '13565623510' });
    expect(await m(IDS.ayiguli)).toMatchObject({ gender: '2', ethnicity: '05', education: '30', category: 'formal', orgId: orgIds['红旗村'] });
    expect(await m(IDS.aili)).toMatchObject({ gender: '1', ethnicity: '05', education: '60', category: 'formal', orgId: orgIds['红旗村'] });
    expect(await m(IDS.zhangwei)).toMatchObject({ ethnicity: '01', education: '20' });
    expect(await m(IDS.liufang)).toMatchObject({ gender: '2', education: '70' });
    expect(await m(IDS.patiguli)).toMatchObject({ category: 'probationary', education: '30', ethnicity: '05', joinedOn: '2026-03-01', confirmedOn: null });
    expect(await m(IDS.gulinaer)).toMatchObject({ education: '30', ethnicity: '05', orgId: orgIds['前进村'] });
    expect(await m(IDS.wangqiang)).toMatchObject({ education: '70', orgId: orgIds['前进村'] });
    expect(await m(IDS.nuerlan)).toMatchObject({ ethnicity: '17', education: '20', orgId: orgIds['团结村'] });
    expect(await m(IDS.mayila)).toMatchObject({ ethnicity: '05', education: '40', category: 'formal', orgId: orgIds['团结村'] });

    // Every date form; month-only dates stay months.
    const dates = async (id: string) => {
      const x = await m(id);
      return [x.birthDate, x.joinedOn, x.confirmedOn];
    };
    expect(await dates(IDS.maimaiti)).toEqual(['1980-03-12', '2005-06-20', '2006-07-01']); // Excel date cells, 1990-01-05
    expect(await dates(IDS.ayiguli)).toEqual(['1985-07-08', '2010-01-01', '2011-03-05']); // from the ID, serial as text, 1990/1/5
    expect(await dates(IDS.aili)).toEqual(['1982-01-01', '2008-01', '2009-03']); // 1990.01, 1990年1月
    expect(await dates(IDS.zhangwei)).toEqual(['1978-05-20', '2009-01-05', '2010-03-10']); // 1990.1.5, 19900105
    expect(await dates(IDS.liufang)).toEqual(['1983-09-09', '2010-01-05', '2011-03']); // 1990年1月5日, 199001
    expect(await dates(LEGACY_18)).toEqual(['1968-09-23', '1998-07-01', '1999-08-01']); // 19900105, date cells
    expect(await dates(IDS.wangjianguo)).toEqual(['1965-04', '1990-01-05', '1991-02-05']); // 1990.01, 1990/1/5
    expect(await dates(IDS.lihong)).toEqual(['1968-02-14', '1990-01', '1991-02']); // 199001, 1990.01
    expect(await dates(IDS.gulinaer)).toEqual(['1988-10-10', '2012-07-01', '2013-07-10']); // .xls date cells
    expect(await dates(IDS.wangqiang)).toEqual(['1979-12-12', '2003-07', '2004-08-01']);
    expect(await dates(IDS.abudu)).toEqual(['1990-01-05', '2015-01-05', '2016-02-05']);
    expect(await dates(IDS.mayila)).toEqual(['1985-04-04', '2010-07-01', '2011-08-01']);
    expect(await dates(IDS.chenli)).toEqual(['1980-08-08', '2005-07', '2006-09']);

    // Quoted CSV fields: commas and doubled quotes inside, GB18030 text decoded.
    expect((await m(IDS.nuerlan))).toMatchObject({ name: '努尔兰·哈力克', employerPost: '团结村村委会, 主任' });
    expect((await m(IDS.mayila))).toMatchObject({ name: '玛依拉·吐尔洪', employerPost: '团结村合作社,"带头人"', phone: '0998-2345678' });

    // Events carry the dates as stored (month precision kept).
    const ev = await core.db.selectFrom('memberEvents').select(['kind', 'onDate', 'orgId']).where('memberId', '=', (await m(IDS.aili)).id).orderBy('onDate').execute();
    expect(ev).toEqual([
      { kind: 'admitted', onDate: '2008-01', orgId: orgIds['红旗村'] },
      { kind: 'confirmed', onDate: '2009-03', orgId: orgIds['红旗村'] },
    ]);
  });
});
