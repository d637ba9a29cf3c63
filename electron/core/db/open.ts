import Database from 'better-sqlite3-multiple-ciphers';
import { CamelCasePlugin, Kysely, SqliteDialect } from 'kysely';
import { LedgerError } from '../../../shared/contract/envelope.js';
import { assertLedgerFile } from '../util/file-problems.js';
import type { DB } from './schema.js';
import { sqliteProblem } from './sqlite-problems.js';
import { registerFunctions } from './functions.js';

export type SqliteHandle = Database.Database;

/** A 32-byte data key as 64 hex characters; SQLCipher takes it as a raw key (no KDF on open). */
export function applyKey(sqlite: SqliteHandle, keyHex: string): void {
  if (!/^[0-9a-f]{64}$/.test(keyHex)) throw new LedgerError('INTERNAL', '数据密钥格式错误');
  sqlite.pragma(`cipher='sqlcipher'`);
  sqlite.pragma(`legacy=4`);
  sqlite.pragma(`key="x'${keyHex}'"`);
}

/**
 * Opens (or creates) the encrypted database. An existing file must be there, be a regular non-empty
 * file, and open with the key before anything is written: the first read of sqlite_master fails with
 * SQLITE_NOTADB for a wrong key. (An empty file would open with any key, as a new database.)
 */
export function openSqlite(
  file: string,
  keyHex: string,
  opts: {
    create: boolean;
    readonly?: boolean;
    /** 'delete' for copies (backups, a staged restore): no -wal/-shm may appear beside them. */
    journal?: 'wal' | 'delete';
  },
): SqliteHandle {
  if (!opts.create) assertLedgerFile(file, 'database', !opts.readonly);
  let sqlite: SqliteHandle;
  try {
    sqlite = new Database(file, { fileMustExist: !opts.create, readonly: opts.readonly ?? false });
  } catch (err) {
    throw sqliteProblem(err, file) ?? err;
  }
  try {
    applyKey(sqlite, keyHex);
    sqlite.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch (err) {
    sqlite.close();
    throw sqliteProblem(err, file) ?? new LedgerError('DB_UNREADABLE', `无法打开数据库 ${file}：密钥不符或文件已损坏`, String(err));
  }
  // The cipher does not encrypt SQLite's temporary files (statement journals, sorts and temp
  // indices spilled to etilqs_* in TMPDIR): keep them in memory so no plaintext reaches the disk.
  sqlite.pragma('temp_store = MEMORY');
  if (!opts.readonly) {
    sqlite.pragma(opts.journal === 'delete' ? 'journal_mode = DELETE' : 'journal_mode = WAL');
    // FULL: a committed record survives a power cut; the cost is small for a desktop ledger.
    sqlite.pragma('synchronous = FULL');
  }
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // Page cache up to 128 MiB (the default is 2 MiB): every page read from the encrypted file is
  // decrypted, so a cache that holds what the statistics passes read (members_facts alone is ~18 MB
  // at 250k members) saves decrypting it again on every call. Memory is taken only as pages are read.
  sqlite.pragma('cache_size = -131072');
  registerFunctions(sqlite);
  return sqlite;
}

export function kyselyFor(sqlite: SqliteHandle): Kysely<DB> {
  return new Kysely<DB>({
    dialect: new SqliteDialect({ database: sqlite }),
    plugins: [new CamelCasePlugin()],
  });
}
