/**
 * Canonical form of an organisation name, so the ways clerks write one organisation compare equal:
 * 中共玉奇吾斯塘村支部委员会 / 玉奇吾斯塘村党支部 / 玉奇吾斯塘村支部 → "玉奇吾斯塘村|支部".
 * The prefix 中共 / 中国共产党 and the 党 / 委员会 around the kind word are dropped the same way for
 * full names, short names and what the file says; the kind word itself stays (a 村党委 is not a
 * 村党支部).
 */
import { removeSpaces, toHalfWidth } from '../../../../shared/domain/text.js';

const PREFIX = /^(?:中国共产党|中共)/;

// Longest first: 总支部委员会 before 支部委员会 before 委员会.
const SUFFIXES: { re: RegExp; kind: string }[] = [
  { re: /党?总支部委员会$/, kind: '总支' },
  { re: /党?总支部?$/, kind: '总支' },
  { re: /党?支部委员会$/, kind: '支部' },
  { re: /党?支部$/, kind: '支部' },
  { re: /(?:党?工作委员会|党工委)$/, kind: '工委' },
  { re: /党?小组$/, kind: '小组' },
  { re: /(?:委员会|党委)$/, kind: '委' },
];

export function orgKey(raw: string): string {
  const s = removeSpaces(toHalfWidth(raw)).replace(/[()（）]/g, '').replace(PREFIX, '');
  for (const { re, kind } of SUFFIXES) {
    if (re.test(s)) {
      const base = s.replace(re, '');
      if (base !== '') return `${base}|${kind}`;
    }
  }
  return s;
}

/** The part before the kind word, for suggestions ("红旗村"). */
export const orgBase = (key: string): string => key.split('|')[0] ?? key;
