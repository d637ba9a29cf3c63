/**
 * Field catalogues for imports: what each kind of roster can hold, the Chinese label the mapping
 * screen shows, the header spellings clerks use (aliases), whether a value is required, and the kind
 * of value (which decides how a cell is normalised and validated). Pure data: the UI lists them.
 */
import type { CodeTableId } from '../codes/tables.js';
import type { GridKind } from '../domain/grid-rules.js';

export const IMPORT_KINDS = ['orgs', 'grids', 'members', 'pipeline', 'reserves', 'teams', 'meetings'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export const IMPORT_KIND_NAMES: Record<ImportKind, string> = {
  orgs: '党组织',
  grids: '网格单元',
  members: '党员',
  pipeline: '发展党员',
  reserves: '村级后备力量',
  teams: '第一书记和驻村工作队',
  meetings: '组织生活',
};

export type ValueKind =
  | 'text'
  | 'name'
  | 'idNumber'
  | 'date'
  | 'code'
  | 'choice'
  | 'orgRef'
  | 'gridLevel'
  | 'phone'
  | 'number'
  | 'integer'
  | 'boolean';

/** A fixed list of values outside the national code tables (人员类别 …). */
export interface Choice {
  readonly value: string;
  readonly label: string;
  readonly aliases: readonly string[];
}

export interface FieldDef {
  /** Record field the value lands in (camelCase, as in the contract). */
  readonly key: string;
  readonly label: string;
  /** Header spellings seen in clerks' files, besides the label. */
  readonly aliases: readonly string[];
  readonly kind: ValueKind;
  readonly required?: boolean;
  /** For kind 'code'. */
  readonly codeTable?: CodeTableId;
  /** For kind 'choice'. */
  readonly choices?: readonly Choice[];
  /** Longest text kept. */
  readonly max?: number;
  /** For kind 'gridLevel': the grid unit kind this ancestor column names. */
  readonly gridKind?: GridKind;
  /** One-line hint for the mapping screen. */
  readonly hint?: string;
  /** For kind 'date': a date that may lie ahead (the end of a term), not DATE_FUTURE. */
  readonly future?: boolean;
}

export interface Catalogue {
  readonly kind: ImportKind;
  readonly title: string;
  readonly fields: readonly FieldDef[];
}

/** Headers that are never data (row numbers): not mapped, not reported. */
export const IGNORED_HEADERS: readonly string[] = ['序号', '编号', '序', 'NO', 'No.', '行号'];

export const YES_NO: readonly Choice[] = [
  { value: 'true', label: '是', aliases: ['是', 'Y', 'y', 'yes', '√', '1', '有'] },
  { value: 'false', label: '否', aliases: ['否', 'N', 'n', 'no', '×', '0', '无', ''] },
];
