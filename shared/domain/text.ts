/**
 * Text clean-up for what clerks type into Excel/WPS: full-width characters from Chinese input
 * methods, stray and exotic spaces, and the many look-alikes of the name separator "·".
 */

/** Full-width ASCII (U+FF01–U+FF5E) and the ideographic space become their half-width forms. */
export function toHalfWidth(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    if (c >= 0xff01 && c <= 0xff5e) out += String.fromCodePoint(c - 0xfee0);
    else if (c === 0x3000) out += ' ';
    else out += ch;
  }
  return out;
}

// Zero-width characters that survive copy-paste from web pages and WeChat.
const ZERO_WIDTH = /[\u200b-\u200d\u2060\ufeff]/g;
// \s covers U+00A0, U+3000 and the other Unicode spaces.
const ANY_SPACE = /\s+/g;

/** Every run of Unicode whitespace becomes one ASCII space; zero-width characters go; ends trimmed. */
export function normaliseSpaces(s: string): string {
  return s.replace(ZERO_WIDTH, '').replace(ANY_SPACE, ' ').trim();
}

/** Removes all whitespace (and zero-width characters), e.g. inside an ID or phone number. */
export function removeSpaces(s: string): string {
  return s.replace(ZERO_WIDTH, '').replace(ANY_SPACE, '');
}

/** The separator we store in names of Uyghur, Kazakh … people: U+00B7 MIDDLE DOT. */
export const NAME_DOT = '\u00b7';

/**
 * Look-alikes of the name separator: • U+2022, ‧ U+2027, ∙ U+2219, ⋅ U+22C5, ・ U+30FB
 * (the "full-width" middle dot of Japanese/Chinese IMEs), ･ U+FF65, ． U+FF0E, . U+002E,
 * ﹒ U+FE52, ․ U+2024, Greek ano teleia U+0387, ⸱ U+2E31, and U+00B7 itself (for collapsing).
 */
const NAME_DOTS = /[\u00b7\u0387\u2022\u2024\u2027\u2219\u22c5\u2e31\u30fb\ufe52\uff0e\uff65.]+/g;

/**
 * Name as stored: trimmed, no spaces, any dot variant (or a run of them) → one "·".
 * Leading/trailing dots are kept (collapsed) so validation can still see a malformed name.
 */
export function normaliseName(raw: string): string {
  return removeSpaces(raw).replace(NAME_DOTS, NAME_DOT);
}

/**
 * A cell holding a code or number: null/undefined → '', numbers → their decimal text,
 * strings → half-width with spaces normalised and trimmed.
 */
export function cleanCell(raw: string | number | null | undefined): string {
  if (raw === null || raw === undefined) return '';
  if (typeof raw === 'number') return Number.isFinite(raw) ? String(raw) : '';
  // Most cells are already clean: nothing to convert, no space anywhere (a roster's million cells).
  if (!NEEDS_CLEANING.test(raw)) return raw;
  return normaliseSpaces(toHalfWidth(raw));
}

/** A character toHalfWidth or normaliseSpaces would change (whitespace includes U+3000). */
const NEEDS_CLEANING = /[\s\u200b-\u200d\u2060\ufeff\uff01-\uff5e]/;
