/**
 * Resolving what clerks type to a code: the code itself, the standard name, or an alias, compared
 * after normalisation. Unknown values give null (an issue for the caller, never a guess).
 */
import { removeSpaces, toHalfWidth } from '../domain/text.js';
import type { CodeEntry, CodeTable, EducationBucket } from './tables.js';
import { EDUCATION, ETHNICITY } from './tables.js';

export interface CodeMatch<C extends string = string> {
  code: C;
  name: string;
}

/** Key used for matching: half-width, no whitespace, latin lower-cased. */
export function codeKey(raw: string): string {
  return removeSpaces(toHalfWidth(raw)).toLowerCase();
}

interface Index<C extends string> {
  byKey: Map<string, CodeEntry<C>>;
  /** Width of the codes if they are all digits of one width (leading zeros lost in number cells). */
  digitWidth: number | null;
}

const indexes = new WeakMap<CodeTable<string>, Index<string>>();

function indexOf<C extends string>(table: CodeTable<C>): Index<C> {
  const hit = indexes.get(table);
  if (hit) return hit as unknown as Index<C>;
  const byKey = new Map<string, CodeEntry<C>>();
  // Codes first, then names, then aliases: an earlier kind of match wins a key.
  const add = (key: string, e: CodeEntry<C>): void => {
    if (!byKey.has(key)) byKey.set(key, e);
  };
  for (const e of table) add(codeKey(e.code), e);
  for (const e of table) add(codeKey(e.name), e);
  for (const e of table) for (const a of e.aliases) add(codeKey(a), e);
  const first = table[0]?.code ?? '';
  const digitWidth = table.length > 0 && table.every((e) => /^\d+$/.test(e.code) && e.code.length === first.length)
    ? first.length
    : null;
  const idx: Index<C> = { byKey, digitWidth };
  indexes.set(table, idx as unknown as Index<string>);
  return idx;
}

/**
 * Resolves a typed value against a table. Numbers are read as their digits and re-padded to the
 * table's code width ("5" from a number cell → "05"); everything else must match exactly after
 * normalisation.
 */
export function lookupCode<C extends string>(
  table: CodeTable<C>,
  raw: string | number | null | undefined,
): CodeMatch<C> | null {
  if (raw === null || raw === undefined) return null;
  const key = codeKey(String(raw));
  if (key === '') return null;
  const idx = indexOf(table);
  let e = idx.byKey.get(key);
  if (!e && idx.digitWidth !== null && /^\d+$/.test(key) && key.length < idx.digitWidth) {
    e = idx.byKey.get(key.padStart(idx.digitWidth, '0'));
  }
  return e ? { code: e.code, name: e.name } : null;
}

/** The standard name of a code, or null if the code is not in the table. */
export function nameOf<C extends string>(table: CodeTable<C>, code: string | null | undefined): string | null {
  if (code === null || code === undefined) return null;
  return table.find((e) => e.code === code)?.name ?? null;
}

/** Party-statistics bucket (1 研究生 … 6 初中及以下) of an education code, or null if unknown. */
export function educationBucket(code: string | null | undefined): EducationBucket | null {
  if (code === null || code === undefined) return null;
  return EDUCATION.find((e) => e.code === code)?.bucket ?? null;
}

/** 大专及以上 (buckets 1–3). */
export function isCollegeOrAbove(code: string | null | undefined): boolean {
  const b = educationBucket(code);
  return b !== null && b <= 3;
}

/** 少数民族: a known ethnicity code other than 01 汉族. Unknown or empty codes are not counted. */
export function isMinority(ethnicityCode: string | null | undefined): boolean {
  if (ethnicityCode === null || ethnicityCode === undefined || ethnicityCode === '01') return false;
  return ETHNICITY.some((e) => e.code === ethnicityCode);
}
