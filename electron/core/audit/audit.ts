import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { Actor } from '../context.js';
import { newId } from '../util/ids.js';
import { orgOfRecord, rootOrgId, scopeOfUser } from './audit-org.js';

/** Who did it: a contract call's actor, or for host events (logins, backups) just the user's id and name. */
export type AuditWho = Actor | { userId: string | null; username: string | null };

export interface AuditStamp {
  actor: AuditWho | null;
  method: string;
  at: string;
  /** The change set (a paste, a bulk action) the row belongs to; migration 015. */
  changeId?: string | null;
}

const whoOf = (a: AuditWho | null) =>
  a === null ? { userId: null, username: null } : 'user' in a ? { userId: a.user.id, username: a.user.username } : a;

/** The audit_log row for one change, column for column (camelCase, as Kysely names them). */
export function auditValues(
  a: AuditStamp,
  entity: string,
  entityId: string | null,
  before: unknown,
  after: unknown,
  batchId: string | null = null,
  orgId: string | null = null,
) {
  return {
    id: newId(),
    at: a.at,
    ...whoOf(a.actor),
    method: a.method,
    entity,
    entityId,
    before: before === undefined || before === null ? null : JSON.stringify(before),
    after: after === undefined || after === null ? null : JSON.stringify(after),
    batchId,
    orgId,
    changeId: a.changeId ?? null,
  };
}

/**
 * Where a row belongs when the caller does not say: the record's organisation, else the acting
 * user's scope (a host event, an action on no record), else the root.
 */
async function orgFor(db: Kysely<DB>, a: AuditStamp, entity: string, entityId: string | null, before: unknown, after: unknown): Promise<string | null> {
  const who = a.actor;
  return (
    (await orgOfRecord(db, entity, entityId, [after, before])) ??
    (who === null ? null : 'user' in who ? who.user.scopeOrgId : await scopeOfUser(db, who.userId)) ??
    (await rootOrgId(db))
  );
}

export async function writeAudit(
  db: Kysely<DB>,
  a: AuditStamp,
  entity: string,
  entityId: string | null,
  before: unknown,
  after: unknown,
  batchId: string | null = null,
  orgId?: string,
): Promise<void> {
  const org = orgId ?? (await orgFor(db, a, entity, entityId, before, after));
  await db.insertInto('auditLog').values(auditValues(a, entity, entityId, before, after, batchId, org)).execute();
}
