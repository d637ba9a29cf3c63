/**
 * import.preview: read → find tables → map columns → normalise and validate every row → match
 * against the ledger → plan. Writes nothing; the state stays in memory for fixCell and commit.
 */
import { randomUUID } from 'node:crypto';
import { LedgerError } from '../../../../shared/contract/envelope.js';
import type { ImportPreview } from '../../../../shared/contract/imports.js';
import type { ParsedInput } from '../../../../shared/contract/index.js';
import { GUIDE_SHEET } from '../../exports/template.js';
import { CATALOGUES, IMPORT_KIND_NAMES, monthFieldsOf, type ImportIssue, type ImportKind } from '../../../../shared/import/index.js';
import type { Ctx } from '../../context.js';
import { assertOrgInScope } from '../../auth/scope.js';
import type { RawRow, RawTable } from '../types.js';
import { detectKind } from '../map/detect-kind.js';
import { fieldColumns, suggestMapping } from '../map/suggest.js';
import { loadRemembered } from '../map/remembered.js';
import { normaliseRow } from '../validate/normalise-row.js';
import { compactCells } from '../validate/cells.js';
import { evaluate } from './evaluate.js';
import { fileNameOf, readImportFiles } from './read-input.js';
import { putPreview, PREVIEW_TTL_MS } from './store.js';
import type { PreviewState, RowState, TableState } from './state.js';
import { allIssues, filterRows, gridRow, issueCounts, planOf, rowCounts, tableInfo, updatesOf } from './summary.js';

type PreviewInput = ParsedInput<'import.preview'>;

const COPIED: RawRow = Object.freeze({ rowNumber: 0, cells: [] }) as unknown as RawRow;

export async function underOrg(ctx: Ctx, orgId: string | undefined): Promise<{ id: string; name: string; path: string }> {
  const id = orgId ?? ctx.actor.user.scopeOrgId;
  const path = await assertOrgInScope(ctx, id);
  const org = await ctx.db.selectFrom('orgs').select(['name', 'shortName']).where('id', '=', id).executeTakeFirstOrThrow();
  return { id, name: org.shortName ?? org.name, path };
}

/** The kind of a set of tables: as asked, or the one most data rows fit. */
function chooseKind(asked: PreviewInput['kind'], tables: RawTable[]): ImportKind | null {
  if (asked !== 'auto') return asked;
  const votes = new Map<ImportKind, number>();
  for (const t of tables) {
    const k = detectKind(t.headers);
    if (k) votes.set(k, (votes.get(k) ?? 0) + t.rows.length + 1);
  }
  let best: ImportKind | null = null;
  for (const [k, n] of votes) if (best === null || n > (votes.get(best) ?? 0)) best = k;
  return best;
}

export async function buildPreview(ctx: Ctx, input: PreviewInput): Promise<ImportPreview> {
  const under = await underOrg(ctx, input.underOrgId);
  ctx.progress('read', 0, null);
  const read = await readImportFiles(input.files, {
    encoding: input.encoding ?? 'auto',
    onProgress: (done, total) => ctx.progress('read', done, total),
  });
  const fileIssues: ImportIssue[] = read.issues.map((i) => ({ file: i.file, sheet: i.sheet ?? null, row: i.row ?? null, column: i.column ?? null, code: i.code, severity: i.severity, message: i.message }));
  // Our templates' instructions sheet is never data (its column descriptions look like a roster).
  read.tables = read.tables.filter((t) => t.sheet !== GUIDE_SHEET);
  const kind = chooseKind(input.kind, read.tables);
  if (!kind) {
    if (read.tables.length === 0 && fileIssues.length === 0) throw new LedgerError('VALIDATION', '文件中没有可导入的表格');
    if (read.tables.length > 0) {
      for (const t of read.tables) fileIssues.push({ file: t.file, sheet: t.sheet, row: t.headerRow, column: null, code: 'HEADER_NOT_FOUND', severity: 'error', message: `工作表“${t.sheet}”的表头无法对应到${Object.values(IMPORT_KIND_NAMES).join('、')}的任何名册，请指定导入类型` });
    }
  }
  const effectiveKind: ImportKind = kind ?? (input.kind === 'auto' ? 'members' : input.kind);
  const cat = CATALOGUES[effectiveKind];

  const tables: TableState[] = [];
  const rows: RowState[] = [];
  for (const t of kind ? read.tables : []) {
    if (input.kind === 'auto') {
      const own = detectKind(t.headers);
      if (own && own !== kind) {
        fileIssues.push({ file: t.file, sheet: t.sheet, row: t.headerRow, column: null, code: 'SHEET_SKIPPED', severity: 'warning', message: `工作表“${t.sheet}”像是${IMPORT_KIND_NAMES[own]}名册，与本次导入的${IMPORT_KIND_NAMES[kind!]}不同，未导入；请单独导入` });
        continue;
      }
    }
    const overrides = input.mapping?.find((m) => m.file === t.file && m.sheet === t.sheet)?.columns;
    const remembered = await loadRemembered(ctx.db, under.id, effectiveKind, t.headers);
    // A teams sheet's month columns (2026年1月 …) are fields of that sheet.
    const extraFields = effectiveKind === 'teams' ? monthFieldsOf(t.headers) : [];
    const columns = suggestMapping(extraFields.length > 0 ? { ...cat, fields: [...cat.fields, ...extraFields] } : cat, t.headers, t.columnLetters, { overrides, remembered });
    const table: TableState = { file: t.file, sheet: t.sheet, kind: effectiveKind, headerRow: t.headerRow, headers: t.headers, letters: t.columnLetters, columns, fieldCol: fieldColumns(columns), ...(extraFields.length > 0 ? { extraFields } : {}) };
    tables.push(table);
    for (const c of columns) {
      if (c.source !== 'none') continue;
      const yearless = effectiveKind === 'teams' && /^\s*\d{1,2}\s*月/.test(c.header);
      fileIssues.push({ file: t.file, sheet: t.sheet, row: t.headerRow, column: c.header, code: 'COLUMN_UNMAPPED', severity: 'warning', message: yearless ? `第${c.letter}列“${c.header}”没有写年份，无法确定是哪年的驻村天数；请把列名改为如“${ctx.today.slice(0, 4)}年${c.header.trim()}”后再导入` : `第${c.letter}列“${c.header}”未对应任何字段，该列不导入（可在对应关系中指定）` });
    }
    // The preview keeps its own compact copy; each read row goes as soon as it is copied.
    for (let i = 0; i < t.rows.length; i++) {
      const raw = t.rows[i]!;
      rows.push({ table, row: raw.rowNumber, cells: compactCells(raw.cells), values: {}, refs: {}, cellIssues: [], dbIssues: [], action: 'skip' });
      t.rows[i] = COPIED;
    }
    t.rows = [];
  }
  read.tables.length = 0;

  const now = Date.now();
  const state: PreviewState = {
    id: randomUUID(),
    userId: ctx.actor.user.id,
    createdAt: now,
    expiresAt: now + PREVIEW_TTL_MS,
    underOrgId: under.id,
    underName: under.name,
    scopePath: ctx.actor.scopePath,
    today: ctx.today,
    kind: effectiveKind,
    fileNames: input.files.map(fileNameOf),
    tables,
    rows,
    fileIssues,
  };
  for (let i = 0; i < rows.length; i++) {
    normaliseRow(rows[i]!, ctx.today);
    if ((i & 1023) === 1023) {
      ctx.progress('validate', i + 1, rows.length);
      // Lets the worker take other messages (import.cancel) between slices of the check.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }
  ctx.progress('validate', rows.length, rows.length);
  await evaluate(ctx.db, state, under.path, ctx.env.sqlite);
  putPreview(state);
  return summarise(state, input.pageSize);
}

export function summarise(state: PreviewState, pageSize = 100): ImportPreview {
  const issues = allIssues(state);
  const problems = filterRows(state, 'problems');
  return {
    previewId: state.id,
    kind: state.kind,
    under: { id: state.underOrgId, name: state.underName },
    files: tableInfo(state),
    rows: rowCounts(state),
    issues,
    issueCounts: issueCounts(issues),
    plan: planOf(state),
    updates: updatesOf(state),
    problemRows: { total: problems.length, rows: problems.slice(0, pageSize).map(gridRow) },
    expiresAt: new Date(state.expiresAt).toISOString(),
  };
}
