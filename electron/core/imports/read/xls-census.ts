/**
 * What must be known about an .xls (or an HTML / SpreadsheetML table) before SheetJS reads it.
 * How many cells it would build: SheetJS holds the whole workbook as objects (about 100 bytes a
 * cell), so the cell cap must be checked before `read`, not after. BIFF: the cell records of the
 * Workbook stream (MULRK holds several) and the shared string table's count; markup: the cell
 * tags. Blank cells (BLANK, MULBLANK) are not built, so not counted. And whether the container's
 * sector chains loop: SheetJS's CFB reader follows a stream's chain without a check and never
 * returns on a loop.
 */
import { CFB } from '@e965/xlsx';

/** Record types that make one cell, BIFF2 to BIFF8. */
const ONE_CELL = new Set([
  0x0002, // INTEGER (BIFF2)
  0x0003, // NUMBER (BIFF2)
  0x0004, // LABEL (BIFF2)
  0x0005, // BOOLERR (BIFF2)
  0x0006, // FORMULA (BIFF2, 5, 8)
  0x00d6, // RSTRING
  0x00fd, // LABELSST
  0x0203, // NUMBER
  0x0204, // LABEL
  0x0205, // BOOLERR
  0x0206, // FORMULA (BIFF3)
  0x027e, // RK
  0x0406, // FORMULA (BIFF4)
]);
const MULRK = 0x00bd;
const SST = 0x00fc;

/** Cells (and shared strings) in a BIFF workbook stream; null when the container has none to count. */
function biffCells(bytes: Buffer): number | null {
  const cfb = CFB.read(bytes, { type: 'buffer' });
  const entry = CFB.find(cfb, 'Workbook') ?? CFB.find(cfb, 'Book');
  const content = entry?.content;
  if (!content || content.length === 0) return null;
  const s = Buffer.isBuffer(content) ? content : Buffer.from(content as ArrayLike<number>);
  let cells = 0;
  for (let p = 0; p + 4 <= s.length; ) {
    const type = s.readUInt16LE(p);
    const size = s.readUInt16LE(p + 2);
    if (ONE_CELL.has(type)) cells++;
    else if (type === MULRK && size > 6) cells += Math.floor((size - 6) / 6);
    // Each string takes at least 3 bytes: a declared count beyond that is not believed.
    else if (type === SST && size >= 8) cells += Math.min(s.readUInt32LE(p + 8), Math.floor((s.length - p) / 3));
    p += 4 + size;
  }
  return cells;
}

const TAGS = ['td', 'th', 'tr', 'cell', 'row'];

/**
 * Cell and row tags of an HTML table (<td>, <th>, <tr>) or SpreadsheetML (<Cell>, <Row>), counted
 * on the bytes (tags are ASCII in UTF-8 and GB18030 alike), before the text is decoded.
 */
function markupCells(bytes: Buffer): number {
  let n = 0;
  for (let p = bytes.indexOf(0x3c); p >= 0; p = bytes.indexOf(0x3c, p + 1)) {
    for (const t of TAGS) {
      let k = 0;
      while (k < t.length && (bytes[p + 1 + k]! | 0x20) === t.charCodeAt(k)) k++;
      const after = bytes[p + 1 + k];
      if (k === t.length && (after === 0x3e || after === 0x2f || after === 0x20 || after === 0x09 || after === 0x0a || after === 0x0d)) {
        n++;
        break;
      }
    }
  }
  return n;
}

/** What SheetJS would build from an .xls (or, `markup`, an HTML / SpreadsheetML file), in cells; null when it cannot be told. */
export function xlsCells(bytes: Buffer, markup: boolean): number | null {
  if (markup) return markupCells(bytes);
  try {
    return biffCells(bytes);
  } catch {
    return null;
  }
}

const ENDOFCHAIN = -2;

/**
 * Whether a CFB (OLE2) container's allocation table has a loop, which SheetJS's CFB reader would
 * follow for ever. Read as SheetJS reads it: the table's sectors are listed by the header (109)
 * and the DIFAT chain; entry j sits in table sector floor(4j / sector size). Null when the header
 * is not one SheetJS would get that far with (it then fails on its own).
 */
export function cfbChainLoops(bytes: Buffer): boolean | null {
  if (bytes.length < 512) return null;
  const shift = bytes.readUInt16LE(0x1e);
  if (shift !== 9 && shift !== 12) return null;
  const ssz = 1 << shift;
  const sectors = Math.floor((bytes.length - ssz) / ssz);
  const sectorAt = (k: number): number => (k >= 0 && k < sectors ? (k + 1) * ssz : -1);
  const fat: number[] = [];
  for (let i = 0; i < 109; i++) {
    const q = bytes.readInt32LE(0x4c + i * 4);
    if (q < 0) break;
    fat.push(q);
  }
  // The DIFAT chain: each of its sectors lists table sectors and ends with the next one's number.
  const seenDifat = new Set<number>();
  for (let d = bytes.readInt32LE(0x44), n = bytes.readUInt32LE(0x48); d !== ENDOFCHAIN && d >= 0 && n > 0; n--) {
    if (seenDifat.has(d)) return true;
    seenDifat.add(d);
    const at = sectorAt(d);
    if (at < 0) break;
    for (let i = 0; i < ssz / 4 - 1; i++) {
      const q = bytes.readInt32LE(at + i * 4);
      if (q === ENDOFCHAIN) break;
      fat.push(q);
    }
    d = bytes.readInt32LE(at + ssz - 4);
  }
  const perSector = ssz / 4;
  const domain = fat.length * perSector;
  const next = (j: number): number => {
    const at = sectorAt(fat[Math.floor(j / perSector)]!);
    return at < 0 ? -1 : bytes.readInt32LE(at + (j % perSector) * 4);
  };
  // Every chain either leaves the table (a negative or unreadable entry) or comes back on itself.
  const state = new Uint8Array(domain);
  for (let s = 0; s < domain; s++) {
    if (state[s] !== 0) continue;
    let j = s;
    while (j >= 0 && j < domain && state[j] === 0) {
      state[j] = 1;
      j = next(j);
    }
    if (j >= 0 && j < domain && state[j] === 1) return true;
    for (let k = s; k >= 0 && k < domain && state[k] === 1; k = next(k)) state[k] = 2;
  }
  return false;
}
