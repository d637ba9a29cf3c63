/**
 * The columns templates and exports write, per kind of roster: the import catalogues' fields
 * (./catalog-*.ts) in their order, with their canonical labels, so an exported roster re-imports
 * with every column mapped. Added here only what a sheet needs: widths, dropdown suggestions for
 * free text, and the pipeline step a date column belongs to. Teams add month columns (see
 * catalog-teams.ts) for the months they hold.
 *
 * Value conventions (what exports write; the importer reads them back):
 * - idNumber: 18 characters as a text cell.
 * - date: text 'YYYY-MM-DD', or 'YYYY-MM' when only the month is known.
 * - code: the code table's standard name (维吾尔族, 大学本科毕业 …); choice: the choice's label.
 * - boolean: 是 / 否.
 * - orgRef: the organisation's full name (ORG_PATH_SEPARATOR joins ancestor names only when two
 *   organisations in the ledger share that full name).
 * - gridLevel: grid units as ancestor columns 社区 | 网格 | 小区 | 楼栋 …, one row per unit, the
 *   row's deepest filled level being the unit the other columns describe.
 */
import { CATALOGUES } from './index.js';
import { YES_NO, type FieldDef } from './fields.js';
import { monthField, type MonthMeasure } from './catalog-teams.js';

export const ROSTER_KINDS = ['orgs', 'grids', 'members', 'pipeline', 'reserves', 'teams', 'meetings'] as const;
export type RosterKind = (typeof ROSTER_KINDS)[number];

export const ROSTER_KIND_NAMES: Readonly<Record<RosterKind, string>> = {
  orgs: '党组织',
  grids: '网格',
  members: '党员',
  pipeline: '发展党员',
  reserves: '村级后备力量',
  teams: '第一书记和驻村工作队',
  meetings: '组织生活',
};

/** A roster by its kind: 党员花名册, 党组织名册 … (titles, file names, the audit log). */
export const rosterName = (kind: RosterKind): string => `${ROSTER_KIND_NAMES[kind]}${kind === 'members' ? '花名册' : '名册'}`;

/** Joins ancestor names in an orgRef cell when a full name alone is ambiguous. */
export const ORG_PATH_SEPARATOR = '/';
export const YES = '是';
export const NO = '否';

export interface ColumnDef extends FieldDef {
  /** Column width in characters. */
  readonly width?: number;
  /** Suggested values for free text: a dropdown that still accepts anything. */
  readonly suggestions?: readonly string[];
  /** Pipeline date columns: the dev step (DEV_STEP_CODES) the date belongs to. */
  readonly step?: string;
}

/** Pipeline date columns → dev steps (the importer's DEV_STEP_FIELDS agree). */
export const PIPELINE_STEP_OF: Readonly<Record<string, string>> = {
  appliedOn: 'applied',
  talkedOn: 'talked',
  activistOn: 'activist',
  candidateOn: 'candidate',
  politicalReviewOn: 'political-review',
  trainingOn: 'training',
  preReviewOn: 'pre-review',
  branchMeetingOn: 'branch-meeting',
  approvedOn: 'approved',
  confirmedOn: 'confirmed',
};

const SUGGESTIONS: Readonly<Record<string, readonly string[]>> = {
  partyPost: ['书记', '副书记', '组织委员', '宣传委员', '纪检委员', '委员', '党小组长'],
  dutyPost: ['脱贫攻坚监督岗', '致富带头人', '农业技术岗', '维护稳定岗', '文明新风岗'],
  currentPost: ['村两委委员', '网格员', '村民小组长', '村务监督委员会委员'],
  villageType: ['脱贫村', '软弱涣散村', '乡村振兴重点村', '集体经济薄弱村'],
};

function widthOf(f: FieldDef): number {
  switch (f.kind) {
    case 'idNumber':
      return 22;
    case 'orgRef':
      return 30;
    case 'date':
      return 13;
    case 'phone':
      return 14;
    case 'boolean':
    case 'integer':
    case 'number':
      return Math.max(8, f.label.length * 2 + 2);
    case 'code':
      return f.codeTable === 'education' || f.codeTable === 'job-category' || f.codeTable === 'political-status' ? 18 : 10;
    case 'gridLevel':
      return 16;
    default:
      return Math.min(30, Math.max(10, (f.max ?? 20) > 60 ? 24 : f.label.length * 2 + 4));
  }
}

const toColumns = (fields: readonly FieldDef[]): ColumnDef[] =>
  fields.map((f) => ({
    ...f,
    width: widthOf(f),
    ...(SUGGESTIONS[f.key] ? { suggestions: SUGGESTIONS[f.key] } : {}),
    ...(PIPELINE_STEP_OF[f.key] && f.kind === 'date' ? { step: PIPELINE_STEP_OF[f.key] } : {}),
  }));

/**
 * Grids go out in the ancestor-column shape (社区 | 网格 | 小区 | 楼栋 …): unambiguous where names
 * repeat (every community has a 第一网格), and one of the two shapes the grid import reads.
 */
const GRID_EXPORT_FIELDS = CATALOGUES.grids.fields.filter((f) => f.key !== 'name' && f.key !== 'kind' && f.key !== 'parent');

export const COLUMNS: Readonly<Record<RosterKind, readonly ColumnDef[]>> = {
  orgs: toColumns(CATALOGUES.orgs.fields),
  grids: toColumns(GRID_EXPORT_FIELDS),
  members: toColumns(CATALOGUES.members.fields),
  pipeline: toColumns(CATALOGUES.pipeline.fields),
  reserves: toColumns(CATALOGUES.reserves.fields),
  teams: toColumns(CATALOGUES.teams.fields),
  meetings: toColumns(CATALOGUES.meetings.fields),
};

export { YES_NO };

/** Month columns of a teams sheet (days, and work logs / visits where asked), month by month. */
export function monthColumns(months: readonly string[], measures: (month: string) => readonly MonthMeasure[] = () => ['days']): ColumnDef[] {
  return months.flatMap((m) => measures(m).map((x) => ({ ...monthField(m, x), width: x === 'days' ? 11 : 14 })));
}
