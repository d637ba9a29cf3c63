import { z, id } from './zod.js';
import { query } from './define.js';
import { memberFilter } from './member.js';
import { ROSTER_KINDS } from '../import/columns.js';

/** An xlsx file for the renderer to save: the bytes cross the envelope as base64. */
export interface ExportFile {
  fileName: string;
  dataBase64: string;
  /** Data rows written (0 for a template). */
  rows: number;
}

/** Caps for `export.grid`: what a grid view may send through the envelope in one call. */
export const GRID_EXPORT_LIMITS = { rows: 100_000, columns: 200, cells: 2_000_000, textLength: 32_767 } as const;

export const gridExportColumn = z.object({
  header: z.string().trim().min(1, '列名不能为空').max(100),
  field: z.string().min(1).max(100),
  /** How cells are written: text (ids and dates stay text), number, a 是/否 flag. */
  type: z.enum(['text', 'id', 'date', 'number', 'int', 'bool']).default('text'),
  width: z.number().min(2).max(120).optional(),
});

const gridCell = z.union([z.string().max(GRID_EXPORT_LIMITS.textLength, '单元格内容过长'), z.number(), z.boolean(), z.null()]);

export const gridExportInput = z
  .object({
    title: z.string().trim().min(1).max(100),
    sheetName: z.string().trim().min(1).max(31).optional(),
    columns: z.array(gridExportColumn).min(1, '至少需要一列').max(GRID_EXPORT_LIMITS.columns, `最多 ${GRID_EXPORT_LIMITS.columns} 列`),
    rows: z.array(z.record(z.string(), gridCell.optional())).max(GRID_EXPORT_LIMITS.rows, `最多导出 ${GRID_EXPORT_LIMITS.rows} 行`),
  })
  .refine((v) => v.columns.length * v.rows.length <= GRID_EXPORT_LIMITS.cells, { message: `单元格总数不能超过 ${GRID_EXPORT_LIMITS.cells}`, path: ['rows'] });

export const rosterKind = z.enum(ROSTER_KINDS, { error: `名册种类应为 ${ROSTER_KINDS.join('、')} 之一` });

export const exportApi = {
  /** A roster of the subtree as xlsx that re-imports cleanly (查阅 may export). */
  'export.roster': query<ExportFile>()(
    z.object({
      kind: rosterKind,
      under: id.optional(),
      /** Members only: the same filter as member.list. */
      filter: memberFilter.optional(),
      status: z.enum(['active', 'left', 'all']).default('active'),
    }),
    '导出名册',
  ),
  /** The workbook subordinate units fill in, with dropdowns from the code tables and the unit's organisations. */
  'export.template': query<ExportFile>()(z.object({ kind: rosterKind, under: id.optional() }), '下载填报模板'),
  /** Any grid view as xlsx: rows and column definitions in, a file out. */
  'export.grid': query<ExportFile>()(gridExportInput, '导出当前表格'),
} as const;
