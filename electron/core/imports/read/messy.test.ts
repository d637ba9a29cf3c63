import { readFileSync } from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeMessyFiles, type MessyFiles } from '../../../../test/fixtures/import/make-messy.js';
import { readFiles } from './read-files.js';

let dir: string;
let f: MessyFiles;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'read-messy-'));
  f = await writeMessyFiles(dir);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const name = (p: string): string => p.replace(/^.*[\\/]/, '');

describe('messy township workbook', () => {
  it('one table per village sheet, in tab order; hidden and instruction sheets reported', async () => {
    const { tables, issues } = await readFiles([{ name: name(f.roster), path: f.roster }]);
    expect(tables.map((t) => t.sheet)).toEqual(['红旗村', '胜利村']);
    expect(issues.map((i) => [i.code, i.severity, i.sheet])).toEqual([
      ['SHEET_HIDDEN', 'warning', '代码'],
      ['SHEET_NO_TABLE', 'warning', '填表说明'],
    ]);
    for (const i of issues) expect(i.message).toContain(name(f.roster));
  });

  it('title, 填报单位, blank rows and column, hidden row, 合计 and notes', async () => {
    const { tables } = await readFiles([{ name: name(f.roster), path: f.roster }]);
    const t = tables[0]!;
    expect(t.headerRow).toBe(4);
    // Column D is blank top to bottom: left out, the letters keep Excel's names.
    expect(t.headers).toEqual(['序号', '姓名', '性别', '公民身份号码', '出生日期', '民族', '文化程度', '入党时间', '所在党支部', '联系电话']);
    expect(t.columnLetters).toEqual(['A', 'B', 'C', 'E', 'F', 'G', 'H', 'I', 'J', 'K']);
    expect(t.rows.map((r) => r.rowNumber)).toEqual([5, 6, 8, 9]);
    expect(t.rows.map((r) => r.hidden ?? false)).toEqual([false, false, true, false]);
    expect(t.skipped).toEqual([
      { rowNumber: 1, reason: 'title' },
      { rowNumber: 2, reason: 'title' },
      { rowNumber: 3, reason: 'blank' },
      { rowNumber: 7, reason: 'blank' },
      { rowNumber: 10, reason: 'total' },
      { rowNumber: 12, reason: 'note' },
      { rowNumber: 13, reason: 'note' },
      { rowNumber: 14, reason: 'note' },
    ]);
    const r6 = t.rows[1]!.cells;
    // An ID typed into a number cell stays a number (the validator flags ID_PRECISION_LOST).
    expect(r6[3]).toEqual({ value: 652923196605120000, numeric: true });
    // Formula: cached result as the value, formula text kept.
    expect(r6[0]).toEqual({ value: 2, numeric: true, formula: 'ROW()-4' });
    // Date cells are Dates at UTC midnight; dates typed as text stay text.
    expect(r6[4]!.value).toEqual(new Date(Date.UTC(1966, 4, 12)));
    expect(t.rows[2]!.cells[7]).toEqual({ value: '2023.09', numeric: false });
    expect(t.rows[3]!.cells[7]).toEqual({ value: '2001年7月', numeric: false });
    expect(t.rows.every((r) => r.cells.length === t.headers.length)).toBe(true);
  });

  it('two-row header joined as 上|下; a date formula keeps its date', async () => {
    const { tables } = await readFiles([{ name: name(f.roster), path: f.roster }]);
    const t = tables[1]!;
    expect(t.headerRow).toBe(3);
    expect(t.headers).toEqual(['序号', '姓名', '性别', '公民身份号码', '入党时间|预备', '入党时间|转正', '人员类别', '备注']);
    expect(t.rows.map((r) => r.rowNumber)).toEqual([4, 5]);
    expect(t.skipped).toEqual([
      { rowNumber: 1, reason: 'title' },
      { rowNumber: 6, reason: 'total' },
    ]);
    expect(t.rows[1]!.cells[3]).toEqual({ value: 652923680923145, numeric: true });
    expect(t.rows[1]!.cells[5]).toEqual({ value: new Date(Date.UTC(2009, 5, 24)), numeric: true, formula: 'EDATE(E5,12)' });
  });

  it('HEADER_NOT_FOUND names file and sheet; the other sheet still reads', async () => {
    const { tables, issues } = await readFiles([{ name: name(f.noHeader), path: f.noHeader }]);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ code: 'HEADER_NOT_FOUND', severity: 'error', file: '无表头.xlsx', sheet: '数据' });
    expect(issues[0]!.message).toContain('数据');
    expect(tables.map((t) => t.sheet)).toEqual(['网格']);
    expect(tables[0]!.rows[0]!.cells[4]).toEqual({ value: 85, numeric: true });
  });
});

describe('messy text files', () => {
  it('UTF-8 with BOM', async () => {
    const { tables, issues } = await readFiles([{ name: name(f.utf8BomCsv), bytes: readFileSync(f.utf8BomCsv) }]);
    expect(issues).toEqual([]);
    expect(tables[0]!.headers[0]).toBe('姓名');
    expect(tables[0]!.rows[0]!.cells[0]!.value).toBe('艾则孜·吾术尔');
  });

  it('GB18030: quoted commas, line breaks in quotes, doubled quotes, ="…", scientific notation left as text', async () => {
    const { tables, issues } = await readFiles([{ name: name(f.gbCsv), path: f.gbCsv }]);
    expect(issues).toEqual([]);
    const t = tables[0]!;
    expect(t.headerRow).toBe(2);
    expect(t.headers).toEqual(['姓名', '身份证号', '所在村', '工作单位及职务', '备注']);
    expect(t.rows.map((r) => r.rowNumber)).toEqual([3, 4]);
    expect(t.skipped).toEqual([
      { rowNumber: 1, reason: 'title' },
      { rowNumber: 6, reason: 'total' },
    ]);
    const [a, b] = t.rows.map((r) => r.cells.map((c) => c.value));
    expect(a).toEqual(['苏比努尔·吾术尔', '652923199107219481', '红旗村', '红旗村村委会, 委员', '说"致富能手"']);
    expect(b).toEqual(['贾俊秀', '6.52923199805052E+17', '前进村', '胜利村合作社\r\n负责人', null]);
    expect(t.rows.flatMap((r) => r.cells).every((c) => c.numeric === false)).toBe(true);
  });

  it('tab and semicolon delimiters are sniffed', async () => {
    for (const p of [f.tabTxt, f.semicolonCsv]) {
      const { tables } = await readFiles([{ name: name(p), path: p }]);
      expect(tables[0]!.headers).toEqual(['姓名', '性别', '民族', '公民身份号码', '出生日期']);
      expect(tables[0]!.rows[1]!.cells[4]!.value).toBe('1985年12月');
    }
  });

  it('encoding override; a wrong one is reported as ENCODING_UNCERTAIN', async () => {
    const gb = readFileSync(f.gbCsv);
    const forced = await readFiles([{ name: 'x.csv', bytes: gb }], { encoding: 'gb18030' });
    expect(forced.tables[0]!.headers[0]).toBe('姓名');
    const wrong = await readFiles([{ name: 'x.csv', bytes: gb }], { encoding: 'utf-8' });
    expect(wrong.issues.map((i) => i.code)).toContain('ENCODING_UNCERTAIN');
  });
});
