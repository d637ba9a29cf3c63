/**
 * A person's name as stored: no spaces, every look-alike of the separator "·" (•, ．, ・ …) made "·"
 * (艾则孜·吾术尔), and not starting or ending with it.
 */
import { NAME_DOT, normaliseName } from '../text.js';

export const PERSON_NAME_MAX = 40;

export function normalisePersonName(raw: string): string {
  return normaliseName(raw);
}

/** Why a normalised name cannot be stored, or null. */
export function personNameProblem(name: string): string | null {
  if (name === '') return '姓名不能为空';
  if ([...name].length > PERSON_NAME_MAX) return `姓名“${name}”超过${PERSON_NAME_MAX}个字`;
  if (name.startsWith(NAME_DOT) || name.endsWith(NAME_DOT)) return `姓名“${name}”首尾不能是间隔号“·”`;
  return null;
}
