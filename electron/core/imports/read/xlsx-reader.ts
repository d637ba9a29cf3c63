/**
 * .xlsx (and WPS .et saved as xlsx): the zip has passed zip-guard (directory limits, paths, local
 * headers) before this runs. Each part is inflated once, in chunks, through entryChunks (which
 * stops a lying entry at its declared size and checks its CRC) and scanned by xml-scan: workbook
 * parts first (sheet names and order, date system, styles, shared strings), then one sheet at a
 * time in tab order, row by row. Never the whole workbook or a sheet's XML in memory; a sheet's
 * non-empty rows are kept for the table finder.
 *
 * Why not exceljs's streaming reader (as before): it builds a Row and a Cell object with style
 * models for every cell, so reading was most of the import's dry run; it also dropped hidden
 * rows, numbered rows without r as NaN, and kept only the last run of inline rich text.
 */
import type { ReadContext, SheetRows } from './context.js';
import type { Source } from './source.js';
import { entryChunks, type ZipEntryInfo } from './zip-guard.js';
import { READ_ISSUE, ReadStop, issue, outOfRange, unreadableFile, wideSheet } from './issues.js';
import { XmlScanner, type XmlHandler } from './xml-scan.js';
import { RelsPart, SharedStrings, StylesPart, WorkbookPart } from './xlsx-parts.js';
import { TextCells } from './cells.js';
import { SheetReader } from './xlsx-sheet.js';

export { SHARED_FORMULA } from './xlsx-sheet.js';

const REL_STYLES = /\/styles$/;
const REL_STRINGS = /\/sharedStrings$/;
const SHEET_ENTRY = /^xl\/worksheets\/sheet(\d+)\.xml$/;

interface SheetPart {
  name: string;
  entry: ZipEntryInfo;
  hidden: boolean;
}

/** Scans one entry with the handler; a missing entry is simply not scanned. */
async function scan(src: Source, entry: ZipEntryInfo | undefined, handler: XmlHandler, signal?: AbortSignal): Promise<void> {
  if (entry === undefined) return;
  const scanner = new XmlScanner(handler);
  for await (const chunk of entryChunks(src, entry, signal)) scanner.feed(chunk);
  scanner.end();
}

/**
 * The sheets in tab order, from workbook.xml and its relationships. Only worksheets: chart and
 * dialog sheets hold no rows. A workbook whose list resolves to nothing (a hand-made or damaged
 * workbook.xml) falls back to the xl/worksheets/sheetN.xml parts, named SheetN, as exceljs did.
 */
function sheetParts(book: WorkbookPart, rels: RelsPart, byName: ReadonlyMap<string, ZipEntryInfo>): SheetPart[] {
  const out: SheetPart[] = [];
  for (const s of book.sheets) {
    const rel = rels.byId.get(s.rid);
    const entry = rel?.entry ? byName.get(rel.entry) : undefined;
    if (entry === undefined || (rel!.type !== '' && !/\/worksheet$/.test(rel!.type))) continue;
    out.push({ name: s.name, entry, hidden: s.state === 'hidden' || s.state === 'veryHidden' });
  }
  if (out.length > 0) return out;
  return [...byName.values()]
    .filter((e) => SHEET_ENTRY.test(e.name))
    .sort((a, b) => Number(SHEET_ENTRY.exec(a.name)![1]) - Number(SHEET_ENTRY.exec(b.name)![1]))
    .map((entry) => ({ name: `Sheet${SHEET_ENTRY.exec(entry.name)![1]}`, entry, hidden: false }));
}

function partOf(rels: RelsPart, type: RegExp, fallback: string, byName: ReadonlyMap<string, ZipEntryInfo>): ZipEntryInfo | undefined {
  for (const r of rels.byId.values()) if (r.entry !== null && type.test(r.type) && byName.has(r.entry)) return byName.get(r.entry);
  return byName.get(fallback);
}

export async function readXlsx(src: Source, ctx: ReadContext, entries: readonly ZipEntryInfo[]): Promise<SheetRows[]> {
  const file = src.name;
  const signal = ctx.opts.signal;
  const byName = new Map(entries.map((e) => [e.name, e]));
  const out: SheetRows[] = [];
  try {
    const rels = new RelsPart();
    await scan(src, byName.get('xl/_rels/workbook.xml.rels'), rels, signal);
    const book = new WorkbookPart();
    await scan(src, byName.get('xl/workbook.xml'), book, signal);
    const sheets = sheetParts(book, rels, byName);
    if (sheets.length === 0) throw new ReadStop(unreadableFile(file, '工作簿中没有可读取的工作表'));
    const styles = new StylesPart();
    await scan(src, partOf(rels, REL_STYLES, 'xl/styles.xml', byName), styles, signal);
    const stringsEntry = partOf(rels, REL_STRINGS, 'xl/sharedStrings.xml', byName);
    const maxCells = ctx.limits.maxCells;
    const strings = stringsEntry
      ? new SharedStrings(maxCells, () => {
          throw new ReadStop(
            issue(file, READ_ISSUE.TOO_MANY_CELLS, 'error', `文件“${file}”的单元格过多：共享文本表的条目超过上限 ${maxCells}（单元格数的上限），未读取。请删除多余的内容，或拆分为多个文件后导入。`),
          );
        })
      : null;
    if (strings) await scan(src, stringsEntry, strings, signal);
    const dateStyles = styles.dateStyles();
    const texts = new TextCells();
    const maxColumns = ctx.limits.maxColumns;

    for (const s of sheets) {
      ctx.checkAbort();
      const name = s.name;
      if (s.hidden) {
        // Not even inflated: nothing in it is imported.
        ctx.issues.push(issue(file, READ_ISSUE.SHEET_HIDDEN, 'warning', `文件“${file}”的工作表“${name}”是隐藏的，未导入。如需导入请先取消隐藏。`, { sheet: name }));
        continue;
      }
      const reader = new SheetReader({
        strings,
        dateStyles,
        date1904: book.date1904,
        maxColumns,
        texts,
        onRow: (width) => ctx.row(file, name, width),
        outOfRange: (ref, row) => {
          throw outOfRange(file, name, ref, row);
        },
      });
      await scan(src, s.entry, reader, signal);
      if (reader.wide) {
        ctx.issues.push(wideSheet(file, name, maxColumns));
      }
      out.push({ sheet: name, rows: reader.rows });
    }
  } catch (err) {
    if (err instanceof ReadStop || signal?.aborted) throw err;
    throw new ReadStop(
      issue(file, READ_ISSUE.FILE_UNREADABLE, 'error', `文件“${file}”无法读取：工作簿内容已损坏（${(err as Error).message}）。请在 Excel 或 WPS 中打开后另存为 .xlsx 再导入。`),
    );
  }
  return out;
}
