/**
 * Legacy .xls (BIFF in a CFB/OLE2 container) through @e965/xlsx, and the HTML / SpreadsheetML
 * tables some systems export under an .xls name. Same output as the xlsx reader.
 */
import { read, type CellObject, type WorkBook } from '@e965/xlsx';
import type { RawCellInfo, RawRow } from '../types.js';
import type { ReadContext, SheetRows } from './context.js';
import { RowCells, columnLetter } from './cells.js';
import { READ_ISSUE, ReadStop, issue, outOfRange, wideSheet } from './issues.js';
import { EXCEL_MAX_COLUMNS, EXCEL_MAX_ROWS } from './limits.js';
import { cfbChainLoops, xlsCells } from './xls-census.js';
import { decodeText } from './text-decode.js';

/** BIFF error codes as Excel shows them (SheetJS gives the code; no formatted text is asked for). */
const ERRORS: Record<number, string> = { 0x00: '#NULL!', 0x07: '#DIV/0!', 0x0f: '#VALUE!', 0x17: '#REF!', 0x1d: '#NAME?', 0x24: '#NUM!', 0x2a: '#N/A', 0x2b: '#GETTING_DATA' };

function convertCell(c: CellObject | undefined): RawCellInfo | null {
  if (c === undefined) return null;
  const formula = typeof c.f === 'string' && c.f !== '' ? c.f : undefined;
  let info: RawCellInfo | null;
  switch (c.t) {
    case 'n':
      info = typeof c.v === 'number' && Number.isFinite(c.v) ? { value: c.v, numeric: true } : null;
      break;
    case 'd':
      info = c.v instanceof Date && !Number.isNaN(c.v.getTime()) ? { value: c.v, numeric: true } : null;
      break;
    case 's': {
      const s = typeof c.v === 'string' ? c.v : String(c.v ?? '');
      info = s.trim() === '' ? null : { value: s, numeric: false };
      break;
    }
    case 'b':
      info = { value: c.v === true, numeric: false };
      break;
    case 'e':
      info = { value: c.w ?? ERRORS[c.v as number] ?? '#ERROR', numeric: false };
      break;
    default:
      info = null;
  }
  if (formula !== undefined) return { ...(info ?? { value: null, numeric: false }), formula };
  return info;
}

/**
 * HTML rowspan / colspan that are not a count Excel could hold (0, negative, 1e9, text) become 1:
 * SheetJS loops for ever placing cells around such a merge. The merges themselves are not read.
 */
function clampSpans(html: string): string {
  return html.replace(/\b(rowspan|colspan)\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)/gi, (_m, key: string, raw: string) => {
    const v = raw.replace(/^["']|["']$/g, '');
    const n = /^\d{1,7}$/.test(v) ? Number(v) : 0;
    const max = /^row/i.test(key) ? EXCEL_MAX_ROWS : EXCEL_MAX_COLUMNS;
    return `${key}="${n >= 1 && n <= max ? n : 1}"`;
  });
}

function failure(file: string, err: unknown): ReadStop {
  const msg = err instanceof Error ? err.message : String(err);
  if (/password|encrypt/i.test(msg)) {
    return new ReadStop(issue(file, READ_ISSUE.FILE_ENCRYPTED, 'error', `文件“${file}”设置了打开密码（已加密），无法读取。请去除密码后重新保存再导入。`));
  }
  return new ReadStop(
    issue(file, READ_ISSUE.FILE_UNREADABLE, 'error', `文件“${file}”无法读取：不是有效的 Excel 97-2003 工作簿，或文件已损坏、不完整（${msg}）。请在 Excel 或 WPS 中打开后另存为 .xlsx 再导入。`),
  );
}

/** Parses an .xls, or (`markup`) an HTML / SpreadsheetML table saved under an .xls name. */
export function readXls(file: string, bytes: Buffer, ctx: ReadContext, markup = false): SheetRows[] {
  if (!markup && cfbChainLoops(bytes) === true) throw failure(file, new Error('文件内部的扇区链成环'));
  const census = xlsCells(bytes, markup);
  if (census !== null && census > ctx.limits.maxCells) {
    throw new ReadStop(
      issue(file, READ_ISSUE.TOO_MANY_CELLS, 'error', `文件“${file}”的单元格过多：约 ${census} 个，超过上限 ${ctx.limits.maxCells}，未读取。请删除多余的内容，或拆分为多个文件后导入。`),
    );
  }
  const data = markup ? clampSpans(decodeText(bytes, ctx.opts.encoding ?? 'auto').text) : bytes;
  let wb: WorkBook;
  try {
    wb = read(data, {
      type: markup ? 'string' : 'buffer',
      cellDates: true,
      cellNF: false,
      cellHTML: false,
      // Formatted text for every cell would double what SheetJS holds; error cells map their code.
      cellText: false,
      dense: true,
    });
  } catch (err) {
    throw failure(file, err);
  }
  const props = wb.Workbook?.Sheets ?? [];
  const maxCols = ctx.limits.maxColumns;
  let total = 0;
  for (const name of wb.SheetNames) {
    const data2 = (wb.Sheets[name] as { '!data'?: unknown[] } | undefined)?.['!data'];
    if (Array.isArray(data2)) total += data2.length;
  }
  ctx.total = (ctx.total ?? 0) + total;

  const out: SheetRows[] = [];
  const cells = new RowCells();
  wb.SheetNames.forEach((name, idx) => {
    const ws = wb.Sheets[name] as Record<string, unknown> | undefined;
    if (ws === undefined) return;
    const hiddenSheet = (props[idx]?.Hidden ?? 0) !== 0;
    if (hiddenSheet) {
      ctx.issues.push(issue(file, READ_ISSUE.SHEET_HIDDEN, 'warning', `文件“${file}”的工作表“${name}”是隐藏的，未导入。如需导入请先取消隐藏。`, { sheet: name }));
      return;
    }
    const grid = (ws['!data'] ?? []) as (CellObject[] | undefined)[];
    const rowInfo = (ws['!rows'] ?? []) as ({ hidden?: boolean } | undefined)[];
    const rows: RawRow[] = [];
    let wide = false;
    // Only the rows present, in order: a gap costs nothing, and a row index past 2^32 - 2 (an
    // SpreadsheetML ss:Index of 1e15) is a plain property that a counting loop would never reach.
    for (const key in grid) {
      const r = Number(key);
      const line = grid[r];
      if (line === undefined || !Array.isArray(line)) continue;
      if (r >= EXCEL_MAX_ROWS) throw outOfRange(file, name, { row: String(r + 1) }, r + 1);
      // SheetJS sets a cell by its index: a row longer than XFD holds a cell past it.
      if (line.length > EXCEL_MAX_COLUMNS) throw outOfRange(file, name, { cell: columnLetter(line.length - 1) + (r + 1) }, r + 1);
      const end = Math.min(line.length, maxCols);
      for (let c = 0; c < end; c++) {
        const info = convertCell(line[c]);
        if (info !== null) cells.set(c, info);
      }
      // Past the column cap: the cells present there, not every index up to the row's length.
      if (line.length > maxCols && !wide) {
        for (const k in line) if (Number(k) >= maxCols && convertCell(line[Number(k)]) !== null) wide = true;
      }
      const vals = cells.take();
      if (vals === null) continue;
      ctx.row(file, name, vals.length);
      rows.push(rowInfo[r]?.hidden ? { rowNumber: r + 1, cells: vals, hidden: true } : { rowNumber: r + 1, cells: vals });
    }
    if (wide) {
      ctx.issues.push(wideSheet(file, name, maxCols));
    }
    out.push({ sheet: name, rows });
    // SheetJS's objects for this sheet can go while the next one is converted.
    delete wb.Sheets[name];
  });
  return out;
}
