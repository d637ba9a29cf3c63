import type { ImportGridRow, ImportPreview, ImportRowCounts, ImportPlan } from '../../../shared/contract/imports.js';
import { CATALOGUES, ISSUE_CODES, monthField, monthFieldsOf, parseMonthKey, type ImportIssue, type ImportKind } from '../../../shared/import/index.js';

/** Codes the readers and the kind detection add besides ISSUE_CODES. */
const EXTRA_TITLES: Record<string, string> = {
  SHEET_SKIPPED: '工作表未导入',
  FILE_UNREADABLE: '文件无法读取',
  FILE_TOO_LARGE: '文件过大',
  FILE_ENCRYPTED: '文件设有密码',
  ZIP_BOMB: '文件结构异常',
  ZIP_UNSAFE_PATH: '文件结构异常',
  TOO_MANY_ROWS: '行数超过上限',
  TOO_MANY_COLUMNS: '列数超过上限',
  TOO_MANY_CELLS: '单元格数超过上限',
  ENCODING_UNCERTAIN: '编码无法确定',
  SHEET_NO_TABLE: '工作表中没有表格',
  SHEET_HIDDEN: '隐藏的工作表未导入',
};

export function issueTitle(code: string): string {
  return (ISSUE_CODES as Record<string, { title: string }>)[code]?.title ?? EXTRA_TITLES[code] ?? code;
}

export const rowKey = (r: { file: string; sheet: string | null; row: number | null }) => `${r.file}\u0000${r.sheet ?? ''}\u0000${r.row ?? ''}`;

/**
 * The preview's live state in the page: issues grouped by the row they belong to, so a fixed row
 * replaces exactly its own issues; issues of no data row (file, sheet, header) stay as sent.
 */
export interface LiveIssues {
  /** File-level and header-level issues, in the order the core sent them. */
  general: ImportIssue[];
  byRow: Map<string, ImportIssue[]>;
  /** Row keys in first-seen order (the core's order: file, sheet, row). */
  order: string[];
}

export function liveIssues(preview: ImportPreview, dataRowKeys: ReadonlySet<string>): LiveIssues {
  const general: ImportIssue[] = [];
  const byRow = new Map<string, ImportIssue[]>();
  const order: string[] = [];
  for (const i of preview.issues) {
    const k = rowKey(i);
    if (i.row === null || !dataRowKeys.has(k)) {
      general.push(i);
      continue;
    }
    const list = byRow.get(k);
    if (list) list.push(i);
    else {
      byRow.set(k, [i]);
      order.push(k);
    }
  }
  return { general, byRow, order };
}

/** Rows the core sent back after a fix (the fixed one and the ones whose issues changed). */
export function withRows(live: LiveIssues, rows: readonly ImportGridRow[]): LiveIssues {
  const byRow = new Map(live.byRow);
  const order = [...live.order];
  for (const r of rows) {
    const k = rowKey(r);
    byRow.set(k, r.issues);
    if (!order.includes(k)) order.push(k);
  }
  return { general: live.general, byRow, order };
}

export function flattenIssues(live: LiveIssues): ImportIssue[] {
  return [...live.general, ...live.order.flatMap((k) => live.byRow.get(k) ?? [])];
}

export function countByCode(issues: readonly ImportIssue[]): { code: string; title: string; severity: 'error' | 'warning'; count: number }[] {
  const m = new Map<string, { code: string; title: string; severity: 'error' | 'warning'; count: number }>();
  for (const i of issues) {
    const g = m.get(i.code);
    if (g) g.count++;
    else m.set(i.code, { code: i.code, title: issueTitle(i.code), severity: i.severity, count: 1 });
  }
  // Errors first, then by how many.
  return [...m.values()].sort((a, b) => (a.severity === b.severity ? b.count - a.count : a.severity === 'error' ? -1 : 1));
}

export interface Totals {
  rows: ImportRowCounts;
  plan: ImportPlan;
}

/** Field choices for the mapping screen: the kind's catalogue with Chinese labels. */
/** The fields a column may go to: the kind's catalogue and the month columns a teams sheet's headers name. */
export function fieldOptions(kind: ImportKind, headers: readonly string[] = []): { value: string; label: string }[] {
  const fields = kind === 'teams' ? [...CATALOGUES.teams.fields, ...monthFieldsOf(headers)] : CATALOGUES[kind].fields;
  return fields.map((f) => ({ value: f.key, label: f.required ? `${f.label}（必填）` : f.label }));
}

export function fieldLabelOf(kind: ImportKind, key: string | null): string {
  if (!key) return '不导入';
  const month = parseMonthKey(key);
  return CATALOGUES[kind].fields.find((f) => f.key === key)?.label ?? (month ? monthField(month.month, month.measure).label : key);
}

export const SOURCE_NAMES: Record<string, string> = {
  override: '已指定',
  remembered: '上次的对应',
  alias: '按列名',
  similar: '按相似列名',
  ignored: '序号列，不导入',
  none: '未对应',
};

export const ACTION_NAMES: Record<ImportGridRow['action'], string> = {
  create: '将新增',
  update: '将更新',
  unchanged: '无变化',
  skip: '跳过',
};

export const PHASE_NAMES: Record<string, string> = {
  upload: '正在读取本地文件',
  read: '正在读取表格',
  validate: '正在检查数据',
  commit: '正在写入台账',
};
