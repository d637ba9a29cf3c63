import Database from 'better-sqlite3-multiple-ciphers';
import { CamelCasePlugin, Kysely, SqliteDialect } from 'kysely';
import { existsSync } from 'node:fs';
import { LedgerError } from '../../../shared/contract/envelope.js';
import type { DB } from './schema.js';

export type SqliteHandle = Database.Database;

/** A 32-byte data key as 64 hex characters; SQLCipher takes it as a raw key (no KDF on open). */
export function applyKey(sqlite: SqliteHandle, keyHex: string): void {
  if (!/^[0-9a-f]{64}$/.test(keyHex)) throw new LedgerError('INTERNAL', '数据密钥格式错误');
  sqlite.pragma(`cipher='sqlcipher'`);
  sqlite.pragma(`legacy=4`);
  sqlite.pragma(`key="x'${keyHex}'"`);
}

/**
 * Opens (or creates) the encrypted database. A wrong key is detected before anything is written:
 * the first read of sqlite_master fails with SQLITE_NOTADB.
 */
export function openSqlite(file: string, keyHex: string, opts: { create: boolean; readonly?: boolean }): SqliteHandle {
  if (!opts.create && !existsSync(file)) throw new LedgerError('NOT_INITIALISED', `数据库文件不存在：${file}`);
  const sqlite = new Database(file, { fileMustExist: !opts.create, readonly: opts.readonly ?? false });
  try {
    applyKey(sqlite, keyHex);
    sqlite.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch (err) {
    sqlite.close();
    throw new LedgerError('DB_UNREADABLE', `无法打开数据库 ${file}：密钥不符或文件已损坏`, String(err));
  }
  if (!opts.readonly) {
    sqlite.pragma('journal_mode = WAL');
    // FULL: a committed record survives a power cut; the cost is small for a desktop ledger.
    sqlite.pragma('synchronous = FULL');
  }
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // Page cache up to 128 MiB (the default is 2 MiB): every page read from the encrypted file is
  // decrypted, so a cache that holds what the statistics passes read (members_facts alone is ~18 MB
  // at 250k members) saves decrypting it again on every call. Memory is taken only as pages are read.
  sqlite.pragma('cache_size = -131072');
  return sqlite;
}

export function kyselyFor(sqlite: SqliteHandle): Kysely<DB> {
  return new Kysely<DB>({
    dialect: new SqliteDialect({ database: sqlite }),
    plugins: [new CamelCasePlugin()],
  });
}
