/**
 * The seam between reading files and understanding them. Readers (xlsx, xls, csv) and the table
 * finder produce RawTables; mapping, normalising, validating and committing consume them.
 */

/** A cell as read: Excel dates stay Date, numbers stay numbers (ID precision checks need that). */
export type RawCell = string | number | boolean | Date | null;

export interface RawCellInfo {
  value: RawCell;
  /** The cell was numeric in the file (an ID number typed into a number cell lost digits). */
  numeric: boolean;
  /** Excel formula text when the cell held a formula (its cached value is `value`). */
  formula?: string;
}

export interface RawRow {
  /** The sheet's own 1-based row number, as the clerk sees it in Excel. */
  rowNumber: number;
  cells: RawCellInfo[];
  hidden?: boolean;
}

export interface RawTable {
  file: string;
  sheet: string;
  /** 1-based row number of the header row (the last one when the header spans two rows). */
  headerRow: number;
  /** Header texts per column index (merged/two-row headers joined), '' for blank columns. */
  headers: string[];
  /** Column letters as Excel shows them (A, B, … AA), same index as headers. */
  columnLetters: string[];
  rows: RawRow[];
  /**
   * Rows passed over and why: title, 填报单位, blank, 合计, notes below the table. A run of blank
   * rows is one entry, rowNumber to `through` (absent for a single row).
   */
  skipped: { rowNumber: number; through?: number; reason: 'title' | 'blank' | 'total' | 'note' | 'hidden' }[];
}

/** A problem found before any table could be read (size, zip bomb, encoding, no header …). */
export interface ReadIssue {
  file: string;
  sheet?: string;
  row?: number;
  column?: string;
  code: string;
  severity: 'error' | 'warning';
  message: string;
}

export interface ReadResult {
  tables: RawTable[];
  issues: ReadIssue[];
}

/** Limits checked before inflating anything. */
export interface ReadLimits {
  maxFileBytes: number;
  maxZipEntries: number;
  maxUncompressedBytes: number;
  maxCompressionRatio: number;
  maxRows: number;
  maxColumns: number;
  /**
   * Cells held per file, counting a row as wide as its last filled cell: rows are kept whole until
   * the table is found, so a sheet whose rows each hold one cell far to the right would otherwise
   * take gigabytes from a small file.
   */
  maxCells: number;
}

export interface ReadOptions {
  /** 'auto' detects UTF-8 (with or without BOM) versus GB18030. */
  encoding?: 'auto' | 'utf-8' | 'gb18030';
  limits?: Partial<ReadLimits>;
  onProgress?: (done: number, total: number | null) => void;
  signal?: AbortSignal;
}
