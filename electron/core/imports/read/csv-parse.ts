/**
 * RFC 4180 as Excel writes and reads it: quoted fields may hold delimiters, line breaks and doubled
 * quotes; CRLF, LF or CR end a record; a stray quote inside an unquoted field is kept as text.
 *
 * The scanner works on bytes, chunk by chunk: delimiters, quotes and line breaks are ASCII, and no
 * byte of a multi-byte UTF-8 or GB18030 character falls in that range (GB18030 trail bytes are
 * 0x30–0x39 and 0x40–0xFE), so fields are found without decoding the file. Only the fields kept
 * are decoded, one by one, into strings of their own (no slice of a decoded file pins it).
 */

export type Delimiter = ',' | '\t' | ';';

/** Picks the delimiter that splits the first lines most consistently. */
export function sniffDelimiter(text: string, preferTab = false): Delimiter {
  const lines: string[] = [];
  let pos = 0;
  while (lines.length < 20 && pos < text.length) {
    let end = text.indexOf('\n', pos);
    if (end < 0) end = text.length;
    const line = text.slice(pos, end);
    if (line.trim() !== '') lines.push(line);
    pos = end + 1;
  }
  const candidates: Delimiter[] = preferTab ? ['\t', ',', ';'] : [',', '\t', ';'];
  let best: Delimiter = candidates[0]!;
  let bestScore = 0;
  for (const d of candidates) {
    const counts = lines.map((l) => countOutsideQuotes(l, d));
    const freq = new Map<number, number>();
    for (const c of counts) if (c > 0) freq.set(c, (freq.get(c) ?? 0) + 1);
    let score = 0;
    for (const [count, times] of freq) score = Math.max(score, times * 1000 + count);
    if (score > bestScore) {
      best = d;
      bestScore = score;
    }
  }
  return best;
}

function countOutsideQuotes(line: string, d: string): number {
  let n = 0;
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (ch === '"') quoted = !quoted;
    else if (ch === d && !quoted) n++;
  }
  return n;
}

const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;

export interface CsvSink {
  /**
   * One non-empty field: its raw bytes buf[start, end), quotes included when `quoted` (see
   * unquote). `col` is its 0-based index in the record. The bytes are valid during the call only.
   */
  field(buf: Buffer, start: number, end: number, col: number, quoted: boolean): void;
  /** The record numbered `row` is complete (1-based; empty lines count, as in Excel). */
  record(row: number): void;
  /**
   * The quote that opened field `col` of record `row` has no partner. From it on, the text is read
   * again with that quote as a plain character, row by row.
   */
  unclosedQuote(row: number, col: number): void;
}

const enum State {
  /** At the start of a field. */
  Start,
  /** In an unquoted field, or after the closing quote of a quoted one (the rest is kept, as Excel does). */
  Plain,
  /** Inside quotes. */
  Quoted,
  /** Inside quotes, just after a quote: a second one is an escaped quote, anything else closes. */
  QuoteSeen,
}

/**
 * Splits a delimited byte stream into fields and records. A quote without a partner (never closed,
 * or "closed" by a later field's quote, text following it) is reported and read as a plain
 * character, so no row disappears into one cell. Memory: the bytes of the one field that runs past
 * a chunk (kept as the chunks' own slices); an unclosed quote keeps what follows it until the end.
 */
export class CsvScanner {
  private state = State.Start;
  private quoted = false;
  /** The quoted field holds a line break. */
  private quotedBreak = false;
  /** The current field's bytes from earlier chunks. */
  private pieces: Buffer[] = [];
  private col = 0;
  private row = 1;
  /** The last chunk ended on CR: a LF starting the next one belongs to it. */
  private skipLf = false;
  private quoteRow = 0;
  private quoteCol = 0;
  private readonly d: number;

  constructor(
    delimiter: Delimiter,
    private readonly sink: CsvSink,
  ) {
    this.d = delimiter.charCodeAt(0);
  }

  feed(buf: Buffer): void {
    const n = buf.length;
    const d = this.d;
    let i = 0;
    if (this.skipLf && n > 0) {
      if (buf[0] === LF) i = 1;
      this.skipLf = false;
    }
    let start = i;
    while (i < n) {
      switch (this.state) {
        case State.Start:
          start = i;
          if (buf[i] === QUOTE) {
            this.state = State.Quoted;
            this.quoted = true;
            this.quoteRow = this.row;
            this.quoteCol = this.col;
            i++;
            continue;
          }
          this.state = State.Plain;
          continue;
        case State.Plain: {
          let b = 0;
          while (i < n) {
            b = buf[i]!;
            if (b === d || b === LF || b === CR) break;
            i++;
          }
          if (i === n) continue;
          this.endField(buf, start, i);
          i++;
          if (b !== d) {
            this.endRecord();
            if (b === CR) {
              if (i === n) this.skipLf = true;
              else if (buf[i] === LF) i++;
            }
          }
          continue;
        }
        case State.Quoted: {
          const q = buf.indexOf(QUOTE, i);
          const to = q < 0 ? n : q;
          if (!this.quotedBreak) {
            for (let k = i; k < to; k++) {
              if (buf[k] === LF || buf[k] === CR) {
                this.quotedBreak = true;
                break;
              }
            }
          }
          i = to;
          if (q >= 0) {
            i++;
            this.state = State.QuoteSeen;
          }
          continue;
        }
        case State.QuoteSeen: {
          const b = buf[i]!;
          if (b === QUOTE) {
            this.state = State.Quoted;
            i++;
            continue;
          }
          this.state = State.Plain;
          // Excel closes a quote right before a delimiter or a line break. Text after a "closing"
          // quote of a field that ran over lines means the quotes paired wrongly: the opening one
          // had no partner, and swallowed the lines up to some later field's quote.
          if (this.quotedBreak && b !== d && b !== LF && b !== CR) {
            this.pieces.push(buf.subarray(start, i));
            this.reread();
            start = i;
          }
          continue;
        }
      }
    }
    if (this.state !== State.Start && start < n) this.pieces.push(buf.subarray(start, n));
  }

  /** The input is over: the last record (without a line break) ends, an unclosed quote is read again. */
  end(): void {
    while (this.state === State.Quoted) this.reread();
    if (this.state !== State.Start || this.col > 0) {
      this.endField(EMPTY, 0, 0);
      this.endRecord();
    }
  }

  /**
   * The open quote has no partner: everything from it (in pieces) is read again with the quote as
   * a plain character. Quotes in there came in "" pairs, so the second reading closes every quote
   * it opens, except one starting at the very end of the pieces (it goes on in the caller's bytes).
   */
  private reread(): void {
    const rest = this.pieces;
    this.pieces = [];
    this.sink.unclosedQuote(this.quoteRow, this.quoteCol);
    this.state = State.Plain;
    this.quoted = false;
    this.quotedBreak = false;
    this.skipLf = false;
    for (const p of rest) this.feed(p);
  }

  private endField(buf: Buffer, start: number, end: number): void {
    if (this.pieces.length > 0) {
      this.pieces.push(buf.subarray(start, end));
      buf = Buffer.concat(this.pieces);
      this.pieces = [];
      start = 0;
      end = buf.length;
    }
    if (end > start) this.sink.field(buf, start, end, this.col, this.quoted);
    this.col++;
    this.state = State.Start;
    this.quoted = false;
    this.quotedBreak = false;
  }

  private endRecord(): void {
    this.sink.record(this.row);
    this.row++;
    this.col = 0;
  }
}

const EMPTY = Buffer.alloc(0);

/**
 * A quoted field's raw bytes → its content bytes: the text between the quotes with "" as one
 * quote, then whatever followed the closing quote (kept, as Excel does). A subarray when nothing
 * needs joining.
 */
export function unquote(buf: Buffer, start: number, end: number): Buffer {
  let p = start + 1;
  let parts: Buffer[] | null = null;
  for (;;) {
    const q = buf.indexOf(QUOTE, p);
    if (q < 0 || q >= end) {
      // Only for a field cut short by the caller; the scanner hands closed fields.
      return parts === null ? buf.subarray(start + 1, end) : Buffer.concat([...parts, buf.subarray(p, end)]);
    }
    if (q + 1 < end && buf[q + 1] === QUOTE) {
      (parts ??= []).push(buf.subarray(p, q + 1));
      p = q + 2;
      continue;
    }
    const inner = buf.subarray(p, q);
    if (parts === null && q + 1 === end) return inner;
    return Buffer.concat([...(parts ?? []), inner, buf.subarray(q + 1, end)]);
  }
}
