/**
 * What a file really is, from its first bytes: clerks rename files, WPS saves .et as xlsx, some
 * systems export HTML or SpreadsheetML tables named .xls. Extension only breaks ties for text.
 */
export type FileKind = 'zip' | 'cfb' | 'markup' | 'text' | 'unknown';

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const ZIP_EMPTY = [0x50, 0x4b, 0x05, 0x06];
const CFB = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function startsWith(head: Buffer, sig: number[]): boolean {
  if (head.length < sig.length) return false;
  for (let i = 0; i < sig.length; i++) if (head[i] !== sig[i]) return false;
  return true;
}

export function sniffKind(head: Buffer): FileKind {
  if (startsWith(head, ZIP) || startsWith(head, ZIP_EMPTY)) return 'zip';
  if (startsWith(head, CFB)) return 'cfb';
  if (looksLikeText(head)) {
    const start = head.subarray(0, 1024).toString('latin1').replace(/^\uFEFF|^\xEF\xBB\xBF/, '').trimStart().toLowerCase();
    if (/^<(!doctype html|html|table|\?xml[^>]*>\s*(<\?mso-application[^>]*>\s*)?<workbook)/.test(start) || start.startsWith('<?mso-application')) {
      return 'markup';
    }
    return 'text';
  }
  return 'unknown';
}

/**
 * Text if there are no NUL bytes (except UTF-16 with its BOM) and almost no control characters.
 * Random bytes have about 12 % C0 controls; GB18030 and UTF-8 text none but tab and line breaks.
 */
export function looksLikeText(head: Buffer): boolean {
  if (head.length === 0) return true;
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) return true;
  const n = Math.min(head.length, 64 * 1024);
  let controls = 0;
  for (let i = 0; i < n; i++) {
    const b = head[i]!;
    if (b === 0) return false;
    if ((b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) || b === 0x7f) controls++;
  }
  return controls <= n / 200;
}
