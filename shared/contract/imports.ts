import { z, id } from './zod.js';
import { query, command } from './define.js';
import type { Page } from '../types/records.js';
import type { ImportIssue, ImportKind } from '../import/index.js';

/** Bytes as the UI sends them; hosts on the same machine (CLI) may pass a path instead. */
export const importFile = z.union([
  z.object({
    name: z.string().trim().min(1).max(260),
    // 64 MiB of base64 ≈ 48 MiB of file: the readers refuse larger files anyway.
    dataBase64: z.string().max(64 * 1024 * 1024),
  }),
  z.object({
    name: z.string().trim().min(1).max(260).optional(),
    // Only roster files: a path is not a way to read anything else from the machine.
    path: z.string().min(1).max(4096).regex(/\.(xlsx|xlsm|xls|et|csv|txt)$/i, '只能导入 xlsx、xls、et、csv 文件'),
  }),
]);

export const IMPORT_KIND_INPUT = ['auto', 'orgs', 'grids', 'members', 'pipeline', 'reserves', 'teams', 'meetings'] as const;

/** A column mapping the clerk confirmed or corrected on the mapping screen. */
export const mappingOverride = z.object({
  file: z.string().min(1).max(260),
  sheet: z.string().max(100),
  /** Header text as in the file → field key, or null to leave the column out. */
  columns: z.record(z.string().max(200), z.string().max(60).nullable()),
});

/** How a column was mapped and how sure the suggestion is (1 = certain). */
export interface ImportColumn {
  header: string;
  letter: string;
  field: string | null;
  confidence: number;
  source: 'override' | 'remembered' | 'alias' | 'similar' | 'ignored' | 'none';
}

export interface ImportTableInfo {
  file: string;
  sheet: string;
  kind: ImportKind;
  headerRow: number;
  dataRows: number;
  /** Header → field key, mapped columns only (the CLI JSON shape). */
  mapping: Record<string, string>;
  columns: ImportColumn[];
  /** Grid files: 'unit-per-row' (名称 + 上级) or 'leaf-with-ancestors' (社区 | 网格 | 楼栋). */
  shape?: 'unit-per-row' | 'leaf-with-ancestors';
}

export interface ImportRowCounts {
  total: number;
  valid: number;
  withWarnings: number;
  withErrors: number;
}

export interface ImportPlan {
  create: number;
  /** Rows matching a record already in the ledger (including those with nothing to change). */
  update: number;
  skip: number;
  /** Of `update`, the rows whose values equal the ledger's: nothing is written for them. */
  unchanged: number;
}

/** A row of the preview grid: the cells as in the file, the row's issues, what will happen. */
export interface ImportGridRow {
  file: string;
  sheet: string;
  row: number;
  cells: Record<string, string>;
  issues: ImportIssue[];
  action: 'create' | 'update' | 'unchanged' | 'skip';
}

export interface ImportUpdate {
  file: string;
  sheet: string;
  row: number;
  entity: string;
  id: string;
  label: string;
  before: Record<string, unknown>;
  after: Record<string, unknown>;
}

export interface ImportPreview {
  previewId: string;
  kind: ImportKind;
  under: { id: string; name: string };
  files: ImportTableInfo[];
  rows: ImportRowCounts;
  issues: ImportIssue[];
  issueCounts: Record<string, number>;
  plan: ImportPlan;
  /** Updates with before/after of the changed fields (first 500). */
  updates: ImportUpdate[];
  /** First page of the rows with issues, for the grid. */
  problemRows: Page<ImportGridRow>;
  expiresAt: string;
}

export interface ImportCommitted {
  batchId: string;
  created: number;
  updated: number;
  skipped: number;
  unchanged: number;
}

export interface ImportBatch {
  id: string;
  kind: string;
  senderOrgId: string | null;
  senderOrgName: string | null;
  /** Who committed it. */
  userId: string | null;
  username: string | null;
  userDisplayName: string | null;
  files: string[];
  counts: Record<string, number>;
  status: 'committed' | 'undone';
  createdAt: string;
  undoneAt: string | null;
  /** The caller may undo it now (committed, and the undo rule allows: own batch, or administrator). */
  canUndo: boolean;
}

export const importApi = {
  /**
   * Reads, maps, validates and plans; writes nothing. The preview lives in the core's memory for an
   * hour under `previewId` (fixCell, rows, report and commit use it).
   */
  'import.preview': query<ImportPreview>()(
    z.object({
      files: z.array(importFile).min(1).max(50),
      kind: z.enum(IMPORT_KIND_INPUT).default('auto'),
      /** The sending unit: organisation names resolve inside its subtree. Default: the user's scope. */
      underOrgId: id.optional(),
      mapping: z.array(mappingOverride).max(200).optional(),
      encoding: z.enum(['auto', 'utf-8', 'gb18030']).optional(),
      pageSize: z.number().int().min(1).max(1000).default(100),
    }),
    '导入预览',
    'clerk',
  ),
  /** A page of the preview's rows (all, or only those with issues). */
  'import.rows': query<Page<ImportGridRow>>()(
    z.object({
      previewId: id,
      only: z.enum(['problems', 'errors', 'all']).default('problems'),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(1000).default(100),
    }),
    '导入预览行',
    'clerk',
  ),
  /** Corrects one cell in the preview and re-validates that row (and the rows it duplicates). */
  'import.fixCell': query<{ row: ImportGridRow; affected: ImportGridRow[]; rows: ImportRowCounts; plan: ImportPlan; issueCounts: Record<string, number>; updates: ImportUpdate[] }>()(
    z.object({
      previewId: id,
      file: z.string().min(1).max(260),
      sheet: z.string().max(100),
      row: z.number().int().min(1),
      column: z.string().max(200),
      value: z.string().max(1000),
    }),
    '修改预览单元格',
    'clerk',
  ),
  /**
   * Cancels a running check (import.preview) of the caller, named by the job id of its progress
   * events: the check stops at its next progress report with CANCELLED and leaves nothing.
   */
  'import.cancel': query<{ cancelled: boolean }>()(z.object({ jobId: z.string().min(1).max(64) }), '取消导入检查', 'clerk'),
  /** Writes the preview as one audited, undoable batch in one transaction; rows with errors are left out. */
  'import.commit': command<ImportCommitted>()(
    z.object({ previewId: id, rememberMapping: z.boolean().default(true) }),
    '确认导入',
  ),
  /**
   * Reverts a batch: deletes what it created, restores the before-image of what it updated. Refused
   * when any of its records changed since; an administrator may pass `force` to revert anyway. A
   * clerk may undo only the batches they committed; an administrator, any batch in their scope.
   */
  'import.undo': command<{ batchId: string; deleted: number; restored: number }>()(
    z.object({ batchId: id, force: z.boolean().default(false) }),
    '撤销导入批次',
  ),
  'import.batches': query<Page<ImportBatch>>()(
    z.object({
      orgId: id.optional(),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(500).default(50),
    }),
    '导入批次',
  ),
  /** The rejected rows with reasons as an xlsx to send back to the unit. */
  'import.report': query<{ fileName: string; dataBase64: string; rows: number }>()(
    z.object({ previewId: id }),
    '导入问题清单',
    'clerk',
  ),
} as const;
