/**
 * exceljs, loaded the first time a workbook is written (templates, exports, the import report):
 * the core worker starts without it (~0.3 s and its memory), since imports read xlsx with their
 * own scanner.
 */
import type ExcelJSModule from 'exceljs';

let loaded: Promise<typeof ExcelJSModule> | null = null;

export function loadExcelJS(): Promise<typeof ExcelJSModule> {
  loaded ??= import('exceljs').then((m) => m.default);
  return loaded;
}
