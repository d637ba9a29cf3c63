import { LedgerError } from '../../../shared/contract/envelope.js';
import type { ChangeSetInfo } from '../../../shared/contract/change.js';
import type { Ctx } from '../context.js';
import { changeSetInScope } from '../auth/records.js';
import { newId } from '../util/ids.js';
import { faultPoint } from '../util/fault.js';
import { CHANGE_ENTITIES } from './entities.js';

/**
 * Change sets: one user action over many records (a paste, a bulk action, a grid edit) is one call,
 * one transaction and one change_sets row; every audit row the call writes after beginChange carries
 * its id (audit_log.change_id, migration 015). Undo reads exactly those rows and writes their
 * `before` values back as a new change set of its own: the log keeps both, nothing is deleted.
 */
export async function beginChange(ctx: Ctx, summary: string, entity: string): Promise<string> {
  const id = newId();
  await ctx.db
    .insertInto('changeSets')
    .values({ id, userId: ctx.actor.user.id, method: ctx.method, at: ctx.now, summary, entity, count: 0, orgId: ctx.actor.user.scopeOrgId, undoOf: null, undoneBy: null })
    .execute();
  ctx.changeId = id;
  return id;
}

/** Records how many records the change set changed (a set that changed nothing is dropped). */
export async function closeChange(ctx: Ctx, count: number): Promise<void> {
  if (!ctx.changeId) return;
  if (count === 0) await ctx.db.deleteFrom('changeSets').where('id', '=', ctx.changeId).execute();
  else await ctx.db.updateTable('changeSets').set({ count }).where('id', '=', ctx.changeId).execute();
}

const info = (r: { id: string; method: string; at: string; summary: string; count: number; undoneBy: string | null; undoOf: string | null }): ChangeSetInfo => ({
  id: r.id,
  method: r.method,
  at: r.at,
  summary: r.summary,
  count: r.count,
  undoneBy: r.undoneBy,
  undoOf: r.undoOf,
});

export async function listChanges(ctx: Ctx, limit: number): Promise<ChangeSetInfo[]> {
  const rows = await ctx.db.selectFrom('changeSets').selectAll().where('userId', '=', ctx.actor.user.id).orderBy('at', 'desc').orderBy('id', 'desc').limit(limit).execute();
  return rows.map(info);
}

/** Names for a refusal: the first few, then how many more. */
const some = (names: string[]) => (names.length <= 5 ? names.join('、') : `${names.slice(0, 5).join('、')}等 ${names.length} 人`);

export async function undoChange(ctx: Ctx, changeId: string): Promise<ChangeSetInfo> {
  const cs = await changeSetInScope(ctx, changeId);
  if (cs.userId !== ctx.actor.user.id) throw new LedgerError('FORBIDDEN', '只能撤销您本人所做的修改');
  if (cs.undoneBy) throw new LedgerError('CONFLICT', '这次修改已经撤销过了');
  if (cs.undoOf) throw new LedgerError('VALIDATION', '“撤销”本身不能再撤销；如需恢复，请重新修改');
  const entity = CHANGE_ENTITIES[cs.entity];
  if (!entity) throw new LedgerError('VALIDATION', '这类修改不能撤销');
  const rows = await ctx.db.selectFrom('auditLog').select(['entityId', 'before', 'after']).where('changeId', '=', changeId).orderBy('at').execute();

  // Everything is checked before anything is written: an undo is whole or not at all.
  const plans: { current: Record<string, unknown>; patch: Record<string, unknown> }[] = [];
  const changedSince: string[] = [];
  for (const r of rows) {
    const before = JSON.parse(r.before ?? '{}') as Record<string, unknown>;
    if (Object.keys(before).some((k) => entity.eventFields.includes(k))) {
      throw new LedgerError('VALIDATION', `这次修改涉及${entity.eventFieldNames}，这些通过状态变化记录更正，不能直接撤销`);
    }
    const current = await entity.load(ctx, r.entityId!);
    // A record written by anything after this change set (another edit, an import, an event).
    if (current.updatedAt !== cs.at) changedSince.push(current.label);
    plans.push({ current, patch: before });
  }
  if (changedSince.length > 0) {
    throw new LedgerError('CONFLICT', `${some(changedSince)}在这次修改之后又被修改过，不能撤销。请在表格中逐条改回。`, { changedSince: changedSince.length });
  }
  const undoId = await beginChange(ctx, `撤销：${cs.summary}`, cs.entity);
  await ctx.db.updateTable('changeSets').set({ undoOf: changeId }).where('id', '=', undoId).execute();
  let count = 0;
  for (const p of plans) {
    if (await entity.write(ctx, p.current, p.patch)) count++;
    faultPoint('change.undo.afterRecord');
  }
  await ctx.db.updateTable('changeSets').set({ undoneBy: undoId }).where('id', '=', changeId).execute();
  await ctx.db.updateTable('changeSets').set({ count }).where('id', '=', undoId).execute();
  const made = await ctx.db.selectFrom('changeSets').selectAll().where('id', '=', undoId).executeTakeFirstOrThrow();
  return info(made);
}
