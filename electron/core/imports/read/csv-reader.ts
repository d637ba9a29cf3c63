/** .csv / .txt: encoding detected (or given), delimiter sniffed, every cell text. */
import type { RawCellInfo, RawRow } from '../types.js';
import type { ReadContext, SheetRows } from './context.js';
import { EMPTY_CELL } from './cells.js';
import { READ_ISSUE, issue, wideSheet } from './issues.js';
import { parseDelimited, sniffDelimiter } from './csv-parse.js';
import { decodeText } from './text-decode.js';

/** A CSV has one sheet; it is named after the file without its extension, as Excel names it. */
export function csvSheetName(file: string): string {
  const base = file.replace(/^.*[\\/]/, '');
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(0, dot) : base;
}

export function readCsv(file: string, bytes: Buffer, ctx: ReadContext): SheetRows[] {
  const decoded = decodeText(bytes, ctx.opts.encoding ?? 'auto');
  const sheet = csvSheetName(file);
  if (decoded.uncertain) {
    ctx.issues.push(
      issue(
        file,
        READ_ISSUE.ENCODING_UNCERTAIN,
        'warning',
        `文件“${file}”按 ${decoded.encoding.toUpperCase()} 编码读取时有无法识别的字符（显示为“�”），编码可能不对。请核对预览中的文字，必要时指定编码或在 Excel 中另存为“CSV UTF-8”。`,
        { sheet },
      ),
    );
  }
  const text = decoded.text;
  const delimiter = sniffDelimiter(text, /\.(txt|tsv)$/i.test(file));
  const maxCols = ctx.limits.maxColumns;
  const rows: RawRow[] = [];
  let rowNumber = 0;
  let wide = false;
  for (const fields of parseDelimited(text, delimiter)) {
    rowNumber++;
    let vals: RawCellInfo[] | null = null;
    for (let c = 0; c < fields.length; c++) {
      let f = fields[c]!;
      if (f.trim() === '') continue;
      if (c >= maxCols) {
        wide = true;
        break;
      }
      // ="0652…" is how systems force Excel to keep digits as text: the text is what is meant.
      if (f.length >= 3 && f.charCodeAt(0) === 61 && f.charCodeAt(1) === 34 && f.endsWith('"')) f = f.slice(2, -1);
      if (vals === null) vals = [];
      while (vals.length < c) vals.push(EMPTY_CELL);
      vals.push({ value: f, numeric: false });
    }
    if (vals === null) {
      ctx.checkAbort();
      continue;
    }
    ctx.row(file, sheet, vals.length);
    rows.push({ rowNumber, cells: vals });
  }
  if (wide) {
    ctx.issues.push(wideSheet(file, sheet, maxCols, false));
  }
  return [{ sheet, rows }];
}
