/**
 * Formula injection in exported sheets (OWASP "CSV Injection"): a text cell that begins with
 * = + - @, a tab or a carriage return becomes a live formula once a clerk re-saves the workbook as
 * CSV and opens it again; the full-width ＝＋－＠ of Chinese input methods are treated the same.
 * Exports put a single quote before such text; imports take exactly that quote off again, so every
 * value survives export → import unchanged. Text that already begins with quotes before such a
 * character gets one more quote, which keeps the pair exact for every string.
 */
const FORMULA_START = /^'*[=+\-@\t\r＝＋－＠]/;

/** The text as an export writes it: quoted when a spreadsheet could read it as a formula. */
export function guardFormulaText(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** The value behind a guarded cell text: the one quote guardFormulaText added, taken off. */
export function unguardFormulaText(text: string): string {
  return text.startsWith("'") && FORMULA_START.test(text) ? text.slice(1) : text;
}
