/**
 * One worksheet part (<sheetData>) to the rows the table finder reads, straight from the scanner's
 * events: no per-cell objects but the RawCellInfo kept. What a cell holds follows its type
 * (t="s" shared string, "inlineStr", "str", "b", "e", "d", number otherwise) and, for numbers, its
 * style's number format (a date format makes a Date, 1904 system honoured). A formula cell keeps
 * its cached value and its text (SHARED_FORMULA for the cells of a shared formula that only
 * point at the master cell). Rows and cells without an r attribute follow the previous one, as
 * Excel reads them.
 */
import type { RawCellInfo, RawRow } from '../types.js';
import { RowCells, excelSerialToDate, type TextCells } from './cells.js';
import { EXCEL_MAX_COLUMNS, EXCEL_MAX_ROWS } from './limits.js';
import type { SharedStrings } from './xlsx-parts.js';
import { TextAcc, type XmlHandler, type XmlScanner } from './xml-scan.js';

/** Marks a formula cell whose text lives in another cell (the master of a shared formula). */
export const SHARED_FORMULA = '(shared)';

export interface SheetEnv {
  strings: SharedStrings | null;
  /** 1 where the cell style (s="…") formats numbers as dates. */
  dateStyles: Uint8Array;
  date1904: boolean;
  maxColumns: number;
  texts: TextCells;
  /** Called once per non-empty row before it is kept (row cap, progress, cancellation). */
  onRow(width: number): void;
  /** A row or cell beyond Excel's limits: throws (the file is not read). */
  outOfRange(ref: { row: string } | { cell: string }, row: number): never;
}

// Cell types by XmlScanner.attrCode: first byte + 256 × length.
const T_S = 0x73 + 256;
const T_STR = 0x73 + 256 * 3;
const T_INLINE = 0x69 + 256 * 9;
const T_B = 0x62 + 256;
const T_E = 0x65 + 256;
const T_D = 0x64 + 256;

const enum In {
  None,
  Value,
  Formula,
  Inline,
}

const isBlankText = (s: string): boolean => s.trim() === '';

export class SheetReader implements XmlHandler {
  readonly rows: RawRow[] = [];
  /** A non-empty cell lay beyond maxColumns (left out). */
  wide = false;

  private inData = false;
  private inRow = false;
  private rowNumber = 0;
  private rowHidden = false;
  private readonly cells = new RowCells();
  private col = -1;

  private inCell = false;
  private type = -1;
  private style = 0;
  private hasValue = false;
  private hasFormula = false;
  private hasInline = false;
  private inPhonetic = false;
  private into = In.None;
  private readonly value = new TextAcc();
  private readonly formula = new TextAcc();
  private readonly inline = new TextAcc();

  constructor(private readonly env: SheetEnv) {}

  open(name: string, tag: XmlScanner): void {
    switch (name) {
      case 'c': {
        if (!this.inRow) return;
        const col = tag.attrColumn('r');
        if (col >= EXCEL_MAX_COLUMNS || tag.refRow > EXCEL_MAX_ROWS) this.env.outOfRange({ cell: tag.attrText('r') ?? '' }, tag.refRow);
        this.col = col >= 0 ? col : this.col + 1;
        const s = tag.attrUint('s');
        this.style = Number.isNaN(s) ? 0 : s;
        this.type = tag.attrCode('t');
        this.inCell = true;
        this.hasValue = false;
        this.hasFormula = false;
        this.hasInline = false;
        this.value.reset();
        return;
      }
      case 'v':
        if (!this.inCell) return;
        this.hasValue = true;
        this.into = In.Value;
        tag.wantText = true;
        return;
      case 'f':
        if (!this.inCell) return;
        this.hasFormula = true;
        this.formula.reset();
        this.into = In.Formula;
        tag.wantText = true;
        return;
      case 'is':
        if (!this.inCell) return;
        this.hasInline = true;
        this.inPhonetic = false;
        this.inline.reset();
        return;
      case 't':
        if (this.inCell && this.hasInline && !this.inPhonetic) {
          this.into = In.Inline;
          tag.wantText = true;
        }
        return;
      case 'rPh':
        this.inPhonetic = true;
        return;
      case 'row': {
        if (!this.inData) return;
        const r = tag.attrUint('r');
        this.rowNumber = r > 0 ? r : this.rowNumber + 1;
        // Only rows that hold something are kept, so a gap costs nothing; a number past Excel's
        // last row is a forged or damaged file.
        if (this.rowNumber > EXCEL_MAX_ROWS) this.env.outOfRange({ row: tag.attrText('r') ?? String(this.rowNumber) }, this.rowNumber);
        this.rowHidden = tag.attrIs('hidden', '1') || tag.attrIs('hidden', 'true');
        this.inRow = true;
        this.cells.clear();
        this.col = -1;
        return;
      }
      case 'sheetData':
        this.inData = true;
        return;
    }
  }

  close(name: string): void {
    switch (name) {
      case 'v':
      case 'f':
      case 't':
        this.into = In.None;
        return;
      case 'rPh':
        this.inPhonetic = false;
        return;
      case 'c':
        if (!this.inCell) return;
        this.inCell = false;
        this.place(this.cell());
        return;
      case 'row': {
        if (!this.inRow) return;
        this.inRow = false;
        const cells = this.cells.take();
        if (cells === null) return;
        this.env.onRow(cells.length);
        this.rows.push(this.rowHidden ? { rowNumber: this.rowNumber, cells, hidden: true } : { rowNumber: this.rowNumber, cells });
        return;
      }
      case 'sheetData':
        this.inData = false;
        return;
    }
  }

  text(buf: Buffer, s: number, e: number, entities: boolean): void {
    switch (this.into) {
      case In.Value:
        this.value.add(buf, s, e, entities);
        return;
      case In.Formula:
        this.formula.add(buf, s, e, entities);
        return;
      case In.Inline:
        this.inline.add(buf, s, e, entities);
        return;
    }
  }

  private place(info: RawCellInfo | null): void {
    if (info === null) return;
    const col = this.col;
    if (col >= this.env.maxColumns) {
      this.wide = true;
      return;
    }
    this.cells.set(col, info);
  }

  private isDateStyle(): boolean {
    return this.env.dateStyles[this.style] === 1;
  }

  private cell(): RawCellInfo | null {
    const type = this.type;
    if (this.hasFormula) return this.formulaCell(type);
    if (this.hasInline) {
      const s = this.inline.string();
      return isBlankText(s) ? null : this.env.texts.of(s);
    }
    if (!this.hasValue) return null;
    switch (type) {
      case T_S:
        return this.env.strings?.cell(this.value.int()) ?? null;
      case T_STR:
      case T_INLINE: {
        const s = this.value.string();
        return isBlankText(s) ? null : this.env.texts.of(s);
      }
      case T_E:
        return { value: this.value.string(), numeric: false };
      case T_B:
        return { value: this.value.int() !== 0, numeric: false };
      case T_D: {
        const d = isoDate(this.value.string());
        return d === null ? null : { value: d, numeric: true };
      }
      default: {
        const n = this.value.number();
        if (!Number.isFinite(n)) return null;
        if (this.isDateStyle()) {
          const d = excelSerialToDate(n, this.env.date1904);
          return Number.isNaN(d.getTime()) ? null : { value: d, numeric: true };
        }
        return { value: n, numeric: true };
      }
    }
  }

  /** A formula's cached value (none when the file was saved without calculating). */
  private formulaCell(type: number): RawCellInfo {
    const f = this.formula.string();
    const formula = f !== '' ? f : SHARED_FORMULA;
    if (!this.hasValue) return { value: null, numeric: false, formula };
    switch (type) {
      case T_STR:
        return { value: this.value.string(), numeric: false, formula };
      case T_B:
        return { value: this.value.int() !== 0, numeric: false, formula };
      case T_E:
        // An error result (#N/A, #REF! …) is no value.
        return { value: null, numeric: false, formula };
      default: {
        const n = this.value.number();
        if (!Number.isFinite(n)) return { value: null, numeric: false, formula };
        if (this.isDateStyle()) {
          const d = excelSerialToDate(n, this.env.date1904);
          return Number.isNaN(d.getTime()) ? { value: null, numeric: false, formula } : { value: d, numeric: true, formula };
        }
        return { value: n, numeric: true, formula };
      }
    }
  }
}

/** t="d" cells (ISO 8601, written by some tools): a time without zone is taken as UTC, like Excel dates. */
function isoDate(s: string): Date | null {
  const t = s.trim();
  if (!/^\d{4}-\d{2}-\d{2}/.test(t)) return null;
  const zoned = /(?:Z|[+-]\d{2}:?\d{2})$/.test(t) || t.length === 10;
  const d = new Date(zoned ? t : t + 'Z');
  return Number.isNaN(d.getTime()) ? null : d;
}
