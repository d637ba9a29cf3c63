import type { CoreMethod, ErrorBody, ProgressEvent } from '../../../shared/contract/index.js';
import type { ExportToFileJob } from '../exports/to-file.js';
import type { RestoreAudit } from '../backup/restore.js';

/** First and only message carrying the data key (hex); nothing else ever does. */
export interface InitMessage {
  type: 'init';
  dbFile: string;
  keyringPath: string;
  dataKeyHex: string;
  backupDir?: string;
  create?: { unitName: string; rootOrgName?: string | undefined; admin: { username: string; displayName: string } };
}

/** Jobs the worker runs besides contract calls: hosts' maintenance commands. */
export type AdminOp =
  | { op: 'session'; username: string }
  | { op: 'check'; userId: string }
  | { op: 'demo'; userId: string; members: number; seed: number }
  /** Copies a backup of this ledger beside the database and checks it with the key (restore's step 1). */
  | { op: 'stageRestore'; from: string; audit: RestoreAudit }
  | ({ op: 'exportTo' } & ExportToFileJob)
  | { op: 'audit'; event: HostAuditEvent };

/**
 * A security event a host saw outside any contract call (a login, a lockout, a refused restore):
 * written to the audit log as its own row, like every write's.
 */
export interface HostAuditEvent {
  at: string;
  userId: string | null;
  username: string | null;
  /** What happened, in the audit log's method column ('app.login', 'app.loginFailed', 'backup.restoreFailed' …). */
  method: string;
  entity: string;
  entityId: string | null;
  after: Record<string, unknown>;
}

export type Request =
  | { type: 'call'; id: number; userId: string; method: CoreMethod; input: unknown }
  | { type: 'admin'; id: number; job: AdminOp }
  | { type: 'close'; id: number };

export type Response =
  | { type: 'ready' }
  | { type: 'init-failed'; error: ErrorBody }
  | { type: 'result'; id: number; ok: true; value: unknown }
  | { type: 'result'; id: number; ok: false; error: ErrorBody }
  | { type: 'progress'; event: ProgressEvent };
