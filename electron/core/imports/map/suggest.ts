/**
 * Column → field suggestions: the clerk's explicit choice, then the mapping remembered for the
 * sending unit, then exact aliases, then similarity of the normalised header (character bigrams).
 * Each field goes to at most one column: the most certain claim wins.
 */
import { dice, IGNORED_HEADERS, normaliseHeader, type Catalogue, type FieldDef } from '../../../../shared/import/index.js';
import type { ImportColumn } from '../../../../shared/contract/imports.js';

/** Below this a similarity is noise ("日期" is not "入党日期"). */
export const SIMILARITY_THRESHOLD = 0.6;

const IGNORED = new Set(IGNORED_HEADERS.map(normaliseHeader));

interface AliasIndex {
  exact: Map<string, FieldDef>;
  forms: { form: string; field: FieldDef }[];
}

const indexes = new WeakMap<Catalogue, AliasIndex>();

function indexFor(cat: Catalogue): AliasIndex {
  const hit = indexes.get(cat);
  if (hit) return hit;
  const exact = new Map<string, FieldDef>();
  const forms: AliasIndex['forms'] = [];
  for (const f of cat.fields) {
    for (const text of [f.label, ...f.aliases]) {
      const form = normaliseHeader(text);
      if (!exact.has(form)) exact.set(form, f);
      forms.push({ form, field: f });
    }
  }
  const idx = { exact, forms };
  indexes.set(cat, idx);
  return idx;
}

export interface SuggestOptions {
  /** Header → field (null: leave out), confirmed by the clerk for this file and sheet. */
  overrides?: Record<string, string | null> | undefined;
  /** Header → field remembered for the sending unit. */
  remembered?: Record<string, string | null> | undefined;
}

/** The best field for one header by alias or similarity. */
export function bestField(cat: Catalogue, header: string): { field: FieldDef; confidence: number; source: 'alias' | 'similar' } | null {
  const h = normaliseHeader(header);
  if (h === '') return null;
  const idx = indexFor(cat);
  const exact = idx.exact.get(h);
  if (exact) return { field: exact, confidence: 1, source: 'alias' };
  let best: { field: FieldDef; confidence: number } | null = null;
  for (const { form, field } of idx.forms) {
    const score = dice(h, form);
    if (score > (best?.confidence ?? 0)) best = { field, confidence: score };
  }
  if (!best || best.confidence < SIMILARITY_THRESHOLD) return null;
  return { ...best, confidence: Math.round(best.confidence * 100) / 100, source: 'similar' };
}

const PRIORITY: Record<ImportColumn['source'], number> = { override: 4, remembered: 3, alias: 2, similar: 1, ignored: 0, none: 0 };

export function suggestMapping(cat: Catalogue, headers: readonly string[], letters: readonly string[], opts: SuggestOptions = {}): ImportColumn[] {
  const known = new Set(cat.fields.map((f) => f.key));
  const cols: ImportColumn[] = headers.map((header, i) => {
    const letter = letters[i] ?? '';
    const h = normaliseHeader(header);
    if (h === '') return { header, letter, field: null, confidence: 0, source: 'ignored' };
    if (opts.overrides && Object.hasOwn(opts.overrides, header)) {
      const f = opts.overrides[header] ?? null;
      return { header, letter, field: f && known.has(f) ? f : null, confidence: 1, source: f && known.has(f) ? 'override' : 'ignored' };
    }
    if (IGNORED.has(h)) return { header, letter, field: null, confidence: 1, source: 'ignored' };
    if (opts.remembered && Object.hasOwn(opts.remembered, header)) {
      const f = opts.remembered[header] ?? null;
      if (f === null) return { header, letter, field: null, confidence: 1, source: 'ignored' };
      if (known.has(f)) return { header, letter, field: f, confidence: 1, source: 'remembered' };
    }
    const best = bestField(cat, header);
    if (!best) return { header, letter, field: null, confidence: 0, source: 'none' };
    return { header, letter, field: best.field.key, confidence: best.confidence, source: best.source };
  });
  // One column per field: the strongest claim keeps it, the others are left unmapped.
  const owner = new Map<string, number>();
  cols.forEach((c, i) => {
    if (!c.field) return;
    const j = owner.get(c.field);
    if (j === undefined) return void owner.set(c.field, i);
    const other = cols[j]!;
    const better = PRIORITY[c.source] > PRIORITY[other.source] || (PRIORITY[c.source] === PRIORITY[other.source] && c.confidence > other.confidence);
    if (better) owner.set(c.field, i);
  });
  return cols.map((c, i) => (c.field && owner.get(c.field) !== i ? { ...c, field: null, confidence: 0, source: 'none' } : c));
}

/** Field key → column index for mapped columns. */
export function fieldColumns(cols: readonly ImportColumn[]): Map<string, number> {
  const m = new Map<string, number>();
  cols.forEach((c, i) => {
    if (c.field) m.set(c.field, i);
  });
  return m;
}
