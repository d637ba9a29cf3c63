import { accessSync, closeSync, constants, existsSync, fsyncSync, openSync, readdirSync, rmSync, statSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { LedgerError } from '../../../shared/contract/envelope.js';
import { keyringPathFor } from '../keyring/keyring.js';

/** The rotating set lives beside the database unless configured: `<db>.backups/`. */
export const backupDirFor = (dbFile: string): string => `${dbFile}.backups`;

/** A backup's keyring sits beside it exactly as a live ledger's does. */
export const keyringOf = keyringPathFor;

/**
 * Where a file is written before its rename. The writer's pid is in the name so that a cleaner never
 * removes the partial of a backup another running process is writing into the same folder.
 */
export const partialOf = (file: string): string => `${file}.${process.pid}.ledger-partial`;

/**
 * `<name>.<pid>.ledger-partial` (a suffix nobody else uses, so a user's own files in a chosen folder
 * are never taken for ours), and the `<name>.ledger.partial` of earlier versions (no pid).
 */
const PARTIAL = /^(.+?)(?:\.(\d+)\.ledger-partial|(?<=\.ledger)\.partial)$/;

function running(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes what interrupted backups left in a folder: partial files of writers no longer running, and
 * the keyring a writer had already renamed when it died before renaming the copy (it sits beside a
 * partial, with no `<name>` of its own). With `orphanKeyrings` (the rotating set, a folder only we
 * write to) every keyring without its copy goes too: a rotation can die between its two deletions.
 */
export function cleanLeftovers(dir: string, opts: { orphanKeyrings?: boolean } = {}): string[] {
  if (!existsSync(dir)) return [];
  const removed: string[] = [];
  const remove = (f: string) => {
    rmSync(join(dir, f), { force: true });
    removed.push(f);
  };
  const names = readdirSync(dir);
  for (const f of names) {
    const m = PARTIAL.exec(f);
    if (!m || (m[2] !== undefined && running(Number(m[2])))) continue;
    remove(f);
    const base = m[1]!;
    // The copy's partial names the pair; a keyring renamed before its copy died with it.
    if (!base.endsWith('.keyring') && !existsSync(join(dir, base)) && existsSync(join(dir, keyringOf(base)))) remove(keyringOf(base));
  }
  if (opts.orphanKeyrings) {
    for (const f of readdirSync(dir)) {
      if (f.endsWith('.ledger.keyring') && !existsSync(join(dir, f.slice(0, -'.keyring'.length)))) remove(f);
    }
  }
  return removed;
}

/** Complete pairs in a folder (the copy and its keyring), newest name first. */
export function pairsIn(dir: string): { file: string; size: number; createdAt: string }[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.ledger') && existsSync(join(dir, keyringOf(f))))
    .sort((a, b) => b.localeCompare(a))
    .map((f) => {
      const st = statSync(join(dir, f));
      return { file: join(dir, f), size: st.size, createdAt: st.mtime.toISOString() };
    });
}

/** A folder the administrator named: absolute, there, a folder, writable; else a message saying which. */
export function checkFolder(folder: string): string {
  if (!isAbsolute(folder)) throw new LedgerError('VALIDATION', `请填写完整的文件夹路径（如 D:\\备份 或 /media/u盘/备份）：${folder}`);
  if (!existsSync(folder)) throw new LedgerError('NOT_FOUND', `文件夹不存在：${folder}，请先插入 U 盘或创建该文件夹`);
  if (!statSync(folder).isDirectory()) throw new LedgerError('VALIDATION', `不是文件夹：${folder}`);
  try {
    accessSync(folder, constants.W_OK);
  } catch {
    throw new LedgerError('FORBIDDEN', `没有写入该文件夹的权限：${folder}，请换一个文件夹或检查 U 盘是否写保护`);
  }
  return folder;
}

/** A backup file the administrator named: absolute and an existing file. */
export function checkBackupFile(file: string): string {
  if (!isAbsolute(file)) throw new LedgerError('VALIDATION', `请填写备份文件的完整路径：${file}`);
  if (!existsSync(file)) throw new LedgerError('NOT_FOUND', `备份文件不存在：${file}`);
  if (!statSync(file).isFile()) throw new LedgerError('VALIDATION', `不是文件：${file}`);
  return file;
}

/** fsync a file (data on disk before the rename that publishes it). */
export function fsyncFile(file: string): void {
  const fd = openSync(file, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** fsync a folder so its renames survive a power cut; not supported everywhere (Windows). */
export function fsyncDir(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // The rename itself is still atomic.
  }
}
