import type { Core } from '../core.js';
import { appliedMigrations } from '../db/migrate.js';
import { SCHEMA_VERSION } from '../db/migrations/index.js';
import { Keyring } from '../keyring/keyring.js';

export interface CheckReport {
  ok: boolean;
  integrity: string;
  foreignKeyViolations: number;
  schemaVersion: number;
  appSchemaVersion: number;
  journalMode: string;
  cipher: string;
  keyringSlots: { kind: string; username: string | null; updatedAt: string }[];
  counts: Record<string, number>;
}

/** `ledger check`: integrity and foreign keys, schema version, keyring slots, row counts. */
export async function checkLedger(core: Core): Promise<CheckReport> {
  const integrity = core.sqlite.pragma('integrity_check', { simple: true }) as string;
  const fk = core.sqlite.pragma('foreign_key_check') as unknown[];
  const tables = ['orgs', 'grids', 'members', 'member_events', 'dev_people', 'reserves', 'team_members', 'meetings', 'users', 'audit_log', 'import_batches'];
  const counts: Record<string, number> = {};
  for (const t of tables) counts[t] = (core.sqlite.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n;
  const version = (await appliedMigrations(core.db)).length;
  return {
    ok: integrity === 'ok' && fk.length === 0,
    integrity,
    foreignKeyViolations: fk.length,
    schemaVersion: version,
    appSchemaVersion: SCHEMA_VERSION,
    journalMode: String(core.sqlite.pragma('journal_mode', { simple: true })),
    cipher: String(core.sqlite.pragma('cipher', { simple: true })),
    keyringSlots: Keyring.load(core.env.keyringPath).slotSummary(),
    counts,
  };
}
