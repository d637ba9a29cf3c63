/**
 * 'auto': which catalogue a sheet's headers fit best. Exact aliases score, similar headers a little,
 * and a catalogue missing a required field is unlikely (a pipeline roster always has 申请日期).
 */
import { CATALOGUES, IMPORT_KINDS, normaliseHeader, type ImportKind } from '../../../../shared/import/index.js';
import { suggestMapping } from './suggest.js';

export function scoreKind(kind: ImportKind, headers: readonly string[]): number {
  const cat = CATALOGUES[kind];
  const cols = suggestMapping(cat, headers, headers.map(() => ''));
  let score = 0;
  for (const c of cols) if (c.field) score += c.source === 'alias' ? 1 : c.confidence * 0.5;
  const mapped = new Set(cols.map((c) => c.field).filter(Boolean));
  for (const f of cat.fields) if (f.required && !mapped.has(f.key)) score -= 2;
  // Tree files of grids have ancestor columns (社区 | 网格 | 楼栋); two of them are a strong sign.
  if (kind === 'grids' && cols.filter((c) => c.field?.startsWith('level.')).length >= 2) score += 3;
  return score;
}

export function detectKind(headers: readonly string[]): ImportKind | null {
  const nonEmpty = headers.filter((h) => normaliseHeader(h) !== '');
  if (nonEmpty.length === 0) return null;
  let best: { kind: ImportKind; score: number } | null = null;
  for (const kind of IMPORT_KINDS) {
    const score = scoreKind(kind, nonEmpty);
    if (!best || score > best.score) best = { kind, score };
  }
  return best && best.score > 0 ? best.kind : null;
}
