import type { RawCellInfo } from '../types.js';

/** The one blank cell: readers share it for holes so a wide sparse sheet costs no objects. */
export const EMPTY_CELL: RawCellInfo = Object.freeze({ value: null, numeric: false }) as RawCellInfo;

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
