import { randomBytes } from 'node:crypto';
import { closeSync, copyFileSync, existsSync, mkdirSync, openSync, readdirSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProgressEvent } from '../../shared/contract/index.js';
import { LedgerHost } from '../../electron/core/host/ledger-host.js';
import { Keyring } from '../../electron/core/keyring/keyring.js';
import { openSqlite } from '../../electron/core/db/open.js';
import { ledger } from '../helpers/cli.js';
import { tempDir } from '../helpers/ledger.js';

const PW = 'backup-pass-2024';
const ENV = { LEDGER_PASSWORD: PW };
const ADMIN = { username: 'admin', password: PW };
/** Tests that run several `ledger` processes one after the other (each unlocks with scrypt and starts a worker). */
const CLI_TIMEOUT = 240_000;

const checkJson = (db: string, env: Record<string, string> = ENV) => {
  const r = ledger(['check', '--db', db, '--json'], env);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as { ok: boolean; counts: Record<string, number> };
};

describe('self-contained, verified backups; restore here, elsewhere, and of another ledger', () => {
  const tmp = tempDir('ledger-backup-restore-');
  const db = join(tmp.dir, 'office', 'county.ledger');
  const usb = join(tmp.dir, 'usb');
  let recoveryCode = '';
  let copy = '';
  afterAll(() => tmp.cleanup());

  beforeAll(() => {
    for (const d of ['office', 'usb', 'other-pc', 'third-pc', 'other-county']) mkdirSync(join(tmp.dir, d));
    const init = ledger(['init', '--db', db, '--unit', '测试县委组织部'], ENV);
    expect(init.code, init.stderr).toBe(0);
    recoveryCode = init.stdout.trim();
  }, CLI_TIMEOUT);

  it('ledger backup writes the copy and its keyring, verified, and the pair opens on its own with the password', () => {
    const r = ledger(['backup', '--db', db, '--out', join(usb, 'copy.ledger'), '--json'], ENV);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { file: string; keyring: string; size: number; verified: { ok: boolean; integrity: string } };
    copy = out.file;
    expect(out).toMatchObject({ ok: true, file: join(usb, 'copy.ledger'), keyring: join(usb, 'copy.ledger.keyring'), verified: { ok: true, integrity: 'ok' } });
    expect(readdirSync(usb).sort()).toEqual(['copy.ledger', 'copy.ledger.keyring']);
    // Audited like the page's backups (the CLI and the menu go through backup.toFolder).
    const key = Keyring.load(`${db}.keyring`).unlockWithPassword('admin', PW)!.toString('hex');
    const sqlite = openSqlite(db, key, { create: false, readonly: true });
    const rows = sqlite.prepare("SELECT username, after FROM audit_log WHERE method = 'backup.toFolder'").all() as { username: string; after: string }[];
    sqlite.close();
    expect(rows.map((r) => [r.username, (JSON.parse(r.after) as { file: string }).file])).toEqual([['admin', copy]]);
    // Carried to another machine: nothing of the original ledger is needed.
    const elsewhere = join(tmp.dir, 'other-pc', 'carried.ledger');
    for (const f of ['', '.keyring']) copyFileSync(copy + f, elsewhere + f);
    expect(checkJson(elsewhere)).toMatchObject({ ok: true });
  }, CLI_TIMEOUT);

  it('restores onto a machine with no ledger yet, with the password or with the recovery code alone', () => {
    const viaPassword = join(tmp.dir, 'other-pc', 'county.ledger');
    const r = ledger(['restore', '--db', viaPassword, '--from', copy, '--json'], ENV);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: true, restored: copy, previous: null, contents: { unitName: '测试县委组织部', organisations: 1, integrity: 'ok' } });
    expect(checkJson(viaPassword).ok).toBe(true);

    const viaCode = join(tmp.dir, 'third-pc', 'county.ledger');
    const c = ledger(['restore', '--db', viaCode, '--from', copy], { LEDGER_RECOVERY_CODE: recoveryCode });
    expect(c.code, c.stderr).toBe(0);
    expect(c.stdout).toContain(`已从 ${copy} 恢复到 ${viaCode}`);
    expect(checkJson(viaCode).ok).toBe(true);
  }, CLI_TIMEOUT);

  it('a wrong password opens nothing and leaves nothing behind', () => {
    const target = join(tmp.dir, 'third-pc', 'wrong.ledger');
    const r = ledger(['restore', '--db', target, '--from', copy], { LEDGER_PASSWORD: 'not-the-password-1' });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('不能解开这份备份的密钥文件');
    expect(readdirSync(join(tmp.dir, 'third-pc')).filter((f) => f.startsWith('wrong'))).toEqual([]);
  }, CLI_TIMEOUT);

  it('another ledger’s backup over this one is refused without --replace-other-ledger, and replaces it (keyring too) with it', () => {
    const other = join(tmp.dir, 'other-county', 'county.ledger');
    expect(ledger(['init', '--db', other, '--unit', '另一县委组织部'], ENV).code).toBe(0);
    const otherCopy = join(usb, 'other.ledger');
    expect(ledger(['backup', '--db', other, '--out', otherCopy], ENV).code).toBe(0);
    const before = Keyring.load(`${db}.keyring`).ledgerId;

    const refused = ledger(['restore', '--db', db, '--from', otherCopy], ENV);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('属于另一本台账');
    expect(refused.stderr).toContain('--replace-other-ledger');
    expect(Keyring.load(`${db}.keyring`).ledgerId).toBe(before);

    const replaced = ledger(['restore', '--db', db, '--from', otherCopy, '--replace-other-ledger', '--json'], ENV);
    expect(replaced.code, replaced.stderr).toBe(0);
    expect(JSON.parse(replaced.stdout)).toMatchObject({ previous: `${db}.before-restore`, contents: { unitName: '另一县委组织部' } });
    expect(Keyring.load(`${db}.keyring`).ledgerId).toBe(Keyring.load(`${otherCopy}.keyring`).ledgerId);
    expect(Keyring.load(`${db}.before-restore.keyring`).ledgerId).toBe(before);
    expect(checkJson(db).ok).toBe(true);
    // And back: the kept pair is a backup like any other.
    const back = ledger(['restore', '--db', db, '--from', `${db}.before-restore`, '--replace-other-ledger'], ENV);
    expect(back.code, back.stderr).toBe(0);
    expect(Keyring.load(`${db}.keyring`).ledgerId).toBe(before);
  }, CLI_TIMEOUT);
});

describe('backups and restore through the contract: county-wide administrators only, listed with their verification, previewed, audited, everyone logged out', () => {
  const tmp = tempDir('ledger-backup-host-');
  const dbFile = join(tmp.dir, 'county.ledger');
  const usb = join(tmp.dir, 'usb');
  const host = new LedgerHost({ dbFile });
  const events: ProgressEvent[] = [];
  let townAdmin = '';
  afterAll(async () => {
    await host.close();
    tmp.cleanup();
  });

  beforeAll(async () => {
    mkdirSync(usb);
    host.onProgress((e) => events.push(e));
    await host.call('s', 'app.setup', { unitName: '测试县委组织部', adminUsername: 'admin', adminDisplayName: '管理员', password: PW });
    const root = (await host.call('s', 'org.tree', {}))[0]!;
    const town = await host.call('s', 'org.create', { parentId: root.id, name: '中共甲乡委员会', kind: 'committee', unitCategory: 'township' });
    townAdmin = (await host.call('s', 'user.create', { username: 'town_admin', displayName: '甲乡管理员', role: 'admin', scopeOrgId: town.id, password: 'town-pass-2024' })).id;
  }, 60_000);

  it('立即备份 and 备份到文件夹 answer with the verification, list it, and audit each backup', async () => {
    events.length = 0;
    const made = await host.call('s', 'backup.create', {});
    expect(made.verified).toMatchObject({ ok: true, integrity: 'ok' });
    expect(events.map((e) => e.phase)).toEqual(['backup.copy', 'backup.verify', 'backup.done']);
    const toUsb = await host.call('s', 'backup.toFolder', { folder: usb });
    expect(toUsb.file).toMatch(/台账备份-\d{8}-\d{6}\.ledger$/);
    expect(existsSync(`${toUsb.file}.keyring`)).toBe(true);

    // A pair put into the set by hand is listed, but nothing says it was ever verified.
    const set = `${dbFile}.backups`;
    for (const f of ['', '.keyring']) copyFileSync(made.file + f, join(set, `ledger-0000-by-hand.ledger${f}`));
    const list = await host.call('s', 'backup.list', {});
    expect(list.map((b) => [b.file, b.verified?.ok ?? null])).toEqual([
      [made.file, true],
      [join(set, 'ledger-0000-by-hand.ledger'), null],
    ]);

    const audit = await host.call('s', 'audit.list', { entity: 'backup' });
    expect(audit.rows.map((r) => [r.method, (r.after as { file: string }).file])).toEqual(
      expect.arrayContaining([
        ['backup.create', made.file],
        ['backup.toFolder', toUsb.file],
      ]),
    );
  });

  it('校验 opens a listed pair again: a copy that rotted on disk is reported and listed as failed', async () => {
    const [latest] = await host.call('s', 'backup.list', {});
    expect(await host.call('s', 'backup.verify', { file: latest!.file })).toMatchObject({ ok: true, integrity: 'ok' });
    // Rot one page in the middle of the encrypted copy: its HMAC no longer matches.
    const fd = openSync(latest!.file, 'r+');
    writeSync(fd, randomBytes(4096), 0, 4096, 4096 * 3);
    closeSync(fd);
    const v = await host.call('s', 'backup.verify', { file: latest!.file });
    expect(v.ok).toBe(false);
    expect((await host.call('s', 'backup.list', {}))[0]).toMatchObject({ file: latest!.file, verified: { ok: false } });
    await expect(host.call('s', 'backup.verify', { file: join(usb, 'elsewhere.ledger') })).rejects.toThrow(/不存在|不在本机备份中/);
    // A good pair again on top, for the tests below.
    await host.call('s', 'backup.create', {});
  });

  it('a folder that is relative, missing or a file is refused with what to do; the failure is audited', async () => {
    await expect(host.call('s', 'backup.toFolder', { folder: 'backups' })).rejects.toThrow(/完整的文件夹路径/);
    await expect(host.call('s', 'backup.toFolder', { folder: join(tmp.dir, 'no-usb') })).rejects.toThrow(/文件夹不存在.*插入 U 盘/);
    writeFileSync(join(tmp.dir, 'a-file'), 'x');
    await expect(host.call('s', 'backup.toFolder', { folder: join(tmp.dir, 'a-file') })).rejects.toThrow(/不是文件夹/);
    const failed = await host.call('s', 'audit.list', { method: 'backup.failed' });
    expect(failed.rows).toHaveLength(3);
  });

  it('a township administrator can neither back up, preview nor restore the county; the refused restore is audited', async () => {
    await host.call('t', 'app.login', { username: 'town_admin', password: 'town-pass-2024' });
    const [latest] = await host.call('s', 'backup.list', {});
    for (const [method, input] of [
      ['backup.create', {}],
      ['backup.preview', { file: latest!.file }],
      ['backup.restore', { file: latest!.file }],
    ] as const) {
      expect(await host.handle('t', method, input)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    const refused = await host.call('s', 'audit.list', { method: 'backup.restoreFailed' });
    expect(refused.rows[0]).toMatchObject({ userId: townAdmin, after: { from: latest!.file, via: 'ui' } });
    await host.call('t', 'app.logout', {});
  });

  it('preview says what a backup holds; restore swaps it in, audits it inside the restored ledger and logs everyone out', async () => {
    const [latest] = await host.call('s', 'backup.list', {});
    const root = (await host.call('s', 'org.tree', {}))[0]!;
    await host.call('s', 'org.create', { parentId: root.id, name: '中共备份后新建支部委员会', kind: 'branch' });

    const preview = await host.call('s', 'backup.preview', { file: latest!.file });
    expect(preview).toMatchObject({ sameLedger: true, selfContained: true, contents: { unitName: '测试县委组织部', organisations: 2, members: 0, integrity: 'ok' } });
    expect(preview.contents!.schemaVersion).toBe(preview.appSchemaVersion);
    expect(preview.contents!.lastAuditAt).toMatch(/^\d{4}-/);

    expect(await host.handle('s', 'backup.restore', { file: dbFile })).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringContaining('正在使用的台账文件') } });
    await host.call('other-tab', 'app.login', ADMIN);
    events.length = 0;
    // A second restore while one runs (a double click, another tab) is refused, not interleaved.
    const [r, again] = await Promise.all([host.handle('s', 'backup.restore', { file: latest!.file }), host.handle('other-tab', 'backup.restore', { file: latest!.file })]);
    expect(again).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: '正在恢复台账，请等它完成' } });
    expect(r).toMatchObject({ ok: true, value: { restored: latest!.file, previous: `${dbFile}.before-restore` } });
    expect(events.map((e) => e.phase)).toEqual(['restore.check', 'restore.copy', 'restore.swap', 'restore.open', 'restore.done']);
    for (const s of ['s', 'other-tab']) expect(host.status(s)).toMatchObject({ unlocked: false, session: null });

    await host.call('s', 'app.login', ADMIN);
    expect((await host.call('s', 'org.tree', {})).map((o) => o.name)).not.toContain('中共备份后新建支部委员会');
    const [row] = (await host.call('s', 'audit.list', { method: 'backup.restore' })).rows;
    expect(row).toMatchObject({
      username: 'admin',
      entity: 'ledger',
      before: { file: dbFile, keptAs: `${dbFile}.before-restore` },
      after: { from: latest!.file, via: 'ui', unlockedWith: 'ledger-key', organisations: 2 },
    });
    expect(row!.userId).not.toBeNull();
  });
});
