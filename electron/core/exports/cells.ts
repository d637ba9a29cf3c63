import { CODE_TABLES, nameOf } from '../../../shared/codes/index.js';
import { NO, YES, type ColumnDef } from '../../../shared/import/columns.js';
import { guardFormulaText } from '../../../shared/domain/formula-text.js';

/** Labels of organisations by id (see labels.ts). */
export interface Lookups {
  org: Map<string, string>;
}

export type CellValue = string | number | null;

/**
 * One field as the canonical column shows it: code names, choice labels, 是/否, organisation
 * names, dates as text 'YYYY-MM-DD' (or 'YYYY-MM'). Dates stay text on purpose: a month-only date
 * has no honest date cell, text reads the same in Excel, WPS and LibreOffice, sorts correctly and
 * carries no time-zone shift. Text that a spreadsheet could take for a formula is quoted
 * (shared/domain/formula-text.ts; the importer takes the quote off); numbers stay numbers.
 */
export function cellFor(col: ColumnDef, raw: unknown, lookups: Lookups): CellValue {
  const v = fieldCell(col, raw, lookups);
  return typeof v === 'string' ? guardFormulaText(v) : v;
}

function fieldCell(col: ColumnDef, raw: unknown, lookups: Lookups): CellValue {
  if (raw === null || raw === undefined || raw === '') return col.kind === 'boolean' ? NO : null;
  switch (col.kind) {
    case 'code': {
      const table = col.codeTable ? CODE_TABLES[col.codeTable].table : null;
      return (table && nameOf(table, String(raw))) ?? String(raw);
    }
    case 'choice':
      return col.choices?.find((c) => c.value === String(raw))?.label ?? String(raw);
    case 'boolean':
      return raw === true || raw === 1 || raw === '1' || raw === 'true' ? YES : NO;
    case 'orgRef':
      return lookups.org.get(String(raw)) ?? null;
    case 'integer':
    case 'number': {
      const n = typeof raw === 'number' ? raw : Number(raw);
      return Number.isFinite(n) ? n : String(raw);
    }
    default:
      return String(raw);
  }
}

/** Columns whose cells must be text so Excel cannot turn them into numbers or dates. */
export function isTextColumn(col: ColumnDef): boolean {
  return col.kind === 'idNumber' || col.kind === 'date' || col.kind === 'phone' || col.key === 'regionCode';
}
