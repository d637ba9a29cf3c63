import type { RawRow, ReadIssue, ReadLimits, ReadOptions } from '../types.js';
import { READ_ISSUE, ReadStop, issue } from './issues.js';

/** A sheet as a reader hands it to the table finder: its non-empty rows, ascending. */
export interface SheetRows {
  sheet: string;
  rows: RawRow[];
}

const PROGRESS_EVERY = 2048;

/** Shared by the readers of one readFiles call: limits, the row budget, progress, cancellation. */
export class ReadContext {
  /** Rows read across all files of the call (progress). */
  done = 0;
  /** Rows read in the current file (the row cap is per file). */
  fileRows = 0;
  /** Cells held for the current file (the cell cap is per file). */
  fileCells = 0;
  /** Known total for progress (xls, csv); null while unknown. */
  total: number | null = null;

  constructor(
    readonly limits: ReadLimits,
    readonly opts: ReadOptions,
    readonly issues: ReadIssue[],
  ) {}

  startFile(): void {
    this.fileRows = 0;
    this.fileCells = 0;
  }

  /**
   * Call once per non-empty row with its width (cells up to its last filled one); throws
   * TOO_MANY_ROWS or TOO_MANY_CELLS past the caps and honours the signal.
   */
  row(file: string, sheet: string, width: number): void {
    const signal = this.opts.signal;
    if (signal?.aborted) throw signal.reason;
    this.fileRows++;
    this.done++;
    this.fileCells += width;
    if (this.fileCells > this.limits.maxCells) {
      throw new ReadStop(
        issue(
          file,
          READ_ISSUE.TOO_MANY_CELLS,
          'error',
          `文件“${file}”的单元格过多：读到工作表“${sheet}”第 ${this.fileRows} 个非空行时，单元格数（含各行最后一个有值单元格左侧的空白单元格）超过上限 ${this.limits.maxCells}。请删除表格右侧多余的内容，或拆分为多个文件后导入。`,
          { sheet },
        ),
      );
    }
    if (this.fileRows > this.limits.maxRows) {
      throw new ReadStop(
        issue(
          file,
          READ_ISSUE.TOO_MANY_ROWS,
          'error',
          `文件“${file}”的行数超过上限：已读取 ${this.fileRows} 行（读到工作表“${sheet}”时停止），上限为 ${this.limits.maxRows} 行。请拆分为多个文件后导入。`,
          { sheet },
        ),
      );
    }
    if ((this.done & (PROGRESS_EVERY - 1)) === 0) this.opts.onProgress?.(this.done, this.total);
  }

  checkAbort(): void {
    this.opts.signal?.throwIfAborted();
  }

  progress(): void {
    this.opts.onProgress?.(this.done, this.total);
  }
}
