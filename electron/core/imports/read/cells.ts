import type { RawCellInfo } from '../types.js';

/** The one blank cell: readers share it for holes so a wide sparse sheet costs no objects. */
export const EMPTY_CELL: RawCellInfo = Object.freeze({ value: null, numeric: false }) as RawCellInfo;

/**
 * Texts that repeat (xlsx inline and formula texts, csv fields) share one frozen cell, as blank
 * cells share EMPTY_CELL.
 * Unique-looking texts (digits: ID numbers, phones, dates) are not kept; the table stops growing
 * at SHARED_MAX. (Shared strings share their cells by index, see SharedStrings.)
 */
const SHARED_MAX = 8192;
const UNIQUE_LOOKING = /^[\d\sXx.\-/:年月日]+$/;
export class TextCells {
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

/**
 * One row's cells as a reader gathers them, by column: blanks to the left share EMPTY_CELL, a
 * repeated column takes the later value (as exceljs did), and the row comes out as an array of
 * its exact width (an array grown by push keeps up to twice the slots it uses).
 */
export class RowCells {
  private readonly scratch: RawCellInfo[] = [];
  private length = 0;

  set(col: number, info: RawCellInfo): void {
    const s = this.scratch;
    if (col < this.length) {
      s[col] = info;
      return;
    }
    while (this.length < col) s[this.length++] = EMPTY_CELL;
    s[this.length++] = info;
  }

  clear(): void {
    this.length = 0;
  }

  /** The row (null when nothing was set), and a fresh start. */
  take(): RawCellInfo[] | null {
    if (this.length === 0) return null;
    const out = this.scratch.slice(0, this.length);
    this.length = 0;
    return out;
  }
}

/** 0 → A, 25 → Z, 26 → AA. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** Excel serial → Date at UTC midnight (+ time), the way exceljs gives date cells. */
export function excelSerialToDate(serial: number, date1904 = false): Date {
  const days = date1904 ? serial + 1462 : serial;
  return new Date(Math.round((days - 25569) * 86_400_000));
}

/** Same test exceljs applies to a number format: date/time letters outside quotes and brackets. */
export function isDateFormat(fmt: string | undefined): boolean {
  if (!fmt) return false;
  const f = fmt.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, '');
  return /[ymdhMsb]/.test(f);
}
