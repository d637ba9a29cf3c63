/**
 * The one write path of grid units: every change is checked (placement, scope of every organisation
 * and unit named, dates), written as a dated record (grid_changes) and onto the grids row, and
 * audited. A unit's records stay in date order: a change may not be dated before the unit's latest
 * record (nor after today), so history.ts can replay them and past states never change later.
 */
import { sql } from 'kysely';
import { LedgerError } from '../../../shared/contract/envelope.js';
import type { GridUnit } from '../../../shared/contract/grid.js';
import { placementProblem, type GridKind, type GridPlainField, GRID_PLAIN_FIELDS } from '../../../shared/domain/grid-rules.js';
import { pinyinInitials } from '../../../shared/domain/pinyin.js';
import type { Ctx } from '../context.js';
import { assertOrgInScope, subtreeUpper } from '../auth/scope.js';
import { newId } from '../util/ids.js';
import { changedFields } from '../util/rows.js';
import { loadLiveUnit, loadUnit, toUnit } from './load.js';

type ChangeKind = 'found' | 'rename' | 'move' | 'cover' | 'dissolve';

interface ChangeValues {
  name?: string | null;
  parentId?: string | null;
  ownerOrgId?: string | null;
  orgId?: string | null;
  reason?: string | null;
}

async function insertChange(ctx: Ctx, gridId: string, kind: ChangeKind, onDate: string, v: ChangeValues = {}): Promise<void> {
  await ctx.db
    .insertInto('gridChanges')
    .values({ id: newId(), gridId, kind, onDate, name: v.name ?? null, parentId: v.parentId ?? null, ownerOrgId: v.ownerOrgId ?? null, orgId: v.orgId ?? null, reason: v.reason ?? null, createdAt: ctx.now })
    .execute();
}

/** The latest record's date of each unit (its founding at least). */
async function latestDates(ctx: Ctx, ids: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await ctx.db.selectFrom('gridChanges').select(['gridId', sql<string>`max(on_date)`.as('d')]).where('gridId', 'in', ids.slice(i, i + 500)).groupBy('gridId').execute();
    for (const r of rows) out.set(r.gridId, r.d);
  }
  return out;
}

/** A dated change must come after everything already recorded for the units it touches, and not after today. */
async function assertDateFits(ctx: Ctx, onDate: string, units: readonly { id: string; name: string }[], what: string): Promise<void> {
  if (onDate > ctx.today) throw new LedgerError('VALIDATION', `${what}日期 ${onDate} 晚于今天，不能登记将来的变动`, { field: 'onDate' });
  const latest = await latestDates(ctx, units.map((u) => u.id));
  for (const u of units) {
    const d = latest.get(u.id);
    if (d && onDate < d) throw new LedgerError('VALIDATION', `${what}日期 ${onDate} 早于“${u.name}”最近一次登记的变动（${d}）；历史只能按时间顺序往后登记`, { field: 'onDate' });
  }
}

/** A covering organisation: in the caller's scope, existing on the day it starts to cover. */
async function assertCoveringOrg(ctx: Ctx, orgId: string, onDate: string): Promise<void> {
  await assertOrgInScope(ctx, orgId);
  const o = await ctx.db.selectFrom('orgs').select(['name', 'foundedOn', 'dissolvedOn']).where('id', '=', orgId).executeTakeFirstOrThrow();
  if (o.dissolvedOn) throw new LedgerError('VALIDATION', `“${o.name}”已于 ${o.dissolvedOn} 撤销，不能作为覆盖党组织`, { field: 'orgId' });
  if (o.foundedOn && o.foundedOn.slice(0, 10) > onDate) throw new LedgerError('VALIDATION', `“${o.name}”成立于 ${o.foundedOn}，晚于 ${onDate}，那天还不能覆盖该单元`, { field: 'orgId' });
}

/** The owner of a new place: named, else the township (level below the county) of its covering organisation, else the caller's own scope. */
async function ownerForPlace(ctx: Ctx, ownerOrgId: string | undefined, orgId: string | null | undefined): Promise<string> {
  if (ownerOrgId) {
    await assertOrgInScope(ctx, ownerOrgId);
    const o = await ctx.db.selectFrom('orgs').select(['name', 'dissolvedOn']).where('id', '=', ownerOrgId).executeTakeFirstOrThrow();
    if (o.dissolvedOn) throw new LedgerError('VALIDATION', `“${o.name}”已撤销，不能作为网格单元的所属单位`, { field: 'ownerOrgId' });
    return ownerOrgId;
  }
  if (orgId) {
    const path = await assertOrgInScope(ctx, orgId);
    const township = path.split('/').filter(Boolean)[1] ?? path.split('/').filter(Boolean)[0]!;
    // The township itself may lie above a narrow scope: then the caller's scope owns it.
    const tPath = (await ctx.db.selectFrom('orgs').select('path').where('id', '=', township).executeTakeFirstOrThrow()).path;
    return tPath.startsWith(ctx.actor.scopePath) ? township : ctx.actor.user.scopeOrgId;
  }
  if (!ctx.actor.countyWide) return ctx.actor.user.scopeOrgId;
  throw new LedgerError('VALIDATION', '请选择该社区或村所在的乡镇（街道），即所属单位', { field: 'ownerOrgId' });
}

/** Two live units of one name side by side cannot be told apart (imports match by name). */
async function assertNameFree(ctx: Ctx, name: string, parentId: string | null, ownerOrgId: string, exceptId: string | null): Promise<void> {
  let q = ctx.db.selectFrom('grids').select('id').where('name', '=', name).where('dissolvedOn', 'is', null);
  q = parentId ? q.where('parentId', '=', parentId) : q.where('parentId', 'is', null).where('ownerOrgId', '=', ownerOrgId);
  if (exceptId) q = q.where('id', '<>', exceptId);
  if (await q.executeTakeFirst()) throw new LedgerError('CONFLICT', `同一上级下已有名为“${name}”的网格单元`, { field: 'name' });
}

async function auditUnit(ctx: Ctx, id: string, before: Record<string, unknown> | null, after: Record<string, unknown>): Promise<void> {
  await ctx.audit('grid', id, before, after);
}

export interface NewUnit {
  parentId: string | null;
  ownerOrgId?: string | undefined;
  name: string;
  kind: GridKind;
  orgId?: string | null | undefined;
  foundedOn?: string | undefined;
  leader?: string | null | undefined;
  workers?: string | null | undefined;
  households?: number | null | undefined;
  population?: number | null | undefined;
  buildingLeader?: string | null | undefined;
}

export async function createUnit(ctx: Ctx, input: NewUnit): Promise<GridUnit> {
  const foundedOn = input.foundedOn ?? ctx.today;
  if (foundedOn > ctx.today) throw new LedgerError('VALIDATION', `设立日期 ${foundedOn} 晚于今天`, { field: 'foundedOn' });
  const parent = input.parentId ? await loadLiveUnit(ctx, input.parentId) : null;
  const problem = placementProblem(input.kind, parent?.kind ?? null);
  if (problem) throw new LedgerError('VALIDATION', problem, { field: 'kind' });
  if (parent && foundedOn < parent.foundedOn) throw new LedgerError('VALIDATION', `设立日期 ${foundedOn} 早于上级“${parent.name}”的设立日期 ${parent.foundedOn}`, { field: 'foundedOn' });
  if (parent && input.ownerOrgId && input.ownerOrgId !== parent.ownerOrgId) {
    await assertOrgInScope(ctx, input.ownerOrgId);
    throw new LedgerError('VALIDATION', '下级单元随所在社区或村属于同一单位，不能另选所属单位', { field: 'ownerOrgId' });
  }
  const ownerOrgId = parent ? parent.ownerOrgId : await ownerForPlace(ctx, input.ownerOrgId, input.orgId);
  if (input.orgId) await assertCoveringOrg(ctx, input.orgId, foundedOn);
  await assertNameFree(ctx, input.name, parent?.id ?? null, ownerOrgId, null);
  const id = newId();
  const plain = Object.fromEntries(GRID_PLAIN_FIELDS.map((k) => [k, input[k] ?? null])) as Record<GridPlainField, unknown>;
  await ctx.db
    .insertInto('grids')
    .values({
      ...plain,
      id,
      parentId: parent?.id ?? null,
      path: `${parent?.path ?? '/'}${id}/`,
      name: input.name,
      initials: pinyinInitials(input.name),
      kind: input.kind,
      orgId: input.orgId ?? null,
      ownerOrgId,
      foundedOn,
      createdAt: ctx.now,
      updatedAt: ctx.now,
    } as never)
    .execute();
  await insertChange(ctx, id, 'found', foundedOn, { name: input.name, parentId: parent?.id ?? null, ownerOrgId, orgId: input.orgId ?? null });
  const created = await loadUnit(ctx, id);
  await auditUnit(ctx, id, null, created as unknown as Record<string, unknown>);
  return created;
}

/** 网格长, 网格员, 户数, 人口, 楼栋长: edited in place, only changed fields audited. */
export async function updatePlain(ctx: Ctx, id: string, patch: Partial<Record<GridPlainField, unknown>>): Promise<GridUnit> {
  const before = await loadLiveUnit(ctx, id);
  const set = Object.fromEntries(GRID_PLAIN_FIELDS.filter((k) => k in patch).map((k) => [k, patch[k] ?? null]));
  if (Object.keys(set).length === 0) return before;
  await ctx.db.updateTable('grids').set({ ...set, updatedAt: ctx.now }).where('id', '=', id).execute();
  const after = await loadUnit(ctx, id);
  const diff = changedFields(before as unknown as Record<string, unknown>, after as unknown as Record<string, unknown>);
  delete diff.before.updatedAt;
  delete diff.after.updatedAt;
  if (Object.keys(diff.after).length > 0) await auditUnit(ctx, id, diff.before, diff.after);
  return after;
}

/**
 * The founding day mended (the found record moves with it): not after today, the unit's next record,
 * a unit below it or a registration with it; not before the unit above it.
 */
export async function correctFounding(ctx: Ctx, id: string, foundedOn: string): Promise<GridUnit> {
  const u = await loadLiveUnit(ctx, id);
  if (foundedOn === u.foundedOn) return u;
  if (foundedOn > ctx.today) throw new LedgerError('VALIDATION', `设立日期 ${foundedOn} 晚于今天`, { field: 'foundedOn' });
  const parent = u.parentId ? await loadUnit(ctx, u.parentId) : null;
  if (parent && foundedOn < parent.foundedOn) throw new LedgerError('VALIDATION', `设立日期 ${foundedOn} 早于上级“${parent.name}”的设立日期 ${parent.foundedOn}，请先改上级的设立日期`, { field: 'foundedOn' });
  const bounds = await sql<{ what: string; d: string }>`
    SELECT '该单元的下一条变动记录' AS what, min(on_date) AS d FROM grid_changes WHERE grid_id = ${id} AND kind <> 'found'
    UNION ALL SELECT '下级单元的设立日期', min(founded_on) FROM grids WHERE parent_id = ${id}
    UNION ALL SELECT '党员在此报到的日期', min(from_date) FROM grid_registrations WHERE grid_id = ${id}`.execute(ctx.db);
  const late = bounds.rows.find((b) => b.d !== null && b.d < foundedOn);
  if (late) throw new LedgerError('VALIDATION', `设立日期 ${foundedOn} 晚于${late.what}（${late.d}）`, { field: 'foundedOn' });
  await ctx.db.updateTable('gridChanges').set({ onDate: foundedOn }).where('gridId', '=', id).where('kind', '=', 'found').execute();
  await ctx.db.updateTable('grids').set({ foundedOn, updatedAt: ctx.now }).where('id', '=', id).execute();
  await auditUnit(ctx, id, { foundedOn: u.foundedOn }, { foundedOn });
  return loadUnit(ctx, id);
}

/** A new name from a day (the old one stays in the history), or a typo mended in the current name. */
export async function renameUnit(ctx: Ctx, id: string, name: string, onDate: string, correction: boolean): Promise<GridUnit> {
  const u = await loadLiveUnit(ctx, id);
  if (name === u.name) throw new LedgerError('VALIDATION', `名称未改变：仍为“${name}”`, { field: 'name' });
  await assertNameFree(ctx, name, u.parentId, u.ownerOrgId, u.id);
  if (correction) {
    // The record that set the current name gets the mended one: no new date enters the history.
    const last = await ctx.db.selectFrom('gridChanges').select('id').where('gridId', '=', id).where('kind', 'in', ['found', 'rename']).orderBy('onDate', 'desc').orderBy(sql`rowid`, 'desc').executeTakeFirstOrThrow();
    await ctx.db.updateTable('gridChanges').set({ name }).where('id', '=', last.id).execute();
  } else {
    await assertDateFits(ctx, onDate, [u], '更名');
    await insertChange(ctx, id, 'rename', onDate, { name });
  }
  await ctx.db.updateTable('grids').set({ name, initials: pinyinInitials(name), updatedAt: ctx.now }).where('id', '=', id).execute();
  await auditUnit(ctx, id, { name: u.name }, correction ? { name, correction: true } : { name, onDate });
  return loadUnit(ctx, id);
}

/** Under another unit, or to the top (a place) in an area; everything below goes along. */
export async function moveUnit(ctx: Ctx, id: string, parentId: string | null, ownerOrgId: string | undefined, onDate: string): Promise<GridUnit> {
  const u = await loadLiveUnit(ctx, id);
  const parent = parentId ? await loadLiveUnit(ctx, parentId) : null;
  if (parent && (parent.id === u.id || parent.path.startsWith(u.path))) throw new LedgerError('VALIDATION', '不能把网格单元调整到它自己或它的下级之下', { field: 'parentId' });
  const problem = placementProblem(u.kind, parent?.kind ?? null);
  if (problem) throw new LedgerError('VALIDATION', problem, { field: 'parentId' });
  let owner: string;
  if (parent) {
    if (ownerOrgId && ownerOrgId !== parent.ownerOrgId) {
      await assertOrgInScope(ctx, ownerOrgId);
      throw new LedgerError('VALIDATION', '调到其他单元之下时，所属单位随新的上级，不能另选', { field: 'ownerOrgId' });
    }
    owner = parent.ownerOrgId;
  } else owner = ownerOrgId ? await ownerForPlace(ctx, ownerOrgId, null) : u.ownerOrgId;
  if ((parent?.id ?? null) === u.parentId && owner === u.ownerOrgId) throw new LedgerError('VALIDATION', `“${u.name}”已在该位置，无需调整`, { field: 'parentId' });
  // The new parent and everything above it must exist, as they are now, on that day.
  const above = parent ? await ctx.db.selectFrom('grids').select(['id', 'name']).where('id', 'in', [parent.id, ...parent.path.split('/').filter(Boolean)]).execute() : [];
  await assertDateFits(ctx, onDate, [u, ...above], '调整');
  await assertNameFree(ctx, u.name, parent?.id ?? null, owner, u.id);
  await insertChange(ctx, id, 'move', onDate, { parentId: parent?.id ?? null, ownerOrgId: owner });
  const newPath = `${parent?.path ?? '/'}${u.id}/`;
  await sql`UPDATE grids SET path = ${newPath} || substr(path, ${u.path.length + 1}), owner_org_id = ${owner}, updated_at = ${ctx.now}
    WHERE path >= ${u.path} AND path < ${subtreeUpper(u.path)}`.execute(ctx.db);
  await ctx.db.updateTable('grids').set({ parentId: parent?.id ?? null }).where('id', '=', id).execute();
  await auditUnit(ctx, id, { parentId: u.parentId, ownerOrgId: u.ownerOrgId }, { parentId: parent?.id ?? null, ownerOrgId: owner, onDate });
  return loadUnit(ctx, id);
}

/** The covering party organisation from a day (null: none from then). */
export async function coverUnit(ctx: Ctx, id: string, orgId: string | null, onDate: string): Promise<GridUnit> {
  const u = await loadLiveUnit(ctx, id);
  if (orgId === u.orgId) throw new LedgerError('VALIDATION', orgId ? '覆盖党组织未改变' : `“${u.name}”本来就没有覆盖党组织`, { field: 'orgId' });
  if (orgId) await assertCoveringOrg(ctx, orgId, onDate);
  await assertDateFits(ctx, onDate, [u], '覆盖党组织变更');
  await insertChange(ctx, id, 'cover', onDate, { orgId });
  await ctx.db.updateTable('grids').set({ orgId, updatedAt: ctx.now }).where('id', '=', id).execute();
  await auditUnit(ctx, id, { orgId: u.orgId }, { orgId, onDate });
  return loadUnit(ctx, id);
}

/**
 * Dissolved from a day, never deleted. Live units below it and members registered in it are
 * refused unless `withChildren`: then they are dissolved and the registrations end that same day.
 */
export async function dissolveUnit(ctx: Ctx, id: string, onDate: string, reason: string | null, withChildren: boolean): Promise<{ dissolved: number; registrationsEnded: number }> {
  const u = await loadLiveUnit(ctx, id);
  const units = (await ctx.db.selectFrom('grids').selectAll().where('path', '>=', u.path).where('path', '<', subtreeUpper(u.path)).where('dissolvedOn', 'is', null).execute()).map(toUnit);
  const ids = units.map((x) => x.id);
  const regs: { id: string; memberId: string; fromDate: string | null; gridId: string }[] = [];
  for (let i = 0; i < ids.length; i += 500) {
    regs.push(...(await ctx.db.selectFrom('gridRegistrations').select(['id', 'memberId', 'fromDate', 'gridId']).where('gridId', 'in', ids.slice(i, i + 500)).where('toDate', 'is', null).execute()));
  }
  if (!withChildren && (units.length > 1 || regs.length > 0)) {
    const parts = [units.length > 1 ? `${units.length - 1} 个未撤销的下级单元` : '', regs.length > 0 ? `${regs.length} 名党员在此报到` : ''].filter(Boolean);
    throw new LedgerError('CONFLICT', `“${u.name}”下还有${parts.join('、')}；请先调整或撤销，或选择“连同下级一并撤销”`, { children: units.length - 1, registrations: regs.length });
  }
  await assertDateFits(ctx, onDate, units, '撤销');
  const late = regs.find((r) => r.fromDate !== null && r.fromDate > onDate);
  if (late) throw new LedgerError('VALIDATION', `撤销日期 ${onDate} 早于该单元内一名党员的报到日期（${late.fromDate}）`, { field: 'onDate' });
  for (const x of units) {
    await insertChange(ctx, x.id, 'dissolve', onDate, { reason: x.id === u.id ? reason : `随“${u.name}”撤销` });
    await ctx.db.updateTable('grids').set({ dissolvedOn: onDate, dissolvedReason: x.id === u.id ? reason : `随“${u.name}”撤销`, updatedAt: ctx.now }).where('id', '=', x.id).execute();
    await auditUnit(ctx, x.id, { dissolvedOn: null }, { dissolvedOn: onDate, dissolvedReason: x.id === u.id ? reason : `随“${u.name}”撤销` });
  }
  for (const r of regs) await endRegistration(ctx, r, onDate);
  return { dissolved: units.length, registrationsEnded: regs.length };
}

/** Ends a holding registration on a day: the record's to_date, and the member's current grid. */
export async function endRegistration(ctx: Ctx, r: { id: string; memberId: string; gridId: string }, onDate: string): Promise<void> {
  await ctx.db.updateTable('gridRegistrations').set({ toDate: onDate }).where('id', '=', r.id).execute();
  await ctx.db.updateTable('members').set({ gridId: null, gridRegisteredOn: null, updatedAt: ctx.now }).where('id', '=', r.memberId).execute();
  await ctx.audit('member', r.memberId, { gridId: r.gridId }, { gridId: null, gridLeftOn: onDate });
}

