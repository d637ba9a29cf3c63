import { loadExcelJS } from './exceljs.js';
import type { z } from 'zod';
import type { gridExportInput } from '../../../shared/contract/exports.js';
import { NO, YES } from '../../../shared/import/columns.js';
import { guardFormulaText } from '../../../shared/domain/formula-text.js';
import { columnLetter, HEADER_ALIGNMENT, HEADER_BORDER, HEADER_FILL, HEADER_FONT, setProperties, sheetName, TEXT_FORMAT } from './book.js';

export type GridExport = z.output<typeof gridExportInput>;

/**
 * Cell of a grid view: ids, dates and text stay text (quoted when a spreadsheet could take them for
 * a formula, shared/domain/formula-text.ts); numbers only where the column says so.
 */
function gridCell(type: GridExport['columns'][number]['type'], v: unknown): string | number | null {
  if (v === null || v === undefined || v === '') return null;
  switch (type) {
    case 'number':
    case 'int': {
      const n = typeof v === 'number' ? v : Number(v);
      return Number.isFinite(n) ? n : guardFormulaText(String(v));
    }
    case 'bool':
      return v === true || v === 1 || v === '1' || v === YES ? YES : NO;
    default:
      return guardFormulaText(String(v));
  }
}

/** Any grid view as one sheet: a title row, the header (frozen, filtered) and the rows as shown. */
export async function buildGridXlsx(input: GridExport, unitName: string): Promise<Buffer> {
  const Excel = await loadExcelJS();
  const wb = new Excel.Workbook();
  setProperties(wb, input.title, unitName);
  const cols = input.columns;
  const ws = wb.addWorksheet(sheetName(input.sheetName ?? input.title), {
    views: [{ state: 'frozen', ySplit: 2 }],
    properties: { defaultRowHeight: 18 },
    pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '2:2' },
  });
  ws.columns = cols.map((c) => ({
    width: c.width ?? Math.min(40, Math.max(8, c.header.length * 2 + 2, c.type === 'id' ? 22 : c.type === 'date' ? 12 : 0)),
    ...(c.type === 'id' || c.type === 'date' || c.type === 'text' ? { style: { numFmt: TEXT_FORMAT } } : {}),
  }));
  const last = columnLetter(cols.length);
  ws.mergeCells(`A1:${last}1`);
  const t = ws.getCell('A1');
  t.value = input.title;
  t.numFmt = 'General';
  t.font = { name: '宋体', size: 14, bold: true };
  t.alignment = { horizontal: 'center', vertical: 'middle' };
  ws.getRow(1).height = 26;
  const header = ws.getRow(2);
  cols.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.header;
    cell.numFmt = 'General';
    cell.font = HEADER_FONT;
    cell.fill = HEADER_FILL;
    cell.border = HEADER_BORDER;
    cell.alignment = HEADER_ALIGNMENT;
  });
  ws.autoFilter = { from: 'A2', to: `${last}2` };
  for (const r of input.rows) ws.addRow(cols.map((c) => gridCell(c.type, r[c.field])));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
