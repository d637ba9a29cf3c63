/** What a preview holds in the core's memory between `import.preview` and `import.commit`. */
import type { FieldDef, ImportKind, ImportIssue } from '../../../../shared/import/index.js';
import type { ImportColumn, ImportTableInfo } from '../../../../shared/contract/imports.js';
import type { PreviewCell } from '../validate/cells.js';

export interface TableState {
  file: string;
  sheet: string;
  kind: ImportKind;
  headerRow: number;
  headers: string[];
  letters: string[];
  columns: ImportColumn[];
  /** Field key → column index. */
  fieldCol: Map<string, number>;
  shape?: ImportTableInfo['shape'];
  /** Fields the sheet's own headers name beyond the catalogue (a teams sheet's month columns). */
  extraFields?: FieldDef[];
}

export type RowAction = 'create' | 'update' | 'unchanged' | 'skip';

export interface RowMatch {
  entity: string;
  id: string;
  label: string;
  /** Changed fields only. */
  before: Record<string, unknown>;
  after: Record<string, unknown>;
}

export interface RowState {
  table: TableState;
  row: number;
  /** The row's cells, compact (validate/cells.ts PreviewCell): values, RawCellInfo where needed. */
  cells: PreviewCell[];
  /** Normalised values by field key (null: empty). */
  values: Record<string, unknown>;
  /** Ids resolved from the ledger (所在党组织 → orgId …), by field key; recomputed with dbIssues. */
  refs: Record<string, string>;
  /** Birth date and sex encoded in a valid ID number. */
  idInfo?: { birthDate: string; gender: '1' | '2' };
  /** From the cells and the row itself (no database needed). */
  cellIssues: ImportIssue[];
  /** From the ledger and the other rows; recomputed by every evaluation. */
  dbIssues: ImportIssue[];
  action: RowAction;
  match?: RowMatch;
}

export interface PreviewState {
  id: string;
  userId: string;
  createdAt: number;
  expiresAt: number;
  underOrgId: string;
  underName: string;
  /**
   * The owner's scope when the preview was made: issues may name people and organisations inside
   * it (a person registered elsewhere in it), never outside; only users who see all of it may open
   * the preview.
   */
  scopePath: string;
  /** The day of the preview: dates after it are refused, eligibility is judged by it when no start is given. */
  today: string;
  kind: ImportKind;
  fileNames: string[];
  tables: TableState[];
  rows: RowState[];
  /** Read, header and mapping issues (not tied to a data row). */
  fileIssues: ImportIssue[];
  /** Tree kinds: how many units are created / updated / unchanged (rows are not units). */
  unitPlan?: { create: number; update: number; unchanged: number };
  /** The ledger version (plan/evaluate.ts) the last evaluation began at; absent once anything changed. */
  evaluatedAt?: string;
}

/** Issues that count for a row: ID cross-checks are moot once the number is another row's. */
export function rowIssues(r: RowState): ImportIssue[] {
  const dup = r.dbIssues.some((i) => i.code === 'DUPLICATE_IN_FILE');
  const own = dup ? r.cellIssues.filter((i) => i.code !== 'ID_BIRTH_MISMATCH' && i.code !== 'ID_SEX_MISMATCH') : r.cellIssues;
  return [...own, ...r.dbIssues];
}
