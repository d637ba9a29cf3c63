/**
 * Pasting a block copied from Excel / WPS into a grid (AG Grid Community has no clipboard ranges).
 * Pure, for any grid: the clipboard text becomes rows of cells, the block is laid from the focused
 * cell over the visible rows and editable columns, and each cell is checked by the column's own
 * parser. The caller saves the accepted cells in one call (all or nothing) and shows the refused.
 */

/**
 * Tab-separated text as Excel and WPS put it on the clipboard: rows end with CR LF (or LF), cells
 * are separated by tabs, a cell holding a tab, a line break or a quote is quoted with "" doubled.
 * The final line break Excel appends is not an empty row.
 */
export function parseClipboard(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let i = 0;
  let quotedCell = false;
  while (i < text.length) {
    const ch = text[i]!;
    if (cell === '' && !quotedCell && ch === '"') {
      // A quoted cell: up to the closing quote, "" standing for one quote.
      quotedCell = true;
      i++;
      while (i < text.length) {
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            cell += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        cell += text[i++];
      }
      continue;
    }
    if (ch === '\t') {
      row.push(cell);
      cell = '';
      quotedCell = false;
      i++;
    } else if (ch === '\r' || ch === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      quotedCell = false;
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
    } else {
      cell += ch;
      i++;
    }
  }
  if (cell !== '' || quotedCell || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

export interface PlacedCell<R, C> {
  row: R;
  column: C;
  /** The cell's text, trimmed. */
  text: string;
  /** Place in the pasted block (0-based), for messages. */
  at: { row: number; column: number };
}

/**
 * The block laid from (anchorRow, anchorColumn) over `rows` × `columns` (visible order, editable
 * columns only). Cells falling past the last row or column are counted, not placed.
 */
export function layBlock<R, C>(block: readonly (readonly string[])[], rows: readonly R[], columns: readonly C[], anchorRow: number, anchorColumn: number): { cells: PlacedCell<R, C>[]; outside: number } {
  const cells: PlacedCell<R, C>[] = [];
  let outside = 0;
  block.forEach((line, i) => {
    line.forEach((text, j) => {
      const r = rows[anchorRow + i];
      const c = columns[anchorColumn + j];
      if (r === undefined || c === undefined) outside++;
      else cells.push({ row: r, column: c, text: text.trim(), at: { row: i, column: j } });
    });
  });
  return { cells, outside };
}

export type Parsed<V> = { ok: true; value: V } | { ok: false; message: string };

export interface Checked<R, C, V> {
  accepted: (PlacedCell<R, C> & { value: V })[];
  refused: (PlacedCell<R, C> & { message: string })[];
}

/** Each placed cell through its column's parser. */
export function checkCells<R, C, V>(cells: readonly PlacedCell<R, C>[], parse: (cell: PlacedCell<R, C>) => Parsed<V>): Checked<R, C, V> {
  const out: Checked<R, C, V> = { accepted: [], refused: [] };
  for (const cell of cells) {
    const p = parse(cell);
    if (p.ok) out.accepted.push({ ...cell, value: p.value });
    else out.refused.push({ ...cell, message: p.message });
  }
  return out;
}

/**
 * A whole number as clerks type it: half-width or full-width digits, "22天", "22.0"; empty is null
 * (the cell is cleared). Anything else is refused with what was found.
 */
export function parseCount(text: string, max: number, what: string): Parsed<number | null> {
  const t = text.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)).replace(/[天次户篇个]$/, '').trim();
  if (t === '') return { ok: true, value: null };
  if (!/^\d+(\.0+)?$/.test(t)) return { ok: false, message: `${what}应为整数，粘贴的是“${text}”` };
  const n = Number(t);
  if (n > max) return { ok: false, message: `${what}不能超过 ${max}，粘贴的是 ${n}` };
  return { ok: true, value: n };
}
