/** 党组织 and 网格 units: created parents first (paths need the parent's path), matches updated. */
import { ORG_CATALOGUE } from '../../../../shared/import/index.js';
import type { PreviewState, RowState } from '../plan/state.js';
import type { PlannedGrid } from '../plan/evaluate-grids.js';
import type { BatchWriter } from './batch-writer.js';
import { newId } from '../../util/ids.js';
import { pinyinInitials } from '../../../../shared/domain/pinyin.js';
import { termYearsFor } from '../../../../shared/domain/terms.js';
import type { OrgKind, UnitCategory } from '../../../../shared/codes/tables.js';

/** The term columns become election records (org_elections), not columns of the organisation. */
const TERM_KEYS: ReadonlySet<string> = new Set(['termElectedOn', 'termYears']);
const ORG_FIELDS = ORG_CATALOGUE.fields.filter((f) => f.key !== 'parentId' && !TERM_KEYS.has(f.key));
const GRID_UNIT_FIELDS = ['leader', 'workers', 'households', 'population', 'buildingLeader'] as const;

const sqlValue = (v: unknown): unknown => (typeof v === 'boolean' ? (v ? 1 : 0) : (v ?? null));

export async function writeOrgs(w: BatchWriter, state: PreviewState): Promise<void> {
  const known = new Map<string, { path: string; depth: number }>();
  const creating = new Map(state.rows.filter((r) => r.action === 'create').map((r) => [r.refs.selfId!, r]));
  const place = async (id: string): Promise<{ path: string; depth: number }> => {
    const hit = known.get(id);
    if (hit) return hit;
    const row = creating.get(id);
    if (!row) {
      const o = await w.db.selectFrom('orgs').select(['path', 'depth']).where('id', '=', id).executeTakeFirstOrThrow();
      known.set(id, o);
      return o;
    }
    const parent = await place(row.refs.parentId!);
    createOrg(w, row, parent);
    const mine = { path: `${parent.path}${id}/`, depth: parent.depth + 1 };
    known.set(id, mine);
    return mine;
  };
  for (const r of state.rows) {
    if (r.action === 'create') await place(r.refs.selfId!);
    else if (r.action === 'update' && r.match) {
      const patch: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(r.match.after)) if (!TERM_KEYS.has(k)) patch[k] = sqlValue(v);
      if (Object.keys(patch).length > 0) w.update('org', r.match.id, patch);
      const org = w.fetch('org', r.match.id);
      writeElection(w, r, r.match.id, String(org.kind), (org.unitCategory as string | null) ?? null, Object.keys(patch).length === 0);
    }
  }
}

/**
 * The file's 本届选举日期 (and 任期年数) as an election record: a new date adds one (an earlier date
 * adds it to the history), a known date with another term length corrects that record. Kinds
 * without elections are left out (the preview warned). `countAsRecord`: the row's organisation was
 * not otherwise updated, so this write is what the row changed.
 */
function writeElection(w: BatchWriter, r: RowState, orgId: string, kind: string, unitCategory: string | null, countAsRecord: boolean): void {
  const electedOn = r.values.termElectedOn;
  if (typeof electedOn !== 'string') return;
  const standard = termYearsFor(kind as OrgKind, unitCategory as UnitCategory | null);
  if (standard === null) return;
  const termYears = typeof r.values.termYears === 'number' ? r.values.termYears : standard;
  const [known] = w.all<{ id: string; termYears: number }>(`SELECT id, term_years AS termYears FROM org_elections WHERE org_id = ? AND elected_on = ?`, orgId, electedOn);
  if (known) {
    if (known.termYears !== termYears) w.update('orgElection', known.id, { termYears }, countAsRecord);
    return;
  }
  const row = { id: newId(), orgId, electedOn, termYears, importBatchId: w.batchId, createdAt: w.ctx.now, updatedAt: w.ctx.now };
  // A new record of an existing organisation: counted as that organisation's update.
  w.create('orgElection', row, false);
  if (countAsRecord) w.updated++;
}

function createOrg(w: BatchWriter, r: RowState, parent: { path: string; depth: number }): void {
  const id = r.refs.selfId!;
  const row: Record<string, unknown> = {
    id,
    parentId: r.refs.parentId!,
    path: `${parent.path}${id}/`,
    depth: parent.depth + 1,
    canApprove: 0,
    sortOrder: 0,
    importBatchId: w.batchId,
    createdAt: w.ctx.now,
    updatedAt: w.ctx.now,
  };
  for (const f of ORG_FIELDS) {
    const v = r.values[f.key];
    // Blank cells keep the column defaults (can_approve 0 …).
    if (v !== null && v !== undefined) row[f.key] = sqlValue(v);
    else if (!(f.key in row)) row[f.key] = null;
  }
  w.create('org', row);
  writeElection(w, r, id, String(row.kind), (row.unitCategory as string | null) ?? null, false);
}

/**
 * New units with their founding records (counted by the batch's audit row, as a member's events are);
 * a changed covering organisation of a known unit is a dated record from the day of the commit.
 */
export async function writeGrids(w: BatchWriter, state: PreviewState, planned: readonly PlannedGrid[]): Promise<void> {
  const paths = new Map<string, string>();
  const pathOf = async (id: string): Promise<string> => {
    const hit = paths.get(id);
    if (hit) return hit;
    const g = await w.db.selectFrom('grids').select('path').where('id', '=', id).executeTakeFirstOrThrow();
    paths.set(id, g.path);
    return g.path;
  };
  for (const p of planned) {
    const path = `${p.parentId ? await pathOf(p.parentId) : '/'}${p.id}/`;
    paths.set(p.id, path);
    const foundedOn = typeof p.row?.values.foundedOn === 'string' ? p.row.values.foundedOn : w.ctx.today;
    const orgId = p.row?.refs.orgId ?? null;
    const row: Record<string, unknown> = {
      id: p.id,
      parentId: p.parentId,
      path,
      name: p.name,
      initials: pinyinInitials(p.name),
      kind: p.kind,
      orgId,
      ownerOrgId: p.ownerOrgId,
      foundedOn,
      importBatchId: w.batchId,
      createdAt: w.ctx.now,
      updatedAt: w.ctx.now,
    };
    for (const k of GRID_UNIT_FIELDS) row[k] = p.row ? sqlValue(p.row.values[k]) : null;
    w.create('grid', row);
    w.insert('gridChange', changeRow(w, p.id, 'found', foundedOn, { name: p.name, parentId: p.parentId, ownerOrgId: p.ownerOrgId, orgId }));
  }
  for (const r of state.rows) {
    if (r.action !== 'update' || !r.match) continue;
    const patch: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(r.match.after)) patch[k] = sqlValue(v);
    w.update('grid', r.match.id, patch);
    if ('orgId' in patch) w.create('gridChange', changeRow(w, r.match.id, 'cover', w.ctx.today, { orgId: patch.orgId }), false);
  }
}

const changeRow = (w: BatchWriter, gridId: string, kind: 'found' | 'cover', onDate: string, v: { name?: string; parentId?: string | null; ownerOrgId?: string; orgId?: unknown }) => ({
  id: newId(),
  gridId,
  kind,
  onDate,
  name: v.name ?? null,
  parentId: v.parentId ?? null,
  ownerOrgId: v.ownerOrgId ?? null,
  orgId: v.orgId ?? null,
  reason: null,
  importBatchId: w.batchId,
  createdAt: w.ctx.now,
});
