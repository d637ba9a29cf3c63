/**
 * An unterminated quote in a CSV: Excel would take the rest of the file into one cell; a clerk
 * expects every row still there and the broken one named. The quote is read as a plain character
 * from where it opened, every row after it is read as a row, and CSV_QUOTE_UNCLOSED names the row
 * and column (a warning: nothing is dropped) — through the readers and through import.preview.
 * Also: fields, quotes and line breaks cut by chunk boundaries (the reader streams).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import type { Core } from '../../core.js';
import { caller, createCore, idFor, tempDir } from '../../../../test/helpers/ledger.js';
import { readFiles } from './read-files.js';
import { CsvScanner, type Delimiter } from './csv-parse.js';

/** A header and `n` data rows (sheet rows 2 … n + 1); `broken` (a sheet row) opens a quote it never closes. */
function roster(n: number, broken?: number): string {
  const lines = ['姓名,性别,备注'];
  for (let row = 2; row <= n + 1; row++) lines.push(row === broken ? `"第${row}人,男,未闭合` : `第${row}人,男,"备注, ""${row}"""`);
  return lines.join('\r\n') + '\r\n';
}

describe('unterminated quote', () => {
  it('row 501 of 1,000: every row is read, the issue names row 501 column A', async () => {
    const r = await readFiles([{ name: '名册.csv', bytes: Buffer.from(roster(1000, 501)) }]);
    const t = r.tables[0]!;
    expect(t.rows).toHaveLength(1000);
    expect(t.rows.map((x) => x.rowNumber)).toEqual(Array.from({ length: 1000 }, (_, i) => i + 2));
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0]).toMatchObject({ file: '名册.csv', sheet: '名册', row: 501, column: 'A', code: 'CSV_QUOTE_UNCLOSED', severity: 'warning' });
    expect(r.issues[0]!.message).toContain('名册.csv');
    expect(r.issues[0]!.message).toContain('第 501 行 A 列');
    // The quote stays as the clerk typed it; the rows after it keep their own quoted fields.
    const at = (row: number) => t.rows.find((x) => x.rowNumber === row)!.cells.map((c) => c.value);
    expect(at(501)).toEqual(['"第501人', '男', '未闭合']);
    expect(at(502)).toEqual(['第502人', '男', '备注, "502"']);
    expect(at(1001)).toEqual(['第1001人', '男', '备注, "1001"']);
  });

  it('a file cut inside a quoted field (its last row), GB18030, read from a path', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'csv-quotes-'));
    try {
      const path = join(dir, '截断.csv');
      writeFileSync(path, iconv.encode('姓名,性别,备注\r\n张三,男,说明\r\n李四,女,"胜利村合作社\r\n负', 'gb18030'));
      const r = await readFiles([{ name: '截断.csv', path }]);
      expect(r.issues.map((i) => [i.code, i.row, i.column])).toEqual([['CSV_QUOTE_UNCLOSED', 3, 'C']]);
      expect(r.tables[0]!.rows.map((x) => [x.rowNumber, x.cells.map((c) => c.value)])).toEqual([
        [2, ['张三', '男', '说明']],
        [3, ['李四', '女', '"胜利村合作社']],
        [4, ['负', null, null]],
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('closed quotes still hold delimiters, line breaks and doubled quotes', async () => {
    const r = await readFiles([{ name: 'q.csv', bytes: Buffer.from('姓名,备注\n"张,三","一行\n两行"\n"李""四""",x\n') }]);
    expect(r.issues).toEqual([]);
    expect(r.tables[0]!.rows.map((x) => [x.rowNumber, x.cells.map((c) => c.value)])).toEqual([
      [2, ['张,三', '一行\n两行']],
      [3, ['李"四"', 'x']],
    ]);
  });
});

describe('the scanner across chunk boundaries', () => {
  /** Fields per record as the scanner reports them, feeding the text in pieces of `size` bytes. */
  function scan(text: string, size: number, d: Delimiter = ','): { records: [number, string[]][]; unclosed: [number, number][] } {
    const records: [number, string[]][] = [];
    const unclosed: [number, number][] = [];
    let fields: string[] = [];
    const s = new CsvScanner(d, {
      field: (buf, start, end, col, quoted) => {
        while (fields.length < col) fields.push('');
        fields.push((quoted ? 'Q:' : '') + buf.toString('utf8', start, end));
      },
      record: (row) => {
        records.push([row, fields]);
        fields = [];
      },
      unclosedQuote: (row, col) => unclosed.push([row, col]),
    });
    const bytes = Buffer.from(text);
    for (let i = 0; i < bytes.length; i += size) s.feed(bytes.subarray(i, i + size));
    s.end();
    return { records, unclosed };
  }

  it('gives the same records whatever the chunk size', () => {
    const text = 'a,"b\r\nc",d\r\n\r\n"e""f" g,,h\rx;y\nu"v,1\n2,"q"\n';
    const whole = scan(text, text.length);
    expect(whole.records).toEqual([
      [1, ['a', 'Q:"b\r\nc"', 'd']],
      [2, []],
      [3, ['Q:"e""f" g', '', 'h']],
      [4, ['x;y']],
      [5, ['u"v', '1']],
      [6, ['2', 'Q:"q"']],
    ]);
    expect(whole.unclosed).toEqual([]);
    for (let size = 1; size <= 8; size++) expect(scan(text, size)).toEqual(whole);
    // A quote that never closes: read again from it as plain text, row by row.
    for (let size = 1; size <= 8; size++) {
      const broken = scan(text + 'w,"tail\r\nmore,""1""\r\n', size);
      expect(broken.unclosed).toEqual([[7, 1]]);
      expect(broken.records.slice(6)).toEqual([
        [7, ['w', '"tail']],
        [8, ['more', 'Q:""1""']],
      ]);
    }
  });
});

describe('through import.preview', () => {
  const tmp = tempDir('csv-quotes-');
  let core: Core | undefined;
  afterAll(async () => {
    await core?.close();
    tmp.cleanup();
  });

  it('the issue reaches the preview with its row, and no row is lost', async () => {
    const made = await createCore(tmp.dir);
    core = made.core;
    const admin = caller(core, made.adminId);
    const lines = ['姓名,性别,公民身份号码,所在党组织,人员类别,入党日期,转正日期'];
    for (let i = 0; i < 20; i++) lines.push(`${i === 9 ? '"' : ''}党员${i},男,${idFor('1980-01-01')},中共测试县委员会,正式党员,2005-07-01,2006-07-01`);
    const p = await admin('import.preview', { files: [{ name: '党员.csv', dataBase64: Buffer.from(lines.join('\r\n')).toString('base64') }], kind: 'members' });
    expect(p.rows.total).toBe(20);
    const quote = p.issues.filter((i) => i.code === 'CSV_QUOTE_UNCLOSED');
    expect(quote).toEqual([expect.objectContaining({ file: '党员.csv', sheet: '党员', row: 11, column: 'A', severity: 'warning' })]);
    expect(quote[0]!.message).toContain('第 11 行 A 列');
  });
});
