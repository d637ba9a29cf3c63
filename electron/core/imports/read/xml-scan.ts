/**
 * A lean streaming XML tokenizer over the inflated bytes of one xlsx part. Why not a full SAX
 * parser: a 50,000-row roster's sheet is ~1,000,000 cells, and a general parser builds an
 * attribute object and strings for every tag; here tag names are interned, attributes stay byte
 * ranges the handler reads as numbers or compares in place, and text is decoded only where the
 * handler asks for it (inside <v>, <t>, <f>). Only what xlsx parts use is understood: elements,
 * attributes, text, entities, CDATA; comments, processing instructions and DOCTYPE are skipped
 * (no entity from a DOCTYPE is ever expanded).
 *
 * Memory: one chunk plus the unfinished token at its end; a token (a tag, a comment …) longer than
 * MAX_TOKEN bytes is refused, so a hostile part cannot make the carry grow to the whole part.
 * Text the handler wants is handed over in pieces when it runs past a chunk, so a long cell text
 * is never carried either.
 */

const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;
const QMARK = 0x3f;
const BANG = 0x21;
const EQ = 0x3d;
const QUOT = 0x22;
const APOS = 0x27;
const COLON = 0x3a;
const AMP = 0x26;
const SEMI = 0x3b;
const DASH = 0x2d;
const LBRACKET = 0x5b;
const RBRACKET = 0x5d;

/** Longest tag, comment, PI or CDATA section carried from one chunk to the next. */
export const MAX_TOKEN = 4 * 1024 * 1024;
/** Attributes recorded per tag (the rest are parsed and ignored): xlsx tags have a handful. */
const MAX_ATTRS = 64;

export class XmlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'XmlError';
  }
}

export interface XmlHandler {
  /** A start tag (also for `<x/>`, followed at once by close). Attributes are readable on `tag` during the call only. */
  open(name: string, tag: XmlScanner): void;
  close(name: string): void;
  /** Character data, only while `scanner.wantText` is set; may come in several pieces. */
  text(buf: Buffer, start: number, end: number, entities: boolean): void;
}

/** Names of up to 6 bytes keyed by their bytes (no NUL in XML names, so the key is unique). */
const NAMES = new Map<number, string>();
const NAMES_MAX = 4096;
const ONE_LETTER = Array.from({ length: 256 }, (_, b) => String.fromCharCode(b));

function nameOf(buf: Buffer, start: number, end: number): string {
  // Local name: a prefix ("x:row") does not change what the element is.
  for (let i = end - 1; i >= start; i--) {
    if (buf[i] === COLON) {
      start = i + 1;
      break;
    }
  }
  const n = end - start;
  // One-letter names (c, v, f, t, r) are most of a sheet's tags.
  if (n === 1) return ONE_LETTER[buf[start]!]!;
  if (n > 6 || n === 0) return buf.toString('latin1', start, end);
  let key = 0;
  for (let i = start; i < end; i++) key = key * 256 + buf[i]!;
  let s = NAMES.get(key);
  if (s === undefined) {
    s = buf.toString('latin1', start, end);
    if (NAMES.size < NAMES_MAX) NAMES.set(key, s);
  }
  return s;
}

/** Whether buf[s, s + 5) spells "xmlns". */
const isXmlnsAt = (buf: Buffer, s: number): boolean => buf[s] === 0x78 && buf[s + 1] === 0x6d && buf[s + 2] === 0x6c && buf[s + 3] === 0x6e && buf[s + 4] === 0x73;

const isSpace = (c: number): boolean => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

export class XmlScanner {
  /** Set by the handler (in open) to receive the element's character data; any end tag clears it. */
  wantText = false;
  private carry: Buffer | null = null;
  private buf: Buffer = Buffer.alloc(0);
  private nAttrs = 0;
  /** Per attribute: local name start, name end, value start, value end (byte offsets into buf). */
  private readonly attrs: number[] = [];

  constructor(private readonly handler: XmlHandler) {}

  /** Feeds the next chunk of the part; everything complete in it is reported. */
  feed(chunk: Buffer): void {
    const buf = this.carry === null ? chunk : Buffer.concat([this.carry, chunk]);
    this.carry = null;
    this.buf = buf;
    const n = buf.length;
    const h = this.handler;
    let p = 0;
    while (p < n) {
      // Character data up to the next '<'.
      let lt = p;
      while (lt < n && buf[lt] !== LT) lt++;
      if (lt === n) {
        if (this.wantText) p = this.textTail(buf, p, n);
        else p = n;
        break;
      }
      if (lt > p && this.wantText) h.text(buf, p, lt, true);
      p = lt;
      const next = this.markup(buf, p, n);
      if (next < 0) break;
      p = next;
    }
    if (p < n) {
      if (n - p > MAX_TOKEN) throw new XmlError('XML 标记过长');
      this.carry = buf.subarray(p);
    }
  }

  /** The part is over: an unfinished tag is a damaged part. */
  end(): void {
    const c = this.carry;
    this.carry = null;
    if (c === null) return;
    for (let i = 0; i < c.length; i++) if (!isSpace(c[i]!)) throw new XmlError('XML 内容不完整');
  }

  /**
   * Text running to the end of the chunk: hands over what is complete, keeping back a UTF-8
   * sequence or an entity cut by the chunk's end. Returns where the carry starts.
   */
  private textTail(buf: Buffer, p: number, n: number): number {
    let cut = n;
    // Back up to the start of the last character if its bytes are not all here.
    let j = n - 1;
    while (j > p && (buf[j]! & 0xc0) === 0x80) j--;
    const lead = buf[j]!;
    const len = lead < 0x80 ? 1 : lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
    if (j + len > n) cut = j;
    // An entity ("&amp;") cut in two.
    for (let k = cut - 1; k >= p && k >= cut - 12; k--) {
      const c = buf[k]!;
      if (c === SEMI) break;
      if (c === AMP) {
        cut = k;
        break;
      }
    }
    if (cut > p) this.handler.text(buf, p, cut, true);
    return cut;
  }

  /** Indexes of the first occurrence of `a b c` (c < 0: `a b`) from `from`, or -1. */
  private static find(buf: Buffer, from: number, n: number, a: number, b: number, c: number): number {
    const last = n - (c < 0 ? 2 : 3);
    for (let i = from; i <= last; i++) {
      if (buf[i] === a && buf[i + 1] === b && (c < 0 || buf[i + 2] === c)) return i;
    }
    return -1;
  }

  /** One markup construct at buf[p] === '<'. Returns the position after it, or -1 if incomplete. */
  private markup(buf: Buffer, p: number, n: number): number {
    if (p + 1 >= n) return -1;
    const c1 = buf[p + 1]!;
    if (c1 === SLASH) {
      let i = p + 2;
      const s = i;
      while (i < n && buf[i] !== GT && !isSpace(buf[i]!)) {
        if (buf[i] === LT) throw new XmlError('XML 格式错误');
        i++;
      }
      const e = i;
      while (i < n && isSpace(buf[i]!)) i++;
      if (i >= n) return -1;
      if (buf[i] !== GT) throw new XmlError('XML 格式错误');
      this.wantText = false;
      this.handler.close(nameOf(buf, s, e));
      return i + 1;
    }
    if (c1 === QMARK) {
      const e = XmlScanner.find(buf, p + 2, n, QMARK, GT, -1);
      return e < 0 ? -1 : e + 2;
    }
    if (c1 === BANG) return this.bang(buf, p, n);
    return this.startTag(buf, p, n);
  }

  /** Comments, CDATA and DOCTYPE. */
  private bang(buf: Buffer, p: number, n: number): number {
    if (p + 4 > n) return -1;
    if (buf[p + 2] === DASH && buf[p + 3] === DASH) {
      const e = XmlScanner.find(buf, p + 4, n, DASH, DASH, GT);
      return e < 0 ? -1 : e + 3;
    }
    if (buf[p + 2] === LBRACKET) {
      if (p + 9 > n) return -1;
      if (buf.toString('latin1', p, p + 9) !== '<![CDATA[') throw new XmlError('XML 格式错误');
      const e = XmlScanner.find(buf, p + 9, n, RBRACKET, RBRACKET, GT);
      if (e < 0) return -1;
      if (this.wantText && e > p + 9) this.handler.text(buf, p + 9, e, false);
      return e + 3;
    }
    // <!DOCTYPE …> with a possible [internal subset]: skipped whole, nothing in it is used.
    let depth = 0;
    let q = 0;
    for (let i = p + 2; i < n; i++) {
      const c = buf[i]!;
      if (q !== 0) {
        if (c === q) q = 0;
      } else if (c === QUOT || c === APOS) q = c;
      else if (c === LBRACKET) depth++;
      else if (c === RBRACKET) depth--;
      else if (c === GT && depth <= 0) return i + 1;
    }
    return -1;
  }

  private startTag(buf: Buffer, p: number, n: number): number {
    let i = p + 1;
    const s = i;
    while (i < n) {
      const c = buf[i]!;
      if (c === GT || c === SLASH || isSpace(c)) break;
      if (c === LT) throw new XmlError('XML 格式错误');
      i++;
    }
    if (i >= n) return -1;
    const nameEnd = i;
    const at = this.attrs;
    let na = 0;
    let selfClosing = false;
    for (;;) {
      while (i < n && isSpace(buf[i]!)) i++;
      if (i >= n) return -1;
      const c = buf[i]!;
      if (c === GT) {
        i++;
        break;
      }
      if (c === SLASH) {
        if (i + 1 >= n) return -1;
        if (buf[i + 1] !== GT) throw new XmlError('XML 格式错误');
        selfClosing = true;
        i += 2;
        break;
      }
      // The local name starts after a prefix's colon ("r:id" → "id").
      const as = i;
      let ns = i;
      while (i < n) {
        const d = buf[i]!;
        if (d === EQ || d === GT || d === SLASH || isSpace(d)) break;
        if (d === COLON) ns = i + 1;
        i++;
      }
      const ne = i;
      // Namespace declarations (xmlns="…", xmlns:r="…") are not attributes of the element.
      const xmlns = ns === as ? ne - as === 5 && isXmlnsAt(buf, as) : ns - 1 - as === 5 && isXmlnsAt(buf, as);
      while (i < n && isSpace(buf[i]!)) i++;
      if (i >= n) return -1;
      if (buf[i] !== EQ) throw new XmlError('XML 属性格式错误');
      i++;
      while (i < n && isSpace(buf[i]!)) i++;
      if (i >= n) return -1;
      const q = buf[i]!;
      if (q !== QUOT && q !== APOS) throw new XmlError('XML 属性格式错误');
      const vs = i + 1;
      i = vs;
      while (i < n && buf[i] !== q) i++;
      if (i >= n) return -1;
      if (na < MAX_ATTRS && !xmlns) {
        const k = na * 4;
        at[k] = ns;
        at[k + 1] = ne;
        at[k + 2] = vs;
        at[k + 3] = i;
        na++;
      }
      i++;
    }
    const name = nameOf(buf, s, nameEnd);
    this.nAttrs = na;
    this.handler.open(name, this);
    this.nAttrs = 0;
    if (selfClosing) {
      this.wantText = false;
      this.handler.close(name);
    }
    return i;
  }

  /** Index of the attribute whose local name is `name` ("r:id" answers to "id"), or -1. */
  attr(name: string): number {
    const buf = this.buf;
    const at = this.attrs;
    const len = name.length;
    for (let k = 0; k < this.nAttrs; k++) {
      const s = at[k * 4]!;
      if (at[k * 4 + 1]! - s !== len) continue;
      let same = true;
      for (let i = 0; i < len; i++) {
        if (buf[s + i] !== name.charCodeAt(i)) {
          same = false;
          break;
        }
      }
      if (same) return k;
    }
    return -1;
  }

  /** The attribute's value, entities decoded; null when absent. */
  attrText(name: string): string | null {
    const k = this.attr(name);
    if (k < 0) return null;
    return decodeText(this.buf, this.attrs[k * 4 + 2]!, this.attrs[k * 4 + 3]!, true);
  }

  /** The attribute's value as a non-negative decimal integer; NaN when absent or not one, Infinity past 15 digits. */
  attrUint(name: string): number {
    const k = this.attr(name);
    if (k < 0) return NaN;
    return uintAt(this.buf, this.attrs[k * 4 + 2]!, this.attrs[k * 4 + 3]!);
  }

  /** Whether the attribute is present with exactly this (ASCII, entity-free) value. */
  attrIs(name: string, value: string): boolean {
    const k = this.attr(name);
    if (k < 0) return false;
    const s = this.attrs[k * 4 + 2]!;
    const e = this.attrs[k * 4 + 3]!;
    if (e - s !== value.length) return false;
    for (let i = 0; i < value.length; i++) if (this.buf[s + i] !== value.charCodeAt(i)) return false;
    return true;
  }

  /**
   * A cheap code for short enumerated values (a cell's t="s" / "str" / "inlineStr" …): the first
   * byte plus 256 × the length; -1 when absent. No string is made.
   */
  attrCode(name: string): number {
    const k = this.attr(name);
    if (k < 0) return -1;
    const s = this.attrs[k * 4 + 2]!;
    const e = this.attrs[k * 4 + 3]!;
    return e > s ? this.buf[s]! + 256 * (e - s) : 0;
  }

  /** The row part of the reference last read by attrColumn (NaN when it had none, Infinity when absurdly long). */
  refRow = NaN;

  /**
   * The 0-based column of a cell reference attribute ("AB12" → 27); -1 when absent or without
   * letters. Large for absurd references: callers compare it with their limits. The row part is
   * left in refRow.
   */
  attrColumn(name: string): number {
    const k = this.attr(name);
    this.refRow = NaN;
    if (k < 0) return -1;
    const buf = this.buf;
    const e = this.attrs[k * 4 + 3]!;
    let col = 0;
    let i = this.attrs[k * 4 + 2]!;
    for (; i < e; i++) {
      const c = buf[i]! | 0x20;
      if (c < 0x61 || c > 0x7a) break;
      col = col * 26 + (c - 0x60);
    }
    this.refRow = uintAt(buf, i, e);
    return col === 0 ? -1 : col - 1;
  }
}

/**
 * Decimal digits at buf[s, e) as a number; NaN if empty or anything but digits; Infinity for more
 * than 15 digits (no longer exact: a row number of that size is out of any range anyway).
 */
function uintAt(buf: Buffer, s: number, e: number): number {
  if (e <= s) return NaN;
  let v = 0;
  for (let i = s; i < e; i++) {
    const d = buf[i]! - 0x30;
    if (d < 0 || d > 9) return NaN;
    v = v * 10 + d;
  }
  return e - s > 15 ? Infinity : v;
}

const ENTITY = /&(#[xX][0-9a-fA-F]{1,6}|#[0-9]{1,7}|lt|gt|amp|quot|apos);/g;

function entity(m: string, e: string): string {
  switch (e) {
    case 'lt':
      return '<';
    case 'gt':
      return '>';
    case 'amp':
      return '&';
    case 'quot':
      return '"';
    case 'apos':
      return "'";
    default: {
      const cp = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return cp > 0 && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff) ? String.fromCodePoint(cp) : m;
    }
  }
}

/**
 * UTF-8 bytes to a string, line ends normalised as XML requires (CR LF and lone CR → LF), then
 * the predefined and numeric entities decoded. A fresh string: values kept in rows must not be
 * slices pinning a whole chunk.
 */
export function decodeText(buf: Buffer, s: number, e: number, entities: boolean): string {
  let t = buf.toString('utf8', s, e);
  if (t.includes('\r')) t = t.replace(/\r\n?/g, '\n');
  return entities && t.includes('&') ? t.replace(ENTITY, entity) : t;
}

/**
 * Number text as parseFloat reads it. Fast path for plain decimals of up to 15 significant digits
 * (integer and power of ten both exact, so the one division is correctly rounded); anything else
 * (exponents, longer mantissas, blanks) goes through parseFloat.
 */
export function numberAt(buf: Buffer, s: number, e: number, entities: boolean): number {
  let i = s;
  let neg = false;
  if (i < e && buf[i] === DASH) {
    neg = true;
    i++;
  }
  if (i >= e || e - i > 16) return slowNumber(buf, s, e, entities);
  let v = 0;
  let digits = 0;
  let frac = -1;
  for (; i < e; i++) {
    const c = buf[i]!;
    if (c === 0x2e && frac < 0) {
      frac = 0;
      continue;
    }
    const d = c - 0x30;
    if (d < 0 || d > 9) return slowNumber(buf, s, e, entities);
    v = v * 10 + d;
    digits++;
    if (frac >= 0) frac++;
  }
  if (digits === 0 || digits > 15) return slowNumber(buf, s, e, entities);
  if (frac > 0) v /= POW10[frac]!;
  return neg ? -v : v;
}

function slowNumber(buf: Buffer, s: number, e: number, entities: boolean): number {
  return parseFloat(decodeText(buf, s, e, entities));
}

const POW10 = Array.from({ length: 23 }, (_, k) => 10 ** k);

/**
 * The character data of one element, gathered from the handler's text calls. The common case, one
 * piece, stays a byte range until asked for (a number is then read without making a string).
 */
export class TextAcc {
  private buf: Buffer | null = null;
  private s = 0;
  private e = 0;
  private entities = false;
  private str: string | null = null;

  reset(): void {
    this.buf = null;
    this.str = null;
  }

  add(buf: Buffer, s: number, e: number, entities: boolean): void {
    if (this.buf === null && this.str === null) {
      this.buf = buf;
      this.s = s;
      this.e = e;
      this.entities = entities;
      return;
    }
    this.str = this.string() + decodeText(buf, s, e, entities);
    this.buf = null;
  }

  string(): string {
    if (this.str !== null) return this.str;
    return this.buf === null ? '' : decodeText(this.buf, this.s, this.e, this.entities);
  }

  /** parseFloat of the text (NaN when empty). */
  number(): number {
    if (this.str === null && this.buf !== null) return numberAt(this.buf, this.s, this.e, this.entities);
    return parseFloat(this.string());
  }

  /** parseInt(text, 10): a shared-string index, a boolean 0/1. */
  int(): number {
    if (this.str === null && this.buf !== null) {
      const v = uintAt(this.buf, this.s, this.e);
      if (!Number.isNaN(v)) return v;
    }
    return parseInt(this.string(), 10);
  }
}
