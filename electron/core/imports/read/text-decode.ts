import iconv from 'iconv-lite';

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
