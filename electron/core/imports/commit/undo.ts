/**
 * import.undo: the whole batch or nothing. Updated records get their before-image back (from the
 * batch items); created records, found by their import_batch_id, are deleted (events and steps
 * before their person, children before their parents: last created first). If any record of the batch changed since (its updated_at is not the one
 * the batch wrote, or the audit log has a later entry for it from outside the batch), the undo is
 * refused with the list; an administrator may pass `force` to revert anyway (their later edits to
 * those records are then lost, which the audit log still shows).
 */
import { sql } from 'kysely';
import { LedgerError } from '../../../../shared/contract/envelope.js';
import type { Ctx } from '../../context.js';
import { listRootPath, subtreeUpper } from '../../auth/scope.js';
import { batchInScope } from '../../auth/records.js';
import { ENTITY_TABLES, snakeName, type Entity } from './batch-writer.js';

const ENTITY_NAMES: Record<string, string> = { org: '党组织', grid: '网格单元', member: '党员', memberEvent: '党员状态记录', devPerson: '发展党员', devStep: '发展步骤' };

function labelOf(entity: string, row: Record<string, unknown> | undefined, id: string): string {
  const name = row?.name ?? row?.kind ?? row?.step ?? id;
  return `${ENTITY_NAMES[entity] ?? entity}“${String(name)}”`;
}

/** Children before parents: the order created records are deleted in. */
const DELETE_ORDER: readonly Entity[] = ['devStep', 'memberEvent', 'devPerson', 'member', 'grid', 'org'];
/** Dependent rows listed in their person's after-image (one audit row a person). */
const LISTED: Partial<Record<Entity, { key: string; child: Entity; parentColumn: string; name: string }>> = {
  member: { key: 'events', child: 'memberEvent', parentColumn: 'member_id', name: 'kind' },
  devPerson: { key: 'steps', child: 'devStep', parentColumn: 'person_id', name: 'step' },
};

type Row = Record<string, unknown>;
const camel = (r: Row): Row => {
  const out: Row = {};
  for (const k in r) out[k.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase())] = r[k];
  return out;
};

export async function undoBatch(ctx: Ctx, batchId: string, force: boolean): Promise<{ batchId: string; deleted: number; restored: number }> {
  const batch = await batchInScope(ctx, batchId);
  if (batch.status === 'undone') throw new LedgerError('CONFLICT', `该批次已于 ${batch.undoneAt ?? ''} 撤销`);
  if (force && ctx.actor.user.role !== 'admin') throw new LedgerError('FORBIDDEN', '只有管理员可以强制撤销');

  const sqlite = ctx.env.sqlite;
  // Updated records: their batch items (batches written before creates stopped writing items
  // also have create items; created records are found by import_batch_id instead).
  const updates = (await ctx.db.selectFrom('importBatchItems').selectAll().where('batchId', '=', batchId).where('action', '=', 'update').execute())
    // Ids are time-ordered UUIDv7: reverse id order is reverse write order.
    .sort((a, b) => (a.id < b.id ? 1 : -1));
  // Created records: every row carrying the batch id, children first, last created first.
  const created: { entity: Entity; row: Row }[] = [];
  const found = new Set<string>();
  const childCount = new Map<string, Map<string, number>>();
  for (const entity of DELETE_ORDER) {
    const table = snakeName(ENTITY_TABLES[entity]);
    // Orgs and grids: deepest first (a path is its parent's plus one segment).
    const order = entity === 'org' || entity === 'grid' ? 'length(path) DESC, id DESC' : 'id DESC';
    const rows = (sqlite.prepare(`SELECT * FROM ${table} WHERE import_batch_id = ? ORDER BY ${order}`).all(batchId) as Row[]).map(camel);
    for (const row of rows) {
      created.push({ entity, row });
      found.add(`${entity}:${String(row.id)}`);
    }
    for (const l of Object.values(LISTED)) {
      if (l.child !== entity) continue;
      const parentKey = l.parentColumn.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());
      for (const row of rows) {
        const k = `${String(row[parentKey])}`;
        let m = childCount.get(k);
        if (!m) childCount.set(k, (m = new Map()));
        const n = String(row[l.name]);
        m.set(n, (m.get(n) ?? 0) + 1);
      }
    }
  }

  const changed: string[] = [];
  // What the batch created, as its audit rows say (all stamped at the batch's created_at): a
  // created record (or a listed event or step) missing now was deleted since.
  const audited = sqlite
    .prepare(`SELECT entity, entity_id AS entityId, after FROM audit_log WHERE at = ? AND batch_id = ? AND before IS NULL AND entity <> 'importBatch'`)
    .all(batch.createdAt, batchId) as { entity: string; entityId: string; after: string | null }[];
  for (const a of audited) {
    if (!(a.entity in ENTITY_TABLES)) continue;
    const image = a.after ? (JSON.parse(a.after) as Row) : undefined;
    if (!found.has(`${a.entity}:${a.entityId}`)) {
      changed.push(`${labelOf(a.entity, image, a.entityId)}已被删除`);
      continue;
    }
    const l = LISTED[a.entity as Entity];
    const listed = l && image && Array.isArray(image[l.key]) ? (image[l.key] as Row[]) : [];
    const have = new Map(childCount.get(a.entityId) ?? []);
    for (const c of listed) {
      const n = String(c[l!.name]);
      const left = have.get(n) ?? 0;
      if (left > 0) have.set(n, left - 1);
      else changed.push(`${labelOf(a.entity, image, a.entityId)}的${labelOf(l!.child, c, '')}已被删除`);
    }
  }

  const later = (entity: string, entityId: string) =>
    ctx.db
      .selectFrom('auditLog')
      .select(['at', 'username', 'method'])
      .where('entity', '=', entity)
      .where('entityId', '=', entityId)
      .where('at', '>', batch.createdAt)
      .where((eb) => eb.or([eb('batchId', 'is', null), eb('batchId', '!=', batchId)]))
      .orderBy('at')
      .executeTakeFirst();
  for (const { entity, row } of created) {
    const id = String(row.id);
    // The batch wrote updated_at = its created_at on every created row that has one.
    if ('updatedAt' in row && row.updatedAt !== batch.createdAt) {
      changed.push(`${labelOf(entity, row, id)}于${String(row.updatedAt)}被修改`);
      continue;
    }
    const l = await later(entity, id);
    if (l) changed.push(`${labelOf(entity, row, id)}于${l.at}被${l.username ?? ''}修改（${l.method}）`);
  }
  const current = new Map<string, Row | undefined>();
  for (const it of updates) {
    const table = ENTITY_TABLES[it.entity as Entity];
    if (!table) throw new LedgerError('INTERNAL', `未知的批次记录类型：${it.entity}`);
    const row = (await ctx.db.selectFrom(table).selectAll().where('id', '=', it.entityId).executeTakeFirst()) as Row | undefined;
    current.set(`${it.entity}:${it.entityId}`, row);
    const after = it.after ? (JSON.parse(it.after) as Row) : null;
    if (!row) {
      changed.push(`${labelOf(it.entity, after ?? undefined, it.entityId)}已被删除`);
      continue;
    }
    if (after && 'updatedAt' in row && row.updatedAt !== after.updatedAt) {
      changed.push(`${labelOf(it.entity, row, it.entityId)}于${String(row.updatedAt)}被修改`);
      continue;
    }
    const l = await later(it.entity, it.entityId);
    if (l) changed.push(`${labelOf(it.entity, row, it.entityId)}于${l.at}被${l.username ?? ''}修改（${l.method}）`);
  }
  const unique = [...new Set(changed)];
  if (unique.length > 0 && !force) {
    const shown = unique.slice(0, 10).join('；');
    throw new LedgerError('CONFLICT', `该批次导入的记录此后已有改动，不能撤销：${shown}${unique.length > 10 ? ` 等${unique.length}处` : ''}。如确需撤销，请由管理员强制撤销。`, { changed: unique });
  }

  let deleted = 0;
  let restored = 0;
  try {
    // Before-images first: they only refer to records that existed before the batch, so the
    // created records are no longer referenced by an updated one when they are deleted.
    for (const it of updates) {
      const table = ENTITY_TABLES[it.entity as Entity];
      const row = current.get(`${it.entity}:${it.entityId}`);
      const before = JSON.parse(it.before ?? '{}') as Row;
      const { id: _id, ...set } = before;
      await ctx.db.updateTable(table).set(set as never).where('id', '=', it.entityId).execute();
      await ctx.audit(it.entity, it.entityId, row ?? null, before, batchId);
      restored++;
    }
    for (const { entity, row } of created) {
      await ctx.db.deleteFrom(ENTITY_TABLES[entity]).where('id', '=', String(row.id)).execute();
      await ctx.audit(entity, String(row.id), row, null, batchId);
      deleted++;
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
