/**
 * The xlsx reader on parts written by hand (what Excel, WPS and other tools put in them, beyond
 * what exceljs writes) and on workbooks exceljs writes; the scanner fed in pieces of every size.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import * as XLSX from '@e965/xlsx';
import { afterAll, describe, expect, it } from 'vitest';
import { makeZip, type ZipSpec } from '../../../../test/helpers/zip.js';
import type { RawCellInfo, RawRow, ReadIssue, ReadLimits } from '../types.js';
import { ReadContext, type SheetRows } from './context.js';
import { resolveLimits } from './limits.js';
import { EMPTY_CELL } from './cells.js';
import { openSource } from './source.js';
import { inspectZip } from './zip-guard.js';
import { readFiles } from './read-files.js';
import { SHARED_FORMULA, readXlsx } from './xlsx-reader.js';
import { XmlScanner, decodeText, type XmlHandler } from './xml-scan.js';

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const WS_TYPE = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet';

interface Book {
  sheets: { name: string; xml: string; path?: string; state?: string; target?: string }[];
  strings?: string;
  styles?: string;
  date1904?: boolean;
}

/** A workbook zip from raw parts; sheet paths and rels targets as given (defaults: sheetN.xml). */
function book(b: Book): Buffer {
  const specs: ZipSpec[] = [];
  const sheetTags = b.sheets.map((s, i) => `<sheet name="${s.name}" sheetId="${i + 1}"${s.state ? ` state="${s.state}"` : ''} r:id="rId${i + 1}"/>`).join('');
  specs.push({ name: 'xl/workbook.xml', data: Buffer.from(`<?xml version="1.0" encoding="UTF-8"?><workbook ${NS}>${b.date1904 ? '<workbookPr date1904="1"/>' : '<workbookPr/>'}<sheets>${sheetTags}</sheets></workbook>`) });
  const rels = b.sheets.map((s, i) => `<Relationship Id="rId${i + 1}" Type="${WS_TYPE}" Target="${s.target ?? `worksheets/sheet${i + 1}.xml`}"/>`).join('');
  specs.push({ name: 'xl/_rels/workbook.xml.rels', data: Buffer.from(`<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels}</Relationships>`) });
  if (b.styles) specs.push({ name: 'xl/styles.xml', data: Buffer.from(`<?xml version="1.0"?><styleSheet ${NS}>${b.styles}</styleSheet>`) });
  if (b.strings) specs.push({ name: 'xl/sharedStrings.xml', data: Buffer.from(`<?xml version="1.0"?><sst ${NS}>${b.strings}</sst>`) });
  b.sheets.forEach((s, i) => specs.push({ name: s.path ?? `xl/worksheets/sheet${i + 1}.xml`, data: Buffer.from(`<?xml version="1.0"?><worksheet ${NS}><sheetData>${s.xml}</sheetData></worksheet>`) }));
  return makeZip(specs);
}

const HEADER = '<row r="1"><c r="A1" t="inlineStr"><is><t>姓名</t></is></c><c r="B1" t="inlineStr"><is><t>性别</t></is></c><c r="C1" t="inlineStr"><is><t>出生日期</t></is></c></row>';
const inl = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;

/** The reader's own output (before the table finder): the sheets' non-empty rows. */
async function sheets(bytes: Buffer, limits: Partial<ReadLimits> = {}): Promise<{ sheets: SheetRows[]; issues: ReadIssue[] }> {
  const src = await openSource({ name: 't.xlsx', bytes });
  const ctx = new ReadContext(resolveLimits(limits), {}, []);
  const out = await readXlsx(src, ctx, await inspectZip(src, ctx.limits));
  return { sheets: out, issues: ctx.issues };
}

/** The first sheet's rows after the header row. */
async function table(bytes: Buffer): Promise<SheetRows> {
  const s = (await sheets(bytes)).sheets[0]!;
  return { sheet: s.sheet, rows: s.rows.slice(1) };
}

const values = (t: { rows: RawRow[] }): unknown[][] => t.rows.map((r) => r.cells.map((c) => c.value));
const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));

describe('cell values', () => {
  it('inline strings: rich runs joined, phonetic runs left out, entities and CDATA, blank text is blank', async () => {
    const t = await table(
      book({
        sheets: [
          {
            name: 'S',
            xml:
              HEADER +
              '<row r="2"><c r="A2" t="inlineStr"><is><r><rPr><b/></rPr><t>阿依</t></r><r><t xml:space="preserve">古丽 </t></r><rPh sb="0" eb="1"><t>アイ</t></rPh></is></c>' +
              '<c r="B2" t="inlineStr"><is><t>&#22899;&amp;&lt;x&gt;</t></is></c><c r="C2" t="inlineStr"><is><t><![CDATA[1990<01>]]></t></is></c></row>' +
              '<row r="3">' + inl('A3', '张三') + inl('B3', '   ') + '<c r="C3" t="str"><v>1991.02</v></c></row>',
          },
        ],
      }),
    );
    expect(values(t)).toEqual([
      ['阿依古丽 ', '女&<x>', '1990<01>'],
      ['张三', null, '1991.02'],
    ]);
  });

  it('shared strings: plain, rich text runs, phonetic runs, an index past the table', async () => {
    const strings =
      '<si><t>姓名</t></si><si><t>性别</t></si><si><t>出生日期</t></si>' +
      '<si><r><t>买买提</t></r><r><rPr><i/></rPr><t>·依明</t></r><rPh sb="0" eb="1"><t>ph</t></rPh></si>' +
      '<si><t>男</t><rPh sb="0" eb="1"><t>オトコ</t></rPh></si><si><t/></si>';
    const xml =
      '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row>' +
      '<row r="2"><c r="A2" t="s"><v>3</v></c><c r="B2" t="s"><v>4</v></c><c r="C2" t="s"><v>99</v></c></row>' +
      '<row r="3"><c r="A3" t="s"><v>3</v></c><c r="B3" t="s"><v>5</v></c><c r="C3" t="s"><v>4</v></c></row>';
    const t = await table(book({ sheets: [{ name: 'S', xml }], strings }));
    expect(values(t)).toEqual([
      ['买买提·依明', '男'],
      ['买买提·依明', null, '男'],
    ]);
    // One cell per shared string, however many rows hold it.
    expect(t.rows[0]!.cells[0]).toBe(t.rows[1]!.cells[0]);
    expect(Object.isFrozen(t.rows[0]!.cells[1])).toBe(true);
  });

  it('numbers, booleans, errors, ISO date cells, absent values', async () => {
    const xml =
      HEADER +
      '<row r="2">' + inl('A2', '甲') + '<c r="B2"><v>652923196605120000</v></c><c r="C2"><v>-1.25E-3</v></c><c r="D2" t="b"><v>1</v></c><c r="E2" t="b"><v>0</v></c><c r="F2" t="e"><v>#N/A</v></c><c r="G2" t="d"><v>1990-01-05</v></c><c r="H2"/><c r="I2"><v></v></c><c r="J2"><v>0.1</v></c></row>';
    const t = await table(book({ sheets: [{ name: 'S', xml }] }));
    expect(t.rows[0]!.cells.slice(0, 3)).toEqual([
      { value: '甲', numeric: false },
      { value: 652923196605120000, numeric: true },
      { value: -0.00125, numeric: true },
    ]);
    // H2 (no value) and I2 (empty value) are holes.
    expect(values(t)[0]!.slice(3)).toEqual([true, false, '#N/A', utc(1990, 1, 5), null, null, 0.1]);
    expect(t.rows[0]!.cells[7]).toBe(EMPTY_CELL);
  });

  it('formulas: cached values, shared formulas, text, boolean and error results, no cached value', async () => {
    const xml =
      HEADER +
      '<row r="2">' + inl('A2', '甲') + '<c r="B2"><f t="shared" ref="B2:B4" si="0">ROW()*2</f><v>4</v></c><c r="C2" t="str"><f>A2&amp;"x"</f><v>甲x</v></c><c r="D2" t="b"><f>TRUE()</f><v>1</v></c><c r="E2" t="e"><f>NA()</f><v>#N/A</v></c><c r="F2"><f>1+1</f></c></row>' +
      '<row r="3">' + inl('A3', '乙') + '<c r="B3"><f t="shared" si="0"/><v>6</v></c></row>' +
      '<row r="4">' + inl('A4', '丙') + '<c r="B4"><f t="shared" si="0"/><v>8</v></c></row>';
    const t = await table(book({ sheets: [{ name: 'S', xml }] }));
    const r2 = t.rows[0]!.cells;
    expect(r2.slice(1)).toEqual([
      { value: 4, numeric: true, formula: 'ROW()*2' },
      { value: '甲x', numeric: false, formula: 'A2&"x"' },
      { value: true, numeric: false, formula: 'TRUE()' },
      { value: null, numeric: false, formula: 'NA()' },
      { value: null, numeric: false, formula: '1+1' },
    ]);
    expect(t.rows.slice(1).map((r) => r.cells[1])).toEqual([
      { value: 6, numeric: true, formula: SHARED_FORMULA },
      { value: 8, numeric: true, formula: SHARED_FORMULA },
    ]);
  });
});

describe('dates by number format', () => {
  const styles =
    '<numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd"/><numFmt numFmtId="165" formatCode="0.00&quot;天&quot;"/></numFmts>' +
    '<cellXfs count="6"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/><xf numFmtId="31"/><xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="49"/></cellXfs>';
  const xml =
    HEADER +
    '<row r="2">' + inl('A2', '甲') + '<c r="B2" s="1"><v>32874</v></c><c r="C2" s="2"><v>32874</v></c><c r="D2" s="3"><v>32874.5</v></c><c r="E2" s="4"><v>32874</v></c><c r="F2" s="5"><v>32874</v></c><c r="G2"><v>32874</v></c><c r="H2" s="3"><f>DATE(1990,1,1)</f><v>32874</v></c></row>';

  it('built-in (14, zh-CN 31) and custom formats make Dates; others stay numbers', async () => {
    const t = await table(book({ sheets: [{ name: 'S', xml }], styles }));
    expect(values(t)[0]).toEqual(['甲', utc(1990, 1, 1), utc(1990, 1, 1), new Date(Date.UTC(1990, 0, 1, 12)), 32874, 32874, 32874, utc(1990, 1, 1)]);
    expect(t.rows[0]!.cells[7]).toEqual({ value: utc(1990, 1, 1), numeric: true, formula: 'DATE(1990,1,1)' });
  });

  it('the 1904 date system (Mac Excel) shifts serials by 1462 days', async () => {
    const t = await table(book({ sheets: [{ name: 'S', xml }], styles, date1904: true }));
    expect(values(t)[0]!.slice(1, 3)).toEqual([utc(1994, 1, 2), utc(1994, 1, 2)]);
  });
});

describe('rows, columns, sheets', () => {
  it('rows and cells without r follow the previous one; hidden rows; prefixed elements', async () => {
    const xml =
      HEADER +
      '<row>' + '<c t="inlineStr"><is><t>甲</t></is></c><c t="inlineStr"><is><t>男</t></is></c>' + '</row>' +
      '<row r="5" hidden="1"><c r="A5" t="inlineStr"><is><t>乙</t></is></c><c r="C5"><v>7</v></c></row>' +
      '<row><c r="A6" t="inlineStr"><is><t>丙</t></is></c><c><v>8</v></c></row>' +
      '<x:row xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="urn:r" r="7" hidden="true"><x:c r="B7" t="inlineStr"><x:is><x:t>丁</x:t></x:is></x:c></x:row>';
    const t = await table(book({ sheets: [{ name: 'S', xml }] }));
    expect(t.rows.map((r) => [r.rowNumber, r.hidden ?? false])).toEqual([
      [2, false],
      [5, true],
      [6, false],
      [7, true],
    ]);
    expect(values(t)).toEqual([
      ['甲', '男'],
      ['乙', null, 7],
      ['丙', 8],
      [null, '丁'],
    ]);
  });

  it('tab order, names and visibility from workbook.xml; any part path the rels name', async () => {
    const data = (who: string) => HEADER + `<row r="2">${inl('A2', who)}${inl('B2', '男')}</row>`;
    const r = await readFiles([
      {
        name: 't.xlsx',
        bytes: book({
          sheets: [
            { name: '胜利村', xml: data('甲'), path: 'xl/worksheets/sheet3.xml', target: '/xl/worksheets/sheet3.xml' },
            { name: '代码', xml: data('乙'), state: 'hidden', path: 'xl/worksheets/sheet1.xml' },
            { name: '红旗村', xml: data('丙'), path: 'xl/worksheets/data.xml', target: 'worksheets/data.xml' },
            { name: '草稿', xml: data('丁'), state: 'veryHidden', path: 'xl/worksheets/sheet2.xml', target: 'worksheets/sheet2.xml' },
          ],
        }),
      },
    ]);
    expect(r.tables.map((t) => [t.sheet, t.rows[0]!.cells[0]!.value])).toEqual([
      ['胜利村', '甲'],
      ['红旗村', '丙'],
    ]);
    expect(r.issues.map((i) => [i.code, i.sheet])).toEqual([
      ['SHEET_HIDDEN', '代码'],
      ['SHEET_HIDDEN', '草稿'],
    ]);
  });

  it('cells past the column cap are left out with TOO_MANY_COLUMNS; a far reference costs nothing', async () => {
    // Past XFD is CELL_OUT_OF_RANGE (out-of-range.test.ts).
    const xml = HEADER + `<row r="2">${inl('A2', '甲')}${inl('B2', '男')}${inl('XFC2', '远')}${inl('XFD2', '更远')}</row>`;
    const r = await sheets(book({ sheets: [{ name: 'S', xml }] }));
    expect(r.issues.map((i) => i.code)).toEqual(['TOO_MANY_COLUMNS']);
    expect(values(r.sheets[0]!).slice(1)).toEqual([['甲', '男']]);
  });

  it('damaged XML is FILE_UNREADABLE naming the file', async () => {
    for (const xml of [HEADER + '<row r="2"><c r="A2" t="inlineStr"><is><t>甲</t></is></c', HEADER + '<row r="2"><c r=A2><v>1</v></c></row>']) {
      const r = await readFiles([{ name: '坏.xlsx', bytes: book({ sheets: [{ name: 'S', xml }] }) }]);
      expect(r.tables).toEqual([]);
      expect(r.issues.map((i) => i.code)).toEqual(['FILE_UNREADABLE']);
      expect(r.issues[0]!.message).toContain('坏.xlsx');
    }
  });
});

describe('mangled sheet XML', () => {
  it('random byte damage ends in rows or one FILE_UNREADABLE, never a crash', async () => {
    const xml = Buffer.from(
      HEADER +
        `<row r="2">${inl('A2', '阿依古丽')}<c r="B2" t="s"><v>0</v></c><c r="C2" s="1"><f>DATE(1990,1,5)</f><v>32878</v></c></row>` +
        `<row r="3" hidden="1">${inl('A3', 'a&amp;b')}<c r="B3" t="b"><v>1</v></c><c r="C3" t="str"><v><![CDATA[x<y]]></v></c></row>`,
    );
    let seed = 12345;
    const rnd = (n: number): number => {
      seed = (seed * 1103515245 + 12345) >>> 0;
      return seed % n;
    };
    const noise = Buffer.from('<>/"\'=&;!?[]- x:tv\u00e9');
    for (let k = 0; k < 300; k++) {
      const bad = Buffer.from(xml);
      for (let m = 1 + rnd(4); m > 0; m--) bad[rnd(bad.length)] = noise[rnd(noise.length)]!;
      const r = await readFiles([{ name: '乱.xlsx', bytes: book({ sheets: [{ name: 'S', xml: bad.toString('latin1') }], strings: '<si><t>男</t></si>', styles: '<cellXfs><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs>' }) }]);
      const codes = r.issues.map((i) => i.code);
      expect(codes.every((c) => ['FILE_UNREADABLE', 'HEADER_NOT_FOUND', 'SHEET_NO_TABLE'].includes(c))).toBe(true);
      if (codes.includes('FILE_UNREADABLE')) expect(r.tables).toEqual([]);
    }
  });
});

describe('workbooks exceljs writes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'xlsx-reader-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('rich text, shared formulas, a 1904 workbook, hidden rows, merged title', async () => {
    const wb = new ExcelJS.Workbook();
    wb.properties.date1904 = true;
    const ws = wb.addWorksheet('名册');
    ws.addRow(['某村党员名册']);
    ws.mergeCells('A1:D1');
    ws.addRow(['姓名', '性别', '入党时间', '序号']);
    ws.addRow([{ richText: [{ text: '艾力' }, { font: { bold: true }, text: '·吐尔逊' }] }, '男', new Date(Date.UTC(2005, 6, 1)), null]);
    ws.addRow(['李娜', '女', '2006年7月', null]);
    ws.addRow(['王芳', '女', new Date(Date.UTC(2007, 0, 2)), null]);
    ws.getCell('D3').value = { formula: 'ROW()-2', result: 1, shareType: 'shared', ref: 'D3:D5' } as never;
    ws.getCell('D4').value = { sharedFormula: 'D3', result: 2 } as never;
    ws.getCell('D5').value = { sharedFormula: 'D3', result: 3 } as never;
    ws.getColumn(3).numFmt = 'yyyy-mm-dd';
    ws.getRow(4).hidden = true;
    const file = join(dir, '1904.xlsx');
    await wb.xlsx.writeFile(file);
    const r = await readFiles([{ name: '1904.xlsx', bytes: readFileSync(file) }]);
    expect(r.issues).toEqual([]);
    const t = r.tables[0]!;
    expect(t.headerRow).toBe(2);
    expect(t.rows.map((r) => r.rowNumber)).toEqual([3, 4, 5]);
    expect(t.rows.map((r) => r.hidden ?? false)).toEqual([false, true, false]);
    expect(values(t)).toEqual([
      ['艾力·吐尔逊', '男', utc(2005, 7, 1), 1],
      ['李娜', '女', '2006年7月', 2],
      ['王芳', '女', utc(2007, 1, 2), 3],
    ]);
    expect(t.rows[1]!.cells[3]).toEqual({ value: 2, numeric: true, formula: SHARED_FORMULA } satisfies RawCellInfo);
  });
});

describe('workbooks SheetJS writes', () => {
  // Other writers than Excel: date1904="true" (exceljs's reader only knew "1": four years off) and
  // t="d" ISO date cells (exceljs read "1990-01-05T…" as the serial 1990, i.e. 1905).
  const aoa = [
    ['姓名', '性别', '出生日期', '序号'],
    ['张三', '男', new Date(Date.UTC(1990, 0, 5)), 1],
    ['李四', '女', new Date(Date.UTC(1991, 1, 3)), 2],
  ];
  for (const [what, date1904, cellDates] of [
    ['1904 system', true, false],
    ['ISO date cells', false, true],
  ] as const) {
    it(what, async () => {
      const wb = XLSX.utils.book_new();
      XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(aoa, { cellDates: true, dateNF: 'yyyy-mm-dd' }), '名单');
      if (date1904) wb.Workbook = { WBProps: { date1904: true } };
      const bytes = XLSX.write(wb, { type: 'buffer', bookType: 'xlsx', cellDates }) as Buffer;
      const t = await table(bytes);
      expect(values(t)).toEqual([
        ['张三', '男', utc(1990, 1, 5), 1],
        ['李四', '女', utc(1991, 2, 3), 2],
      ]);
    });
  }
});

describe('scanner', () => {
  /** Records every event as text, to compare a whole feed with a feed cut in pieces. */
  class Recorder implements XmlHandler {
    readonly events: string[] = [];
    private pending = '';
    constructor(private readonly want: ReadonlySet<string>) {}
    open(name: string, tag: XmlScanner): void {
      this.flush();
      this.events.push(`<${name} r=${tag.attrText('r')} t=${tag.attrText('t')}>`);
      if (this.want.has(name)) tag.wantText = true;
    }
    close(name: string): void {
      this.flush();
      this.events.push(`</${name}>`);
    }
    text(buf: Buffer, s: number, e: number, entities: boolean): void {
      this.pending += decodeText(buf, s, e, entities);
    }
    private flush(): void {
      if (this.pending !== '') this.events.push(this.pending);
      this.pending = '';
    }
  }

  it('pieces of any size give the same events (UTF-8 sequences, entities, tags, comments cut anywhere)', () => {
    const xml = Buffer.from(
      '<?xml version="1.0"?><!-- 注释 --><!DOCTYPE x [<!ENTITY a "b">]><sst><si><t>阿依古丽&amp;&#x4E2D;</t></si><si><t xml:space="preserve"> 𠀀 x </t></si>' +
        '<c r="A1" t=\'s&quot;\'><v>12</v></c><c r = "B1" ><v><![CDATA[<&>]]></v></c><?pi x?><x/></sst>',
    );
    const run = (size: number): string[] => {
      const h = new Recorder(new Set(['t', 'v']));
      const s = new XmlScanner(h);
      for (let i = 0; i < xml.length; i += size) s.feed(xml.subarray(i, i + size));
      s.end();
      return h.events;
    };
    const whole = run(xml.length);
    expect(whole).toContain('阿依古丽&中');
    expect(whole).toContain('<c r=A1 t=s">');
    expect(whole).toContain('<&>');
    for (let size = 1; size < 40; size++) expect(run(size).join('|')).toBe(whole.join('|'));
  });

  it('an endless tag is refused instead of carried', () => {
    const s = new XmlScanner({ open() {}, close() {}, text() {} });
    s.feed(Buffer.from('<c r="'));
    expect(() => {
      for (let i = 0; i < 5; i++) s.feed(Buffer.alloc(1024 * 1024, 0x41));
    }).toThrow(/过长/);
  });
});
