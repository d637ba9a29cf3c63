/**
 * The import batch that created a record: a batch audits the records it creates by its one row
 * (entity importBatch, createdRecords), not one row each, so a record's history names that row.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { ENTITY_TABLES, snakeName, type Entity } from '../imports/commit/batch-writer.js';
import { inSubtree } from '../auth/scope.js';
import { orgOfRecord } from './audit-org.js';

/**
 * The id of the batch that created the record, when the record is inside `within` (a subtree's
 * path; null: the whole ledger), else null: another subtree's record id finds nothing.
 */
export async function creatingBatch(db: Kysely<DB>, entity: string, entityId: string, within: string | null): Promise<string | null> {
  if (!Object.hasOwn(ENTITY_TABLES, entity)) return null;
  const table = snakeName(ENTITY_TABLES[entity as Entity]);
  const row = await (db as Kysely<Record<string, { id: string; import_batch_id: string | null }>>)
    .withoutPlugins()
    .selectFrom(table)
    .select('import_batch_id')
    .where('id', '=', entityId)
    .executeTakeFirst();
  const batchId = row?.import_batch_id ?? null;
  if (batchId === null || within === null) return batchId;
  const orgId = await orgOfRecord(db, entity, entityId, []);
  if (orgId === null) return null;
  const org = await db.selectFrom('orgs').select('path').where('id', '=', orgId).executeTakeFirst();
  return org && inSubtree(org.path, within) ? batchId : null;
}
