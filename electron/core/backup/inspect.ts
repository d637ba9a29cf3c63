import { LedgerError } from '../../../shared/contract/envelope.js';
import type { BackupContents } from '../../../shared/contract/backup.js';
import { openSqlite, type SqliteHandle } from '../db/open.js';
import { MIGRATIONS, SCHEMA_VERSION } from '../db/migrations/index.js';

export interface CopyFacts extends BackupContents {
  ledgerId: string | null;
  /** Migrations the copy has that this program does not know: it was written by a newer version. */
  tooNew: boolean;
}

const NOT_THIS_LEDGER = (file: string) => `无法用本台账的密钥打开备份 ${file}：不是本台账的备份或文件已损坏，未做任何恢复。`;

/**
 * Opens a copy with a key, without turning it into WAL mode (no -wal/-shm appear beside a backup or
 * a staged restore). Read-only unless the caller must append to it.
 */
export function openCopy(file: string, keyHex: string, o: { writable?: boolean; failure?: string } = {}): SqliteHandle {
  try {
    // A rollback journal, deleted at commit: a WAL here would be left beside the file under its name.
    return openSqlite(file, keyHex, { create: false, readonly: !o.writable, journal: 'delete' });
  } catch (err) {
    if (err instanceof LedgerError && err.code !== 'DB_UNREADABLE') throw err;
    throw new LedgerError('DB_UNREADABLE', o.failure ?? NOT_THIS_LEDGER(file));
  }
}

const one = (db: SqliteHandle, sql: string, ...params: unknown[]): unknown => (db.prepare(sql).pluck().get(...params) as unknown) ?? null;

/** Integrity and what the copy holds; throws if the integrity check fails. */
export function readFacts(db: SqliteHandle, file: string): CopyFacts {
  const integrity = String(db.pragma('integrity_check', { simple: true }));
  if (integrity !== 'ok') throw new LedgerError('DB_UNREADABLE', `备份 ${file} 未通过完整性检查：${integrity}`);
  const setting = (key: string) => {
    const v = one(db, 'SELECT value FROM settings WHERE key = ?', key);
    return typeof v === 'string' ? (JSON.parse(v) as unknown) : null;
  };
  const migrations = db.prepare('SELECT name FROM kysely_migration').pluck().all() as string[];
  return {
    ledgerId: (setting('ledgerId') as string | null) ?? null,
    unitName: (setting('unitName') as string | null) ?? null,
    organisations: Number(one(db, 'SELECT count(*) FROM orgs WHERE dissolved_on IS NULL')),
    members: Number(one(db, "SELECT count(*) FROM members WHERE status = 'active'")),
    lastAuditAt: one(db, 'SELECT max(at) FROM audit_log') as string | null,
    schemaVersion: migrations.length,
    tooNew: migrations.some((m) => !Object.hasOwn(MIGRATIONS, m)),
    integrity,
  };
}

/** Opens a copy read-only with the key, checks its integrity and reads what it holds. */
export function inspectCopy(file: string, keyHex: string, failure?: string): CopyFacts {
  const db = openCopy(file, keyHex, failure === undefined ? {} : { failure });
  try {
    return readFacts(db, file);
  } finally {
    db.close();
  }
}

/** The part of the facts a page shows. */
export const contentsOf = ({ ledgerId: _l, tooNew: _t, ...c }: CopyFacts): BackupContents => c;

export function refuseTooNew(facts: CopyFacts, file: string): void {
  if (facts.tooNew) {
    throw new LedgerError('DB_TOO_NEW', `备份 ${file} 由更新版本的程序创建（架构版本 ${facts.schemaVersion}，本程序支持 ${SCHEMA_VERSION}），请升级程序后再恢复，未做任何恢复。`);
  }
}
