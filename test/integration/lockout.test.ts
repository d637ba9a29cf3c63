import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LedgerHost } from '../../electron/core/host/ledger-host.js';
import { keyringPathFor } from '../../electron/core/keyring/keyring.js';
import { ledgerAsync } from '../helpers/cli.js';
import { tempDir } from '../helpers/ledger.js';

const PW = 'first-pass-2024';
const WRONG = 'wrong-password-1';
const setupInput = { unitName: '测试县委组织部', rootOrgName: '中共测试县委员会', adminUsername: 'admin', adminDisplayName: '张管理', password: PW };
const POLICY = { maxFailures: 3, lockoutMs: 5 * 60_000, baseDelayMs: 1, maxDelayMs: 4 };

type RawKeyring = { version: number; checksum?: string; attempts?: any; slots: unknown[] };
const readRaw = (dbFile: string) => JSON.parse(readFileSync(keyringPathFor(dbFile), 'utf8')) as RawKeyring;
const writeRaw = (dbFile: string, k: RawKeyring) => writeFileSync(keyringPathFor(dbFile), JSON.stringify(k));

describe('the lockout cannot be bypassed: counted inside the keyring, before the key derivation, failing closed', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0)) await c();
  });

  async function ledger() {
    const tmp = tempDir();
    const dbFile = join(tmp.dir, 'county.ledger');
    const clock = { now: Date.parse('2026-03-02T09:00:00Z') };
    const host = new LedgerHost({ dbFile, attemptPolicy: POLICY, sleep: async () => undefined, now: () => clock.now });
    cleanups.push(async () => {
      await host.close();
      tmp.cleanup();
    });
    const { recoveryCode } = await host.call('w', 'app.setup', setupInput);
    await host.call('w', 'app.lock', {});
    const login = (password: string, username = 'admin') => host.handle('x', 'app.login', { username, password });
    return { host, dbFile, clock, login, recoveryCode };
  }

  it('deleting the old counter file, or a folder in its place, changes nothing', async () => {
    const { dbFile, clock, login } = await ledger();
    for (let i = 0; i < 3; i++) await login(WRONG);
    const attemptsFile = `${dbFile}.attempts`;
    rmSync(attemptsFile, { force: true });
    expect(await login(PW)).toMatchObject({ ok: false, error: { code: 'LOCKED_OUT' } });
    mkdirSync(attemptsFile);
    const r = await login(PW);
    expect(r).toMatchObject({ ok: false, error: { code: 'LOCKED_OUT', message: expect.stringContaining('分钟后再试') } });
    expect(JSON.stringify(r)).not.toContain('EISDIR');
    clock.now += POLICY.lockoutMs;
    expect(await login(PW)).toMatchObject({ ok: true });
  });

  it('eight processes guessing at once: exactly the allowed five are tried, the rest refused before any key derivation', async () => {
    const { dbFile } = await ledger();
    // The CLI runs with the default policy: five failures, then five minutes.
    const runs = await Promise.all(Array.from({ length: 8 }, () => ledgerAsync(['check', '--db', dbFile], { LEDGER_PASSWORD: WRONG })));
    const tried = runs.filter((r) => r.stderr.includes('用户名或密码错误'));
    const refused = runs.filter((r) => r.stderr.includes('连续输错次数过多'));
    expect(tried, runs.map((r) => r.stderr).join('\n')).toHaveLength(5);
    expect(refused).toHaveLength(3);
    const { attempts } = readRaw(dbFile);
    expect(attempts.counters['user:admin']).toMatchObject({ failures: 5, lockedUntil: expect.any(Number) });
    const methods = (attempts.events as { method: string; detail: { reason?: string } }[]).map((e) => `${e.method}:${e.detail.reason ?? ''}`).sort();
    expect(methods).toEqual([...Array(3).fill('app.loginFailed:lockedOut'), ...Array(5).fill('app.loginFailed:wrongSecret'), 'app.lockedOut:'].sort());
  });

  for (const damage of ['unreadable', 'missing'] as const) {
    it(`a counter section that is ${damage} fails closed: every login waits out a lockout, then works`, async () => {
      const { host, dbFile, clock, login, recoveryCode } = await ledger();
      const k = readRaw(dbFile);
      if (damage === 'missing') delete k.attempts;
      else k.attempts = { counters: 'zero' };
      writeRaw(dbFile, k);
      const r = await login(PW);
      expect(r).toMatchObject({ ok: false, error: { code: 'LOCKED_OUT', message: expect.stringContaining('登录失败计数已损坏或无法读取') } });
      const rec = await host.handle('r', 'app.recover', { username: 'admin', recoveryCode, newPassword: 'second-pass-2024' });
      expect(rec).toMatchObject({ ok: false, error: { code: 'LOCKED_OUT' } });
      clock.now += POLICY.lockoutMs;
      expect(await login(PW)).toMatchObject({ ok: true });
      const audit = await host.call('x', 'audit.list', { method: 'app.lockedOut', limit: 10, offset: 0 });
      expect(audit.rows.map((a) => a.after)).toEqual([{ reason: 'counterDamaged' }]);
    });
  }

  it('a keyring written before this version: its old counter file is moved in and removed', async () => {
    const { dbFile, login } = await ledger();
    const k = readRaw(dbFile);
    writeRaw(dbFile, { ...k, version: 1, checksum: undefined, attempts: undefined });
    writeFileSync(`${dbFile}.attempts`, JSON.stringify({ 'user:admin': { failures: 2, lockedUntil: null } }));
    // Two failures carried over: the next one is the third, and locks.
    expect(await login(WRONG)).toMatchObject({ ok: false, error: { code: 'LOCKED_OUT' } });
    expect(existsSync(`${dbFile}.attempts`)).toBe(false);
    expect(readRaw(dbFile)).toMatchObject({ version: 2, attempts: { counters: { 'user:admin': { failures: 3 } } } });
  });

  it('an old counter file that cannot be read fails closed', async () => {
    const { dbFile, login } = await ledger();
    const k = readRaw(dbFile);
    writeRaw(dbFile, { ...k, version: 1, checksum: undefined, attempts: undefined });
    mkdirSync(`${dbFile}.attempts`);
    expect(await login(PW)).toMatchObject({ ok: false, error: { code: 'LOCKED_OUT', message: expect.stringContaining('登录失败计数已损坏或无法读取') } });
  });

  it('a 2 MB login name is refused by the contract, and nothing is counted or stored', async () => {
    const { dbFile, login } = await ledger();
    const size = statSync(keyringPathFor(dbFile)).size;
    const r = await login(PW, 'a'.repeat(2 * 1024 * 1024));
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringContaining('用户名不能超过 32 个字符') } });
    expect(statSync(keyringPathFor(dbFile)).size).toBe(size);
  });
});
