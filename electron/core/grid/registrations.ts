/**
 * 在职党员到社区报到: a member (one branch) is registered with at most one grid unit at a time, as
 * dated records (grid_registrations); members.grid_id and grid_registered_on keep the current one
 * for the roster and the statistics' member store. The member must be in the caller's scope and so
 * must the unit: registration crosses townships only through a county-wide user.
 */
import { sql } from 'kysely';
import { LedgerError } from '../../../shared/contract/envelope.js';
import type { GridRegistrationView } from '../../../shared/contract/grid.js';
import type { Ctx } from '../context.js';
import { memberInScope } from '../auth/records.js';
import { inSubtree, subtreeUpper } from '../auth/scope.js';
import { newId } from '../util/ids.js';
import { loadLiveUnit, loadUnit, registrationHolds } from './load.js';
import { endRegistration } from './write.js';

export async function registerMember(ctx: Ctx, memberId: string, gridId: string | null, onDate: string): Promise<{ memberId: string; gridId: string | null; onDate: string }> {
  const m = await memberInScope(ctx, memberId);
  if (m.status !== 'active') throw new LedgerError('CONFLICT', `${m.name}已不在党员名册中，不能办理报到`);
  if (onDate > ctx.today) throw new LedgerError('VALIDATION', `报到日期 ${onDate} 晚于今天`, { field: 'onDate' });
  const unit = gridId ? await loadLiveUnit(ctx, gridId) : null;
  const regs = await ctx.db.selectFrom('gridRegistrations').selectAll().where('memberId', '=', memberId).execute();
  const current = regs.find((r) => r.toDate === null) ?? null;
  if (unit && current?.gridId === unit.id) throw new LedgerError('CONFLICT', `${m.name}已在“${unit.name}”报到`);
  if (!unit && !current) throw new LedgerError('CONFLICT', `${m.name}目前没有报到的网格单元`);
  // Records follow each other in time: nothing starts before the last one started or ended.
  const last = regs.reduce<string | null>((d, r) => [d, r.fromDate, r.toDate].reduce<string | null>((a, b) => (b !== null && (a === null || b > a) ? b : a), null), null);
  if (last && onDate < last) throw new LedgerError('VALIDATION', `日期 ${onDate} 早于${m.name}上一次报到记录的日期（${last}）`, { field: 'onDate' });
  if (unit && onDate < unit.foundedOn) throw new LedgerError('VALIDATION', `报到日期 ${onDate} 早于“${unit.name}”的设立日期 ${unit.foundedOn}`, { field: 'onDate' });
  if (current) await endRegistration(ctx, { id: current.id, memberId, gridId: current.gridId }, onDate);
  if (unit) {
    await ctx.db.insertInto('gridRegistrations').values({ id: newId(), memberId, gridId: unit.id, fromDate: onDate, toDate: null, createdAt: ctx.now }).execute();
    await ctx.db.updateTable('members').set({ gridId: unit.id, gridRegisteredOn: onDate, updatedAt: ctx.now }).where('id', '=', memberId).execute();
    await ctx.audit('member', memberId, { gridId: null }, { gridId: unit.id, gridRegisteredOn: onDate });
  }
  return { memberId, gridId: unit?.id ?? null, onDate };
}

/**
 * The members registered with a unit (and the units below it) on a day, or every record when
 * `includeEnded`. Members outside the caller's scope are counted, never named.
 */
export async function registrationsOf(ctx: Ctx, gridId: string, o: { asOf?: string | undefined; subtree: boolean; includeEnded: boolean }): Promise<{ rows: GridRegistrationView[]; outside: number }> {
  const u = await loadUnit(ctx, gridId);
  const day = o.asOf ?? ctx.today;
  let q = ctx.db
    .selectFrom('gridRegistrations as r')
    .innerJoin('members as m', 'm.id', 'r.memberId')
    .innerJoin('orgs as o', 'o.id', 'm.orgId')
    .innerJoin('grids as g', 'g.id', 'r.gridId')
    .select(['r.id', 'r.gridId', 'g.name as gridName', 'r.memberId', 'm.name as memberName', sql<string>`coalesce(o.short_name, o.name)`.as('orgName'), 'o.path as orgPath', 'r.fromDate', 'r.toDate']);
  q = o.subtree ? q.where('g.path', '>=', u.path).where('g.path', '<', subtreeUpper(u.path)) : q.where('r.gridId', '=', u.id);
  if (!o.includeEnded) q = q.where(registrationHolds(day));
  const rows = await q.orderBy('g.path').orderBy('m.name').execute();
  const inside = rows.filter((r) => inSubtree(r.orgPath, ctx.actor.scopePath));
  return { rows: inside.map(({ orgPath: _p, ...r }) => r), outside: rows.length - inside.length };
}
