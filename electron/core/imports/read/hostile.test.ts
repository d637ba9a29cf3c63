import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { readFiles } from './read-files.js';

import { FIXTURES } from '../../../../test/helpers/paths.js';
import { makeZip, type ZipSpec } from '../../../../test/helpers/zip.js';

const FIX = FIXTURES + '/';
const xlsx = readFileSync(FIX + '示例乡党员名册.xlsx');
const xls = readFileSync(FIX + '示例村级后备力量.xls');

const SHEET = Buffer.from(
  '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>' +
    '<row r="1"><c r="A1" t="inlineStr"><is><t>姓名</t></is></c><c r="B1" t="inlineStr"><is><t>性别</t></is></c></row>' +
    '<row r="2"><c r="A2" t="inlineStr"><is><t>张三</t></is></c><c r="B2" t="inlineStr"><is><t>男</t></is></c></row>' +
    '</sheetData></worksheet>',
);
const WORKBOOK = Buffer.from(
  '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="名单" sheetId="1" r:id="rId1"/></sheets></workbook>',
);
const RELS = Buffer.from(
  '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
);
const minimal = (extra: ZipSpec[] = []): ZipSpec[] => [
  { name: 'xl/workbook.xml', data: WORKBOOK },
  { name: 'xl/_rels/workbook.xml.rels', data: RELS },
  { name: 'xl/worksheets/sheet1.xml', data: SHEET },
  ...extra,
];

/** A refused file: no table, every issue naming it. (Hangs and blow-ups: corpus.test.ts, in a child with a deadline.) */
async function codesOf(name: string, bytes: Buffer, limits?: Parameters<typeof readFiles>[1]): Promise<string[]> {
  const r = await readFiles([{ name, bytes }], limits);
  expect(r.tables).toEqual([]);
  for (const i of r.issues) {
    expect(i.file).toBe(name);
    expect(i.message).toContain(name);
  }
  return r.issues.map((i) => i.code);
}

describe('hand-written zips', () => {
  it('a minimal valid workbook reads (the builder is sound)', async () => {
    const r = await readFiles([{ name: 'ok.xlsx', bytes: makeZip(minimal()) }]);
    expect(r.issues).toEqual([]);
    expect(r.tables[0]).toMatchObject({ sheet: '名单', headers: ['姓名', '性别'], headerRow: 1 });
  });

  it('rows of one far-right cell each: stopped by the cell cap (TOO_MANY_CELLS), not gigabytes of blank cells', async () => {
    // 13,000 rows × 1,000 cells wide > 12,000,000: a 40 KB file that would otherwise pin ~100 MB
    // (and, with a million such rows, gigabytes).
    let xml = '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
    for (let r = 1; r <= 13_000; r++) xml += `<row r="${r}"><c r="ALL${r}" t="inlineStr"><is><t>x</t></is></c></row>`;
    xml += '</sheetData></worksheet>';
    const bytes = makeZip([{ name: 'xl/workbook.xml', data: WORKBOOK }, { name: 'xl/_rels/workbook.xml.rels', data: RELS }, { name: 'xl/worksheets/sheet1.xml', data: Buffer.from(xml) }]);
    expect(bytes.length).toBeLessThan(100 * 1024);
    const r = await readFiles([{ name: '宽表.xlsx', bytes }]);
    expect(r.issues.map((i) => i.code)).toEqual(['TOO_MANY_CELLS']);
    expect(r.issues[0]!.message).toContain('宽表.xlsx');
    expect(r.issues[0]!.sheet).toBe('名单');
  });

  it('the cell cap counts csv and xls rows too (as wide as their last filled cell)', async () => {
    const csv = Buffer.from(Array.from({ length: 50 }, (_, i) => `${','.repeat(99)}v${i}`).join('\n'));
    const r = await readFiles([{ name: '宽.csv', bytes: csv }], { limits: { maxCells: 4_000 } });
    expect(r.issues.map((i) => i.code)).toEqual(['TOO_MANY_CELLS']);
    const x = await readFiles([{ name: '后备.xls', bytes: xls }], { limits: { maxCells: 20 } });
    expect(x.issues.map((i) => i.code)).toContain('TOO_MANY_CELLS');
  });

  it('zip bomb: extreme ratio declared in the directory, refused before inflating', async () => {
    const zeros = Buffer.alloc(64 * 1024 * 1024);
    const bytes = makeZip(minimal([{ name: 'xl/media/image1.png', data: zeros }]));
    expect(bytes.length).toBeLessThan(200 * 1024);
    expect(await codesOf('炸弹.xlsx', bytes)).toEqual(['ZIP_BOMB']);
  });

  it('zip bomb: directory declares a huge total size', async () => {
    // Each entry modest, the sum over the limit (a 2 KB limit here; 1 GiB by default).
    const parts = Array.from({ length: 4 }, (_, i) => ({ name: `xl/media/${i}.bin`, data: randomBytes(1000), method: 0 as const }));
    expect(await codesOf('大.xlsx', makeZip(minimal(parts)), { limits: { maxUncompressedBytes: 2048 } })).toEqual(['ZIP_BOMB']);
    // With default limits: a 4 GB claim.
    const claim = makeZip(minimal([{ name: 'xl/media/huge.bin', data: Buffer.alloc(2_000_000), declaredSize: 0xfffffff0 }]));
    expect(await codesOf('大2.xlsx', claim)).toEqual(['ZIP_BOMB']);
  });

  it('zip bomb: a directory that lies about the size is caught while counting', async () => {
    const big = Buffer.alloc(8 * 1024 * 1024, 0x20);
    const lying = makeZip([
      { name: 'xl/workbook.xml', data: WORKBOOK },
      { name: 'xl/_rels/workbook.xml.rels', data: RELS },
      { name: 'xl/worksheets/sheet1.xml', data: big, declaredSize: 1000 },
    ]);
    expect(await codesOf('撒谎.xlsx', lying)).toEqual(['ZIP_BOMB']);
  });

  it('too many entries', async () => {
    const many = minimal(Array.from({ length: 20 }, (_, i) => ({ name: `xl/media/${i}.txt`, data: Buffer.from('x') })));
    expect(await codesOf('多.xlsx', makeZip(many), { limits: { maxZipEntries: 10 } })).toEqual(['ZIP_BOMB']);
  });

  it('entry paths with ../ or absolute', async () => {
    expect(await codesOf('路径.xlsx', makeZip(minimal([{ name: '../../evil.sh', data: Buffer.from('x') }])))).toEqual(['ZIP_UNSAFE_PATH']);
    expect(await codesOf('路径2.xlsx', makeZip(minimal([{ name: 'xl/../../evil', data: Buffer.from('x') }])))).toEqual(['ZIP_UNSAFE_PATH']);
    expect(await codesOf('路径3.xlsx', makeZip(minimal([{ name: '/etc/passwd', data: Buffer.from('x') }])))).toEqual(['ZIP_UNSAFE_PATH']);
  });

  it('encrypted entries', async () => {
    expect(await codesOf('加密.xlsx', makeZip(minimal([{ name: 'xl/x.bin', data: Buffer.from('x'), flags: 1 }])))).toEqual(['FILE_ENCRYPTED']);
  });

  it('a zip that is not a workbook', async () => {
    expect(await codesOf('资料.xlsx', makeZip([{ name: 'readme.txt', data: Buffer.from('hello') }]))).toEqual(['FILE_UNREADABLE']);
  });

  it('corrupted deflate data (CRC / inflate failure)', async () => {
    const bytes = makeZip(minimal());
    const i = bytes.indexOf(Buffer.from('xl/worksheets/sheet1.xml')) + 30;
    for (let k = i; k < i + 40; k++) bytes[k] = bytes[k]! ^ 0x5a;
    expect(await codesOf('坏.xlsx', bytes)).toEqual(['FILE_UNREADABLE']);
  });
});

describe('damaged and disguised files', () => {
  it('truncated xlsx', async () => {
    for (const cut of [0.3, 0.6, 0.95]) {
      expect(await codesOf('截断.xlsx', xlsx.subarray(0, Math.floor(xlsx.length * cut)))).toEqual(['FILE_UNREADABLE']);
    }
  });

  it('truncated xls', async () => {
    const r = await readFiles([{ name: '截断.xls', bytes: xls.subarray(0, 3000) }]);
    expect(r.issues.map((i) => i.code)).toEqual(['FILE_UNREADABLE']);
  });

  it('random bytes named .xlsx, .xls and .csv', async () => {
    const junk = randomBytes(100_000);
    for (const n of ['随机.xlsx', '随机.xls', '随机.csv']) expect(await codesOf(n, junk)).toEqual(['FILE_UNREADABLE']);
  });

  it('random bytes after a zip or CFB signature', async () => {
    const z = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), randomBytes(50_000)]);
    expect(await codesOf('假zip.xlsx', z)).toEqual(['FILE_UNREADABLE']);
    const c = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), randomBytes(50_000)]);
    expect(await codesOf('假xls.xls', c)).toEqual(['FILE_UNREADABLE']);
  });

  it('an .xls whose sector chain loops is FILE_UNREADABLE (SheetJS would follow it for ever)', async () => {
    const bytes = Buffer.from(xls);
    const ssz = 1 << bytes.readUInt16LE(0x1e);
    const sector = (k: number) => (k + 1) * ssz;
    // The Workbook stream made to start just past the last sector, whose table entry points at itself.
    const past = bytes.length / ssz - 1;
    const dir = sector(bytes.readInt32LE(0x30));
    for (let e = dir; e < dir + ssz; e += 128) if (bytes.toString('utf16le', e, e + 16) === 'Workbook') bytes.writeInt32LE(past, e + 0x74);
    bytes.writeInt32LE(past, sector(bytes.readInt32LE(0x4c)) + past * 4);
    expect(await codesOf('成环.xls', bytes)).toEqual(['FILE_UNREADABLE']);
  });

  it('HTML spans that no sheet could hold (0, negative, 1e15, text) are read as 1, not looped on', async () => {
    const html = '<table><tr><td>网格</td><td>户数</td></tr><tr><td colspan="0" rowspan="-1">第1网格</td><td rowspan="abc" colspan="1000000000000000">34</td></tr></table>';
    const r = await readFiles([{ name: '导出.xls', bytes: Buffer.from(html) }]);
    expect(r.issues).toEqual([]);
    expect(r.tables[0]!.rows.map((x) => x.cells.map((c) => c.value))).toEqual([['第1网格', 34]]);
  });

  it('a file with nothing in it says so', async () => {
    for (const [name, bytes] of [['空白.csv', Buffer.from(' , ,\r\n\r\n')], ['空表.xls', Buffer.from('<table><tr><td></td></tr></table>')]] as const) {
      const r = await readFiles([{ name, bytes }]);
      expect(r.tables).toEqual([]);
      expect(r.issues.map((i) => [i.code, i.file])).toEqual([['SHEET_NO_TABLE', name]]);
      expect(r.issues[0]!.message).toContain(name);
    }
  });

  it('empty file', async () => {
    expect(await codesOf('空.csv', Buffer.alloc(0))).toEqual(['FILE_UNREADABLE']);
  });

  it('missing path', async () => {
    const r = await readFiles([{ name: '不存在.xlsx', path: '/nonexistent/不存在.xlsx' }]);
    expect(r.issues.map((i) => i.code)).toEqual(['FILE_UNREADABLE']);
  });

  it('.xls renamed .xlsx and .xlsx renamed .xls: read by content', async () => {
    const a = await readFiles([{ name: '后备力量.xlsx', bytes: xls }]);
    expect(a.issues).toEqual([]);
    expect(a.tables[0]!.rows).toHaveLength(12);
    const b = await readFiles([{ name: '党员名册.xls', bytes: xlsx }]);
    expect(b.issues).toEqual([]);
    expect(b.tables[0]!.rows).toHaveLength(60);
    const c = await readFiles([{ name: '党员名册.et', bytes: xlsx }]);
    expect(c.tables[0]!.rows).toHaveLength(60);
  });

  it('an HTML table exported as .xls', async () => {
    const html = '<html><head><meta charset="utf-8"></head><body><table><tr><td>网格</td><td>户数</td></tr><tr><td>第1网格</td><td>34</td></tr></table></body></html>';
    const r = await readFiles([{ name: '导出.xls', bytes: Buffer.from(html) }]);
    expect(r.issues).toEqual([]);
    expect(r.tables[0]!.headers).toEqual(['网格', '户数']);
    expect(r.tables[0]!.rows).toHaveLength(1);
  });

  it('one bad file does not stop the others', async () => {
    const r = await readFiles([
      { name: '随机.xlsx', bytes: randomBytes(1000) },
      { name: '示例村级后备力量.xls', bytes: xls },
    ]);
    expect(r.issues.map((i) => [i.code, i.file])).toEqual([['FILE_UNREADABLE', '随机.xlsx']]);
    expect(r.tables).toHaveLength(1);
  });
});

describe('limits, progress, cancellation', () => {
  it('FILE_TOO_LARGE before reading anything', async () => {
    expect(await codesOf('大.xlsx', xlsx, { limits: { maxFileBytes: 1000 } })).toEqual(['FILE_TOO_LARGE']);
  });

  it('TOO_MANY_ROWS with the count read, for each format', async () => {
    const csv = readFileSync(FIX + '示例社区网格.csv');
    for (const [n, bytes] of [['名册.xlsx', xlsx], ['后备.xls', xls], ['网格.csv', csv]] as const) {
      const r = await readFiles([{ name: n, bytes }], { limits: { maxRows: 5 } });
      expect(r.tables).toEqual([]);
      expect(r.issues.map((i) => i.code)).toEqual(['TOO_MANY_ROWS']);
      expect(r.issues[0]!.message).toContain('已读取 6 行');
      expect(r.issues[0]!.message).toContain('上限为 5 行');
    }
  });

  it('progress reports rows read', async () => {
    const calls: [number, number | null][] = [];
    await readFiles([{ name: 'a.xlsx', bytes: xlsx }], { onProgress: (d, t) => calls.push([d, t]) });
    expect(calls.at(-1)).toEqual([62, null]);
  });

  it('an aborted signal rejects with its reason', async () => {
    const ac = new AbortController();
    ac.abort(new Error('用户取消'));
    await expect(readFiles([{ name: 'a.xlsx', bytes: xlsx }], { signal: ac.signal })).rejects.toThrow('用户取消');
    const ac2 = new AbortController();
    const p = readFiles([{ name: 'a.xlsx', bytes: xlsx }], {
      signal: ac2.signal,
      onProgress: () => undefined,
    });
    queueMicrotask(() => ac2.abort(new Error('中途取消')));
    await expect(p).rejects.toThrow('中途取消');
  });
});
