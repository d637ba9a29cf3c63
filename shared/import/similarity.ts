/**
 * Header and name similarity for mapping suggestions: normalised text compared by character
 * bigrams (Sørensen–Dice). Chinese headers are short, so bigrams of characters work well.
 */
import { removeSpaces, toHalfWidth } from '../domain/text.js';

/** Header text as compared: half-width, no spaces or line breaks, no bracketed notes or required marks. */
export function normaliseHeader(raw: string): string {
  return removeSpaces(toHalfWidth(raw))
    .replace(/\([^)]*\)|（[^）]*）|\[[^\]]*\]|【[^】]*】/g, '')
    .replace(/[*※★:：]/g, '')
    .toLowerCase();
}

function bigrams(s: string): Map<string, number> {
  const chars = [...s];
  const out = new Map<string, number>();
  if (chars.length === 1) out.set(chars[0]!, 1);
  for (let i = 0; i + 1 < chars.length; i++) {
    const g = chars[i]! + chars[i + 1]!;
    out.set(g, (out.get(g) ?? 0) + 1);
  }
  return out;
}

/** Dice coefficient over character bigrams, 0 … 1. */
export function dice(a: string, b: string): number {
  if (a === b) return a === '' ? 0 : 1;
  const x = bigrams(a);
  const y = bigrams(b);
  let inter = 0;
  let nx = 0;
  let ny = 0;
  for (const n of x.values()) nx += n;
  for (const n of y.values()) ny += n;
  for (const [g, n] of x) inter += Math.min(n, y.get(g) ?? 0);
  return nx + ny === 0 ? 0 : (2 * inter) / (nx + ny);
}
