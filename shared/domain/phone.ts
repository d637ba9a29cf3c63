/** Mainland China phone numbers as clerks type them (mobile or landline with area code). */
import { removeSpaces, toHalfWidth } from './text.js';

// 1[3-9] + 9 digits, optionally after +86 / 86 / 0086; dashes anywhere ("138-1234-5678").
const MOBILE = /^(?:\+?86|0086)?1[3-9]\d{9}$/;
// Area code 010 / 02x (3 digits) or 0[3-9]xx (4 digits), bare or bracketed, an optional dash,
// a local number of 7–8 digits not starting with 0/1, an optional extension after -, 转, # or ext.
const LANDLINE =
  /^(?:\((?:010|02\d|0[3-9]\d{2})\)|(?:010|02\d|0[3-9]\d{2})-?)[2-9]\d{6,7}(?:(?:-|转|#|ext\.?)\d{1,6})?$/i;

/** True for a mainland mobile or landline number; full-width digits and inner spaces are allowed. */
export function isValidPhone(raw: string | number): boolean {
  const s = removeSpaces(toHalfWidth(String(raw)));
  if (s === '') return false;
  return MOBILE.test(s.replaceAll('-', '')) || LANDLINE.test(s);
}
