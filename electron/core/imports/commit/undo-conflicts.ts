/**
 * What keeps an import batch from being undone: every record of it that changed since the batch,
 * named for the clerk. Exact, and set-based (a few statements per table, none per record):
 *   - fewer rows carrying the batch id than the batch's audit row says it created (createdRecords),
 *     named where a creation audit row of their own names them (rows added to known records), else
 *     counted; batches committed before the batch row counted them audited every created record,
 *     and those records (and the events or steps listed in a person's image) are named;
 *   - a created record whose updated_at is not the batch's created_at (every created row was
 *     written with it);
 *   - a created or updated record with an audit entry after the batch from outside the batch;
 *   - an updated record that no longer exists or whose updated_at is not the one the batch wrote.
 *
 * Only the commit writes a batch id, so the rows carrying it can only have become fewer: when a
 * table still holds as many as the batch's audit rows say it created, none is gone, and the
 * statements that would name the missing ones are skipped. Likewise when no audit row was written
 * after the batch, no record can have a later entry.
 */
import type { SqliteHandle } from '../../db/open.js';
import { ENTITY_TABLES, LISTED_CHILDREN, snakeName, type Entity } from './batch-writer.js';

const ENTITY_NAMES: Record<Entity, string> = { org: '党组织', orgElection: '换届记录', grid: '网格单元', member: '党员', memberEvent: '党员状态记录', devPerson: '发展党员', devStep: '发展步骤', reserve: '后备力量', reserveRecord: '后备力量记录', teamMember: '驻村干部', teamMonth: '驻村天数', meeting: '组织生活记录', meetingAttendance: '出席记录', gridChange: '网格单元历史记录', gridRegistration: '网格报到记录' };
/** The column that names a record in messages. */
const LABEL_COLUMN: Record<Entity, string> = { org: 'name', orgElection: 'elected_on', grid: 'name', member: 'name', memberEvent: 'kind', devPerson: 'name', devStep: 'step', reserve: 'name', reserveRecord: 'kind', teamMember: 'name', teamMonth: 'month', meeting: 'held_on', meetingAttendance: 'member_id', gridChange: 'kind', gridRegistration: 'from_date' };
/** Tables whose rows carry updated_at. */
const HAS_UPDATED_AT: ReadonlySet<Entity> = new Set(['org', 'orgElection', 'grid', 'member', 'devPerson', 'reserve', 'teamMember', 'teamMonth', 'meeting']);
const ENTITIES = Object.keys(ENTITY_TABLES) as Entity[];

const tableOf = (e: Entity): string => snakeName(ENTITY_TABLES[e]);
const label = (e: Entity, name: unknown, id: string): string => `${ENTITY_NAMES[e]}“${String(name ?? id)}”`;

interface Batch {
  id: string;
  createdAt: string;
}
export interface Audited {
  /** Per entity: how many records creation audit rows of their own name, and how many rows they list. */
  own: ReadonlyMap<string, { n: number; listed: number | null }>;
  /** Per entity: the rows the batch created, as its audit row counts them; null for older batches. */
  recorded: Readonly<Record<string, number>> | null;
}

/** What the batch's audit rows say it created (one pass over them). */
export function auditedCreates(sqlite: SqliteHandle, batch: Batch): Audited {
  const listPath = `CASE a.entity ${LISTED_CHILDREN.map((l) => `WHEN '${l.parent}' THEN '$.${l.key}'`).join(' ')} END`;
  const rows = sqlite
    .prepare(
      `SELECT a.entity, count(*) AS n, sum(json_array_length(a.after, ${listPath})) AS listed, max(iif(a.entity = 'importBatch', a.after ->> '$.createdRecords')) AS recorded
       FROM audit_log a WHERE a.at = ? AND +a.batch_id = ? AND a.before IS NULL GROUP BY a.entity`,
    )
    .all(batch.createdAt, batch.id) as { entity: string; n: number; listed: number | null; recorded: string | null }[];
  const recorded = rows.find((r) => r.entity === 'importBatch')?.recorded ?? null;
  return { own: new Map(rows.map((r) => [r.entity, r])), recorded: recorded === null ? null : (JSON.parse(recorded) as Record<string, number>) };
}

type Later = { id: string; name: unknown; at: string; username: string | null; method: string };

export function changesSince(sqlite: SqliteHandle, batch: Batch, audited: Audited): string[] {
  const all = <T>(sql: string, ...params: unknown[]): T[] => sqlite.prepare(sql).all(...params) as T[];
  const one = <T>(sql: string, ...params: unknown[]): T => all<T>(sql, ...params)[0]!;
  const out: string[] = [];
  // The batch's creation audit rows share its created_at: found through the audit_at index (the
  // unary + keeps the planner off the audit_entity index, which holds every row of the kind).
  const createdAudit = `a.at = ? AND +a.batch_id = ? AND a.before IS NULL AND +a.entity = ?`;

  // What the tables hold now: rows carrying the batch id, and those edited since (updated_at).
  const held = new Map<Entity, { n: number; edited: number }>();
  for (const e of ENTITIES) {
    const [edited, params] = HAS_UPDATED_AT.has(e) ? ['coalesce(sum(updated_at IS NOT ?), 0)', [batch.createdAt, batch.id]] : ['0', [batch.id]];
    held.set(e, one(`SELECT count(*) AS n, ${edited} AS edited FROM ${tableOf(e)} WHERE import_batch_id = ?`, ...params));
  }

  const gone = (e: Entity) => {
    const rows = all<{ id: string; name: unknown }>(
      `SELECT a.entity_id AS id, coalesce(a.after ->> '$.name', a.after ->> '$.kind', a.after ->> '$.step') AS name FROM audit_log a
       WHERE ${createdAudit} AND NOT EXISTS (SELECT 1 FROM ${tableOf(e)} t WHERE t.id = a.entity_id)`,
      batch.createdAt, batch.id, e,
    );
    for (const g of rows) out.push(`${label(e, g.name, g.id)}已被删除`);
  };
  const listedGone = (l: (typeof LISTED_CHILDREN)[number]) => {
    const col = LABEL_COLUMN[l.child];
    const rows = all<{ id: string; name: unknown; child: string }>(
      `SELECT a.entity_id AS id, a.after ->> '$.name' AS name, j.value ->> '$.${col}' AS child, count(*) AS listed,
         (SELECT count(*) FROM ${tableOf(l.child)} c WHERE c.${l.parentColumn} = a.entity_id AND c.${col} = j.value ->> '$.${col}' AND c.import_batch_id = ?) AS have
       FROM audit_log a, json_each(a.after, '$.${l.key}') AS j
       WHERE ${createdAudit} AND EXISTS (SELECT 1 FROM ${tableOf(l.parent)} p WHERE p.id = a.entity_id)
       GROUP BY a.entity_id, child HAVING have < listed`,
      batch.id, batch.createdAt, batch.id, l.parent,
    );
    for (const m of rows) out.push(`${label(l.parent, m.name, m.id)}的${label(l.child, m.child, '')}已被删除`);
  };
  for (const e of ENTITIES) {
    const asChild = LISTED_CHILDREN.find((l) => l.child === e);
    const own = audited.own;
    const expected = audited.recorded ? (audited.recorded[e] ?? 0) : (own.get(e)?.n ?? 0) + (asChild ? (own.get(asChild.parent)?.listed ?? 0) : 0);
    const have = held.get(e)!.n;
    if (have >= expected) continue;
    const named = out.length;
    gone(e);
    if (!audited.recorded) {
      if (asChild) listedGone(asChild);
      continue;
    }
    // Records counted only by the batch's row: how many are gone (each deletion made through the
    // ledger has its own audit row, naming the record).
    const missing = expected - have - (out.length - named);
    if (missing > 0) out.push(`本批次新建的${ENTITY_NAMES[e]}中有${missing}条已被删除`);
  }

  // Audit entries after the batch from outside it, per record: driven by whichever is smaller, the
  // audit rows written since or the records (a batch undone at once has none since).
  const since = one<{ n: number }>(`SELECT count(*) AS n FROM audit_log WHERE at > ?`, batch.createdAt).n;
  /** `which`: a condition on the `records` records `t` to look at, with its parameters. */
  const laterEntries = (e: Entity, records: number, which: string, params: unknown[]): Later[] => {
    if (since === 0 || records === 0) return [];
    const t = tableOf(e);
    const [from, entity] = since < records ? [`audit_log a CROSS JOIN ${t} t ON t.id = a.entity_id`, '+a.entity'] : [`${t} t CROSS JOIN audit_log a ON a.entity_id = t.id`, 'a.entity'];
    return all<Later>(
      `SELECT t.id, t.${LABEL_COLUMN[e]} AS name, min(a.at) AS at, a.username, a.method FROM ${from}
       WHERE ${entity} = ? AND a.at > ? AND (a.batch_id IS NULL OR a.batch_id <> ?) AND ${which}
       GROUP BY t.id ORDER BY min(a.at)`,
      e, batch.createdAt, batch.id, ...params,
    );
  };
  const editedBy = (e: Entity, l: Later) => `${label(e, l.name, l.id)}于${l.at}被${l.username ?? ''}修改（${l.method}）`;

  // Created records: edited since (reported once), else a later audit entry.
  for (const e of ENTITIES) {
    const { n, edited } = held.get(e)!;
    if (edited > 0) {
      const rows = all<{ id: string; name: unknown; updatedAt: string }>(
        `SELECT id, ${LABEL_COLUMN[e]} AS name, updated_at AS updatedAt FROM ${tableOf(e)} WHERE import_batch_id = ? AND updated_at IS NOT ?`,
        batch.id, batch.createdAt,
      );
      for (const c of rows) out.push(`${label(e, c.name, c.id)}于${c.updatedAt}被修改`);
    }
    const [which, params] = HAS_UPDATED_AT.has(e) ? ['t.import_batch_id = ? AND t.updated_at = ?', [batch.id, batch.createdAt]] : ['t.import_batch_id = ?', [batch.id]];
    for (const l of laterEntries(e, n - edited, which, params)) out.push(editedBy(e, l));
  }

  // Updated records: their batch items hold the after-image the batch wrote.
  for (const e of ENTITIES) {
    const t = tableOf(e);
    const items = all<{ id: string; present: number; name: unknown; afterName: unknown; updatedAt: string | null; wrote: string | null }>(
      `SELECT i.entity_id AS id, t.id IS NOT NULL AS present, t.${LABEL_COLUMN[e]} AS name, i.after ->> '$.${LABEL_COLUMN[e]}' AS afterName,
         ${HAS_UPDATED_AT.has(e) ? 't.updated_at' : 'NULL'} AS updatedAt, i.after ->> '$.updatedAt' AS wrote
       FROM import_batch_items i LEFT JOIN ${t} t ON t.id = i.entity_id
       WHERE i.batch_id = ? AND i.action = 'update' AND i.entity = ?
       ORDER BY i.id DESC`,
      batch.id, e,
    );
    if (items.length === 0) continue;
    const reported = new Set<string>();
    for (const it of items) {
      if (!it.present) out.push(`${label(e, it.afterName, it.id)}已被删除`);
      else if (it.wrote !== null && it.updatedAt !== null && it.updatedAt !== it.wrote) out.push(`${label(e, it.name, it.id)}于${it.updatedAt}被修改`);
      else continue;
      reported.add(it.id);
    }
    const updated = `t.id IN (SELECT entity_id FROM import_batch_items WHERE batch_id = ? AND action = 'update' AND entity = ?)`;
    for (const l of laterEntries(e, items.length, updated, [batch.id, e])) if (!reported.has(l.id)) out.push(editedBy(e, l));
  }
  return [...new Set(out)];
}
