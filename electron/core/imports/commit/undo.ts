/**
 * import.undo: the whole batch or nothing. Created records are deleted (last created first, so
 * events and steps go before their person and children before their parents); updated records get
 * their before-image back. If any record of the batch changed since (its updated_at is not the one
 * the batch wrote, or the audit log has a later entry for it from outside the batch), the undo is
 * refused with the list; an administrator may pass `force` to revert anyway (their later edits to
 * those records are then lost, which the audit log still shows).
 */
import { sql } from 'kysely';
import { LedgerError } from '../../../../shared/contract/envelope.js';
import type { Ctx } from '../../context.js';
import { assertOrgInScope, listRootPath, subtreeUpper } from '../../auth/scope.js';
import { ENTITY_TABLES, type Entity } from './batch-writer.js';

const ENTITY_NAMES: Record<string, string> = { org: '党组织', grid: '网格单元', member: '党员', memberEvent: '党员状态记录', devPerson: '发展党员', devStep: '发展步骤' };

function labelOf(entity: string, row: Record<string, unknown> | undefined, id: string): string {
  const name = row?.name ?? row?.kind ?? row?.step ?? id;
  return `${ENTITY_NAMES[entity] ?? entity}“${String(name)}”`;
}

/** What the batch wrote for a created record (its audit row's after-image), for naming it. */
async function writtenImage(ctx: Ctx, batchId: string, entity: string, entityId: string): Promise<Record<string, unknown> | undefined> {
  const a = await ctx.db
    .selectFrom('auditLog')
    .select('after')
    .where('entity', '=', entity)
    .where('entityId', '=', entityId)
    .where('batchId', '=', batchId)
    .where('before', 'is', null)
    .executeTakeFirst();
  return a?.after ? (JSON.parse(a.after) as Record<string, unknown>) : undefined;
}

export async function undoBatch(ctx: Ctx, batchId: string, force: boolean): Promise<{ batchId: string; deleted: number; restored: number }> {
  const batch = await ctx.db.selectFrom('importBatches').selectAll().where('id', '=', batchId).executeTakeFirst();
  if (!batch) throw new LedgerError('NOT_FOUND', '导入批次不存在');
  if (batch.senderOrgId) await assertOrgInScope(ctx, batch.senderOrgId);
  else if (ctx.actor.user.role !== 'admin') throw new LedgerError('FORBIDDEN', '只有管理员可以撤销该批次');
  if (batch.status === 'undone') throw new LedgerError('CONFLICT', `该批次已于 ${batch.undoneAt ?? ''} 撤销`);
  if (force && ctx.actor.user.role !== 'admin') throw new LedgerError('FORBIDDEN', '只有管理员可以强制撤销');

  const items = await ctx.db.selectFrom('importBatchItems').selectAll().where('batchId', '=', batchId).execute();
  // Ids are time-ordered UUIDv7: reverse id order is reverse write order.
  items.sort((a, b) => (a.id < b.id ? 1 : -1));

  const changed: string[] = [];
  const current = new Map<string, Record<string, unknown> | undefined>();
  for (const it of items) {
    const table = ENTITY_TABLES[it.entity as Entity];
    if (!table) throw new LedgerError('INTERNAL', `未知的批次记录类型：${it.entity}`);
    const row = (await ctx.db.selectFrom(table).selectAll().where('id', '=', it.entityId).executeTakeFirst()) as Record<string, unknown> | undefined;
    current.set(`${it.entity}:${it.entityId}`, row);
    const after = it.after ? (JSON.parse(it.after) as Record<string, unknown>) : null;
    if (!row) {
      changed.push(`${labelOf(it.entity, after ?? (await writtenImage(ctx, batchId, it.entity, it.entityId)), it.entityId)}已被删除`);
      continue;
    }
    // A created record's item carries no after-image: the batch wrote updated_at = its created_at.
    const wroteUpdatedAt = after ? after.updatedAt : it.action === 'create' ? batch.createdAt : undefined;
    if ((after || it.action === 'create') && 'updatedAt' in row && row.updatedAt !== wroteUpdatedAt) {
      changed.push(`${labelOf(it.entity, row, it.entityId)}于${String(row.updatedAt)}被修改`);
      continue;
    }
    const later = await ctx.db
      .selectFrom('auditLog')
      .select(['at', 'username', 'method'])
      .where('entity', '=', it.entity)
      .where('entityId', '=', it.entityId)
      .where('at', '>', batch.createdAt)
      .where((eb) => eb.or([eb('batchId', 'is', null), eb('batchId', '!=', batchId)]))
      .orderBy('at')
      .executeTakeFirst();
    if (later) changed.push(`${labelOf(it.entity, row, it.entityId)}于${later.at}被${later.username ?? ''}修改（${later.method}）`);
  }
  const unique = [...new Set(changed)];
  if (unique.length > 0 && !force) {
    const shown = unique.slice(0, 10).join('；');
    throw new LedgerError('CONFLICT', `该批次导入的记录此后已有改动，不能撤销：${shown}${unique.length > 10 ? ` 等${unique.length}处` : ''}。如确需撤销，请由管理员强制撤销。`, { changed: unique });
  }

  let deleted = 0;
  let restored = 0;
  try {
    for (const it of items) {
      const table = ENTITY_TABLES[it.entity as Entity];
      const row = current.get(`${it.entity}:${it.entityId}`);
      if (it.action === 'create') {
        if (!row) continue;
        await ctx.db.deleteFrom(table).where('id', '=', it.entityId).execute();
        await ctx.audit(it.entity, it.entityId, row, null, batchId);
        deleted++;
      } else {
        const before = JSON.parse(it.before ?? '{}') as Record<string, unknown>;
        const { id: _id, ...set } = before;
        await ctx.db.updateTable(table).set(set as never).where('id', '=', it.entityId).execute();
        await ctx.audit(it.entity, it.entityId, row ?? null, before, batchId);
        restored++;
      }
    }
  } catch (err) {
    if (err instanceof Error && /FOREIGN KEY/i.test(err.message)) {
      throw new LedgerError('CONFLICT', '该批次新建的记录已被其他记录引用（如后来新增的党员、下级组织或网格），不能撤销；请先处理这些记录', { cause: err.message });
    }
    throw err;
  }
  await ctx.db.updateTable('importBatches').set({ status: 'undone', undoneAt: ctx.now }).where('id', '=', batchId).execute();
  await ctx.audit('importBatch', batchId, { status: 'committed' }, { status: 'undone', deleted, restored, force }, batchId);
  return { batchId, deleted, restored };
}

export async function listBatches(ctx: Ctx, orgId: string | undefined, offset: number, limit: number) {
  const root = await listRootPath(ctx, orgId);
  const q = ctx.db
    .selectFrom('importBatches as b')
    .leftJoin('orgs as o', 'o.id', 'b.senderOrgId')
    .leftJoin('users as u', 'u.id', 'b.userId')
    .where((eb) => eb.and([eb('o.path', '>=', root), eb('o.path', '<', subtreeUpper(root))]));
  const total = await q.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
  const rows = await q
    .select(['b.id', 'b.kind', 'b.senderOrgId', 'o.name as senderOrgName', 'u.username', 'b.files', 'b.counts', 'b.status', 'b.createdAt', 'b.undoneAt'])
    .orderBy('b.createdAt', 'desc')
    .orderBy('b.id', 'desc')
    .limit(limit)
    .offset(offset)
    .execute();
  return {
    total: Number(total.n),
    rows: rows.map((r) => ({ ...r, senderOrgName: r.senderOrgName ?? null, username: r.username ?? null, files: JSON.parse(r.files) as string[], counts: JSON.parse(r.counts) as Record<string, number> })),
  };
}
