import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { Actor } from '../context.js';
import { newId } from '../util/ids.js';

export interface AuditStamp {
  actor: Actor | null;
  method: string;
  at: string;
}

/** The audit_log row for one change, column for column (camelCase, as Kysely names them). */
export function auditValues(a: AuditStamp, entity: string, entityId: string | null, before: unknown, after: unknown, batchId: string | null = null) {
  return {
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
  };
}

export async function writeAudit(
  db: Kysely<DB>,
  a: AuditStamp,
  entity: string,
  entityId: string | null,
  before: unknown,
  after: unknown,
  batchId: string | null = null,
): Promise<void> {
  await db.insertInto('auditLog').values(auditValues(a, entity, entityId, before, after, batchId)).execute();
}
