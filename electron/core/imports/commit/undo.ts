/**
 * import.undo: the whole batch or nothing, in the call's one transaction. Updated records get
 * their before-image back (from the batch items), each audited; created records, found by their
 * import_batch_id, are deleted table by table, children first. As at the commit, the records the
 * batch created get no audit row each (the batch's undo row counts what was deleted); those the
 * commit audited on its own (rows added to known records; every created record of a batch
 * committed before the batch row counted them, a person with its events or steps listed) get one
 * with their before-image. If any record of the batch changed
 * since (undo-conflicts.ts) the undo is refused with the list; an administrator may pass `force` to
 * revert anyway (their later edits to those records are then lost, which the audit log still
 * shows). Who may undo which batch: undo-rule.ts.
 *
 * Speed: set-based. The checks are a few statements per table; each table's created rows are
 * deleted by one DELETE (foreign keys are checked at its end, so parents and children of one table
 * go together; migration 009 indexes the columns that reference members), after their
 * before-images are read page by page as JSON built by SQLite. Raw statements on the transaction's
 * connection (as the commit's BatchWriter does), never per-row Kysely queries: undoing 50,000
 * members took 24 × their commit that way (bench).
 */
import { LedgerError } from '../../../../shared/contract/envelope.js';
import type { Ctx } from '../../context.js';
import { batchInScope } from '../../auth/records.js';
import { orgPath } from '../../auth/scope.js';
import { faultPoint } from '../../util/fault.js';
import { BatchWriter, camelName, DERIVED_ROWS, ENTITY_TABLES, LISTED_CHILDREN, snakeName, type Entity } from './batch-writer.js';
import { auditedCreates, changesSince, type Audited } from './undo-conflicts.js';
import { undoRefusal } from './undo-rule.js';
import { holdCheckpointDuringCommit } from './after-commit.js';

/** Children before parents: the order created records are deleted in. */
const DELETE_ORDER: readonly Entity[] = ['reserveRecord', 'reserve', 'devStep', 'memberEvent', 'gridRegistration', 'gridChange', 'teamMonth', 'meetingAttendance', 'devPerson', 'teamMember', 'meeting', 'member', 'grid', 'orgElection', 'org'];
/** Rows read per statement for their audit images. */
const PAGE = 2048;

type Row = Record<string, unknown>;

export async function undoBatch(ctx: Ctx, batchId: string, force: boolean): Promise<{ batchId: string; deleted: number; restored: number }> {
  const batch = await batchInScope(ctx, batchId);
  const refusal = undoRefusal(ctx.actor, { userId: batch.userId, senderPath: batch.senderOrgId ? await orgPath(ctx.db, batch.senderOrgId) : null });
  if (refusal) throw new LedgerError('FORBIDDEN', refusal);
  if (batch.status === 'undone') throw new LedgerError('CONFLICT', `该批次已于 ${batch.undoneAt ?? ''} 撤销`);
  if (force && ctx.actor.user.role !== 'admin') throw new LedgerError('FORBIDDEN', '只有管理员可以强制撤销');

  // A big undo reads the batch and writes as much WAL as its commit: the same checkpoint hold and
  // page cache limit (after-commit.ts), from the checks on.
  const release = holdCheckpointDuringCommit(ctx.env.sqlite);
  try {
    const audited = auditedCreates(ctx.env.sqlite, batch);
    const changed = changesSince(ctx.env.sqlite, batch, audited);
    if (changed.length > 0 && !force) {
      const shown = changed.slice(0, 10).join('；');
      throw new LedgerError('CONFLICT', `该批次导入的记录此后已有改动，不能撤销：${shown}${changed.length > 10 ? ` 等${changed.length}处` : ''}。如确需撤销，请由管理员强制撤销。`, { changed });
    }
    // The audit rows of this call carry the batch id, as the commit's did.
    const w = new BatchWriter(ctx, batchId);
    let restored = 0;
    let deleted = 0;
    // Per entity, for the batch's undo row (the deleted records get no row each, as at the commit).
    const deletedRecords: Partial<Record<Entity, number>> = {};
    try {
      // Before-images first: they only refer to records that existed before the batch, so the
      // created records are no longer referenced by an updated one when they are deleted.
      restored = restoreUpdated(w);
      faultPoint('import.undo.afterRestore');
      // Audit rows first: an older batch's person row lists its events or steps, deleted before it.
      for (const entity of DELETE_ORDER) auditCreated(w, entity, audited);
      for (const entity of DELETE_ORDER) {
        const n = w.run(`DELETE FROM ${snakeName(ENTITY_TABLES[entity])} WHERE import_batch_id = ?`, batchId);
        deleted += n;
        if (n > 0) {
          deletedRecords[entity] = n;
          faultPoint('import.undo.afterTable');
        }
      }
    } catch (err) {
      if (err instanceof Error && /FOREIGN KEY/i.test(err.message)) {
        throw new LedgerError('CONFLICT', '该批次新建的记录已被其他记录引用（如后来新增的党员、下级组织或网格），不能撤销；请先处理这些记录', { cause: err.message });
      }
      throw err;
    }
    w.finish();
    faultPoint('import.undo.afterDelete');
    await ctx.db.updateTable('importBatches').set({ status: 'undone', undoneAt: ctx.now }).where('id', '=', batchId).execute();
    await ctx.audit('importBatch', batchId, { status: 'committed' }, { status: 'undone', deleted, restored, force, deletedRecords }, batchId);
    // The transaction commits as the handler returns.
    faultPoint('import.undo.beforeCommit');
    return { batchId, deleted, restored };
  } finally {
    release();
  }
}

/** Puts back the before-image of every record the batch updated, last written first. */
function restoreUpdated(w: BatchWriter): number {
  const items = w.all<{ entity: string; entityId: string; before: string | null }>(
    `SELECT entity, entity_id AS entityId, before FROM import_batch_items WHERE batch_id = ? AND action = 'update' ORDER BY id DESC`,
    w.batchId,
  );
  for (const it of items) {
    const entity = it.entity as Entity;
    if (!(entity in ENTITY_TABLES)) throw new LedgerError('INTERNAL', `未知的批次记录类型：${it.entity}`);
    const table = snakeName(ENTITY_TABLES[entity]);
    const raw = w.all<Row>(`SELECT * FROM ${table} WHERE id = ?`, it.entityId)[0];
    const current: Row | null = raw ? Object.fromEntries(Object.entries(raw).map(([k, v]) => [camelName(k), v])) : null;
    const before = JSON.parse(it.before ?? '{}') as Row;
    const keys = Object.keys(before).filter((k) => k !== 'id');
    if (keys.length > 0) {
      w.run(`UPDATE ${table} SET ${keys.map((k) => `${snakeName(k)} = ?`).join(', ')} WHERE id = ?`, ...keys.map((k) => before[k] as string | number | null), it.entityId);
    }
    w.audit(entity, it.entityId, current ? JSON.stringify(current) : null, it.before, current ?? before);
  }
  return items.length;
}

/**
 * A row of `alias` as compact JSON text built by SQLite, without its closing brace: `id` first, then
 * every non-null column (camelCase keys, as the commit's created images; an absent field is null).
 */
function imageSql(w: BatchWriter, entity: Entity, alias: string): string {
  const table = snakeName(ENTITY_TABLES[entity]);
  const columns = w.all<{ name: string }>(`SELECT name FROM pragma_table_info('${table}') ORDER BY cid`).map((c) => c.name);
  const rest = columns.filter((c) => c !== 'id').map((c) => `iif(${alias}.${c} IS NULL, '', ',"${camelName(c)}":' || json_quote(${alias}.${c}))`);
  return `'{"id":' || json_quote(${alias}.id) || ${rest.join(' || ')}`;
}

/**
 * One audit row (before-image, no after) for every row of the entity's table the commit audited on
 * its own, read page by page: none where the batch's row alone counted them. In an older batch a
 * created person's row lists its events or steps, which get no row of their own; events or steps
 * the batch added to people it did not create get theirs.
 */
function auditCreated(w: BatchWriter, entity: Entity, audited: Audited): void {
  const table = snakeName(ENTITY_TABLES[entity]);
  let image = `${imageSql(w, entity, 't')} || '}'`;
  let where = 't.import_batch_id = ?';
  const params: string[] = [w.batchId];
  const listed = LISTED_CHILDREN.find((l) => l.parent === entity);
  const asChild = LISTED_CHILDREN.find((l) => l.child === entity);
  // No creation audit row of this kind: the batch's row counted them all (older batches: dependent
  // rows listed with their person).
  if (!audited.own.has(entity)) return;
  if (listed && (audited.own.get(entity)?.listed ?? 0) > 0) {
    // NULL without children (the key is left out); group_concat joins the texts without parsing them.
    const children = `SELECT group_concat(${imageSql(w, listed.child, 'c')} || '}', ',') FROM ${snakeName(ENTITY_TABLES[listed.child])} c
      WHERE c.${listed.parentColumn} = t.id AND c.import_batch_id = ?`;
    image = `${imageSql(w, entity, 't')} || coalesce(',"${listed.key}":[' || (${children}) || ']', '') || '}'`;
    params.unshift(w.batchId);
  }
  // Rows listed with, or restating, a record the batch created go with that record's audit row.
  const owner = asChild ?? DERIVED_ROWS.find((d) => d.entity === entity);
  if (owner) {
    where += ` AND t.${owner.parentColumn} NOT IN (SELECT id FROM ${snakeName(ENTITY_TABLES[owner.parent])} WHERE import_batch_id = ?)`;
    params.push(w.batchId);
  }
  const page = `SELECT t.rowid AS r, t.id, ${image} AS image FROM ${table} t WHERE ${where} AND t.rowid > ? ORDER BY t.rowid LIMIT ${PAGE}`;
  for (let last = 0; ; ) {
    const rows = w.all<{ r: number; id: string; image: string }>(page, ...params, last);
    for (const r of rows) w.audit(entity, r.id, r.image, null, JSON.parse(r.image) as Row);
    if (rows.length < PAGE) break;
    last = rows[rows.length - 1]!.r;
  }
}
