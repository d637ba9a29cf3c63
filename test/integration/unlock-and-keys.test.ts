import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LedgerHost } from '../../electron/core/host/ledger-host.js';
import { keyringPathFor } from '../../electron/core/keyring/keyring.js';
import { tempDir } from '../helpers/ledger.js';

const PW = 'first-pass-2024';
const setupInput = { unitName: '测试县委组织部', rootOrgName: '中共测试县委员会', adminUsername: 'admin', adminDisplayName: '张管理', password: PW };
const hash = (f: string) => (existsSync(f) ? createHash('sha256').update(readFileSync(f)).digest('hex') : 'missing');

describe('unlocking through the worker: passwords, recovery code, lockout', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0)) await c();
  });

  async function fresh(policy = { maxFailures: 3, lockoutMs: 60_000, baseDelayMs: 1, maxDelayMs: 4 }) {
    const tmp = tempDir();
    const dbFile = join(tmp.dir, 'county.ledger');
    const delays: number[] = [];
    const host = new LedgerHost({ dbFile, attemptPolicy: policy, sleep: async (ms) => void delays.push(ms) });
    cleanups.push(async () => {
      await host.close();
      tmp.cleanup();
    });
    return { host, dbFile, delays, dir: tmp.dir };
  }

  it('set-up creates an encrypted file and keyring; reopening with the password works', async () => {
    const { host, dbFile } = await fresh();
    const r = await host.call('w1', 'app.setup', setupInput);
    expect(r.recoveryCode).toMatch(/^[0-9A-Z]{5}(-[0-9A-Z]{5}){4}$/);
    expect(r.session.user.role).toBe('admin');
    const org = await host.call('w1', 'org.tree', {});
    expect(org[0]!.name).toBe('中共测试县委员会');
    await host.call('w1', 'app.lock', {});
    expect(host.status('w1').unlocked).toBe(false);
    const s = await host.call('w2', 'app.login', { username: 'admin', password: PW });
    expect(s.user.displayName).toBe('张管理');
    expect(readFileSync(dbFile).subarray(0, 16).toString('latin1')).not.toContain('SQLite format 3');
  });

  it('a worker that dies (out of memory, a crash) ends the sessions; logging in again starts a new one on the same data', async () => {
    const { host } = await fresh();
    await host.call('w1', 'app.setup', setupInput);
    const root = (await host.call('w1', 'org.tree', {}))[0]!;
    await host.call('w1', 'org.create', { parentId: root.id, name: '中共一村支部委员会', kind: 'branch', unitCategory: 'village' });
    // What an out-of-memory end looks like from the host: the worker is gone.
    await (host as unknown as { client: { worker: { terminate(): Promise<number> } } }).client.worker.terminate();
    const after = await host.handle('w1', 'org.tree', {});
    expect(after).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(host.status('w1')).toMatchObject({ unlocked: false, session: null });
    await host.call('w2', 'app.login', { username: 'admin', password: PW });
    const tree = await host.call('w2', 'org.tree', {});
    expect(tree.map((o) => o.name)).toContain('中共一村支部委员会');
  });

  it('a second set-up is refused and touches nothing', async () => {
    const { host, dbFile } = await fresh();
    await host.call('w', 'app.setup', setupInput);
    const before = [hash(dbFile), hash(keyringPathFor(dbFile))];
    const r = await host.handle('w', 'app.setup', setupInput);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error.code).toBe('ALREADY_INITIALISED');
    expect([hash(dbFile), hash(keyringPathFor(dbFile))]).toEqual(before);
  });

  it('wrong password: Chinese error, growing delay, lockout, and neither the database nor any key slot modified', async () => {
    const { host, dbFile, delays } = await fresh();
    await host.call('w', 'app.setup', setupInput);
    await host.call('w', 'app.lock', {});
    // The keyring file changes (the failures are counted inside it); its key slots do not.
    const slots = () => JSON.stringify((JSON.parse(readFileSync(keyringPathFor(dbFile), 'utf8')) as { slots: unknown }).slots);
    const before = [hash(dbFile), slots()];
    const tries = [] as { code: string; message: string }[];
    for (let i = 0; i < 4; i++) {
      const r = await host.handle('x', 'app.login', { username: 'admin', password: 'wrong-password-1' });
      if (r.ok) throw new Error('wrong password accepted');
      tries.push(r.error);
    }
    expect(tries.map((t) => t.code)).toEqual(['AUTH_FAILED', 'AUTH_FAILED', 'LOCKED_OUT', 'LOCKED_OUT']);
    expect(tries[0]!.message).toContain('用户名或密码错误');
    expect(tries[3]!.message).toMatch(/锁定/);
    expect(delays).toEqual([1, 2, 4]);
    // Even the right password waits out the lockout.
    const locked = await host.handle('x', 'app.login', { username: 'admin', password: PW });
    expect(!locked.ok && locked.error.code).toBe('LOCKED_OUT');
    expect([hash(dbFile), slots()]).toEqual(before);
  });

  it('an unknown user gets the same answer as a wrong password', async () => {
    const { host } = await fresh();
    await host.call('w', 'app.setup', setupInput);
    const r = await host.handle('x', 'app.login', { username: 'nobody', password: PW });
    expect(!r.ok && r.error.code).toBe('AUTH_FAILED');
    expect(!r.ok && r.error.message).toContain('用户名或密码错误');
  });

  it('the recovery code sets a new password; the old one stops working; a wrong code is refused', async () => {
    const { host } = await fresh();
    const { recoveryCode } = await host.call('w', 'app.setup', setupInput);
    await host.call('w', 'app.lock', {});
    const bad = await host.handle('r', 'app.recover', { username: 'admin', recoveryCode: 'AAAAA-BBBBB-CCCCC-DDDDD-EEEEE', newPassword: 'second-pass-2024' });
    expect(!bad.ok && bad.error.code).toBe('AUTH_FAILED');
    expect(!bad.ok && bad.error.message).toContain('恢复码不正确');
    // Typed back in lower case with spaces: still accepted.
    const typed = recoveryCode.toLowerCase().replace(/-/g, ' ');
    await host.call('r', 'app.recover', { username: 'admin', recoveryCode: typed, newPassword: 'second-pass-2024' });
    await host.call('r', 'app.lock', {});
    const old = await host.handle('y', 'app.login', { username: 'admin', password: PW });
    expect(old.ok).toBe(false);
    await expect(host.call('y', 'app.login', { username: 'admin', password: 'second-pass-2024' })).resolves.toMatchObject({ user: { username: 'admin' } });
  });

  it('changing a password rewraps only that user slot', async () => {
    const { host, dbFile } = await fresh();
    await host.call('w', 'app.setup', setupInput);
    const tree = await host.call('w', 'org.tree', {});
    await host.call('w', 'user.create', { username: 'clerk', displayName: '录入员', role: 'clerk', scopeOrgId: tree[0]!.id, password: 'clerk-pass-2024' });
    const ring0 = JSON.parse(readFileSync(keyringPathFor(dbFile), 'utf8')) as { slots: { kind: string; username: string | null; wrapped: unknown }[] };
    await host.call('w', 'app.changePassword', { oldPassword: PW, newPassword: 'changed-pass-2025' });
    const ring1 = JSON.parse(readFileSync(keyringPathFor(dbFile), 'utf8')) as typeof ring0;
    const slot = (r: typeof ring0, u: string | null) => JSON.stringify(r.slots.find((s) => s.username === u));
    expect(slot(ring1, 'admin')).not.toBe(slot(ring0, 'admin'));
    expect(slot(ring1, 'clerk')).toBe(slot(ring0, 'clerk'));
    expect(slot(ring1, null)).toBe(slot(ring0, null));
    await host.call('w', 'app.lock', {});
    await expect(host.call('c', 'app.login', { username: 'clerk', password: 'clerk-pass-2024' })).resolves.toBeTruthy();
    await host.call('c', 'app.lock', {});
    await expect(host.call('a', 'app.login', { username: 'admin', password: 'changed-pass-2025' })).resolves.toBeTruthy();
  });

  it('a disabled user cannot unlock any more', async () => {
    const { host } = await fresh();
    await host.call('w', 'app.setup', setupInput);
    const tree = await host.call('w', 'org.tree', {});
    const u = await host.call('w', 'user.create', { username: 'temp', displayName: '临时', role: 'viewer', scopeOrgId: tree[0]!.id, password: 'temp-pass-2024' });
    await host.call('w', 'user.update', { id: u.id, patch: { active: false } });
    const r = await host.handle('t', 'app.login', { username: 'temp', password: 'temp-pass-2024' });
    expect(!r.ok && r.error.code).toBe('AUTH_FAILED');
  });

  it('calls without a session are refused', async () => {
    const { host } = await fresh();
    await host.call('w', 'app.setup', setupInput);
    const r = await host.handle('stranger', 'member.list', {});
    expect(!r.ok && r.error.code).toBe('UNAUTHENTICATED');
  });

  it('a tampered keyring is a clear error, not a crash', async () => {
    const { host, dbFile } = await fresh();
    await host.call('w', 'app.setup', setupInput);
    await host.call('w', 'app.lock', {});
    writeFileSync(keyringPathFor(dbFile), '{ not json');
    const r = await host.handle('x', 'app.login', { username: 'admin', password: PW });
    expect(!r.ok && r.error.message).toMatch(/密钥文件 .* 已损坏/);
  });
});
