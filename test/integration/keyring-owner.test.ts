import { existsSync, mkdirSync, readFileSync, rmdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LedgerHost } from '../../electron/core/host/ledger-host.js';
import { Keyring, keyringPathFor } from '../../electron/core/keyring/keyring.js';
import { lockPathFor } from '../../electron/core/keyring/file-lock.js';
import { serve } from '../e2e/harness.js';
import { ledgerAsync } from '../helpers/cli.js';
import { tempDir } from '../helpers/ledger.js';

const PW = 'first-pass-2024';
const setupInput = { unitName: '测试县委组织部', rootOrgName: '中共测试县委员会', adminUsername: 'admin', adminDisplayName: '张管理', password: PW };

/** Does this password open the keyring on disk right now (the file, not anyone's copy of it)? */
const opens = (dbFile: string, username: string, password: string) => Keyring.load(keyringPathFor(dbFile)).unlockWithPassword(username, password) !== null;

/** A contract call to a running `ledger serve`, with the session cookie its one-time link gives. */
async function browserSession(url: string) {
  const first = await fetch(url, { redirect: 'manual' });
  const cookie = String(first.headers.get('set-cookie')).split(';')[0]!;
  const origin = new URL(url).origin;
  return async (method: string, input: unknown) => {
    const r = await fetch(`${origin}/api/call`, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify({ method, input }) });
    return (await r.json()) as { ok: boolean; value?: any; error?: { code: string; message: string } };
  };
}

describe('one owner of the keyring file: every write reads, changes and replaces it under a lock', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0)) await c();
  });

  async function ledger() {
    const tmp = tempDir();
    const dbFile = join(tmp.dir, 'county.ledger');
    const host = new LedgerHost({ dbFile, sleep: async () => undefined });
    cleanups.push(async () => {
      await host.close();
      tmp.cleanup();
    });
    const { recoveryCode } = await host.call('w', 'app.setup', setupInput);
    const rootId = (await host.call('w', 'org.tree', {}))[0]!.id;
    return { host, dbFile, recoveryCode, rootId, dir: tmp.dir };
  }

  it('a password set with the recovery code survives the next keyring writes (user create, reset, disable)', async () => {
    const { host, dbFile, recoveryCode, rootId } = await ledger();
    const a = await host.call('w', 'user.create', { username: 'clerk_a', displayName: '甲', role: 'clerk', scopeOrgId: rootId, password: 'clerk-pass-2024' });
    await host.call('w', 'app.lock', {});
    // The core starts with the keyring as it was; the host then rewraps the admin's slot.
    await host.call('r', 'app.recover', { username: 'admin', recoveryCode, newPassword: 'recovered-pass-2025' });
    const b = await host.call('r', 'user.create', { username: 'clerk_b', displayName: '乙', role: 'clerk', scopeOrgId: rootId, password: 'clerk-pass-2024' });
    await host.call('r', 'user.resetPassword', { id: a.id, password: 'reset-pass-2025' });
    await host.call('r', 'user.update', { id: b.id, patch: { active: false } });
    expect(opens(dbFile, 'admin', 'recovered-pass-2025')).toBe(true);
    expect(opens(dbFile, 'admin', PW)).toBe(false);
    expect(opens(dbFile, 'clerk_a', 'reset-pass-2025')).toBe(true);
    expect(Keyring.load(keyringPathFor(dbFile)).hasUser('clerk_b')).toBe(false);
    await host.call('r', 'app.lock', {});
    await expect(host.call('x', 'app.login', { username: 'admin', password: 'recovered-pass-2025' })).resolves.toMatchObject({ user: { username: 'admin' } });
  });

  it('the CLI (other processes) and a running host change the same keyring at once; no change is lost', async () => {
    const { host, dbFile, recoveryCode, rootId } = await ledger();
    const names = ['cli_1', 'cli_2', 'cli_3', 'cli_4', 'host_1', 'host_2', 'host_3', 'host_4'];
    const ids = new Map<string, string>();
    for (const n of names) ids.set(n, (await host.call('w', 'user.create', { username: n, displayName: n, role: 'viewer', scopeOrgId: rootId, password: 'first-pass-2024' })).id);
    // Four recoveries in four processes (each rewraps its user's slot, then reads the statistics a
    // viewer may read) while the host resets four others.
    const cli = names.slice(0, 4).map((n) => ledgerAsync(['stats', '--db', dbFile, '--json'], { LEDGER_USER: n, LEDGER_RECOVERY_CODE: recoveryCode, LEDGER_PASSWORD: `${n}-new-pass-1` }));
    const resets = names.slice(4).map((n) => host.call('w', 'user.resetPassword', { id: ids.get(n)!, password: `${n}-new-pass-1` }));
    const results = await Promise.all(cli);
    await Promise.all(resets);
    for (const r of results) expect(r, r.stderr).toMatchObject({ code: 0 });
    for (const n of names) expect(opens(dbFile, n, `${n}-new-pass-1`), n).toBe(true);
    expect(opens(dbFile, 'admin', PW)).toBe(true);
    expect(existsSync(lockPathFor(keyringPathFor(dbFile)))).toBe(false);
  }, 240_000);

  it('a process killed while it holds the keyring lock: the file is intact and the next writer takes the lock over', async () => {
    const { host, dbFile } = await ledger();
    await host.call('w', 'app.lock', {});
    const before = readFileSync(keyringPathFor(dbFile), 'utf8');
    // The CLI's first keyring write is its login attempt being counted.
    const killed = await ledgerAsync(['check', '--db', dbFile], { LEDGER_PASSWORD: PW, LEDGER_FAULT: 'keyring.lockHeld' });
    expect(killed.signal).toBe('SIGKILL');
    expect(existsSync(lockPathFor(keyringPathFor(dbFile)))).toBe(true);
    expect(readFileSync(keyringPathFor(dbFile), 'utf8')).toBe(before);
    await expect(host.call('x', 'app.login', { username: 'admin', password: PW })).resolves.toMatchObject({ user: { username: 'admin' } });
    expect(existsSync(lockPathFor(keyringPathFor(dbFile)))).toBe(false);
  });

  it('a crash between the keyring write and the commit leaves a state that works: no user without a way in, no disabled user with a slot', async () => {
    const { host, dbFile, rootId } = await ledger();
    const temp = await host.call('w', 'user.create', { username: 'temp', displayName: '临时', role: 'viewer', scopeOrgId: rootId, password: 'temp-pass-2024' });
    await host.close();
    for (const step of ['create', 'disable'] as const) {
      const srv = await serve(dbFile, { LEDGER_FAULT: 'keyring.slotWritten' });
      const died = new Promise<NodeJS.Signals | null>((resolve) => srv.proc.once('exit', (_c, signal) => resolve(signal)));
      const call = await browserSession(srv.url);
      expect(await call('app.login', { username: 'admin', password: PW })).toMatchObject({ ok: true });
      if (step === 'create') void call('user.create', { username: 'clerk', displayName: '录入', role: 'clerk', scopeOrgId: rootId, password: 'clerk-pass-2024' }).catch(() => undefined);
      else void call('user.update', { id: temp.id, patch: { active: false } }).catch(() => undefined);
      expect(await died).toBe('SIGKILL');
    }
    // The keyring is ahead of the database: the new slot has no user row, the disabled user's slot is gone.
    expect(opens(dbFile, 'clerk', 'clerk-pass-2024')).toBe(true);
    expect(Keyring.load(keyringPathFor(dbFile)).hasUser('temp')).toBe(false);
    const again = new LedgerHost({ dbFile, sleep: async () => undefined });
    cleanups.push(() => again.close());
    await again.call('a', 'app.login', { username: 'admin', password: PW });
    const users = await again.call('a', 'user.list', {});
    expect(users.map((u) => u.username).sort()).toEqual(['admin', 'temp']);
    expect(users.find((u) => u.username === 'temp')!.active).toBe(true);
    // Neither can get in; doing the change again works.
    await expect(again.call('c', 'app.login', { username: 'clerk', password: 'clerk-pass-2024' })).rejects.toMatchObject({ code: 'AUTH_FAILED' });
    await expect(again.call('t', 'app.login', { username: 'temp', password: 'temp-pass-2024' })).rejects.toMatchObject({ code: 'AUTH_FAILED' });
    await again.call('a', 'user.create', { username: 'clerk', displayName: '录入', role: 'clerk', scopeOrgId: rootId, password: 'clerk-pass-2025' });
    await again.call('a', 'user.update', { id: temp.id, patch: { active: false } });
    await expect(again.call('c', 'app.login', { username: 'clerk', password: 'clerk-pass-2025' })).resolves.toMatchObject({ user: { username: 'clerk' } });
  }, 240_000);

  it('a keyring that cannot be written leaves the database unchanged (the user is not created)', async () => {
    const { host, dbFile, rootId } = await ledger();
    const lock = lockPathFor(keyringPathFor(dbFile));
    mkdirSync(lock);
    const r = await host.handle('w', 'user.create', { username: 'clerk', displayName: '录入', role: 'clerk', scopeOrgId: rootId, password: 'clerk-pass-2024' });
    expect(r).toMatchObject({ ok: false, error: { message: expect.stringContaining('被一个文件夹或其他对象占用') } });
    rmdirSync(lock);
    expect((await host.call('w', 'user.list', {})).map((u) => u.username)).toEqual(['admin']);
  });
});
