/**
 * Writes inside the commit's transaction: created rows carrying the batch id, updated rows with an
 * import_batch_items row (for undo) and an audit row each.
 *
 * What is stored where (written once, not twice):
 *   - create: the row itself carries import_batch_id, which is all undo needs to delete it
 *     (`WHERE import_batch_id = ?`, children first), so a create writes no batch item. The records
 *     a batch creates get no audit row each: the batch's one audit row (entity importBatch, written
 *     by commit.ts) lists how many rows of each kind it created (`createdRecords`, from `tally`), and
 *     each created row names its batch (import_batch_id), which audit.list shows with the record's
 *     history. Undo's "changed since" test compares the row's updated_at with the batch's created_at,
 *     which is the updated_at every created row was given (the same ctx.now), and the rows still
 *     carrying the batch id with those counts; rows without updated_at (events, steps) are only ever
 *     created with their person. A row the batch adds to a record it did not create (a known
 *     member's 转正 event, a moved grid registration) is part of changing that record, and is
 *     audited on its own with its after-image (compact JSON, non-null fields only).
 *   - update: the batch item keeps the full before/after rows (undo restores the before-image);
 *     the audit row holds the changed fields' before and after values.
 *
 * Batches committed before the batch row listed its counts audited every created record (a person
 * with its events or steps listed in its image, LISTED_CHILDREN); undo still reads those.
 *
 * Speed: a 50,000-row roster writes ~150,000 rows (member, 2 events a person) and one audit row. Going through Kysely one insert at a time cost ~3 ms a person; here the rows go
 * through prepared statements on the raw better-sqlite3 handle (ctx.env.sqlite). That handle is
 * the one connection Kysely's transaction runs on, so these writes are inside the same BEGIN …
 * COMMIT as everything else of the call: an error or a crash before COMMIT leaves none of them
 * (test/integration/import-commit-raw.test.ts checks it). Every raw write first asserts that a
 * transaction is open. Batch items and audit rows are buffered and written many rows per
 * statement; `finish()` flushes them and must run before the handler returns.
 */
import type { Kysely } from 'kysely';
import type { Statement } from 'better-sqlite3-multiple-ciphers';
import type { DB } from '../../db/schema.js';
import type { Ctx } from '../../context.js';
import type { SqliteHandle } from '../../db/open.js';
import { LedgerError } from '../../../../shared/contract/envelope.js';
import { auditValues } from '../../audit/audit.js';
import { orgInImages } from '../../audit/audit-org.js';
import { newId } from '../../util/ids.js';

/** Entity names of batch items and audit rows → their tables. */
export const ENTITY_TABLES = {
  org: 'orgs',
  orgElection: 'orgElections',
  grid: 'grids',
  member: 'members',
  memberEvent: 'memberEvents',
  devPerson: 'devPeople',
  devStep: 'devSteps',
  reserve: 'reserves',
  reserveRecord: 'reserveRecords',
  teamMember: 'teamMembers',
  teamMonth: 'teamMonths',
  meeting: 'meetings',
  meetingAttendance: 'meetingAttendance',
  gridChange: 'gridChanges',
  gridRegistration: 'gridRegistrations',
} as const satisfies Record<string, keyof DB>;
export type Entity = keyof typeof ENTITY_TABLES;

/**
 * Dependent rows a created person's own audit row listed in batches committed before the batch row
 * counted them (one audit row a person, both at the commit and at its undo): under `key`, the rows
 * of `child` whose `parentColumn` is the person's id.
 */
export const LISTED_CHILDREN: readonly { parent: Entity; key: string; child: Entity; parentColumn: string }[] = [
  { parent: 'member', key: 'events', child: 'memberEvent', parentColumn: 'member_id' },
  { parent: 'devPerson', key: 'steps', child: 'devStep', parentColumn: 'person_id' },
  { parent: 'reserve', key: 'records', child: 'reserveRecord', parentColumn: 'reserve_id' },
  { parent: 'grid', key: 'history', child: 'gridChange', parentColumn: 'grid_id' },
];

/**
 * Rows that restate columns of a record created with them, so they get no audit row of their own,
 * neither when written nor when undo deletes them: a created member's registration with a grid
 * (grid_registrations) is the member's gridId and gridRegisteredOn, which its image holds. The same
 * rows of members the batch did not create are audited like any record.
 */
export const DERIVED_ROWS: readonly { entity: Entity; parent: Entity; parentColumn: string }[] = [
  { entity: 'gridRegistration', parent: 'member', parentColumn: 'member_id' },
];

/** Kysely's CamelCasePlugin naming, both ways (memberEvents ↔ member_events). */
export const snakeName = (k: string): string => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
export const camelName = (k: string): string => k.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());

type SqlValue = string | number | bigint | Buffer | null;
const bindable = (v: unknown): SqlValue => (v === undefined || v === null ? null : typeof v === 'boolean' ? (v ? 1 : 0) : (v as SqlValue));

/**
 * A created row's after-image for its audit row: JSON of its non-null fields (a member row is half
 * nulls), leaving out what the audit row itself already says — `id` (= entity_id),
 * `importBatchId` (= batch_id) and `createdAt` / `updatedAt` when they are the audit row's `at`.
 * Reading it back, an absent field is a null one. Keys are column names (plain identifiers).
 */
export function createdImage(keys: readonly string[], row: Record<string, unknown>, batchId: string, at: string): string {
  let s = '';
  for (const k of keys) {
    const v = row[k];
    if (v === null || v === undefined) continue;
    if (k === 'id' || ((k === 'createdAt' || k === 'updatedAt') && v === at) || (k === 'importBatchId' && v === batchId)) continue;
    s += `${s === '' ? '{"' : ',"'}${k}":${typeof v === 'number' ? String(v) : JSON.stringify(v)}`;
  }
  return s === '' ? '{}' : s + '}';
}

function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Rows of one table written many per INSERT; the column order is fixed by the first row. */
class RowBuffer {
  private params: SqlValue[] = [];
  private rows = 0;
  private readonly stmts = new Map<number, Statement>();

  constructor(
    private readonly w: BatchWriter,
    private readonly table: string,
    private readonly columns: readonly string[],
    private readonly perStatement: number,
  ) {}

  push(values: readonly SqlValue[]): void {
    for (const v of values) this.params.push(v);
    if (++this.rows === this.perStatement) this.flush();
  }

  flush(): void {
    if (this.rows === 0) return;
    let stmt = this.stmts.get(this.rows);
    if (!stmt) {
      const one = `(${this.columns.map(() => '?').join(',')})`;
      stmt = this.w.prepare(`INSERT INTO ${this.table} (${this.columns.join(',')}) VALUES ${Array.from({ length: this.rows }, () => one).join(',')}`);
      this.stmts.set(this.rows, stmt);
    }
    this.w.assertInTransaction();
    stmt.run(this.params);
    this.params = [];
    this.rows = 0;
  }
}

const ITEM_COLUMNS = ['id', 'batch_id', 'entity', 'entity_id', 'action', 'before', 'after'] as const;

export class BatchWriter {
  created = 0;
  updated = 0;
  private readonly sqlite: SqliteHandle;
  private readonly inserts = new Map<string, Statement>();
  private readonly selects = new Map<string, Statement>();
  private readonly columnsOf = new Map<string, Set<string>>();
  private readonly items: RowBuffer;
  private readonly audits: RowBuffer;
  private readonly auditTemplate: SqlValue[];
  private readonly auditAt: { id: number; entity: number; entityId: number; before: number; after: number; orgId: number };
  /** Organisations of the people updated in this batch: the steps added to them are audited there. */
  private readonly personOrgs = new Map<string, string>();
  private readonly lastInsert = new Map<Entity, { keys: readonly string[]; stmt: Statement }>();
  private readonly stamp: { actor: Ctx['actor']; method: string; at: string };
  /** Rows written carrying the batch id, per entity (the batch's audit row lists them). */
  private readonly createdRows = new Map<Entity, number>();

  constructor(
    readonly ctx: Ctx,
    readonly batchId: string,
  ) {
    this.sqlite = ctx.env.sqlite;
    this.stamp = { actor: ctx.actor, method: ctx.method, at: ctx.now };
    this.items = new RowBuffer(this, 'import_batch_items', ITEM_COLUMNS, 64);
    // audit_log's columns as auditValues names them; the stamp's values are the same for every row.
    const stampRow = auditValues(this.stamp, '', null, null, null, this.batchId) as Record<string, unknown>;
    const auditColumns = Object.keys(stampRow);
    const col = (k: string) => {
      const i = auditColumns.indexOf(k);
      if (i < 0) throw new LedgerError('INTERNAL', `audit_log 没有列：${k}`);
      return i;
    };
    this.auditAt = { id: col('id'), entity: col('entity'), entityId: col('entityId'), before: col('before'), after: col('after'), orgId: col('orgId') };
    this.auditTemplate = auditColumns.map((k) => bindable(stampRow[k]));
    this.audits = new RowBuffer(this, 'audit_log', auditColumns.map(snakeName), 64);
  }

  get db(): Kysely<DB> {
    return this.ctx.db;
  }

  /** Raw writes are only ever part of the call's transaction. */
  assertInTransaction(): void {
    if (!this.sqlite.inTransaction) throw new LedgerError('INTERNAL', '导入写入必须在事务中进行');
  }

  prepare(sql: string): Statement {
    return this.sqlite.prepare(sql);
  }

  /** A write inside the transaction (prepared once per writer); returns the rows it changed. */
  run(sql: string, ...params: SqlValue[]): number {
    let stmt = this.inserts.get(sql);
    if (!stmt) {
      stmt = this.prepare(sql);
      this.inserts.set(sql, stmt);
    }
    this.assertInTransaction();
    return stmt.run(params).changes;
  }

  /** A read inside the transaction through a statement prepared once per writer. */
  all<T>(sql: string, ...params: SqlValue[]): T[] {
    let stmt = this.selects.get(sql);
    if (!stmt) {
      stmt = this.prepare(sql);
      this.selects.set(sql, stmt);
    }
    return stmt.all(params) as T[];
  }

  private tableColumns(table: string): Set<string> {
    let cols = this.columnsOf.get(table);
    if (!cols) {
      cols = new Set((this.sqlite.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name));
      this.columnsOf.set(table, cols);
    }
    return cols;
  }

  /** INSERT for these keys of an entity's table, prepared once per key list. */
  private insertFor(entity: Entity, keys: readonly string[]): Statement {
    // Rows of one entity come with the same keys in the same order: compare with the last list.
    const last = this.lastInsert.get(entity);
    if (last && sameKeys(last.keys, keys)) return last.stmt;
    const table = snakeName(ENTITY_TABLES[entity]);
    const cacheKey = `${table}|${keys.join(',')}`;
    let stmt = this.inserts.get(cacheKey);
    if (!stmt) {
      const cols = keys.map(snakeName);
      const known = this.tableColumns(table);
      const unknown = cols.filter((c) => !known.has(c));
      if (unknown.length > 0) throw new LedgerError('INTERNAL', `表 ${table} 没有列：${unknown.join('、')}`);
      stmt = this.prepare(`INSERT INTO ${table} (${cols.join(',')}) VALUES (${cols.map(() => '?').join(',')})`);
      this.inserts.set(cacheKey, stmt);
    }
    this.lastInsert.set(entity, { keys, stmt });
    return stmt;
  }

  /**
   * The organisation of an audited row, from the row in hand (no read per row): its own column; an
   * event added to a member carries the member's organisation; a step added to a person takes the
   * person's, updated just before in this batch.
   */
  private orgOf(entity: Entity, id: string, row: Record<string, unknown>): string {
    const org =
      entity === 'memberEvent' ? row.orgId : entity === 'devStep' ? this.personOrgs.get(String(row.personId)) : orgInImages(entity, id, [row]);
    return typeof org === 'string' ? org : this.ctx.actor.user.scopeOrgId;
  }

  /**
   * One audit row (buffered): the stamp's columns (fixed for the writer) with this change's six set.
   * `row` is the record it is about (the commit's row, the undo's current row or before-image), for
   * its organisation.
   */
  audit(entity: Entity, entityId: string, before: string | null, after: string | null, row: Record<string, unknown>): void {
    const values = this.auditTemplate.slice();
    const at = this.auditAt;
    values[at.id] = newId();
    values[at.entity] = entity;
    values[at.entityId] = entityId;
    values[at.before] = before;
    values[at.after] = after;
    values[at.orgId] = this.orgOf(entity, entityId, row);
    this.audits.push(values);
  }

  /** The entity's row as Kysely would return it (camelCase keys). */
  fetch(entity: Entity, id: string): Record<string, unknown> {
    const table = snakeName(ENTITY_TABLES[entity]);
    let stmt = this.selects.get(table);
    if (!stmt) {
      stmt = this.prepare(`SELECT * FROM ${table} WHERE id = ?`);
      this.selects.set(table, stmt);
    }
    const raw = stmt.get(id) as Record<string, unknown> | undefined;
    if (!raw) throw new LedgerError('NOT_FOUND', `记录不存在：${entity} ${id}`);
    const out: Record<string, unknown> = {};
    for (const k in raw) out[camelName(k)] = raw[k];
    return out;
  }

  /** Inserts a row of the entity's table; nothing else (no audit row, no batch item). */
  insert(entity: Entity, row: Record<string, unknown>): readonly string[] {
    const keys = Object.keys(row);
    if (row.importBatchId === this.batchId) this.tally(entity, 1);
    const stmt = this.insertFor(entity, keys);
    const values = new Array<SqlValue>(keys.length);
    for (let i = 0; i < keys.length; i++) values[i] = bindable(row[keys[i]!]);
    this.assertInTransaction();
    stmt.run(values);
    return keys;
  }

  /** Counts `n` rows of the entity written carrying the batch id (by `insert` or by a set-based INSERT). */
  tally(entity: Entity, n: number): void {
    if (n > 0) this.createdRows.set(entity, (this.createdRows.get(entity) ?? 0) + n);
  }

  /** What the batch created, per entity, for its audit row (`createdRecords`). */
  createdCounts(): Partial<Record<Entity, number>> {
    return Object.fromEntries(this.createdRows);
  }

  /**
   * A created row (it must carry importBatchId = the batch's id: undo finds it by that). A record of
   * the batch's own (`ownRecord`, counted in `created`) gets no audit row: the batch's row counts it.
   * A row added to a record the batch did not create is audited with its after-image.
   */
  create(entity: Entity, row: Record<string, unknown>, ownRecord = true): void {
    if (row.importBatchId !== this.batchId) throw new LedgerError('INTERNAL', `导入新建的记录缺少批次号：${entity}`);
    const keys = this.insert(entity, row);
    if (ownRecord) this.created++;
    else this.audit(entity, String(row.id), null, createdImage(keys, row, this.batchId, this.ctx.now), row);
  }

  /** Sets `patch` (plus updated_at where the table has it) and records the full before/after rows. */
  update(entity: Entity, id: string, patch: Record<string, unknown>, countAsRecord = true): void {
    const before = this.fetch(entity, id);
    const set: Record<string, unknown> = 'updatedAt' in before ? { ...patch, updatedAt: this.ctx.now } : { ...patch };
    const keys = Object.keys(set);
    if (keys.length > 0) {
      const table = snakeName(ENTITY_TABLES[entity]);
      const known = this.tableColumns(table);
      const cols = keys.map(snakeName);
      const unknown = cols.filter((c) => !known.has(c));
      if (unknown.length > 0) throw new LedgerError('INTERNAL', `表 ${table} 没有列：${unknown.join('、')}`);
      const cacheKey = `update ${table}|${keys.join(',')}`;
      let stmt = this.inserts.get(cacheKey);
      if (!stmt) {
        stmt = this.prepare(`UPDATE ${table} SET ${cols.map((c) => `${c} = ?`).join(', ')} WHERE id = ?`);
        this.inserts.set(cacheKey, stmt);
      }
      this.assertInTransaction();
      stmt.run([...keys.map((k) => bindable(set[k])), id]);
    }
    // Read back, not assumed: column affinity decides what is stored.
    const after = this.fetch(entity, id);
    this.items.push([newId(), this.batchId, entity, id, 'update', JSON.stringify(before), JSON.stringify(after)]);
    const changedBefore: Record<string, unknown> = {};
    for (const k of Object.keys(patch)) changedBefore[k] = before[k] ?? null;
    if (entity === 'devPerson') this.personOrgs.set(id, String(after.orgId));
    this.audit(entity, id, JSON.stringify(changedBefore), JSON.stringify(patch), after);
    if (countAsRecord) this.updated++;
  }

  /** Writes the buffered batch items and audit rows; call once, before the handler returns. */
  finish(): void {
    this.items.flush();
    this.audits.flush();
  }
}
