/**
 * One cell → one normalised value, by the field's kind of value (IMPORT.md step 4): trimmed,
 * half-width, names with "·", dates (month precision kept), ID numbers checked and never repaired,
 * codes through the tables' aliases. A cell that cannot be read gives an issue, not a guess.
 */
import { CODE_TABLES, codeKey, lookupCode } from '../../../../shared/codes/index.js';
import { cleanCell, isFuture, isValidPhone, parseDateCell, parseIdNumber, unguardFormulaText } from '../../../../shared/domain/index.js';
import { normalisePersonName, personNameProblem } from '../../../../shared/domain/rules/index.js';
import type { FieldDef, IssueCode } from '../../../../shared/import/index.js';
import type { RawCell, RawCellInfo } from '../types.js';

/**
 * A cell as a preview keeps it. Most cells are their bare value: a reader marks a cell numeric
 * exactly when its value is a number or a Date, so the flag needs no object. A cell that breaks
 * that rule (or carries more) stays a RawCellInfo. A 50,000-row roster holds a million cells; one
 * object each was ~40 MB.
 */
export type PreviewCell = RawCell | RawCellInfo;

const isInfo = (c: PreviewCell | undefined): c is RawCellInfo => typeof c === 'object' && c !== null && !(c instanceof Date);
const numericValue = (v: RawCell): boolean => typeof v === 'number' || v instanceof Date;

/** The compact form of a read cell: its value when the numeric flag follows from it. */
export function compactCell(c: RawCellInfo): PreviewCell {
  return c.numeric === numericValue(c.value) ? c.value : c;
}

export function compactCells(cells: readonly RawCellInfo[]): PreviewCell[] {
  const out = new Array<PreviewCell>(cells.length);
  for (let i = 0; i < cells.length; i++) out[i] = compactCell(cells[i]!);
  return out;
}

/** Either form → RawCellInfo (undefined for a missing cell). */
export function cellInfo(c: PreviewCell | undefined): RawCellInfo | undefined {
  if (c === undefined) return undefined;
  return isInfo(c) ? c : { value: c, numeric: numericValue(c) };
}

export interface CellResult {
  /** Normalised value; null when the cell is empty. */
  value: string | number | boolean | null;
  issue?: { code: IssueCode; message: string };
  /** From a valid ID number: birth date and sex it encodes. */
  id?: { birthDate: string; gender: '1' | '2' };
}

/** The cell as the clerk sees it, for messages and the preview grid. */
export function shownValue(cell: PreviewCell | undefined): string {
  const v = isInfo(cell) ? cell.value : cell;
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : v.toISOString().slice(0, 10);
  if (typeof v === 'number') return Number.isInteger(v) && Math.abs(v) >= 1e15 ? v.toExponential().replace('e+', 'E+').toUpperCase() : String(v);
  if (typeof v === 'boolean') return v ? '是' : '否';
  return v;
}

const isEmpty = (cell: PreviewCell | undefined): boolean => {
  const v = isInfo(cell) ? cell.value : cell;
  return v === null || v === undefined || (typeof v === 'string' && cleanCell(v) === '');
};

/** More than max characters (code points); the array of them is made only when it could be. */
const tooLong = (text: string, max: number): boolean => text.length > max && [...text].length > max;

function fail(code: IssueCode, message: string): CellResult {
  return { value: null, issue: { code, message } };
}

function sampleNames(table: readonly { name: string }[]): string {
  const names = table.slice(0, 4).map((e) => e.name);
  return names.join('、') + (table.length > 4 ? ' 等' : '');
}

/**
 * Code and choice cells repeat a handful of spellings across a roster (男 / 汉族 / 大专 / 正式党员 …):
 * their results are kept per field and text (the result depends on nothing else). Bounded, so an
 * odd file cannot grow it without limit. Results are shared: callers read them, never change them.
 */
const MEMO_LIMIT = 2000;
const memo = new WeakMap<FieldDef, Map<string, CellResult>>();

/**
 * Date texts repeat too (入党 and 转正 dates are month starts; birth dates less so): their results
 * depend on `today` as well (a date after it is an issue), so the table is emptied when it changes.
 */
const DATE_MEMO_LIMIT = 20_000;
const dateMemo = new WeakMap<FieldDef, { today: string; results: Map<string, CellResult> }>();

export function normaliseCell(field: FieldDef, preview: PreviewCell | undefined, today: string): CellResult {
  if (typeof preview === 'string' && field.kind === 'date') {
    let d = dateMemo.get(field);
    if (!d || d.today !== today) dateMemo.set(field, (d = { today, results: new Map() }));
    const m = d.results;
    let hit = m.get(preview);
    if (!hit) {
      hit = normaliseUncached(field, preview, today);
      if (m.size < DATE_MEMO_LIMIT) m.set(preview, hit);
    }
    return hit;
  }
  if (typeof preview === 'string' && (field.kind === 'code' || field.kind === 'choice' || field.kind === 'boolean')) {
    let m = memo.get(field);
    if (!m) memo.set(field, (m = new Map()));
    let hit = m.get(preview);
    if (!hit) {
      hit = normaliseUncached(field, preview, today);
      if (m.size < MEMO_LIMIT) m.set(preview, hit);
    }
    return hit;
  }
  return normaliseUncached(field, preview, today);
}

function normaliseUncached(field: FieldDef, preview: PreviewCell | undefined, today: string): CellResult {
  if (isEmpty(preview)) return { value: null };
  const cell = cellInfo(preview);
  // Our exports quote text a spreadsheet could take for a formula ('=…, '-1): take exactly that off.
  const raw = typeof cell!.value === 'string' ? unguardFormulaText(cell!.value) : cell!.value!;
  const shown = shownValue(cell);
  const label = field.label;
  switch (field.kind) {
    case 'idNumber': {
      const parsed = typeof raw === 'number' ? parseIdNumber(raw, { today }) : parseIdNumber(String(raw), { fromNumericCell: cell!.numeric, today });
      // The parser's messages quote the number already, except the precision one.
      if (!parsed.ok) return fail(parsed.code, parsed.message.includes('“') ? parsed.message : `${label}“${shown}”：${parsed.message}`);
      return { value: parsed.value, id: { birthDate: parsed.birthDate, gender: parsed.gender } };
    }
    case 'date': {
      const parsed = parseDateCell(raw instanceof Date || typeof raw === 'number' ? raw : String(raw));
      if (!parsed.ok) {
        const hint = parsed.message.startsWith('无法识别') ? '（应为如 1990-01-05、1990.01 或 1990年1月5日）' : '';
        return fail('DATE_INVALID', `${label}：${parsed.message}${hint}`);
      }
      if (!field.future && isFuture(parsed.value, today)) return fail('DATE_FUTURE', `${label}“${shown}”晚于今天（${today}）`);
      return { value: parsed.value };
    }
    case 'code': {
      const entry = CODE_TABLES[field.codeTable!];
      const hit = lookupCode(entry.table, typeof raw === 'number' ? raw : String(raw));
      if (!hit) return fail('CODE_UNKNOWN', `${label}“${shown}”不在${entry.title}代码表中（应填如 ${sampleNames(entry.table)}）`);
      return { value: hit.code };
    }
    case 'choice':
    case 'boolean': {
      const key = codeKey(String(raw));
      const choice = (field.choices ?? []).find((c) => [c.value, c.label, ...c.aliases].some((a) => codeKey(a) === key));
      if (!choice) return fail('CODE_UNKNOWN', `${label}“${shown}”无法识别（应填：${(field.choices ?? []).map((c) => c.label).join('、')}）`);
      return { value: field.kind === 'boolean' ? choice.value === 'true' : choice.value };
    }
    case 'phone': {
      const text = cleanCell(typeof raw === 'number' ? String(raw) : String(raw));
      if (!isValidPhone(text)) return { value: text, issue: { code: 'PHONE_FORMAT', message: `${label}“${shown}”不是有效的手机号码或带区号的固定电话` } };
      return { value: text };
    }
    case 'number':
    case 'integer': {
      const text = cleanCell(typeof raw === 'number' ? raw : String(raw)).replace(/[,，]/g, '');
      const n = typeof raw === 'number' ? raw : Number(text);
      if (!Number.isFinite(n) || text === '' || n < 0 || (field.kind === 'integer' && !Number.isInteger(n))) {
        return fail('VALUE_INVALID', `${label}“${shown}”应为${field.kind === 'integer' ? '非负整数' : '非负数'}`);
      }
      return { value: n };
    }
    case 'name': {
      const text = normalisePersonName(cleanCell(raw instanceof Date ? shown : String(raw)));
      if (field.max && tooLong(text, field.max)) return fail('VALUE_INVALID', `${label}“${shown}”超过${field.max}个字`);
      // The person's own name (姓名) by the rule every form uses; 网格长 and the like may hold more.
      const bad = field.key === 'name' ? personNameProblem(text) : null;
      if (bad) return fail('VALUE_INVALID', bad);
      return { value: text };
    }
    default: {
      const text = cleanCell(raw instanceof Date ? shown : typeof raw === 'number' ? raw : String(raw));
      if (field.max && tooLong(text, field.max)) return fail('VALUE_INVALID', `${label}“${shown}”超过${field.max}个字`);
      return { value: text === '' ? null : text };
    }
  }
}
