/**
 * .xlsx (and WPS .et saved as xlsx) through exceljs's streaming WorkbookReader: one sheet at a
 * time, one row at a time, never the whole workbook in memory. The zip has already passed
 * zip-guard (directory limits, paths, data sizes) before this runs.
 */
import ExcelJS from 'exceljs';
import type { RawCellInfo, RawRow } from '../types.js';
import type { ReadContext, SheetRows } from './context.js';
import { Readable } from 'node:stream';
import type { Source } from './source.js';
import type { ZipEntryInfo } from './zip-guard.js';
import { EMPTY_CELL, excelSerialToDate, isDateFormat } from './cells.js';
import { READ_ISSUE, ReadStop, issue } from './issues.js';

/** The parts of exceljs's streaming objects we use (its .d.ts does not declare them). */
interface StreamCell {
  value: unknown;
  numFmt?: string;
}
interface StreamRow {
  number: number;
  _cells: (StreamCell | undefined)[];
}
interface StreamWorksheet extends AsyncIterable<StreamRow> {
  id: number | string;
  name: string;
  state?: string;
  iterator: AsyncIterable<Buffer | string>;
}
interface StreamWorkbook extends AsyncIterable<StreamWorksheet> {
  workbookRels?: { Id: string; Target: string }[];
  model?: { sheets?: { id: number; name: string; rId: string; state?: string }[] };
  properties?: { model?: { date1904?: boolean } };
}

/** Marks a formula cell whose text lives in another cell (shared formula in the streaming reader). */
export const SHARED_FORMULA = '(shared)';

/**
 * Text cells that repeat (男, 汉族, 大专, 正式党员, branch names, 是/否 …) share one frozen cell, as
 * blank cells share EMPTY_CELL: a 50,000-row roster has ~600,000 of them. Unique-looking texts
 * (digits: ID numbers, phones, dates) are not kept; the table stops growing at SHARED_MAX.
 */
const SHARED_MAX = 8192;
const UNIQUE_LOOKING = /^[\d\sXx.\-/:年月日]+$/;
class TextCells {
  private readonly cells = new Map<string, RawCellInfo>();
  of(v: string): RawCellInfo {
    if (v.length > 24) return { value: v, numeric: false };
    const hit = this.cells.get(v);
    if (hit) return hit;
    const cell = { value: v, numeric: false };
    if (this.cells.size < SHARED_MAX && !UNIQUE_LOOKING.test(v)) this.cells.set(v, Object.freeze(cell) as RawCellInfo);
    return cell;
  }
}

function convertCell(cell: StreamCell, date1904: boolean, texts: TextCells): RawCellInfo | null {
  const v = cell.value;
  switch (typeof v) {
    case 'string':
      return v.trim() === '' ? null : texts.of(v);
    case 'number':
      return Number.isFinite(v) ? { value: v, numeric: true } : null;
    case 'boolean':
      return { value: v, numeric: false };
    case 'object': {
      if (v === null) return null;
      if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : { value: v, numeric: true };
      const o = v as Record<string, unknown>;
      if (Array.isArray(o.richText)) {
        let s = '';
        for (const run of o.richText as { text?: unknown }[]) if (typeof run.text === 'string') s += run.text;
        return s.trim() === '' ? null : { value: s, numeric: false };
      }
      if ('formula' in o || 'sharedFormula' in o) {
        const text = typeof o.formula === 'string' && o.formula !== '' ? o.formula : typeof o.sharedFormula === 'string' ? o.sharedFormula : SHARED_FORMULA;
        const r = o.result;
        if (typeof r === 'number') {
          // The streaming reader leaves formula results as serials even in date cells.
          if (Number.isNaN(r)) return { value: null, numeric: false, formula: text };
          if (isDateFormat(cell.numFmt)) return { value: excelSerialToDate(r, date1904), numeric: true, formula: text };
          return { value: r, numeric: true, formula: text };
        }
        if (typeof r === 'string' || typeof r === 'boolean') return { value: r, numeric: false, formula: text };
        if (r instanceof Date) return { value: r, numeric: true, formula: text };
        return { value: null, numeric: false, formula: text };
      }
      if (typeof o.error === 'string') return { value: o.error, numeric: false };
      if (typeof o.text === 'string') return o.text.trim() === '' ? null : { value: o.text, numeric: false };
      return null;
    }
    default:
      return null;
  }
}

/**
 * exceljs's streaming reader drops the row's hidden attribute, so the raw sheet XML is watched on
 * its way to the parser. Cheap: a byte search per chunk; the regex runs only where "hidden=" is.
 */
function watchHiddenRows(source: AsyncIterable<Buffer | string>, hidden: Set<number>): AsyncIterable<Buffer | string> {
  return (async function* () {
    let carry = '';
    for await (const chunk of source) {
      const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      const head = buf.toString('latin1', 0, Math.min(buf.length, 1024));
      if (buf.includes('hidden=') || (carry + head).includes('hidden=')) {
        const text = carry + buf.toString('latin1');
        for (const m of text.matchAll(/<row\b[^>]*>/g)) {
          const tag = m[0];
          if (/\shidden="(?:1|true)"/.test(tag)) {
            const r = /\sr="(\d+)"/.exec(tag);
            if (r) hidden.add(Number(r[1]));
          }
        }
      }
      carry = buf.toString('latin1', Math.max(0, buf.length - 1024));
      yield chunk;
    }
  })();
}

function sheetNameOf(book: StreamWorkbook, ws: StreamWorksheet): { name: string; order: number; state?: string } {
  const sheets = book.model?.sheets ?? [];
  let idx = sheets.findIndex((s) => s.name === ws.name && String(s.id) === String(ws.id));
  if (idx < 0) {
    // Rels written with absolute targets ("/xl/worksheets/sheet1.xml") defeat exceljs's match.
    const rel = (book.workbookRels ?? []).find((r) => r.Target.replace(/^\/?(xl\/)?/, '') === `worksheets/sheet${ws.id}.xml`);
    if (rel) idx = sheets.findIndex((s) => s.rId === rel.Id);
  }
  const s = idx >= 0 ? sheets[idx] : undefined;
  return s ? { name: s.name, order: idx, state: s.state ?? ws.state } : { name: ws.name, order: Number.MAX_SAFE_INTEGER, state: ws.state };
}

const SHEET_ENTRY = /^xl\/worksheets\/sheet(\d+)\.xml$/;
const BOOK_PARTS = ['xl/_rels/workbook.xml.rels', 'xl/workbook.xml', 'xl/styles.xml', 'xl/sharedStrings.xml'];

/** The entries exceljs needs, in the order it needs them: workbook parts first, then the sheets. */
export function xlsxReadOrder(entries: readonly ZipEntryInfo[]): ZipEntryInfo[] {
  const byName = new Map(entries.map((e) => [e.name, e]));
  const parts = BOOK_PARTS.map((n) => byName.get(n)).filter((e): e is ZipEntryInfo => e !== undefined);
  const sheets = entries
    .filter((e) => SHEET_ENTRY.test(e.name))
    .sort((a, b) => Number(SHEET_ENTRY.exec(a.name)![1]) - Number(SHEET_ENTRY.exec(b.name)![1]));
  return [...parts, ...sheets];
}

/**
 * A zip stream of just those entries, rearranged. exceljs's streaming reader walks local headers in
 * file order: a sheet before workbook.xml crashes it, a sheet before sharedStrings.xml is spooled
 * to a temp file (a plaintext roster on disk), a sheet before styles.xml loses its dates. Local
 * records are self-contained, so they can be replayed in any order; the directory follows.
 */
function orderedZipStream(src: Source, ordered: readonly ZipEntryInfo[], cdOffset: number): Readable {
  return Readable.from(
    (async function* () {
      for (const e of ordered) yield* src.stream(e.localHeaderOffset, e.recordEnd - 1) as AsyncIterable<Buffer>;
      if (cdOffset < src.size) yield* src.stream(cdOffset, src.size - 1) as AsyncIterable<Buffer>;
    })(),
    { objectMode: false },
  );
}

export async function readXlsx(src: Source, ctx: ReadContext, ordered: readonly ZipEntryInfo[], cdOffset: number): Promise<SheetRows[]> {
  const file = src.name;
  const input = orderedZipStream(src, ordered, cdOffset);
  const book = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache',
    worksheets: 'emit',
  }) as unknown as StreamWorkbook;
  const maxCols = ctx.limits.maxColumns;
  const out: (SheetRows & { order: number })[] = [];
  const texts = new TextCells();
  try {
    for await (const ws of book) {
      const { name, order, state } = sheetNameOf(book, ws);
      const skip = state === 'hidden' || state === 'veryHidden';
      const hidden = new Set<number>();
      if (!skip) ws.iterator = watchHiddenRows(ws.iterator, hidden);
      const date1904 = book.properties?.model?.date1904 === true;
      const rows: RawRow[] = [];
      let wide = false;
      for await (const row of ws) {
        if (skip) {
          ctx.checkAbort();
          continue;
        }
        const cells = row._cells;
        let vals: RawCellInfo[] | null = null;
        const n = cells.length;
        for (let i = 0; i < n; i++) {
          const cell = cells[i];
          if (cell === undefined) continue;
          const info = convertCell(cell, date1904, texts);
          if (info === null) continue;
          if (i >= maxCols) {
            wide = true;
            break;
          }
          if (vals === null) vals = [];
          while (vals.length < i) vals.push(EMPTY_CELL);
          vals.push(info);
        }
        if (vals === null) continue;
        ctx.row(file, name);
        const rowNumber = row.number;
        rows.push(hidden.has(rowNumber) ? { rowNumber, cells: vals, hidden: true } : { rowNumber, cells: vals });
      }
      if (skip) {
        ctx.issues.push(issue(file, READ_ISSUE.SHEET_HIDDEN, 'warning', `文件“${file}”的工作表“${name}”是隐藏的，未导入。如需导入请先取消隐藏。`, { sheet: name }));
        continue;
      }
      if (wide) {
        ctx.issues.push(
          issue(file, READ_ISSUE.TOO_MANY_COLUMNS, 'warning', `文件“${file}”的工作表“${name}”超过 ${maxCols} 列，超出的列未读取。`, { sheet: name }),
        );
      }
      out.push({ sheet: name, rows, order });
    }
  } catch (err) {
    if (err instanceof ReadStop || ctx.opts.signal?.aborted) throw err;
    throw new ReadStop(
      issue(file, READ_ISSUE.FILE_UNREADABLE, 'error', `文件“${file}”无法读取：工作簿内容已损坏（${(err as Error).message}）。请在 Excel 或 WPS 中打开后另存为 .xlsx 再导入。`),
    );
  } finally {
    input.destroy();
  }
  // exceljs emits sheets in zip order; the clerk thinks in tab order.
  out.sort((a, b) => a.order - b.order);
  return out.map(({ sheet, rows }) => ({ sheet, rows }));
}
