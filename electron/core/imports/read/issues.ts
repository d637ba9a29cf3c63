import type { ReadIssue } from '../types.js';
import { EXCEL_MAX_COLUMNS, EXCEL_MAX_ROWS } from './limits.js';

/**
 * Read-level issue codes (stable, like the codes in IMPORT.md). HEADER_NOT_FOUND is the handbook's;
 * the rest are the reader's own.
 */
export const READ_ISSUE = {
  /** Not an xlsx, xls or csv/txt, or damaged/truncated beyond reading. */
  FILE_UNREADABLE: 'FILE_UNREADABLE',
  /** Larger than limits.maxFileBytes. */
  FILE_TOO_LARGE: 'FILE_TOO_LARGE',
  /** Password-protected (encrypted) workbook or encrypted zip entries. */
  FILE_ENCRYPTED: 'FILE_ENCRYPTED',
  /** Too many entries, too much uncompressed data, or an extreme compression ratio. */
  ZIP_BOMB: 'ZIP_BOMB',
  /** A zip entry path that is absolute or climbs out with "..". */
  ZIP_UNSAFE_PATH: 'ZIP_UNSAFE_PATH',
  /** More rows than limits.maxRows. */
  TOO_MANY_ROWS: 'TOO_MANY_ROWS',
  /** More cells (blank ones to the left of the last filled cell of each row included) than limits.maxCells in one file. */
  TOO_MANY_CELLS: 'TOO_MANY_CELLS',
  /** More columns than limits.maxColumns (the extra columns are not read). */
  TOO_MANY_COLUMNS: 'TOO_MANY_COLUMNS',
  /** A text file whose encoding could not be told for sure (replacement characters after decoding). */
  ENCODING_UNCERTAIN: 'ENCODING_UNCERTAIN',
  /** No header row recognised in a sheet that holds a table (IMPORT.md). */
  HEADER_NOT_FOUND: 'HEADER_NOT_FOUND',
  /** A sheet with only loose text (instructions, "本村无"), no table: left out. */
  SHEET_NO_TABLE: 'SHEET_NO_TABLE',
  /** A hidden sheet (code lists, scratch) left out. */
  SHEET_HIDDEN: 'SHEET_HIDDEN',
  /** A row or cell beyond Excel's 1,048,576 rows or 16,384 columns (shared/import ISSUE_CODES). */
  CELL_OUT_OF_RANGE: 'CELL_OUT_OF_RANGE',
  /** A CSV quote never closed: read as a plain character (shared/import ISSUE_CODES). */
  CSV_QUOTE_UNCLOSED: 'CSV_QUOTE_UNCLOSED',
} as const;

export type ReadIssueCode = (typeof READ_ISSUE)[keyof typeof READ_ISSUE];

export function issue(
  file: string,
  code: ReadIssueCode,
  severity: ReadIssue['severity'],
  message: string,
  where: { sheet?: string; row?: number; column?: string } = {},
): ReadIssue {
  return { file, ...where, code, severity, message };
}

/** FILE_UNREADABLE with the advice every reader gives. */
export function unreadableFile(file: string, why: string): ReadIssue {
  return issue(file, READ_ISSUE.FILE_UNREADABLE, 'error', `文件“${file}”无法读取：${why}。请在 Excel 或 WPS 中打开后另存为 .xlsx 再导入。`);
}

/** TOO_MANY_COLUMNS: the columns past the cap were left out (a csv has no sheet of its own to name). */
export function wideSheet(file: string, sheet: string, maxColumns: number, namedSheet = true): ReadIssue {
  const where = namedSheet ? `文件“${file}”的工作表“${sheet}”` : `文件“${file}”`;
  return issue(file, READ_ISSUE.TOO_MANY_COLUMNS, 'warning', `${where}超过 ${maxColumns} 列，超出的列未读取。`, { sheet });
}

/**
 * CELL_OUT_OF_RANGE, which stops the file. `ref` is the row number or the cell reference as the
 * file writes it ("99999999", "A99999999"); `row` the row number when it is one JavaScript holds.
 */
export function outOfRange(file: string, sheet: string, ref: { row: string } | { cell: string }, row?: number): ReadStop {
  const text = 'row' in ref ? ref.row : ref.cell;
  const shown = text.length > 24 ? text.slice(0, 24) + '…' : text;
  const what = 'row' in ref ? `第 ${shown} 行` : `单元格 ${shown}`;
  return new ReadStop(
    issue(
      file,
      READ_ISSUE.CELL_OUT_OF_RANGE,
      'error',
      `文件“${file}”的工作表“${sheet}”中有${what}，超出了 Excel 的范围（最多 ${EXCEL_MAX_ROWS} 行、${EXCEL_MAX_COLUMNS} 列即 XFD 列）。文件已损坏或不是由 Excel / WPS 保存的，未读取。请在 Excel 或 WPS 中打开后另存为 .xlsx 再导入。`,
      row !== undefined && Number.isSafeInteger(row) ? { sheet, row } : { sheet },
    ),
  );
}

/** Thrown inside a reader to stop it with one issue; readFiles turns it into that issue. */
export class ReadStop extends Error {
  constructor(readonly issue: ReadIssue) {
    super(issue.message);
    this.name = 'ReadStop';
  }
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024 * 1024) return `${(n / 1024 / 1024 / 1024).toFixed(1)} GB`;
  if (n >= 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${n} 字节`;
}
