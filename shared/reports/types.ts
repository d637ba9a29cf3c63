/**
 * Report definitions as data (STATISTICS.md "Report definitions are data"): a report is a subject
 * (what is counted), one row dimension and a list of columns, each a predicate over the subject's
 * fields. Next year's changed table is an edit of a definition, not of a query.
 */

/** What a report counts. Each subject exposes named fields (see SUBJECT_FIELDS). */
export type Subject = 'member' | 'memberChange' | 'org' | 'devAdmitted' | 'devPerson' | 'reserve' | 'village' | 'teamMember' | 'teamMonth' | 'branchLife' | 'grid';

/** A condition on one field of the subject; combined with all / any / not. */
export type Predicate =
  | { field: string; eq: string | number | boolean | null }
  | { field: string; in: readonly (string | number | null)[] }
  /** Inclusive numeric or ISO-text range; either end may be left open. */
  | { field: string; min?: number | string; max?: number | string }
  | { all: readonly Predicate[] }
  | { any: readonly Predicate[] }
  | { not: Predicate };

/** One row (or column) of a table: a key for programs, a Chinese label, and what it selects. */
export interface Cell {
  key: string;
  label: string;
  /** Absent: everything the table covers (a 合计 row / 总数 column). */
  where?: Predicate;
}

export type Measure =
  | { count: true }
  /** Average of a numeric field over the selected facts (one decimal). */
  | { avg: string }
  /** Ratio of two counts (percent, one decimal): this cell's count over the count of `of`. */
  | { percentOf: string };

export interface Column extends Cell {
  measure?: Measure;
}

export interface ReportDefinition {
  id: string;
  /** Dashboard page the report belongs to. */
  domain: 'organisations' | 'members' | 'change' | 'development' | 'reserves' | 'teams' | 'life' | 'grids';
  title: string;
  subject: Subject;
  /** True when the report counts what happened in [from, to] rather than the state on asOf. */
  period?: boolean;
  rows: readonly Cell[];
  /**
   * One more row per month of the period after `rows` (key 'YYYY-MM', label 'YYYY年M月'), selecting
   * the facts whose `field` is that month: tables whose rows are the period's months.
   */
  monthRows?: { field: string };
  columns: readonly Column[];
  /** Suggested chart for the dashboard (ECharts series type) and print orientation. */
  chart?: 'bar' | 'pie' | 'line' | null;
  landscape?: boolean;
  notes?: readonly string[];
}

/** A uniform result the screen, the print view and the xlsx export all use. */
export interface ReportResult {
  definitionId: string;
  title: string;
  asOf: string;
  from: string | null;
  to: string | null;
  under: { id: string; name: string };
  columns: { key: string; label: string; percent?: boolean }[];
  rows: {
    key: string;
    label: string;
    values: (number | null)[];
    /** One descriptor per value: pass it to stats.drill for the people or organisations behind it. */
    drill?: (DrillDescriptor | null)[];
  }[];
  notes: string[];
}

export interface DrillDescriptor {
  entity: 'member' | 'org' | 'devPerson' | 'reserve' | 'teamMember' | 'grid';
  filter: { definitionId: string; rowKey: string; columnKey: string; under: string; asOf: string; from: string | null; to: string | null };
}
