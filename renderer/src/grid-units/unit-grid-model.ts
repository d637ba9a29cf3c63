/**
 * The 网格 page's spreadsheet: the children of one unit (or the places of the scope) as rows, each
 * column with its parser (the same field rules as the contract: shared/domain/grid-rules.ts), the
 * edited or pasted cells turned into one grid.saveRows call, and the call that undoes it.
 */
import type { GridNode } from '../../../shared/contract/grid.js';
import { GRID_KIND_CODES, GRID_KIND_NAMES } from '../../../shared/contract/code-lists.js';
import { parseCount, type GridKind } from '../../../shared/domain/grid-rules.js';
import type { Parsed } from '../grid/paste.js';

export type ColumnKey = 'name' | 'kind' | 'org' | 'leader' | 'workers' | 'buildingLeader' | 'households' | 'population';

/** A row of the sheet: a saved unit, or a draft (new, kept here until it has a name). */
export interface SheetRow {
  key: string;
  unit: GridNode | null;
  cells: Record<ColumnKey, string | number | null>;
}

/** A covering organisation as the page knows it (names as typed or pasted). */
export interface OrgChoice {
  id: string;
  name: string;
  shortName: string | null;
}

export const COLUMN_LABELS: Record<ColumnKey, string> = {
  name: '名称',
  kind: '类别',
  org: '覆盖党组织',
  leader: '网格长',
  workers: '网格员',
  buildingLeader: '楼栋长',
  households: '户数',
  population: '人口',
};

export const EDITABLE_COLUMNS: readonly ColumnKey[] = ['name', 'kind', 'org', 'leader', 'workers', 'buildingLeader', 'households', 'population'];

const TEXT_MAX: Partial<Record<ColumnKey, number>> = { name: 60, leader: 32, workers: 200, buildingLeader: 32 };

export function rowOf(unit: GridNode): SheetRow {
  return {
    key: unit.id,
    unit,
    cells: {
      name: unit.name,
      kind: unit.kind,
      org: unit.orgId,
      leader: unit.leader,
      workers: unit.workers,
      buildingLeader: unit.buildingLeader,
      households: unit.households,
      population: unit.population,
    },
  };
}

export function draftRow(key: string, kind: GridKind): SheetRow {
  return { key, unit: null, cells: { name: null, kind, org: null, leader: null, workers: null, buildingLeader: null, households: null, population: null } };
}

/** An organisation named by its full or short name; two of one name are refused as ambiguous. */
export function orgByName(orgs: readonly OrgChoice[], text: string): Parsed<string | null> {
  const t = text.trim();
  if (t === '' || t === '无') return { ok: true, value: null };
  const hits = orgs.filter((o) => o.name === t || o.shortName === t);
  if (hits.length === 1) return { ok: true, value: hits[0]!.id };
  if (hits.length > 1) return { ok: false, message: `有 ${hits.length} 个组织名为“${t}”，请填写全称` };
  return { ok: false, message: `找不到名为“${t}”的党组织（可填写全称或简称，在您的管理范围内）` };
}

/** A cell's text as the column reads it; `allowed`: kinds a new row may have here. */
export function parseCell(row: SheetRow, column: ColumnKey, text: string, orgs: readonly OrgChoice[], allowed: readonly GridKind[]): Parsed<string | number | null> {
  const t = text.trim();
  switch (column) {
    case 'kind': {
      const kind = GRID_KIND_CODES.find((k) => GRID_KIND_NAMES[k] === t || k === t);
      if (!kind) return { ok: false, message: `类别“${t}”不在代码表中（${allowed.map((k) => GRID_KIND_NAMES[k]).join('、')}）` };
      if (row.unit && kind !== row.unit.kind) return { ok: false, message: '已有单元的类别不能修改；类别不同的单元请新建' };
      if (!row.unit && !allowed.includes(kind)) return { ok: false, message: `此处只能新建${allowed.map((k) => GRID_KIND_NAMES[k]).join('、')}` };
      return { ok: true, value: kind };
    }
    case 'org':
      return orgByName(orgs, t);
    case 'households':
    case 'population': {
      const p = parseCount(t);
      return p.ok ? p : { ok: false, message: `${COLUMN_LABELS[column]}${p.message}` };
    }
    default: {
      if (column === 'name' && t === '' && row.unit) return { ok: false, message: '名称不能为空' };
      const max = TEXT_MAX[column] ?? 200;
      if (t.length > max) return { ok: false, message: `${COLUMN_LABELS[column]}不能超过 ${max} 个字` };
      return { ok: true, value: t === '' ? null : t };
    }
  }
}

/** The saved form of a row's changed cells (grid.saveRows rows[]); null when nothing changed. */
export interface SavedRow {
  id?: string;
  name?: string;
  kind?: GridKind;
  orgId?: string | null;
  leader?: string | null;
  workers?: string | null;
  buildingLeader?: string | null;
  households?: number | null;
  population?: number | null;
}

function put(out: SavedRow, column: ColumnKey, value: string | number | null): void {
  if (column === 'org') out.orgId = value as string | null;
  else if (column === 'kind') out.kind = value as GridKind;
  else if (column === 'name') out.name = value as string;
  else (out as Record<string, unknown>)[column] = value;
}

export interface CellChange {
  row: SheetRow;
  column: ColumnKey;
  value: string | number | null;
}

export interface SavePlan {
  /** grid.saveRows rows, in sheet order; drafts carry all their cells. */
  rows: SavedRow[];
  /** What undoing the saved existing rows writes back (their cells before the change). */
  undoRows: SavedRow[];
  /** Drafts still without a name: kept, not saved. */
  pendingDrafts: SheetRow[];
}

/** Changes grouped by row: existing units send the changed cells, drafts with a name are created. */
export function planSave(changes: readonly CellChange[]): SavePlan {
  const byRow = new Map<string, { row: SheetRow; cells: Map<ColumnKey, string | number | null> }>();
  for (const c of changes) {
    const e = byRow.get(c.row.key) ?? { row: c.row, cells: new Map() };
    e.cells.set(c.column, c.value);
    byRow.set(c.row.key, e);
  }
  const plan: SavePlan = { rows: [], undoRows: [], pendingDrafts: [] };
  for (const { row, cells } of byRow.values()) {
    if (row.unit) {
      const out: SavedRow = { id: row.unit.id };
      const back: SavedRow = { id: row.unit.id };
      for (const [column, value] of cells) {
        if (value === row.cells[column]) continue;
        put(out, column, value);
        put(back, column, row.cells[column]);
      }
      if (Object.keys(out).length > 1) {
        plan.rows.push(out);
        plan.undoRows.push(back);
      }
      continue;
    }
    const merged = { ...row.cells, ...Object.fromEntries(cells) };
    if (merged.name === null || merged.name === '') {
      plan.pendingDrafts.push({ ...row, cells: merged });
      continue;
    }
    const out: SavedRow = {};
    for (const column of EDITABLE_COLUMNS) if (merged[column] !== null) put(out, column, merged[column]);
    plan.rows.push(out);
  }
  return plan;
}

/** One saved change the page can undo: the rows written back and the units it created. */
export interface UndoStep {
  label: string;
  parentId: string | null;
  ownerOrgId?: string;
  onDate: string;
  nameAs: 'rename' | 'correction';
  rows: SavedRow[];
  dissolveIds: string[];
}
