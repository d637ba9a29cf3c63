import { isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';
import type { Source } from './source.js';

export type TextEncoding = 'utf-8' | 'gb18030' | 'utf-16le' | 'utf-16be';

export interface DecodedText {
  text: string;
  encoding: TextEncoding;
  /** Replacement characters appeared: the guess (or the override) may be wrong. */
  uncertain: boolean;
}

/**
 * Chinese Excel saves CSV as GB18030/GBK, newer tools as UTF-8 (often with a BOM), Excel's
 * "Unicode text" as UTF-16 with a BOM. A BOM decides; otherwise a buffer that decodes as UTF-8
 * without a single error is UTF-8 (GBK text practically never is), else GB18030.
 */
export function decodeText(buf: Buffer, override: 'auto' | 'utf-8' | 'gb18030' = 'auto'): DecodedText {
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) return done(buf.subarray(2).toString('utf16le'), 'utf-16le');
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) {
    const body = Buffer.from(buf.subarray(2, 2 + ((buf.length - 2) & ~1)));
    return done(body.swap16().toString('utf16le'), 'utf-16be');
  }
  const bom = buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf;
  if (override === 'gb18030') return done(iconv.decode(buf, 'gb18030'), 'gb18030');
  if (bom || override === 'utf-8') return done(new TextDecoder('utf-8', { ignoreBOM: false }).decode(buf), 'utf-8');
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(buf), encoding: 'utf-8', uncertain: false };
  } catch {
    return done(iconv.decode(buf, 'gb18030'), 'gb18030');
  }
}

function done(text: string, encoding: TextEncoding): DecodedText {
  return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, encoding, uncertain: text.includes('\uFFFD') };
}

/**
 * The encoding of a text file read as a stream, by the same rules as decodeText: a BOM decides
 * (UTF-16 whatever the override), then the override, else the whole file is checked as UTF-8 in
 * chunks (nothing decoded, nothing kept) and is GB18030 at the first invalid sequence.
 * `bom` is how many leading bytes to skip.
 */
export async function chooseEncoding(
  src: Source,
  override: 'auto' | 'utf-8' | 'gb18030',
  signal?: AbortSignal,
): Promise<{ encoding: TextEncoding; bom: number }> {
  const h = await src.readAt(0, 3);
  if (h.length >= 2 && h[0] === 0xff && h[1] === 0xfe) return { encoding: 'utf-16le', bom: 2 };
  if (h.length >= 2 && h[0] === 0xfe && h[1] === 0xff) return { encoding: 'utf-16be', bom: 2 };
  if (override === 'gb18030') return { encoding: 'gb18030', bom: 0 };
  const bom = h.length >= 3 && h[0] === 0xef && h[1] === 0xbb && h[2] === 0xbf ? 3 : 0;
  if (bom > 0 || override === 'utf-8') return { encoding: 'utf-8', bom };
  return { encoding: (await isUtf8Stream(src, signal)) ? 'utf-8' : 'gb18030', bom: 0 };
}

/** Bytes at the end of buf that start a UTF-8 sequence the next chunk completes (0–3). */
function incompleteTail(buf: Buffer): number {
  for (let k = 1; k <= Math.min(3, buf.length); k++) {
    const b = buf[buf.length - k]!;
    if ((b & 0xc0) === 0x80) continue;
    if (b < 0xc0) return 0;
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
    return need > k ? k : 0;
  }
  return 0;
}

async function isUtf8Stream(src: Source, signal?: AbortSignal): Promise<boolean> {
  let carry: Buffer | null = null;
  for await (const raw of src.stream() as AsyncIterable<Buffer>) {
    signal?.throwIfAborted();
    const chunk: Buffer = carry === null ? raw : Buffer.concat([carry, raw]);
    const cut = chunk.length - incompleteTail(chunk);
    if (!isUtf8(chunk.subarray(0, cut))) return false;
    carry = cut < chunk.length ? Buffer.from(chunk.subarray(cut)) : null;
  }
  return carry === null;
}

const isAscii = (buf: Buffer, start: number, end: number): boolean => {
  for (let i = start; i < end; i++) if (buf[i]! >= 0x80) return false;
  return true;
};

/**
 * Decodes one field's bytes into a string of its own (never a slice of a larger one): ASCII as a
 * one-byte string, the rest through TextDecoder semantics (UTF-8) or iconv-lite (GB18030).
 */
export function fieldDecoder(encoding: 'utf-8' | 'gb18030'): (buf: Buffer, start: number, end: number) => string {
  if (encoding === 'utf-8') return (buf, start, end) => buf.toString('utf8', start, end);
  const gb = iconv.getDecoder('gb18030', { stripBOM: false });
  return (buf, start, end) => {
    if (isAscii(buf, start, end)) return buf.toString('latin1', start, end);
    return gb.write(buf.subarray(start, end)) + (gb.end() ?? '');
  };
}

/** UTF-16 chunks (BOM already skipped) → UTF-8 chunks, so one byte scanner serves every encoding. */
export function utf16ToUtf8(encoding: 'utf-16le' | 'utf-16be'): {
  write(chunk: Buffer): { bytes: Buffer; replaced: boolean };
  end(): { bytes: Buffer; replaced: boolean };
} {
  const td = new TextDecoder(encoding, { ignoreBOM: true });
  const out = (s: string) => ({ bytes: Buffer.from(s, 'utf8'), replaced: s.includes('\uFFFD') });
  return { write: (chunk) => out(td.decode(chunk, { stream: true })), end: () => out(td.decode()) };
}
