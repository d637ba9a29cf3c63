import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, linkSync, openSync, readFileSync, renameSync, rmSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { LedgerError } from '../../../shared/contract/envelope.js';
import { assertLedgerFile, fileProblem } from '../util/file-problems.js';
import { faultPoint } from '../util/fault.js';
import { withFileLock } from './file-lock.js';
import { emptyAttempts, MAX_COUNTERS, parseKeyring, serialiseKeyring, type AttemptsSection, type KeyringData } from './keyring-file.js';

/**
 * The one owner of `<db>.keyring`: every other module reads and changes it through these three
 * functions. Nothing keeps a copy between calls: a change always starts from the file on disk, under
 * a lock that holds across processes and threads, and ends with an atomic replace.
 */

/** Larger than any real keyring (a few hundred users and the bounded event list). */
const MAX_BYTES = 4 * 1024 * 1024;

const damaged = (path: string, why: string) =>
  new LedgerError('DB_UNREADABLE', `密钥文件 ${path} 已损坏（${why}），无法用它解锁。请从备份中取回该文件（与数据库同名、以 .keyring 结尾），放回原处后再登录。`);

/** Where versions before 2 counted failed logins (beside the database); read once, then removed. */
const legacyAttemptsPathFor = (keyringPath: string): string => keyringPath.replace(/\.keyring$/, '') + '.attempts';

function readText(path: string): string {
  assertLedgerFile(path, 'keyring');
  try {
    if (statSync(path).size > MAX_BYTES) throw damaged(path, '文件过大');
    return readFileSync(path, 'utf8');
  } catch (err) {
    throw fileProblem(err, path, 'keyring');
  }
}

function parse(path: string, text: string): { data: KeyringData; legacy: boolean } {
  const r = parseKeyring(text);
  if (!r.ok) throw damaged(path, { syntax: '内容不是有效的 JSON', format: '格式不正确', checksum: '校验和不符' }[r.problem]);
  if (r.version === 1) return { data: { ...r.data, attempts: legacyAttempts(legacyAttemptsPathFor(path)) }, legacy: true };
  return { data: r.data, legacy: false };
}

/**
 * The counter of a version-1 ledger. Missing means no failure was ever recorded; unreadable (bad
 * JSON, a folder in its place) fails closed: the section is marked damaged and every name is locked.
 */
function legacyAttempts(file: string): AttemptsSection {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return emptyAttempts();
    return { ...emptyAttempts(), damaged: true };
  }
  try {
    const old = JSON.parse(text) as Record<string, { failures?: unknown; lockedUntil?: unknown }>;
    const counters: AttemptsSection['counters'] = {};
    for (const [who, e] of Object.entries(old).slice(0, MAX_COUNTERS)) {
      const failures = Number(e?.failures);
      const lockedUntil = typeof e?.lockedUntil === 'number' ? e.lockedUntil : null;
      if (Number.isInteger(failures) && failures > 0) counters[who.slice(0, 80)] = { failures, lockedUntil, lastAt: Date.now() };
    }
    return { ...emptyAttempts(), counters };
  } catch {
    return { ...emptyAttempts(), damaged: true };
  }
}

export function readKeyringFile(path: string): KeyringData {
  return parse(path, readText(path)).data;
}

/** Write to a unique temp file and fsync it; the caller moves it into place. */
function writeTemp(path: string, text: string): string {
  const tmp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const fd = openSync(tmp, 'wx', 0o600);
  try {
    writeSync(fd, Buffer.from(text, 'utf8'));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return tmp;
}

function syncDir(path: string): void {
  try {
    const fd = openSync(dirname(path), 'r');
    fsyncSync(fd);
    closeSync(fd);
  } catch {
    // Directory fsync is not supported everywhere (Windows); the rename is still atomic.
  }
}

/** Writes a new keyring; never replaces one (a hard link fails if the name is taken). */
export function createKeyringFile(path: string, data: KeyringData): void {
  try {
    const tmp = writeTemp(path, serialiseKeyring(data));
    try {
      linkSync(tmp, path);
    } finally {
      unlinkSync(tmp);
    }
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') throw new LedgerError('ALREADY_INITIALISED', `密钥文件已存在：${path}，不能重复创建`);
    throw isFsError(err) ? fileProblem(err, path, 'keyring') : err;
  }
  syncDir(path);
}

/**
 * Load → change → atomic write, holding the lock. `change` works on a fresh copy and may throw to
 * write nothing; what it returns is passed back. A version-1 file is rewritten as version 2 here,
 * with its old counter moved in, and the old counter file removed once the new file is in place.
 */
export function updateKeyringFile<T>(path: string, change: (data: KeyringData) => T): Promise<T> {
  const section = () => {
    const { data, legacy } = parse(path, readText(path));
    const result = change(data);
    faultPoint('keyring.lockHeld');
    const tmp = writeTemp(path, serialiseKeyring(data));
    try {
      renameSync(tmp, path);
    } catch (err) {
      rmSync(tmp, { force: true });
      throw err;
    }
    syncDir(path);
    if (legacy) {
      try {
        rmSync(legacyAttemptsPathFor(path), { force: true });
      } catch {
        // A folder in its place: left alone, never read again.
      }
    }
    return result;
  };
  return withFileLock(path, section).catch((err: unknown) => {
    throw isFsError(err) ? fileProblem(err, path, 'keyring') : err;
  });
}

const isFsError = (err: unknown): boolean => typeof (err as { syscall?: unknown } | null)?.syscall === 'string';
