import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LedgerHost } from '../../electron/core/host/ledger-host.js';
import { keyringPathFor } from '../../electron/core/keyring/keyring.js';
import { tempDir } from '../helpers/ledger.js';

const PW = 'first-pass-2024';
const setupInput = { unitName: '测试县委组织部', rootOrgName: '中共测试县委员会', adminUsername: 'admin', adminDisplayName: '张管理', password: PW };
const MIN = 60_000;

describe('sessions end in the host: idle expiry, 退出 and 锁定; every login event is audited', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0)) await c();
  });

  /** A ledger whose host runs on a clock the test moves. */
  async function ledger(policy = { maxFailures: 3, lockoutMs: 5 * MIN, baseDelayMs: 1, maxDelayMs: 4 }) {
    const tmp = tempDir();
    const dbFile = join(tmp.dir, 'county.ledger');
    const clock = { now: Date.parse('2026-03-02T09:00:00Z') };
    const host = new LedgerHost({ dbFile, attemptPolicy: policy, sleep: async () => undefined, now: () => clock.now });
    cleanups.push(async () => {
      await host.close();
      tmp.cleanup();
    });
    const { recoveryCode } = await host.call('a', 'app.setup', setupInput);
    const audit = async (method: string, as = 'a') => (await host.call(as, 'audit.list', { method, limit: 100, offset: 0 })).rows;
    return { host, dbFile, clock, recoveryCode, audit };
  }

  it('an idle session ends after the ledger’s idle time (15 minutes by default); with nobody left the worker and its key go', async () => {
    const { host, clock, audit } = await ledger();
    clock.now += 14 * MIN;
    await host.call('a', 'org.tree', {});
    clock.now += 14 * MIN;
    await host.expireIdle();
    expect(host.status('a')).toMatchObject({ unlocked: true, session: { user: { username: 'admin' } } });
    clock.now += 1 * MIN;
    await host.expireIdle();
    const notice = '已因 15 分钟未操作自动退出登录，请重新登录。';
    expect(host.status('a')).toMatchObject({ unlocked: false, session: null, sessionEnded: notice });
    expect(await host.handle('a', 'org.tree', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED', message: notice } });
    await host.call('a', 'app.login', { username: 'admin', password: PW });
    expect(host.status('a').sessionEnded).toBeNull();
    expect(await audit('app.sessionExpired')).toMatchObject([{ username: 'admin', entity: 'session', after: { idleMinutes: 15 } }]);
  });

  it('administrators set the idle time; the next call of an idle session is refused even before the sweep; other sessions keep the worker', async () => {
    const { host, clock } = await ledger();
    const root = (await host.call('a', 'org.tree', {}))[0]!;
    await host.call('a', 'user.create', { username: 'viewer', displayName: '查阅', role: 'viewer', scopeOrgId: root.id, password: 'viewer-pass-2024' });
    await host.call('v', 'app.login', { username: 'viewer', password: 'viewer-pass-2024' });
    await host.call('a', 'settings.update', { idleLockMinutes: 3 });
    clock.now += 2 * MIN;
    await host.call('v', 'org.tree', {});
    clock.now += 1 * MIN;
    expect(await host.handle('a', 'org.tree', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED', message: expect.stringContaining('3 分钟未操作') } });
    expect(host.status('v')).toMatchObject({ unlocked: true, session: { user: { username: 'viewer' } } });
    clock.now += 2 * MIN;
    await host.expireIdle();
    expect(host.status('v')).toMatchObject({ unlocked: false, session: null });
    // A new login reads the setting the ledger keeps.
    await host.call('v', 'app.login', { username: 'viewer', password: 'viewer-pass-2024' });
    clock.now += 3 * MIN;
    await host.expireIdle();
    expect(host.status('v').session).toBeNull();
  });

  it('退出 and 锁定 end the session, are audited, and drop the worker when nobody is left', async () => {
    const { host, audit } = await ledger();
    expect(await host.call('a', 'app.logout', {})).toEqual({ loggedOut: true });
    expect(host.status('a')).toMatchObject({ unlocked: false, session: null, sessionEnded: null });
    await host.call('a', 'app.login', { username: 'admin', password: PW });
    await host.call('a', 'app.lock', {});
    await host.call('a', 'app.login', { username: 'admin', password: PW });
    expect(await audit('app.logout')).toMatchObject([{ username: 'admin', entity: 'session' }]);
    expect(await audit('app.lock')).toMatchObject([{ username: 'admin', entity: 'session' }]);
    expect(await audit('app.login')).toHaveLength(2);
  });

  it('failures, lockouts and refusals while nothing could write the log are audited at the next unlock, at the time they happened', async () => {
    const { host, dbFile, clock, recoveryCode, audit } = await ledger();
    await host.call('a', 'app.lock', {});
    const failedAt: string[] = [];
    const attempt = async (method: 'app.login' | 'app.recover', input: object) => {
      clock.now += 1000;
      failedAt.push(new Date(clock.now).toISOString());
      expect(await host.handle('x', method, input)).toMatchObject({ ok: false });
    };
    for (let i = 0; i < 4; i++) await attempt('app.login', { username: 'admin', password: `wrong-password-${i}` });
    await attempt('app.login', { username: 'nobody', password: 'wrong-password-9' });
    await attempt('app.recover', { username: 'admin', recoveryCode: 'AAAAA-BBBBB-CCCCC-DDDDD-EEEEE', newPassword: 'second-pass-2024' });
    clock.now += 5 * MIN;
    await host.call('x', 'app.login', { username: 'admin', password: PW });

    const failed = await audit('app.loginFailed', 'x');
    expect(failed.map((r) => [r.username, (r.after as { reason: string }).reason, (r.after as { via: string }).via]).reverse()).toEqual([
      ['admin', 'wrongSecret', 'password'],
      ['admin', 'wrongSecret', 'password'],
      ['admin', 'wrongSecret', 'password'],
      ['admin', 'lockedOut', 'password'],
      ['nobody', 'wrongSecret', 'password'],
      ['admin', 'wrongSecret', 'recoveryCode'],
    ]);
    expect(failed.map((r) => r.at).sort()).toEqual(failedAt.sort());
    expect(await audit('app.lockedOut', 'x')).toMatchObject([{ username: 'admin', at: failedAt[2] }]);
    expect(JSON.stringify(failed)).not.toContain('wrong-password');
    // Written once: the keyring no longer holds them.
    expect((JSON.parse(readFileSync(keyringPathFor(dbFile), 'utf8')) as { attempts: { events: unknown[] } }).attempts.events).toEqual([]);

    await host.call('x', 'app.lock', {});
    const s = await host.call('r', 'app.recover', { username: 'admin', recoveryCode, newPassword: 'second-pass-2024' });
    expect(await audit('app.recover', 'r')).toMatchObject([{ username: 'admin', entity: 'user', entityId: s.user.id, after: { passwordReset: true } }]);
    expect(await audit('app.loginFailed', 'r')).toHaveLength(6);
  });

  it('the right password of a disabled account whose slot outlived it is refused and audited', async () => {
    const { host, dbFile, audit } = await ledger();
    const root = (await host.call('a', 'org.tree', {}))[0]!;
    const u = await host.call('a', 'user.create', { username: 'temp', displayName: '临时', role: 'viewer', scopeOrgId: root.id, password: 'temp-pass-2024' });
    const ring = readFileSync(keyringPathFor(dbFile));
    await host.call('a', 'user.update', { id: u.id, patch: { active: false } });
    // As if the process had died before the slot removal (or an old keyring was put back).
    writeFileSync(keyringPathFor(dbFile), ring);
    expect(await host.handle('t', 'app.login', { username: 'temp', password: 'temp-pass-2024' })).toMatchObject({ ok: false, error: { code: 'AUTH_FAILED' } });
    expect(await audit('app.loginFailed')).toMatchObject([{ username: 'temp', after: { reason: 'inactive' } }]);
  });
});
