import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { Actor } from '../context.js';
import { newId } from '../util/ids.js';

export async function writeAudit(
  db: Kysely<DB>,
  a: { actor: Actor | null; method: string; at: string },
  entity: string,
  entityId: string | null,
  before: unknown,
  after: unknown,
  batchId: string | null = null,
): Promise<void> {
  await db
    .insertInto('auditLog')
    .values({
      id: newId(),
      at: a.at,
      userId: a.actor?.user.id ?? null,
      username: a.actor?.user.username ?? null,
      method: a.method,
      entity,
      entityId,
      before: before === undefined || before === null ? null : JSON.stringify(before),
      after: after === undefined || after === null ? null : JSON.stringify(after),
      batchId,
    })
    .execute();
}
