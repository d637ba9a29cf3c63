/**
 * .csv / .txt: encoding detected (or given), delimiter sniffed, every cell text. Streamed: the file
 * is never in memory whole, neither as bytes nor decoded; what stays is the cells kept, each field
 * decoded on its own (ASCII as one-byte strings), repeated short texts sharing one cell.
 */
import type { RawRow } from '../types.js';
import type { ReadContext, SheetRows } from './context.js';
import { RowCells, TextCells, columnLetter } from './cells.js';
import { CsvScanner, sniffDelimiter, unquote, type CsvSink } from './csv-parse.js';
import { READ_ISSUE, issue, wideSheet } from './issues.js';
import type { Source } from './source.js';
import { chooseEncoding, fieldDecoder, utf16ToUtf8, type TextEncoding } from './text-decode.js';

/** A CSV has one sheet; it is named after the file without its extension, as Excel names it. */
export function csvSheetName(file: string): string {
  const base = file.replace(/^.*[\\/]/, '');
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(0, dot) : base;
}

/** Bytes looked at to sniff the delimiter (the first lines). */
const SNIFF_BYTES = 64 * 1024;

class CsvRows implements CsvSink {
  readonly rows: RawRow[] = [];
  wide = false;
  uncertain = false;
  private readonly cells = new RowCells();
  private readonly texts = new TextCells();

  constructor(
    private readonly file: string,
    private readonly sheet: string,
    private readonly ctx: ReadContext,
    private readonly decode: (buf: Buffer, start: number, end: number) => string,
  ) {}

  field(buf: Buffer, start: number, end: number, col: number, quoted: boolean): void {
    let f: string;
    if (quoted) {
      const inner = unquote(buf, start, end);
      f = this.decode(inner, 0, inner.length);
    } else f = this.decode(buf, start, end);
    if (col === 0 && this.rows.length === 0 && f.charCodeAt(0) === 0xfeff) f = f.slice(1);
    if (f.trim() === '') return;
    if (col >= this.ctx.limits.maxColumns) {
      this.wide = true;
      return;
    }
    if (!this.uncertain && f.includes('\uFFFD')) this.uncertain = true;
    // ="0652…" is how systems force Excel to keep digits as text: the text is what is meant.
    if (f.length >= 3 && f.charCodeAt(0) === 61 && f.charCodeAt(1) === 34 && f.endsWith('"')) f = f.slice(2, -1);
    this.cells.set(col, this.texts.of(f));
  }

  record(row: number): void {
    const cells = this.cells.take();
    if (cells === null) {
      this.ctx.checkAbort();
      return;
    }
    this.ctx.row(this.file, this.sheet, cells.length);
    this.rows.push({ rowNumber: row, cells });
  }

  unclosedQuote(row: number, col: number): void {
    const where = `第 ${row} 行 ${columnLetter(col)} 列`;
    this.ctx.issues.push(
      issue(
        this.file,
        READ_ISSUE.CSV_QUOTE_UNCLOSED,
        'warning',
        `文件“${this.file}”${where}的引号（"）没有配对的结束引号。已把它当作普通字符，从这里起照常逐行读取，没有丢行；请在预览中核对${where}，必要时在原文件中补上或删去这个引号后重新导入。`,
        { sheet: this.sheet, row, column: columnLetter(col) },
      ),
    );
  }
}

/** The file's bytes, chunk by chunk, as UTF-8 or GB18030 bytes the scanner can split (UTF-16 re-encoded). */
async function* textBytes(src: Source, encoding: TextEncoding, skip: number, sink: CsvRows): AsyncGenerator<Buffer> {
  const toUtf8 = encoding === 'utf-16le' || encoding === 'utf-16be' ? utf16ToUtf8(encoding) : null;
  let first = true;
  for await (const raw of src.stream() as AsyncIterable<Buffer>) {
    const chunk = first ? raw.subarray(skip) : raw;
    first = false;
    if (toUtf8 === null) yield chunk;
    else {
      const { bytes, replaced } = toUtf8.write(chunk);
      if (replaced) sink.uncertain = true;
      yield bytes;
    }
  }
  if (toUtf8 !== null) {
    const { bytes, replaced } = toUtf8.end();
    if (replaced) sink.uncertain = true;
    yield bytes;
  }
}

export async function readCsv(src: Source, ctx: ReadContext): Promise<SheetRows[]> {
  const file = src.name;
  const sheet = csvSheetName(file);
  const { encoding, bom } = await chooseEncoding(src, ctx.opts.encoding ?? 'auto', ctx.opts.signal);
  const decode = fieldDecoder(encoding === 'gb18030' ? 'gb18030' : 'utf-8');
  const sink = new CsvRows(file, sheet, ctx, decode);
  let scanner: CsvScanner | null = null;
  // The first chunks wait until the delimiter is known.
  let head: Buffer[] = [];
  let headBytes = 0;
  const start = (): CsvScanner => {
    const sample = Buffer.concat(head);
    const s = new CsvScanner(sniffDelimiter(decode(sample, 0, sample.length), /\.(txt|tsv)$/i.test(file)), sink);
    for (const h of head) s.feed(h);
    head = [];
    return s;
  };
  for await (const chunk of textBytes(src, encoding, bom, sink)) {
    ctx.checkAbort();
    if (scanner !== null) {
      scanner.feed(chunk);
      continue;
    }
    head.push(chunk);
    headBytes += chunk.length;
    if (headBytes >= SNIFF_BYTES) scanner = start();
  }
  scanner ??= start();
  scanner.end();

  if (sink.uncertain) {
    ctx.issues.push(
      issue(
        file,
        READ_ISSUE.ENCODING_UNCERTAIN,
        'warning',
        `文件“${file}”按 ${encoding.toUpperCase()} 编码读取时有无法识别的字符（显示为“�”），编码可能不对。请核对预览中的文字，必要时指定编码或在 Excel 中另存为“CSV UTF-8”。`,
        { sheet },
      ),
    );
  }
  if (sink.wide) ctx.issues.push(wideSheet(file, sheet, ctx.limits.maxColumns, false));
  return [{ sheet, rows: sink.rows }];
}
