/**
 * Writes inside the commit's transaction and keeps, for every created or updated entity, the
 * before/after images (import_batch_items, for undo) and an audit row carrying the batch id.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Ctx } from '../../context.js';
import { newId } from '../../util/ids.js';

/** Entity names of batch items and audit rows → their tables. */
export const ENTITY_TABLES = {
  org: 'orgs',
  grid: 'grids',
  member: 'members',
  memberEvent: 'memberEvents',
  devPerson: 'devPeople',
  devStep: 'devSteps',
} as const satisfies Record<string, keyof DB>;
export type Entity = keyof typeof ENTITY_TABLES;

export class BatchWriter {
  created = 0;
  updated = 0;

  constructor(
    readonly ctx: Ctx,
    readonly batchId: string,
  ) {}

  get db(): Kysely<DB> {
    return this.ctx.db;
  }

  async fetch(entity: Entity, id: string): Promise<Record<string, unknown>> {
    return (await this.db.selectFrom(ENTITY_TABLES[entity]).selectAll().where('id', '=', id).executeTakeFirstOrThrow()) as Record<string, unknown>;
  }

  async create(entity: Entity, row: Record<string, unknown>, countAsRecord = true): Promise<void> {
    await this.db.insertInto(ENTITY_TABLES[entity]).values(row as never).execute();
    await this.db.insertInto('importBatchItems').values({ id: newId(), batchId: this.batchId, entity, entityId: String(row.id), action: 'create', before: null, after: JSON.stringify(row) }).execute();
    await this.ctx.audit(entity, String(row.id), null, row, this.batchId);
    if (countAsRecord) this.created++;
  }

  /** Sets `patch` (plus updated_at where the table has it) and records the full before/after rows. */
  async update(entity: Entity, id: string, patch: Record<string, unknown>, countAsRecord = true): Promise<void> {
    const before = await this.fetch(entity, id);
    const set = 'updatedAt' in before ? { ...patch, updatedAt: this.ctx.now } : patch;
    await this.db.updateTable(ENTITY_TABLES[entity]).set(set as never).where('id', '=', id).execute();
    const after = await this.fetch(entity, id);
    await this.db.insertInto('importBatchItems').values({ id: newId(), batchId: this.batchId, entity, entityId: id, action: 'update', before: JSON.stringify(before), after: JSON.stringify(after) }).execute();
    const changedBefore: Record<string, unknown> = {};
    for (const k of Object.keys(patch)) changedBefore[k] = before[k] ?? null;
    await this.ctx.audit(entity, id, changedBefore, patch, this.batchId);
    if (countAsRecord) this.updated++;
  }
}
