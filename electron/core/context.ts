import type { Jobs } from './jobs.js';
import type { Kysely } from 'kysely';
import type { DB, UserRow } from './db/schema.js';
import type { SqliteHandle } from './db/open.js';
import type { ProgressEvent } from '../../shared/contract/envelope.js';

/** Who is calling: the user row plus the materialised path of their scope organisation. */
export interface Actor {
  user: UserRow;
  scopePath: string;
  /** The user's scope is the root organisation (the whole county). */
  countyWide: boolean;
}

/** What every handler receives. For writes `db` is the open transaction. */
export interface Ctx {
  db: Kysely<DB>;
  actor: Actor;
  method: string;
  /** One timestamp per call, so all rows a call writes agree. */
  now: string;
  /** Today's date for 'as of' defaults (local date of the office machine). */
  today: string;
  env: CoreEnv;
  /**
   * The change set this call writes (core/changes/change-set.ts), stamped on each audit row it
   * writes from then on; null for calls that are not change sets.
   */
  changeId: string | null;
  /** Records before/after of one entity in the audit log (same transaction). */
  audit(entity: string, entityId: string | null, before: unknown, after: unknown, batchId?: string | null): Promise<void>;
  progress(phase: string, done: number, total: number | null): void;
}

/** What the core holds for the life of an unlocked ledger. */
export interface CoreEnv {
  dbFile: string;
  /** `<db>.keyring`, read afresh for every use (never cached: other processes change it). */
  keyringPath: string;
  /** The ledger's id (settings and keyring agree on it; checked at open, never changes). */
  ledgerId: string;
  dataKey: Buffer;
  sqlite: SqliteHandle;
  backupDir: string;
  onProgress?: (e: ProgressEvent) => void;
  /** Calls running now, for import.cancel. */
  jobs: Jobs;
}
