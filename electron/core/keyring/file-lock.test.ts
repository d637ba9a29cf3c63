import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { lockPathFor, withFileLock } from './file-lock.js';
import { tempDir } from '../../../test/helpers/ledger.js';

describe('withFileLock: one holder across processes, stale locks taken over', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => cleanups.splice(0).forEach((c) => c()));
  const file = () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    return join(t.dir, 'x.keyring');
  };
  const owner = (pid: number, at = Date.now()) => JSON.stringify({ pid, host: hostname(), token: 'other', at });

  it('waits for a live process that holds the lock, and takes it over once that process is gone', async () => {
    const f = file();
    const holder = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
    cleanups.push(() => holder.kill('SIGKILL'));
    writeFileSync(lockPathFor(f), owner(holder.pid!));
    let ran = false;
    await expect(withFileLock(f, () => (ran = true), { waitMs: 0 })).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('正被另一个程序修改') });
    expect(ran).toBe(false);
    holder.kill('SIGKILL');
    await once(holder, 'exit');
    await expect(withFileLock(f, () => 'done', { waitMs: 0 })).resolves.toBe('done');
    expect(existsSync(lockPathFor(f))).toBe(false);
  });

  it('takes over a lock this process left long ago (a thread ended inside its section), not a fresh one', async () => {
    const f = file();
    writeFileSync(lockPathFor(f), owner(process.pid));
    await expect(withFileLock(f, () => 1, { waitMs: 0 })).rejects.toMatchObject({ code: 'CONFLICT' });
    writeFileSync(lockPathFor(f), owner(process.pid, Date.now() - 60_000));
    await expect(withFileLock(f, () => 2, { waitMs: 0 })).resolves.toBe(2);
  });

  it('takes over an old lock file with no owner written (a crash right after creating it)', async () => {
    const f = file();
    writeFileSync(lockPathFor(f), '');
    const old = new Date(Date.now() - 60_000);
    utimesSync(lockPathFor(f), old, old);
    await expect(withFileLock(f, () => 3, { waitMs: 0 })).resolves.toBe(3);
  });

  it('a folder in the lock file’s place is a clear error', async () => {
    const f = file();
    mkdirSync(lockPathFor(f));
    await expect(withFileLock(f, () => 4)).rejects.toMatchObject({ message: expect.stringContaining('被一个文件夹或其他对象占用') });
  });

  it('releases the lock when the section throws', async () => {
    const f = file();
    await expect(
      withFileLock(f, () => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(existsSync(lockPathFor(f))).toBe(false);
  });
});
