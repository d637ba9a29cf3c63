import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { SqliteHandle } from '../db/open.js';
import { openSqlite } from '../db/open.js';
import { LedgerError } from '../../../shared/contract/envelope.js';

export interface BackupInfo {
  file: string;
  size: number;
  createdAt: string;
}

/** Backups live beside the database unless configured: `<db>.backups/`. */
export const backupDirFor = (dbFile: string): string => `${dbFile}.backups`;

/**
 * VACUUM INTO writes a consistent, encrypted copy with the same key (the online backup API refuses
 * encrypted databases). The target must not exist; we write to a temp name and rename.
 */
export function backupTo(sqlite: SqliteHandle, target: string): BackupInfo {
  if (existsSync(target)) throw new LedgerError('CONFLICT', `目标文件已存在：${target}`);
  const tmp = `${target}.partial`;
  rmSync(tmp, { force: true });
  sqlite.prepare('VACUUM INTO ?').run(tmp);
  // rename is atomic: a crash leaves either no backup or a whole one
  renameSync(tmp, target);
  const st = statSync(target);
  return { file: target, size: st.size, createdAt: st.mtime.toISOString() };
}

/** A rotating set: keeps the newest `keep` files of the folder. */
export function rotatingBackup(sqlite: SqliteHandle, dir: string, keep: number, stamp: string): BackupInfo {
  mkdirSync(dir, { recursive: true });
  const name = `ledger-${stamp.replace(/[:.]/g, '-')}.ledger`;
  const info = backupTo(sqlite, join(dir, name));
  const all = listBackups(dir);
  for (const old of all.slice(keep)) rmSync(old.file, { force: true });
  return info;
}

export function listBackups(dir: string): BackupInfo[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.ledger'))
    .map((f) => {
      const st = statSync(join(dir, f));
      return { file: join(dir, f), size: st.size, createdAt: st.mtime.toISOString() };
    })
    .sort((a, b) => basename(b.file).localeCompare(basename(a.file)));
}

/** Opens a copy read-only with the key and runs an integrity check; throws a clear error if it cannot. */
export function verifyBackup(file: string, keyHex: string): { integrity: string } {
  if (!existsSync(file)) throw new LedgerError('NOT_FOUND', `备份文件不存在：${file}`);
  let db: SqliteHandle;
  try {
    db = openSqlite(file, keyHex, { create: false, readonly: true });
  } catch {
    throw new LedgerError('DB_UNREADABLE', `无法用本台账的密钥打开备份 ${file}：不是本台账的备份或文件已损坏，未做任何恢复。`);
  }
  try {
    const r = db.pragma('integrity_check', { simple: true }) as string;
    if (r !== 'ok') throw new LedgerError('DB_UNREADABLE', `备份 ${file} 未通过完整性检查：${r}`);
    return { integrity: r };
  } finally {
    db.close();
  }
}
