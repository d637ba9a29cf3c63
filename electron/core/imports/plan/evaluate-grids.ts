/**
 * 网格 files in either shape. Leaf-with-ancestors (社区 | 网格 | 楼栋 …): every level of a row is
 * matched by name under its parent (in the ledger or created earlier in the file) or created once;
 * the row's other values (网格长, 户数 …) belong to its deepest unit. Unit-per-row (名称 + 类别 +
 * 上级): the parent is another row or a unit of the ledger. A new place (社区, 村) belongs to the
 * importing unit's area (its owner: the importing township, or the township of its covering
 * organisation when the county imports), and what lies in it to the same; every new unit must stand
 * where its kind may (shared/domain/grid-rules.ts). A changed covering organisation is a dated
 * record from the day of the commit.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { subtreeUpper } from '../../auth/scope.js';
import { GRID_CATALOGUE, normaliseHeader } from '../../../../shared/import/index.js';
import { GRID_KIND_NAMES } from '../../../../shared/contract/code-lists.js';
import type { PreviewState, RowState } from './state.js';
import { rowIssues } from './state.js';
import { hasError, issueAt } from '../validate/issue.js';
import { columnOf, placeOf } from '../validate/normalise-row.js';
import { OrgResolver, orgIssueMessage, type OrgCandidate } from '../validate/org-resolver.js';
import { placementProblem, type GridKind } from '../../../../shared/domain/grid-rules.js';
import { orgsInSubtree } from './scope-orgs.js';
import { diffFields } from './diff.js';
import { newId } from '../../util/ids.js';

const LEVELS = GRID_CATALOGUE.fields.filter((f) => f.kind === 'gridLevel');
const UNIT_FIELDS = GRID_CATALOGUE.fields.filter((f) => ['leader', 'workers', 'households', 'population', 'buildingLeader', 'orgId'].includes(f.key));
/** The importing unit and below: the owner of new places is the importing unit, or the township (the level below the county) of their covering organisation when the county imports. */
const ownerFor = (underPath: string, underOrgId: string, orgs: readonly OrgCandidate[], coverId: string | undefined): string => {
  if (underPath.split('/').filter(Boolean).length > 1 || !coverId) return underOrgId;
  const cover = orgs.find((o) => o.id === coverId);
  return cover?.path.split('/').filter(Boolean)[1] ?? underOrgId;
};

/** A unit the commit will create (rows of the file may share it). */
export interface PlannedGrid {
  id: string;
  parentId: string | null;
  name: string;
  kind: string;
  ownerOrgId: string;
  /** The row whose values the unit takes (its deepest row); null for ancestors only named. */
  row: RowState | null;
}

const nameKey = (s: string): string => normaliseHeader(s);

export async function evaluateGrids(db: Kysely<DB>, state: PreviewState, underPath: string): Promise<PlannedGrid[]> {
  const orgs = await orgsInSubtree(db, underPath);
  const resolver = new OrgResolver(orgs);
  const existing = await db
    .selectFrom('grids as g')
    .innerJoin('orgs as o', 'o.id', 'g.ownerOrgId')
    .selectAll('g')
    .where('o.path', '>=', underPath)
    .where('o.path', '<', subtreeUpper(underPath))
    .where('g.dissolvedOn', 'is', null)
    .execute();
  const byParentName = new Map<string, (typeof existing)[number]>();
  for (const g of existing) byParentName.set(`${g.parentId ?? ''}|${nameKey(g.name)}`, g);
  const planned = new Map<string, PlannedGrid>();
  const plannedList: PlannedGrid[] = [];
  const leafOf = new Map<string, RowState>();
  const ownerOf = new Map<string, string>(existing.map((g) => [g.id, g.ownerOrgId ?? state.underOrgId]));
  const kindOf = new Map<string, string>(existing.map((g) => [g.id, g.kind]));

  /** A unit named under a parent: the ledger's, one planned by an earlier row, or a new one (null: it cannot stand there). */
  const findOrPlan = (parentId: string | null, name: string, kind: string, owner: string): { id: string; existing: boolean } | { problem: string } => {
    const key = `${parentId ?? ''}|${nameKey(name)}`;
    const ex = byParentName.get(key);
    if (ex) return { id: ex.id, existing: true };
    let p = planned.get(key);
    if (!p) {
      const problem = placementProblem(kind as GridKind, parentId ? ((kindOf.get(parentId) as GridKind | undefined) ?? null) : null);
      if (problem) return { problem };
      p = { id: newId(), parentId, name, kind, ownerOrgId: parentId ? (ownerOf.get(parentId) ?? owner) : owner, row: null };
      planned.set(key, p);
      plannedList.push(p);
      ownerOf.set(p.id, p.ownerOrgId);
      kindOf.set(p.id, kind);
    }
    return { id: p.id, existing: false };
  };

  const leafShape = state.tables.some((t) => [...t.fieldCol.keys()].some((k) => k.startsWith('level.')));
  for (const t of state.tables) t.shape = leafShape ? 'leaf-with-ancestors' : 'unit-per-row';

  for (const r of state.rows) {
    r.dbIssues = [];
    r.refs = {};
    delete r.match;
    const orgText = r.values.orgId;
    if (typeof orgText === 'string') {
      const res = resolver.resolve(orgText);
      if (res.ok) r.refs.orgId = res.org.id;
      else r.dbIssues.push(issueAt(placeOf(r), columnOf(r, 'orgId'), res.code, orgIssueMessage('网格党组织', orgText, state.underName, res)));
    }
  }

  // Rows in order: a parent named by an earlier row of a unit-per-row file is found in `planned`.
  for (const r of state.rows) {
    if (hasError(rowIssues(r))) continue;
    const owner = ownerFor(underPath, state.underOrgId, orgs, r.refs.orgId);
    let parentId: string | null = null;
    let leaf: { id: string; existing: boolean } | null = null;
    let path = '';
    if (leafShape) {
      const levels = LEVELS.filter((f) => typeof r.values[f.key] === 'string');
      if (levels.length === 0) {
        r.dbIssues.push(issueAt(placeOf(r), columnOf(r, LEVELS[0]!.key), 'REQUIRED_MISSING', `${LEVELS.map((l) => l.label).join('、')}均为空，无法确定网格单元`));
        continue;
      }
      let problem: { key: string; text: string } | null = null;
      for (const f of levels) {
        const found = findOrPlan(parentId, r.values[f.key] as string, f.gridKind!, owner);
        if ('problem' in found) {
          problem = { key: f.key, text: found.problem };
          break;
        }
        leaf = found;
        parentId = found.id;
        path += `/${nameKey(r.values[f.key] as string)}`;
      }
      if (problem) {
        r.dbIssues.push(issueAt(placeOf(r), columnOf(r, problem.key), 'REQUIRED_MISSING', `${problem.text}：请填写所在的上一级`));
        continue;
      }
    } else {
      const name = r.values.name;
      const kind = r.values.kind;
      if (typeof name !== 'string' || typeof kind !== 'string') {
        r.dbIssues.push(issueAt(placeOf(r), columnOf(r, typeof name !== 'string' ? 'name' : 'kind'), 'REQUIRED_MISSING', typeof name !== 'string' ? '名称为空，该项为必填' : '类别为空（社区、网格、楼栋、巷道、小区或村民小组）'));
        continue;
      }
      const parentText = r.values.parent;
      if (typeof parentText === 'string') {
        const hits = [...planned.values(), ...existing].filter((g) => nameKey(g.name) === nameKey(parentText));
        if (hits.length !== 1) {
          r.dbIssues.push(issueAt(placeOf(r), columnOf(r, 'parent'), hits.length === 0 ? 'ORG_UNKNOWN' : 'ORG_AMBIGUOUS', hits.length === 0 ? `上级“${parentText}”在本文件前面的行和${state.underName}的网格中均未找到` : `上级“${parentText}”对应${hits.length}个网格单元，请写明全称`));
          continue;
        }
        parentId = hits[0]!.id;
      }
      const found = findOrPlan(parentId, name, kind, owner);
      if ('problem' in found) {
        r.dbIssues.push(issueAt(placeOf(r), columnOf(r, parentId ? 'kind' : 'parent'), 'REQUIRED_MISSING', parentId ? found.problem : `${found.problem}：请填写上级`));
        continue;
      }
      leaf = found;
      path = `${parentId ?? ''}/${nameKey(name)}`;
    }
    const first = leafOf.get(path);
    if (first) {
      r.dbIssues.push(issueAt(placeOf(r), columnOf(r, leafShape ? LEVELS.filter((f) => typeof r.values[f.key] === 'string').pop()!.key : 'name'), 'DUPLICATE_IN_FILE', `网格单元与第${first.row}行重复`));
      continue;
    }
    leafOf.set(path, r);
    r.refs.selfId = leaf!.id;
    if (!leaf!.existing) {
      const p = plannedList.find((x) => x.id === leaf!.id)!;
      p.row = r;
      r.refs.isNew = '1';
    }
  }

  const createdIds = new Set(plannedList.map((p) => p.id));
  for (const r of state.rows) {
    if (hasError(rowIssues(r)) || !r.refs.selfId) {
      r.action = 'skip';
      continue;
    }
    if (createdIds.has(r.refs.selfId)) {
      r.action = 'create';
      continue;
    }
    const ex = existing.find((g) => g.id === r.refs.selfId)!;
    const values = { ...r.values, orgId: r.refs.orgId ?? null };
    const { before, after, notes } = diffFields(UNIT_FIELDS, values, ex as unknown as Record<string, unknown>);
    r.match = { entity: 'grid', id: ex.id, label: `${GRID_KIND_NAMES[ex.kind as keyof typeof GRID_KIND_NAMES] ?? ''}${ex.name}`, before, after };
    r.action = Object.keys(after).length > 0 ? 'update' : 'unchanged';
    if (notes.length > 0) r.dbIssues.push(issueAt(placeOf(r), columnOf(r, leafShape ? 'level.community' : 'name'), 'EXISTS_DIFFERENT', `台账中已有“${ex.name}”，信息不同：${notes.join('；')}`));
  }
  const rowsUpdated = state.rows.filter((r) => r.action === 'update').length;
  const rowsUnchanged = state.rows.filter((r) => r.action === 'unchanged').length;
  state.unitPlan = { create: plannedList.length, update: rowsUpdated, unchanged: rowsUnchanged };
  return plannedList;
}
