/**
 * The workbook-level parts of an xlsx, each scanned once by xml-scan: workbook.xml (sheet names,
 * order, visibility, the 1904 date system), its relationships (which part holds which sheet),
 * styles.xml (which cell styles show numbers as dates) and sharedStrings.xml (the text table).
 */
import { posix } from 'node:path';
import type { RawCellInfo } from '../types.js';
import { isDateFormat } from './cells.js';
import { TextAcc, type XmlHandler, type XmlScanner } from './xml-scan.js';

export interface BookSheet {
  name: string;
  /** Relationship id (r:id) naming the sheet's part in workbook.xml.rels. */
  rid: string;
  state: string | null;
}

export class WorkbookPart implements XmlHandler {
  readonly sheets: BookSheet[] = [];
  date1904 = false;
  private inSheets = false;

  open(name: string, tag: XmlScanner): void {
    if (name === 'sheets') this.inSheets = true;
    else if (name === 'sheet' && this.inSheets) {
      this.sheets.push({ name: tag.attrText('name') ?? '', rid: tag.attrText('id') ?? '', state: tag.attrText('state') });
    } else if (name === 'workbookPr') {
      // Excel writes "1"; the schema's boolean also allows "true".
      this.date1904 = tag.attrIs('date1904', '1') || tag.attrIs('date1904', 'true');
    }
  }

  close(name: string): void {
    if (name === 'sheets') this.inSheets = false;
  }

  text(): void {}
}

export interface Relationship {
  /** The target as a zip entry name ("xl/worksheets/sheet1.xml"); null for external targets. */
  entry: string | null;
  type: string;
}

/** xl/_rels/workbook.xml.rels: targets are relative to xl/ unless they start with "/". */
export class RelsPart implements XmlHandler {
  readonly byId = new Map<string, Relationship>();

  open(name: string, tag: XmlScanner): void {
    if (name !== 'Relationship') return;
    const id = tag.attrText('Id');
    const target = tag.attrText('Target');
    if (id === null || target === null) return;
    const external = tag.attrIs('TargetMode', 'External');
    const entry = external ? null : target.startsWith('/') ? posix.normalize(target).slice(1) : posix.normalize(posix.join('xl', target));
    this.byId.set(id, { entry, type: tag.attrText('Type') ?? '' });
  }

  close(): void {}
  text(): void {}
}

/**
 * Built-in number formats that show a date or time (ECMA-376 18.8.30, with the zh-CN codes Excel
 * and WPS use for 27–36 and 50–58, e.g. 31 = yyyy"年"m"月"d"日"). Checked with the same
 * isDateFormat as custom formats.
 */
const BUILTIN_FORMATS: Record<number, string> = {
  14: 'mm-dd-yy',
  15: 'd-mmm-yy',
  16: 'd-mmm',
  17: 'mmm-yy',
  18: 'h:mm AM/PM',
  19: 'h:mm:ss AM/PM',
  20: 'h:mm',
  21: 'h:mm:ss',
  22: 'm/d/yy "h":mm',
  27: 'yyyy"年"m"月"',
  28: 'm"月"d"日"',
  29: 'm"月"d"日"',
  30: 'm-d-yy',
  31: 'yyyy"年"m"月"d"日"',
  32: 'h"时"mm"分"',
  33: 'h"时"mm"分"ss"秒"',
  34: '上午/下午 h"时"mm"分"',
  35: '上午/下午 h"时"mm"分"ss"秒"',
  36: 'yyyy"年"m"月"',
  45: 'mm:ss',
  46: '[h]:mm:ss',
  47: 'mmss.0',
  50: 'yyyy"年"m"月"',
  51: 'm"月"d"日"',
  52: 'yyyy"年"m"月"',
  53: 'm"月"d"日"',
  54: 'm"月"d"日"',
  55: '上午/下午 h"时"mm"分"',
  56: '上午/下午 h"时"mm"分"ss"秒"',
  57: 'yyyy"年"m"月"',
  58: 'm"月"d"日"',
  81: 'd/m/bb',
};

/** styles.xml: for each cell style (cellXfs index, a cell's s="…"), whether it shows a date. */
export class StylesPart implements XmlHandler {
  private readonly formats = new Map<number, string>();
  private readonly xfFormats: number[] = [];
  private inXfs = false;
  private inFmts = false;

  open(name: string, tag: XmlScanner): void {
    if (name === 'numFmts') this.inFmts = true;
    else if (name === 'numFmt' && this.inFmts) {
      const id = tag.attrUint('numFmtId');
      const code = tag.attrText('formatCode');
      // A backslash quotes the next character; exceljs drops it before its date test, so do we.
      if (!Number.isNaN(id) && code !== null) this.formats.set(id, code.replace(/\\(.)/g, '$1'));
    } else if (name === 'cellXfs') this.inXfs = true;
    else if (name === 'xf' && this.inXfs) {
      const id = tag.attrUint('numFmtId');
      this.xfFormats.push(Number.isNaN(id) ? 0 : id);
    }
  }

  close(name: string): void {
    if (name === 'numFmts') this.inFmts = false;
    else if (name === 'cellXfs') this.inXfs = false;
  }

  text(): void {}

  /** 1 where the style at that index formats numbers as dates. */
  dateStyles(): Uint8Array {
    const out = new Uint8Array(this.xfFormats.length);
    this.xfFormats.forEach((id, i) => {
      if (id !== 0 && isDateFormat(this.formats.get(id) ?? BUILTIN_FORMATS[id])) out[i] = 1;
    });
    return out;
  }
}

/**
 * sharedStrings.xml: each <si> is plain text (<t>) or rich text (runs <r><t>…</t></r>, joined);
 * phonetic runs (<rPh>) are annotations, not the cell's text. Each entry becomes its cell at first
 * use and every cell with that index shares it (frozen): a roster's 男, 汉族, branch names … cost
 * one object each however many rows hold them.
 */
export class SharedStrings implements XmlHandler {
  private readonly items: (string | RawCellInfo | null)[] = [];
  private readonly acc = new TextAcc();
  private inSi = false;
  private inPhonetic = false;

  /**
   * `maxItems`: no sheet within the cell cap can use more distinct texts, so a table longer than
   * that is refused (`tooMany` throws) instead of held whole.
   */
  constructor(
    private readonly maxItems = Infinity,
    private readonly tooMany: () => never = () => {
      throw new Error('too many shared strings');
    },
  ) {}

  get size(): number {
    return this.items.length;
  }

  open(name: string, tag: XmlScanner): void {
    switch (name) {
      case 'si':
        this.inSi = true;
        this.inPhonetic = false;
        this.acc.reset();
        break;
      case 't':
        if (this.inSi && !this.inPhonetic) tag.wantText = true;
        break;
      case 'rPh':
        this.inPhonetic = true;
        break;
    }
  }

  close(name: string): void {
    switch (name) {
      case 'si':
        if (this.inSi) {
          if (this.items.length >= this.maxItems) this.tooMany();
          this.items.push(this.acc.string());
        }
        this.inSi = false;
        break;
      case 'rPh':
        this.inPhonetic = false;
        break;
    }
  }

  text(buf: Buffer, s: number, e: number, entities: boolean): void {
    this.acc.add(buf, s, e, entities);
  }

  /** The cell for index i: null for blank text or an index past the table. */
  cell(i: number): RawCellInfo | null {
    const x = this.items[i];
    if (x === undefined || x === null) return null;
    if (typeof x !== 'string') return x;
    const c = x.trim() === '' ? null : (Object.freeze({ value: x, numeric: false }) as RawCellInfo);
    this.items[i] = c;
    return c;
  }
}
