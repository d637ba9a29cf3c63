import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, closeSync, copyFileSync, mkdirSync, openSync, readFileSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LedgerHost } from '../../electron/core/host/ledger-host.js';
import { keyringPathFor } from '../../electron/core/keyring/keyring.js';
import { ledger as runLedger } from '../helpers/cli.js';
import { tempDir } from '../helpers/ledger.js';

const PW = 'first-pass-2024';
const setupInput = { unitName: '测试县委组织部', rootOrgName: '中共测试县委员会', adminUsername: 'admin', adminDisplayName: '张管理', password: PW };
const sha = (f: string) => createHash('sha256').update(readFileSync(f)).digest('hex');

async function makeLedger(dir: string, name: string): Promise<string> {
  const dbFile = join(dir, name);
  const host = new LedgerHost({ dbFile });
  await host.call('w', 'app.setup', setupInput);
  await host.close();
  return dbFile;
}

/**
 * Each kind of damage to a ledger's two files gets its own Chinese message saying what to do, is not
 * counted as a wrong password, and changes nothing on disk.
 */
describe('damaged, missing or mismatched ledger files: a Chinese message for each, nothing counted or written', () => {
  const pristine = tempDir();
  const other = tempDir();
  let pristineDb = '';
  let otherDb = '';
  beforeAll(async () => {
    pristineDb = await makeLedger(pristine.dir, 'county.ledger');
    otherDb = await makeLedger(other.dir, 'other.ledger');
  });
  afterAll(() => {
    pristine.cleanup();
    other.cleanup();
  });

  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0)) await c();
  });

  /** A copy of the ledger and a host on it. */
  function copy() {
    const tmp = tempDir();
    const dbFile = join(tmp.dir, 'county.ledger');
    copyFileSync(pristineDb, dbFile);
    copyFileSync(keyringPathFor(pristineDb), keyringPathFor(dbFile));
    const host = new LedgerHost({ dbFile, sleep: async () => undefined });
    cleanups.push(async () => {
      await host.close();
      tmp.cleanup();
    });
    const login = () => host.handle('x', 'app.login', { username: 'admin', password: PW });
    return { host, dbFile, keyring: keyringPathFor(dbFile), login, dir: tmp.dir };
  }

  it('a keyring that is not JSON', async () => {
    const { keyring, login } = copy();
    writeFileSync(keyring, '{ "format": "party-ledger-keyring", "slots": [');
    expect(await login()).toMatchObject({ ok: false, error: { code: 'DB_UNREADABLE', message: expect.stringMatching(/密钥文件 .* 已损坏（内容不是有效的 JSON）.*请从备份中取回/) } });
    expect(readFileSync(keyring, 'utf8')).toBe('{ "format": "party-ledger-keyring", "slots": [');
  });

  it('a keyring whose key slot was damaged: not taken for a wrong password, not counted', async () => {
    const { keyring, login } = copy();
    const k = JSON.parse(readFileSync(keyring, 'utf8')) as { slots: { wrapped: { data: string } }[] };
    const d = k.slots[0]!.wrapped.data;
    k.slots[0]!.wrapped.data = (d[0] === 'A' ? 'B' : 'A') + d.slice(1);
    writeFileSync(keyring, JSON.stringify(k));
    const before = sha(keyring);
    const r = await login();
    expect(r).toMatchObject({ ok: false, error: { code: 'DB_UNREADABLE', message: expect.stringContaining('已损坏（校验和不符）') } });
    expect(JSON.stringify(r)).not.toContain('用户名或密码错误');
    expect(sha(keyring)).toBe(before);
  });

  it('the keyring of another ledger: the database is not touched and the attempt is not counted', async () => {
    const { dbFile, keyring, login } = copy();
    copyFileSync(keyringPathFor(otherDb), keyring);
    const before = sha(dbFile);
    expect(await login()).toMatchObject({ ok: false, error: { code: 'DB_UNREADABLE', message: expect.stringContaining('密钥不符（密钥文件可能属于另一本台账）') } });
    expect(sha(dbFile)).toBe(before);
    expect((JSON.parse(readFileSync(keyring, 'utf8')) as { attempts: { counters: object } }).attempts.counters).toEqual({});
  });

  it('a database file damaged past its first page', async () => {
    const { dbFile, login } = copy();
    const size = statSync(dbFile).size;
    const fd = openSync(dbFile, 'r+');
    writeSync(fd, Buffer.alloc(size - 4096, 0x5a), 0, size - 4096, 4096);
    closeSync(fd);
    const r = await login();
    expect(r).toMatchObject({ ok: false, error: { code: 'DB_UNREADABLE', message: expect.stringMatching(/数据库文件 .* 已损坏，无法读取。请从最近的备份恢复/) } });
    expect(JSON.stringify(r)).not.toMatch(/malformed|内部错误/);
  });

  it('a 0-byte database: refused before the key is tried, and no schema is written into it', async () => {
    const { dbFile, keyring, login } = copy();
    writeFileSync(dbFile, '');
    const ring = sha(keyring);
    expect(await login()).toMatchObject({ ok: false, error: { code: 'DB_UNREADABLE', message: expect.stringMatching(/数据库文件 .* 是空的（0 字节）.*请从备份恢复/) } });
    expect(statSync(dbFile).size).toBe(0);
    expect(sha(keyring)).toBe(ring);
    // The CLI says the same in one line.
    const cli = runLedger(['check', '--db', dbFile], { LEDGER_PASSWORD: PW });
    expect(cli.code).toBe(1);
    expect(cli.stderr.trim()).toMatch(/^错误：数据库文件 .* 是空的（0 字节）/);
    expect(statSync(dbFile).size).toBe(0);
  });

  it('a missing database beside its keyring: the login page, not the set-up wizard, and a message that says so', async () => {
    const { host, dbFile, login } = copy();
    rmSync(dbFile);
    expect(host.status('x')).toMatchObject({ initialised: true });
    expect(await login()).toMatchObject({ ok: false, error: { code: 'NOT_INITIALISED', message: expect.stringContaining('不存在，但它的密钥文件还在') } });
  });

  it('a missing keyring beside its database', async () => {
    const { keyring, login } = copy();
    rmSync(keyring);
    expect(await login()).toMatchObject({ ok: false, error: { code: 'NOT_INITIALISED', message: expect.stringContaining('找不到密钥文件') } });
  });

  it('a folder where the database or the keyring should be', async () => {
    for (const which of ['db', 'keyring'] as const) {
      const { dbFile, keyring, login } = copy();
      const target = which === 'db' ? dbFile : keyring;
      rmSync(target);
      mkdirSync(target);
      const r = await login();
      expect(r).toMatchObject({ ok: false, error: { code: 'DB_UNREADABLE', message: expect.stringContaining(`${which === 'db' ? '数据库文件' : '密钥文件'} ${target} 的位置上是一个文件夹`) } });
      expect(JSON.stringify(r)).not.toContain('EISDIR');
    }
  });

  // Needs root (to start a process as `nobody`) and a checkout `nobody` can reach; a CI machine
  // whose checkout sits in a private home folder cannot run it, and says so by skipping.
  const asNobody = process.getuid?.() === 0 && spawnSync(process.execPath, ['-e', `require('node:fs').accessSync(${JSON.stringify(join(import.meta.dirname, '../../dist-node'))})`], { uid: 65534, gid: 65534 }).status === 0;
  it.runIf(asNobody)('files the user may not read (another system account)', async () => {
    const { dir, dbFile } = copy();
    chmodSync(dir, 0o755);
    const cli = join(import.meta.dirname, '../../dist-node/cli.mjs');
    // As the unprivileged `nobody`: the ledger's files belong to root and are private (0600).
    const r = spawnSync(process.execPath, [cli, 'check', '--db', dbFile], { uid: 65534, gid: 65534, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', LEDGER_PASSWORD: PW } });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`没有权限读写数据库文件 ${dbFile}`);
  });
});
