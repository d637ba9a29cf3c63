import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LedgerHost } from '../../electron/core/host/ledger-host.js';
import { Keyring } from '../../electron/core/keyring/keyring.js';
import { openSqlite } from '../../electron/core/db/open.js';
import { FAULT_POINTS, type FaultPoint } from '../../electron/core/util/fault.js';
import { ledger } from '../helpers/cli.js';
import { tempDir } from '../helpers/ledger.js';

const PW = 'kill-test-pass-2024';
const ENV = { LEDGER_PASSWORD: PW };

/** Points before the journal: a kill there must leave the old ledger; after it, the next open finishes the new one. */
const BEFORE_JOURNAL = new Set<FaultPoint>(['restore.afterCopy', 'restore.afterStage', 'restore.afterStop']);

/**
 * The three ways into a restore and the points each passes (a point listed but not reached fails the
 * test: the process must die of SIGKILL there). Organisation counts tell the contents apart: ledger A
 * has 3 now and had 2 when backed up; ledger L (another county) has 1.
 */
const ROUTES = {
  same: {
    points: ['restore.afterCopy', 'restore.afterStage', 'restore.afterStop', 'restore.afterJournal', 'restore.afterKeepKeyring', 'restore.afterMoveOld', 'restore.afterMoveWal', 'restore.afterSwap'],
    oldOrgs: 3,
    newOrgs: 2,
  },
  other: {
    points: FAULT_POINTS.filter((p) => p.startsWith('restore.')),
    oldOrgs: 3,
    newOrgs: 1,
  },
  fresh: {
    points: ['restore.afterCopy', 'restore.afterStage', 'restore.afterJournal', 'restore.afterMoveWal', 'restore.afterMoveKeyring', 'restore.afterKeyring', 'restore.afterSwap'],
    oldOrgs: null,
    newOrgs: 2,
  },
} satisfies Record<string, { points: FaultPoint[]; oldOrgs: number | null; newOrgs: number }>;

type Route = keyof typeof ROUTES;

function check(db: string): { code: number | null; orgs: number; ok: boolean } {
  const r = ledger(['check', '--db', db, '--json'], ENV);
  const j = r.code === 0 ? (JSON.parse(r.stdout) as { ok: boolean; counts: { orgs: number } }) : null;
  return { code: r.code, orgs: j?.counts.orgs ?? -1, ok: j?.ok ?? false };
}

/** Reads the restored file directly with the key its keyring gives for the password. */
function readLedger<T>(db: string, read: (sqlite: ReturnType<typeof openSqlite>) => T): T {
  const key = Keyring.load(`${db}.keyring`).unlockWithPassword('admin', PW)!;
  const sqlite = openSqlite(db, key.toString('hex'), { create: false, readonly: true });
  try {
    return read(sqlite);
  } finally {
    sqlite.close();
  }
}

const restoreRows = (db: string) => readLedger(db, (s) => (s.prepare("SELECT count(*) AS n FROM audit_log WHERE method = 'backup.restore'").get() as { n: number }).n);

describe('restore killed at every step: the next open leaves the old ledger or the new one, never neither, never mixed', () => {
  const tmp = tempDir('ledger-restore-kill-');
  const A = join(tmp.dir, 'a', 'county.ledger');
  const L = join(tmp.dir, 'l', 'county.ledger');
  const backups = join(tmp.dir, 'backups');
  let backupA = '';
  let backupL = '';
  afterAll(() => tmp.cleanup());

  beforeAll(async () => {
    for (const d of ['a', 'l', 'backups']) mkdirSync(join(tmp.dir, d));
    const a = new LedgerHost({ dbFile: A });
    await a.call('s', 'app.setup', { unitName: '甲县委组织部', adminUsername: 'admin', adminDisplayName: '管理员', password: PW });
    const rootA = (await a.call('s', 'org.tree', {}))[0]!;
    await a.call('s', 'org.create', { parentId: rootA.id, name: '中共一号村支部委员会', kind: 'branch' });
    backupA = (await a.call('s', 'backup.toFolder', { folder: backups, fileName: 'a.ledger' })).file;
    await a.call('s', 'org.create', { parentId: rootA.id, name: '中共二号村支部委员会', kind: 'branch' });
    await a.close();
    // Another county with the same administrator password, so --replace-other-ledger can open its keyring.
    const l = new LedgerHost({ dbFile: L });
    await l.call('s', 'app.setup', { unitName: '乙县委组织部', adminUsername: 'admin', adminDisplayName: '管理员', password: PW });
    backupL = (await l.call('s', 'backup.toFolder', { folder: backups, fileName: 'l.ledger' })).file;
    await l.close();
  }, 120_000);

  it('covers every restore fault point', () => {
    const covered = new Set(Object.values(ROUTES).flatMap((r) => r.points));
    expect(FAULT_POINTS.filter((p) => p.startsWith('restore.') && !covered.has(p))).toEqual([]);
  });

  const cases = (Object.keys(ROUTES) as Route[]).flatMap((route) => ROUTES[route].points.map((point) => [route, point] as const));

  it.each(cases)('%s: killed at %s', (route, point) => {
    const dir = mkdtempSync(join(tmp.dir, 'case-'));
    const db = join(dir, 'county.ledger');
    if (route !== 'fresh') for (const f of ['', '.keyring']) copyFileSync(A + f, db + f);
    const args = ['restore', '--db', db, '--from', route === 'other' ? backupL : backupA, ...(route === 'other' ? ['--replace-other-ledger'] : [])];

    const killed = ledger(args, { ...ENV, LEDGER_FAULT: point });
    expect(killed.signal, killed.stderr).toBe('SIGKILL');
    const committed = !BEFORE_JOURNAL.has(point);
    expect(existsSync(`${db}.restore-journal`)).toBe(committed);

    // The next open (any command) repairs first.
    const after = check(db);
    const { oldOrgs, newOrgs } = ROUTES[route];
    if (!committed && oldOrgs === null) {
      expect(after.code).toBe(1);
      expect(readdirSync(dir)).toEqual([]);
      return;
    }
    expect(after.code).toBe(0);
    expect(after.ok).toBe(true);
    expect(after.orgs).toBe(committed ? newOrgs : oldOrgs);
    expect(readdirSync(dir).filter((f) => f.includes('restoring') || f.includes('journal') || f.includes('partial'))).toEqual([]);
    // The restore's audit row came with the restored file, and only with it.
    expect(restoreRows(db)).toBe(committed ? 1 : 0);
    if (committed && oldOrgs !== null) {
      // The replaced ledger is kept as a pair that opens on its own, whole.
      const kept = readLedger(`${db}.before-restore`, (s) => ({ integrity: s.pragma('integrity_check', { simple: true }), orgs: s.prepare('SELECT count(*) FROM orgs').pluck().get() }));
      expect(kept).toEqual({ integrity: 'ok', orgs: oldOrgs });
    }
  }, 120_000);

  it('a stray WAL where the restored file lands is moved aside, never replayed into it', () => {
    // A real WAL of ledger A with frames the backup does not have: the same key, so SQLite would
    // replay it into the restored file if it found it under the new file's name.
    const scratch = join(tmp.dir, 'scratch.ledger');
    copyFileSync(A, scratch);
    const key = Keyring.load(`${A}.keyring`).unlockWithPassword('admin', PW)!.toString('hex');
    const live = openSqlite(scratch, key, { create: false });
    live.pragma('wal_autocheckpoint = 0');
    live.prepare("UPDATE settings SET value = ? WHERE key = 'unitName'").run(JSON.stringify('不该出现的单位'));
    const wal = readFileSync(`${scratch}-wal`);
    live.close();
    expect(wal.length).toBeGreaterThan(0);

    const dir = mkdtempSync(join(tmp.dir, 'wal-'));
    const db = join(dir, 'county.ledger');
    writeFileSync(`${db}-wal`, wal);
    const r = ledger(['restore', '--db', db, '--from', backupA], ENV);
    expect(r.code, r.stderr).toBe(0);
    expect(check(db)).toMatchObject({ code: 0, ok: true, orgs: 2 });
    expect(readLedger(db, (s) => s.prepare("SELECT value FROM settings WHERE key = 'unitName'").pluck().get())).toBe(JSON.stringify('甲县委组织部'));
    expect(readFileSync(`${db}.before-restore-wal`).equals(wal)).toBe(true);
  }, 120_000);
});
