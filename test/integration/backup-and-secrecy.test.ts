import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LedgerHost } from '../../electron/core/host/ledger-host.js';
import { writeBackup } from '../../electron/core/backup/write-backup.js';
import { inspectCopy } from '../../electron/core/backup/inspect.js';
import { openSqlite } from '../../electron/core/db/open.js';
import { caller, createCore, idFor, tempDir } from '../helpers/ledger.js';

const NAME = '艾则孜·吾术尔';

describe('backups and secrecy at rest', () => {
  it('no plaintext name or ID number in the database, its WAL, or a backup', async () => {
    const tmp = tempDir();
    const { core, dbFile, adminId, rootId, dataKey } = await createCore(tmp.dir);
    const call = caller(core, adminId);
    const branch = await call('org.create', { parentId: rootId, name: '中共幸福村支部委员会', kind: 'branch', unitCategory: 'village' });
    const idNumber = idFor('1979-11-23');
    for (let i = 0; i < 50; i++) {
      await call('member.create', { idNumber: i === 0 ? idNumber : idFor('1980-01-01'), name: i === 0 ? NAME : `党员${i}`, category: 'formal', joinedOn: '2005-07-01', confirmedOn: '2006-07-01', orgId: branch.id, phone: '13912345678' });
    }
    // Before checkpointing, the new pages sit in the WAL: that file must be ciphertext too.
    const wal = `${dbFile}-wal`;
    expect(existsSync(wal)).toBe(true);
    const backup = join(tmp.dir, 'copy.ledger');
    writeBackup({ sqlite: core.sqlite, dataKey, keyringPath: `${dbFile}.keyring`, ledgerId: core.env.ledgerId }, backup);
    const needles = [Buffer.from(NAME, 'utf8'), Buffer.from(idNumber, 'utf8'), Buffer.from('幸福村', 'utf8'), Buffer.from('13912345678')];
    for (const f of [dbFile, wal, backup, `${backup}.keyring`, `${dbFile}.keyring`]) {
      const bytes = readFileSync(f);
      for (const n of needles) expect(bytes.includes(n), `${f} contains plaintext`).toBe(false);
    }
    expect(inspectCopy(backup, dataKey.toString('hex')).integrity).toBe('ok');
    expect(() => inspectCopy(backup, randomBytes(32).toString('hex'))).toThrow(/无法用本台账的密钥打开备份/);
    await core.close();
    tmp.cleanup();
  });

  it('backup.create keeps a rotating set; restore brings back the copy and refuses a foreign or broken file', async () => {
    const tmp = tempDir();
    const dbFile = join(tmp.dir, 'county.ledger');
    const host = new LedgerHost({ dbFile });
    await host.call('s', 'app.setup', { unitName: '测试县委组织部', adminUsername: 'admin', adminDisplayName: '管理员', password: 'admin-pass-2024' });
    await host.call('s', 'settings.update', { backupKeep: 2 });
    const root = (await host.call('s', 'org.tree', {}))[0]!;
    await host.call('s', 'org.create', { parentId: root.id, name: '中共一号村支部委员会', kind: 'branch' });
    const first = await host.call('s', 'backup.create', {});
    const manual = join(tmp.dir, 'manual.ledger');
    copyFileSync(first.file, manual);
    await host.call('s', 'org.create', { parentId: root.id, name: '中共二号村支部委员会', kind: 'branch' });
    await host.call('s', 'backup.create', {});
    await host.call('s', 'backup.create', {});
    const list = await host.call('s', 'backup.list', {});
    expect(list).toHaveLength(2);
    expect(readdirSync(`${dbFile}.backups`)).toHaveLength(4); // two pairs: copy and keyring

    expect(list.map((b) => b.file)).not.toContain(first.file);
    // `manual` is a bare copy without its keyring (as earlier versions wrote): this ledger's key opens it.
    const restored = await host.restore('s', manual, { via: 'cli' });
    expect(restored.previous).toBe(`${dbFile}.before-restore`);
    await host.call('s2', 'app.login', { username: 'admin', password: 'admin-pass-2024' });
    const names = (await host.call('s2', 'org.tree', {})).map((o) => o.name);
    expect(names).toContain('中共一号村支部委员会');
    expect(names).not.toContain('中共二号村支部委员会');

    // A copy of another ledger (other key) and a broken file are refused; the ledger stays as it is.
    const other = tempDir();
    const foreign = await createCore(other.dir);
    await foreign.core.close();
    await expect(host.restore('s2', foreign.dbFile, { via: 'cli' })).rejects.toThrow(/不是本台账的备份/);
    const junk = join(tmp.dir, 'junk.ledger');
    writeFileSync(junk, randomBytes(8192));
    await expect(host.restore('s2', junk, { via: 'cli' })).rejects.toThrow(/不是本台账的备份|已损坏/);
    expect((await host.call('s2', 'org.tree', {})).map((o) => o.name)).toContain('中共一号村支部委员会');
    await host.close();
    // The restored file opens with the ledger's key on its own.
    expect(() => openSqlite(dbFile, 'ff'.repeat(32), { create: false })).toThrow(/密钥不符/);
    other.cleanup();
    tmp.cleanup();
  });
});
