import { randomBytes } from 'node:crypto';
import { closeSync, linkSync, lstatSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { LedgerError } from '../../../shared/contract/envelope.js';

/**
 * An exclusive lock on a file shared by processes (the CLI, `ledger serve`, the desktop app) and by
 * threads of one process (the host and its core worker): `<file>.lock`, created with O_EXCL, holding
 * who owns it. Only the wait is asynchronous; the section itself is synchronous, so one thread's
 * callers can never interleave inside it and a section cannot be left half-done by an await.
 */
export interface LockOptions {
  /** How long to wait for another holder before giving up. */
  waitMs?: number;
}

interface Owner {
  pid: number;
  host: string;
  token: string;
  at: number;
}

/**
 * A lock whose holder cannot be asked (same process, another machine, or no owner written) is taken
 * over after this long. Sections last milliseconds (a read, a small write and an fsync); a lock older
 * than this was left by a thread or process that ended inside one.
 */
const ORPHAN_MS = 10_000;
const DEFAULT_WAIT_MS = 20_000;

export const lockPathFor = (file: string): string => `${file}.lock`;

export async function withFileLock<T>(file: string, section: () => T, o: LockOptions = {}): Promise<T> {
  const lockPath = lockPathFor(file);
  const deadline = Date.now() + (o.waitMs ?? DEFAULT_WAIT_MS);
  for (;;) {
    const token = tryAcquire(lockPath);
    if (token) {
      try {
        return section();
      } finally {
        release(lockPath, token);
      }
    }
    if (breakIfStale(lockPath)) continue;
    if (Date.now() > deadline) throw new LedgerError('CONFLICT', `密钥文件正被另一个程序修改（锁文件 ${lockPath}），请稍后再试；如果没有别的台账程序在运行，请删除该锁文件。`);
    await sleep(5 + Math.floor(Math.random() * 20));
  }
}

function tryAcquire(lockPath: string): string | null {
  const token = randomBytes(12).toString('hex');
  let fd: number;
  try {
    fd = openSync(lockPath, 'wx', 0o600);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return null;
    throw err;
  }
  try {
    writeSync(fd, JSON.stringify({ pid: process.pid, host: hostname(), token, at: Date.now() } satisfies Owner));
  } finally {
    closeSync(fd);
  }
  return token;
}

function readOwner(path: string): Owner | null {
  try {
    const o = JSON.parse(readFileSync(path, 'utf8')) as Owner;
    return typeof o.pid === 'number' && typeof o.token === 'string' && typeof o.at === 'number' ? o : null;
  } catch {
    return null;
  }
}

function release(lockPath: string, token: string): void {
  // Only our own lock: if it was taken over as stale meanwhile, the new holder's stays.
  if (readOwner(lockPath)?.token === token) unlinkSync(lockPath);
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function isStale(lockPath: string): { stale: boolean; owner: Owner | null } {
  let mtime: number;
  try {
    const st = lstatSync(lockPath);
    if (!st.isFile()) throw new LedgerError('CONFLICT', `锁文件位置 ${lockPath} 被一个文件夹或其他对象占用，请删除它后再试。`);
    mtime = st.mtimeMs;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { stale: false, owner: null };
    throw err;
  }
  const owner = readOwner(lockPath);
  // A live process on this machine keeps its lock however long it takes; ask the others by age.
  if (owner && owner.host === hostname() && owner.pid !== process.pid) return { stale: !processAlive(owner.pid), owner };
  return { stale: Date.now() - (owner?.at ?? mtime) > ORPHAN_MS, owner };
}

/**
 * Takes a stale lock away: renamed aside first, so that of two processes that both judged it stale
 * only one removes it; the other finds a different owner in what it renamed and puts it back.
 */
function breakIfStale(lockPath: string): boolean {
  const { stale, owner } = isStale(lockPath);
  if (!stale) return false;
  const aside = `${lockPath}.${randomBytes(6).toString('hex')}.stale`;
  try {
    renameSync(lockPath, aside);
  } catch {
    return true; // someone else moved it first: just try again
  }
  const moved = readOwner(aside);
  if (moved?.token !== owner?.token) {
    try {
      linkSync(aside, lockPath);
    } catch {
      // A third party took the free path meanwhile; it holds the lock now.
    }
  }
  unlinkSync(aside);
  return true;
}
