/**
 * Finding the table in a sheet as clerks lay it out: title rows and a 填报单位 row above the header,
 * sometimes a two-row header (a merged group over sub-headers), blank rows and columns, a 合计 row
 * and notes below. Pure: the three readers hand over a sheet's non-empty rows, this decides.
 */
import type { ReadIssue, RawCellInfo, RawRow, RawTable } from '../types.js';
import { headerWordOf, normalizeHeader } from './header-words.js';
import { READ_ISSUE, issue } from './issues.js';
import { EMPTY_CELL, columnLetter } from './cells.js';

/** How many non-empty rows from the top may hold the header. */
export const HEADER_SEARCH_ROWS = 30;

export type FindTableResult = { table: RawTable; issue?: undefined } | { table?: undefined; issue: ReadIssue } | null;

function isBlank(c: RawCellInfo | undefined): boolean {
  if (c === undefined || c.value === null) return true;
  return typeof c.value === 'string' && c.value.trim() === '';
}

function strOf(c: RawCellInfo | undefined): string | null {
  return c !== undefined && typeof c.value === 'string' ? c.value.trim() : null;
}

const CJK = /[\u3400-\u9fff]/;
function cleanHeaderText(s: string): string {
  const t = s.trim();
  return CJK.test(t) ? t.replace(/\s+/g, '') : t.replace(/\s+/g, ' ');
}

function headerTextOf(c: RawCellInfo | undefined): string {
  if (isBlank(c)) return '';
  const v = c!.value;
  if (typeof v === 'string') return cleanHeaderText(v);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v);
}

/** "填报单位：某乡", "制表人:" — a label with a colon, not a column name. */
const LABEL = /^[^:：]{1,12}[:：]/;

interface Shape {
  filled: number;
  texts: number;
  nonText: number;
  matches: number;
  labels: number;
}

function shapeOf(row: RawRow): Shape {
  const s: Shape = { filled: 0, texts: 0, nonText: 0, matches: 0, labels: 0 };
  for (const c of row.cells) {
    if (isBlank(c)) continue;
    s.filled++;
    const t = strOf(c);
    if (t === null) {
      s.nonText++;
      continue;
    }
    const n = normalizeHeader(t);
    if (LABEL.test(n)) {
      s.labels++;
      continue;
    }
    if (headerWordOf(t) !== undefined) s.matches++;
    if (n.length <= 20 && !/^[\d.\-/]+$/.test(n)) s.texts++;
    else s.nonText++;
  }
  return s;
}

function isHeaderRow(s: Shape): boolean {
  if (s.filled < 2 || s.labels * 2 >= s.filled) return false;
  return s.matches >= 2 || (s.matches >= 1 && s.texts >= 3 && s.nonText === 0);
}

function headerScore(s: Shape): number {
  return s.matches * 10 + s.texts - s.nonText * 3 - s.labels * 10;
}

/** A row of short texts only: could be one of two header rows. */
function headerLike(row: RawRow): boolean {
  for (const c of row.cells) {
    if (isBlank(c)) continue;
    const t = strOf(c);
    if (t === null || t.length > 30 || LABEL.test(normalizeHeader(t))) return false;
  }
  return true;
}

/**
 * U over L form a two-row header when every U text is either merged down (L blank below it) or
 * starts a group (L texts under it and under the blank cells to its right), every L text sits
 * under such a group, and there is at least one group; U has two texts or more (one text merged
 * across is a title). A data row under a header fails this: it has values under single headers.
 */
function isTwoRowHeader(u: RawRow, l: RawRow, width: number): boolean {
  if (!headerLike(u) || !headerLike(l)) return false;
  // A single text over the header is a title merged across, not a group.
  if (firstFilled(u).count < 2) return false;
  let groups = 0;
  for (let c = 0; c < width; c++) {
    const ub = isBlank(u.cells[c]);
    const lb = isBlank(l.cells[c]);
    if (!ub) {
      if (lb) continue;
      if (c + 1 < width && isBlank(u.cells[c + 1]) && !isBlank(l.cells[c + 1])) {
        groups++;
        continue;
      }
      return false;
    }
    if (lb) continue;
    let k = c - 1;
    while (k >= 0 && isBlank(u.cells[k]) && !isBlank(l.cells[k])) k--;
    if (k < 0 || isBlank(u.cells[k]) || isBlank(l.cells[k])) return false;
  }
  return groups > 0;
}

function twoRowHeaders(u: RawRow, l: RawRow, width: number): string[] {
  const out: string[] = [];
  let group = '';
  for (let c = 0; c < width; c++) {
    const up = headerTextOf(u.cells[c]);
    const low = headerTextOf(l.cells[c]);
    if (up !== '') group = up;
    else if (low === '') group = '';
    const top = up !== '' ? up : low !== '' ? group : '';
    out.push(top !== '' && low !== '' ? `${top}|${low}` : top || low);
  }
  return out;
}

const TOTAL = /^(合计|总计|小计|共计|总数)|(合计|总计|小计|共计)$/;
const STRONG_NOTE = /^(注|备注|说明|附注|填表说明|填报说明|制表|制表人|填表人|填报人|审核|审核人|审批人|负责人|单位负责人|主要负责人|分管领导|联系人|联系电话|填报日期|制表日期|填表日期|报送日期|日期|单位\(盖章\)|盖章|签字)\d*[:：、.]/;

function isTotalRow(row: RawRow): boolean {
  let seen = 0;
  for (const c of row.cells) {
    if (isBlank(c)) continue;
    const t = strOf(c);
    // Cheap gate first: this runs on every data row.
    if (t !== null && t.length <= 16 && (t.includes('计') || t.includes('总数'))) {
      const n = t.normalize('NFKC').replace(/\s+/g, '').replace(/[:：]$/, '');
      if (n.length <= 12 && TOTAL.test(n)) return true;
    }
    if (++seen >= 2) return false;
  }
  return false;
}

function firstFilled(row: RawRow): { text: string | null; count: number } {
  let count = 0;
  let text: string | null = null;
  for (const c of row.cells) {
    if (isBlank(c)) continue;
    if (count === 0) text = strOf(c);
    count++;
  }
  return { text, count };
}

const NOTE_FIRST_CHARS = new Set('注备说附填制审负单主分联日盖签');

function isStrongNote(row: RawRow): boolean {
  const { text } = firstFilled(row);
  if (text === null || !NOTE_FIRST_CHARS.has(text.charAt(0))) return false;
  const n = text.normalize('NFKC').replace(/\s+/g, '');
  if (n.startsWith('填表说明') || n.startsWith('填报说明')) return true;
  if (!STRONG_NOTE.test(n)) return false;
  // "制表人：… 审核人：… 日期：…" spread across cells: every filled cell a label.
  for (const c of row.cells) {
    if (isBlank(c)) continue;
    const t = strOf(c);
    if (t === null) return false;
    const m = t.normalize('NFKC').replace(/\s+/g, '');
    if (!LABEL.test(m) && m.length < 15) return false;
  }
  return true;
}

/** One long text alone in its row: a note when nothing but notes follows it. */
function isWeakNote(row: RawRow, width: number): boolean {
  const { text, count } = firstFilled(row);
  return count === 1 && text !== null && text.length >= 15 && width >= 3;
}

/**
 * Finds the header and the data block of one sheet. `rows` are the sheet's non-empty rows in
 * ascending row order. Null for an empty sheet.
 */
export function findTable(file: string, sheet: string, rows: RawRow[]): FindTableResult {
  if (rows.length === 0) return null;
  let width = 0;
  for (const r of rows) if (r.cells.length > width) width = r.cells.length;

  let best = -1;
  let bestScore = -Infinity;
  const limit = Math.min(rows.length, HEADER_SEARCH_ROWS);
  for (let i = 0; i < limit; i++) {
    const s = shapeOf(rows[i]!);
    if (!isHeaderRow(s)) continue;
    const score = headerScore(s);
    if (score > bestScore) {
      best = i;
      bestScore = score;
    }
  }
  if (best < 0) {
    const tabular = rows.some((r) => firstFilled(r).count >= 2);
    if (!tabular) {
      return { issue: issue(file, READ_ISSUE.SHEET_NO_TABLE, 'warning', `文件“${file}”的工作表“${sheet}”只有零散文字，没有表格，已跳过。`, { sheet }) };
    }
    return {
      issue: issue(
        file,
        READ_ISSUE.HEADER_NOT_FOUND,
        'error',
        `文件“${file}”的工作表“${sheet}”中没有找到表头行（前 ${HEADER_SEARCH_ROWS} 行中没有“姓名”“公民身份号码”“组织名称”“网格”等列名）。请确认表格有表头后重新导入。`,
        { sheet },
      ),
    };
  }

  let headerFirst = best;
  let headerLast = best;
  const b = rows[best]!;
  const next = rows[best + 1];
  const prev = rows[best - 1];
  let headers: string[];
  if (next !== undefined && next.rowNumber === b.rowNumber + 1 && isTwoRowHeader(b, next, width)) {
    headerLast = best + 1;
    headers = twoRowHeaders(b, next, width);
  } else if (prev !== undefined && prev.rowNumber === b.rowNumber - 1 && isTwoRowHeader(prev, b, width)) {
    headerFirst = best - 1;
    headers = twoRowHeaders(prev, b, width);
  } else {
    headers = [];
    for (let c = 0; c < width; c++) headers.push(headerTextOf(b.cells[c]));
  }
  const headerRow = rows[headerLast]!.rowNumber;

  const skipped: RawTable['skipped'] = [];
  for (let i = 0; i < headerFirst; i++) {
    const r = rows[i]!;
    skipped.push({ rowNumber: r.rowNumber, reason: r.hidden ? 'hidden' : 'title' });
  }

  // Which header texts a repeated header row (a table pasted twice, print pages) would show.
  const headerNorm = headers.map((h) => normalizeHeader(h.includes('|') ? h.slice(h.lastIndexOf('|') + 1) : h));
  // Texts a repeated header row could show, raw and cleaned: a Set lookup gates the costly check.
  const headerTexts = new Set<string>();
  for (let i = headerFirst; i <= headerLast; i++) {
    for (const c of rows[i]!.cells) {
      const t = strOf(c);
      if (t !== null && t !== '') headerTexts.add(t).add(cleanHeaderText(t));
    }
  }
  const isRepeatedHeader = (r: RawRow): boolean => {
    let hits = 0;
    for (const c of r.cells) {
      const t = strOf(c);
      if (t !== null && headerTexts.has(t) && ++hits >= 2) break;
    }
    if (hits < 2) return false;
    let same = 0;
    let filled = 0;
    for (let c = 0; c < r.cells.length; c++) {
      const cell = r.cells[c];
      if (isBlank(cell)) continue;
      filled++;
      const t = strOf(cell);
      if (t !== null && headerNorm[c] !== '' && normalizeHeader(t) === headerNorm[c]) same++;
    }
    return same >= 2 && same * 10 >= filled * 6;
  };

  const data: RawRow[] = [];
  const trailingCandidates: number[] = [];
  for (let i = headerLast + 1; i < rows.length; i++) {
    const r = rows[i]!;
    if (isTotalRow(r)) skipped.push({ rowNumber: r.rowNumber, reason: 'total' });
    else if (isStrongNote(r)) skipped.push({ rowNumber: r.rowNumber, reason: 'note' });
    else if (isRepeatedHeader(r)) skipped.push({ rowNumber: r.rowNumber, reason: 'title' });
    else {
      if (isWeakNote(r, width)) trailingCandidates.push(data.length);
      data.push(r);
    }
  }
  // Long single-cell texts at the very end (after the last real data row) are notes.
  while (data.length > 0 && trailingCandidates.length > 0 && trailingCandidates[trailingCandidates.length - 1] === data.length - 1) {
    trailingCandidates.pop();
    const r = data.pop()!;
    skipped.push({ rowNumber: r.rowNumber, reason: 'note' });
  }

  // Blank rows: the gaps between non-empty rows, from the first row down to the last data row,
  // one entry per gap whatever its length.
  const lastData = data.length > 0 ? data[data.length - 1]!.rowNumber : headerRow;
  for (let i = 1; i < rows.length; i++) {
    const from = rows[i - 1]!.rowNumber;
    if (from >= lastData) break;
    const to = Math.min(rows[i]!.rowNumber, lastData);
    if (to - from === 2) skipped.push({ rowNumber: from + 1, reason: 'blank' });
    else if (to - from > 2) skipped.push({ rowNumber: from + 1, through: to - 1, reason: 'blank' });
  }
  skipped.sort((x, y) => x.rowNumber - y.rowNumber);

  // Blank columns (no header, no value) leave the table; the others keep their Excel letters.
  const used = headers.map((h) => h !== '');
  for (const r of data) {
    const cells = r.cells;
    for (let c = 0; c < cells.length; c++) if (!used[c] && !isBlank(cells[c])) used[c] = true;
  }
  const keep: number[] = [];
  for (let c = 0; c < width; c++) if (used[c]) keep.push(c);
  const identity = keep.length === width;
  const outRows: RawRow[] = new Array<RawRow>(data.length);
  for (let i = 0; i < data.length; i++) {
    const r = data[i]!;
    let cells: RawCellInfo[];
    if (identity) {
      cells = r.cells;
      for (let c = cells.length; c < width; c++) cells.push(EMPTY_CELL);
    } else {
      cells = new Array<RawCellInfo>(keep.length);
      for (let k = 0; k < keep.length; k++) cells[k] = r.cells[keep[k]!] ?? EMPTY_CELL;
    }
    outRows[i] = r.hidden ? { rowNumber: r.rowNumber, cells, hidden: true } : { rowNumber: r.rowNumber, cells };
  }

  return {
    table: {
      file,
      sheet,
      headerRow,
      headers: keep.map((c) => headers[c]!),
      columnLetters: keep.map((c) => columnLetter(c)),
      rows: outRows,
      skipped,
    },
  };
}
