import { pinyin } from 'pinyin-pro';

/**
 * Pinyin initials for search: a clerk types "jcz" for 嘉城镇 or "zyx" for 张雨欣. Letters and digits
 * in the text are kept (lower case), everything else (·, spaces, brackets) is dropped, so
 * "艾则孜·吾术尔" gives "azzwse".
 *
 * `person: true` reads the first character as a surname (单 → s, 曾 → z), which is right for people's
 * names and wrong for place names (乐山 is l…, not y…). One reading per character: pinyin-pro picks
 * it from the words around it.
 *
 * Computed in the core when a record is written and stored beside the name, so a search is an
 * indexed prefix or LIKE match, never a conversion per row.
 */
export function pinyinInitials(text: string, o: { person?: boolean } = {}): string {
  const letters = pinyin(text, { pattern: 'first', toneType: 'none', type: 'array', ...(o.person ? { surname: 'head' as const } : {}) });
  return letters.join('').toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** True when a search text is meant as pinyin initials (letters only, as a clerk types them). */
export const looksLikeInitials = (q: string): boolean => /^[a-z]{2,}$/i.test(q.trim());
