/**
 * Row and column numbers: a reference past Excel's limits (1,048,576 rows, 16,384 columns) is a
 * CELL_OUT_OF_RANGE issue naming file, sheet and row or cell; a gap between rows, however long,
 * is one skipped entry (no record, no loop per blank row), in every reader.
 */
import { utils, write } from '@e965/xlsx';
import { describe, expect, it } from 'vitest';
import { handXlsx, sheetXml, textCell } from '../../../../test/helpers/hand-xlsx.js';
import { readFiles } from './read-files.js';
import { findTable } from './table-finder.js';

const HEADER = `<row r="1">${textCell('A1', '姓名')}${textCell('B1', '性别')}</row>`;
const xlsxWith = (rowsXml: string): Buffer => handXlsx([{ name: '名单', xml: sheetXml(HEADER + rowsXml) }]);

async function outOfRange(name: string, bytes: Buffer) {
  const r = await readFiles([{ name, bytes }]);
  expect(r.tables).toEqual([]);
  expect(r.issues).toHaveLength(1);
  const i = r.issues[0]!;
  expect(i).toMatchObject({ file: name, code: 'CELL_OUT_OF_RANGE', severity: 'error' });
  expect(i.message).toContain(name);
  expect(i.message).toContain(`工作表“${i.sheet}”`);
  return i;
}

describe('xlsx: references past Excel’s limits', () => {
  it('a 1.7 KB file with one cell at row 99,999,999: refused at once, naming the row', async () => {
    const bytes = xlsxWith(`<row r="99999999">${textCell('A99999999', '张三')}</row>`);
    expect(bytes.length).toBeLessThan(2048);
    const i = await outOfRange('远行.xlsx', bytes);
    expect(i).toMatchObject({ sheet: '名单', row: 99_999_999 });
    expect(i.message).toContain('第 99999999 行');
    expect(i.message).toContain('1048576');
  });

  it('a row number of 1e15 (past what a double holds exactly), with or without cell references', async () => {
    const i = await outOfRange('远行2.xlsx', xlsxWith(`<row r="1000000000000000"><c t="inlineStr"><is><t>x</t></is></c></row>`));
    expect(i.message).toContain('第 1000000000000000 行');
    expect(i.row).toBeUndefined();
    // The row has no r: the cell's own reference is what is out of range.
    const j = await outOfRange('远行3.xlsx', xlsxWith(`<row>${textCell('B1000000000000000', 'x')}</row>`));
    expect(j.message).toContain('单元格 B1000000000000000');
  });

  it('rows without r that count past the last row', async () => {
    // 1,048,576 rows: the last is allowed.
    const ok = handXlsx([{ name: 'S', xml: sheetXml(`<row r="1048575">${textCell('A1048575', '姓名')}${textCell('B1048575', '性别')}</row><row>${textCell('A1048576', '张三')}</row>`) }]);
    const r = await readFiles([{ name: 'ok.xlsx', bytes: ok }]);
    expect(r.issues).toEqual([]);
    expect(r.tables[0]!.rows.map((x) => x.rowNumber)).toEqual([1_048_576]);
    const i = await outOfRange('多一行.xlsx', handXlsx([{ name: 'S', xml: sheetXml(`<row r="1048576">${textCell('A1048576', '姓名')}</row><row>${textCell('A1', 'x')}</row>`) }]));
    expect(i.message).toContain('第 1048577 行');
  });

  it('a column past XFD is refused; XFD itself is only past the column cap (a warning)', async () => {
    const i = await outOfRange('宽.xlsx', xlsxWith(`<row r="2">${textCell('A2', '张三')}${textCell('XFE2', 'x')}</row>`));
    expect(i).toMatchObject({ row: 2 });
    expect(i.message).toContain('单元格 XFE2');
    const j = await outOfRange('宽2.xlsx', xlsxWith(`<row r="2">${textCell('AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA2', 'x')}</row>`));
    expect(j.message).toContain('单元格 AAAAAAAAAAAAAAAAAAAAAAAA…');
    const r = await readFiles([{ name: '宽3.xlsx', bytes: xlsxWith(`<row r="2">${textCell('A2', '张三')}${textCell('B2', '男')}${textCell('XFD2', 'x')}</row>`) }]);
    expect(r.issues.map((x) => x.code)).toEqual(['TOO_MANY_COLUMNS']);
    expect(r.tables[0]!.rows).toHaveLength(1);
  });

  it('a gap of a million rows is one skipped entry', async () => {
    const r = await readFiles([{ name: '间隔.xlsx', bytes: xlsxWith(`<row r="1000002">${textCell('A1000002', '张三')}${textCell('B1000002', '男')}</row>`) }]);
    expect(r.issues).toEqual([]);
    const t = r.tables[0]!;
    expect(t.rows.map((x) => x.rowNumber)).toEqual([1_000_002]);
    expect(t.skipped).toEqual([{ rowNumber: 2, through: 1_000_001, reason: 'blank' }]);
  });
});

describe('xls (SheetJS): BIFF, SpreadsheetML and HTML', () => {
  const spreadsheetMl = (rows: string): Buffer =>
    Buffer.from(
      `<?xml version="1.0"?><?mso-application progid="Excel.Sheet"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet ss:Name="名单"><Table>` +
        `<Row><Cell><Data ss:Type="String">姓名</Data></Cell><Cell><Data ss:Type="String">性别</Data></Cell></Row>${rows}</Table></Worksheet></Workbook>`,
    );
  const row = (index: string, cellIndex = ''): string =>
    `<Row ss:Index="${index}"><Cell${cellIndex && ` ss:Index="${cellIndex}"`}><Data ss:Type="String">张三</Data></Cell></Row>`;

  it('SpreadsheetML rows at 99,999,999 and 1e15 are refused, not dropped', async () => {
    const i = await outOfRange('远行.xls', spreadsheetMl(row('99999999')));
    expect(i).toMatchObject({ sheet: '名单', row: 99_999_999 });
    const j = await outOfRange('远行2.xls', spreadsheetMl(row('1000000000000000')));
    expect(j.message).toContain('第 1000000000000000 行');
  });

  it('a SpreadsheetML cell past XFD is refused', async () => {
    const i = await outOfRange('宽.xls', spreadsheetMl(row('2', '20000')));
    expect(i.message).toContain('单元格 ACOF2');
  });

  it('a gap of a million rows is one skipped entry', async () => {
    const r = await readFiles([{ name: '间隔.xls', bytes: spreadsheetMl(row('1000002') + `<Row><Cell><Data ss:Type="String">李四</Data></Cell></Row>`) }]);
    expect(r.issues).toEqual([]);
    expect(r.tables[0]!.rows.map((x) => x.rowNumber)).toEqual([1_000_002, 1_000_003]);
    expect(r.tables[0]!.skipped).toEqual([{ rowNumber: 2, through: 1_000_001, reason: 'blank' }]);
  });

  it('a BIFF sheet whose DIMENSIONS record claims a billion rows reads its real cells', async () => {
    const wb = utils.book_new();
    utils.book_append_sheet(wb, utils.aoa_to_sheet([['姓名', '性别'], ['张三', '男']]), '名单');
    const bytes = write(wb, { type: 'buffer', bookType: 'biff8' }) as Buffer;
    let patched = 0;
    for (let i = 0; i + 18 <= bytes.length; i++) {
      // DIMENSIONS (0x0200, 14 bytes): first row, last row + 1 (32-bit each), first and last column + 1.
      if (bytes.readUInt16LE(i) === 0x0200 && bytes.readUInt16LE(i + 2) === 14) {
        bytes.writeUInt32LE(1_000_000_000, i + 8);
        bytes.writeUInt16LE(20_000, i + 14);
        patched++;
      }
    }
    expect(patched).toBe(1);
    const r = await readFiles([{ name: '声明.xls', bytes }]);
    expect(r.issues).toEqual([]);
    expect(r.tables[0]!.rows.map((x) => x.cells.map((c) => c.value))).toEqual([['张三', '男']]);
  });
});

describe('csv and the table finder', () => {
  it('a csv with a million blank lines between header and data: one skipped entry', async () => {
    const bytes = Buffer.from('姓名,性别\n' + '\n'.repeat(1_000_000) + '张三,男\n');
    const r = await readFiles([{ name: '空行.csv', bytes }]);
    expect(r.issues).toEqual([]);
    expect(r.tables[0]!.rows.map((x) => x.rowNumber)).toEqual([1_000_002]);
    expect(r.tables[0]!.skipped).toEqual([{ rowNumber: 2, through: 1_000_001, reason: 'blank' }]);
  });

  it('findTable: gaps up to row 1e15 cost one entry each', () => {
    const cell = (v: string) => ({ value: v, numeric: false });
    const found = findTable('f.xlsx', 'S', [
      { rowNumber: 1, cells: [cell('姓名'), cell('性别')] },
      { rowNumber: 3, cells: [cell('张三'), cell('男')] },
      { rowNumber: 1e15, cells: [cell('李四'), cell('女')] },
    ]);
    expect(found?.table?.skipped).toEqual([
      { rowNumber: 2, reason: 'blank' },
      { rowNumber: 4, through: 1e15 - 1, reason: 'blank' },
    ]);
  });
});
