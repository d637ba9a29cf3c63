import { copyFileSync, existsSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { LedgerError } from '../../../shared/contract/envelope.js';
import { auditValues } from '../audit/audit.js';
import { Keyring } from '../keyring/keyring.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { faultPoint } from '../util/fault.js';
import { backupDirFor, cleanLeftovers, fsyncDir, fsyncFile, keyringOf, partialOf } from './files.js';
import { openCopy, readFacts, refuseTooNew, type CopyFacts } from './inspect.js';

/**
 * A restore replaces `<db>` (and, for another ledger or a new machine, `<db>.keyring`) in steps that
 * each leave something the next open can finish or undo:
 *
 *   1. stage:   the backup is copied to `<db>.restoring` (+ `.keyring`), opened with the key, checked,
 *               and the restore's audit row is appended to it; partial names until complete.
 *   2. journal: `<db>.restore-journal` is written. This is the commit point: without it the next open
 *               deletes what was staged (the old ledger stays); with it the next open finishes 3.
 *   3. swap:    the old database goes to `<db>.before-restore` (its keyring copied or moved beside it,
 *               so the kept file is a pair that opens on its own), its WAL goes with it (a restored
 *               file must never be paired with the old WAL), the staged keyring and last the staged
 *               database take their places. Each step is repeatable, so finishing after a crash is
 *               running 3 again.
 *   4. the journal is removed.
 */
export function restorePaths(db: string) {
  const staged = `${db}.restoring`;
  const previous = `${db}.before-restore`;
  return {
    staged,
    stagedKeyring: keyringOf(staged),
    journal: `${db}.restore-journal`,
    previous,
    previousKeyring: keyringOf(previous),
    previousWal: `${previous}-wal`,
    keyring: keyringOf(db),
  };
}

/** Who restores, from where and why; becomes the audit row inside the restored ledger. */
export interface RestoreAudit {
  at: string;
  username: string | null;
  via: 'ui' | 'cli' | 'smoke';
  /** What opened the backup: the running ledger's key, a user's password for its keyring, or the recovery code. */
  unlockedWith: 'ledger-key' | 'password' | 'recovery-code';
  from: string;
  /** The ledger being replaced: null on a new machine. */
  replacing: { file: string; ledgerId: string } | null;
}

export interface Staged {
  facts: CopyFacts;
  /** The restoring user as the copy knows them (null: not a user of that ledger, or the recovery code was used). */
  actor: { id: string; role: string; countyWide: boolean } | null;
}

/** Removes every staged or partial file of a restore that did not reach its journal. */
export function discardStaged(db: string): void {
  const dir = dirname(db);
  const prefix = basename(restorePaths(db).staged);
  if (!existsSync(dir)) return;
  for (const f of readdirSync(dir)) if (f.startsWith(prefix)) rmSync(join(dir, f), { force: true });
}

/**
 * Step 1. `keyHex` opens the backup: this ledger's key, or the one its own keyring gave for a user's
 * password or the recovery code. `withKeyring` stages the backup's keyring too (another ledger, a new
 * machine). `expectLedgerId` refuses a copy of another ledger.
 */
export function stageRestore(from: string, db: string, keyHex: string, o: { withKeyring: boolean; expectLedgerId?: string; audit: RestoreAudit }): Staged {
  const p = restorePaths(db);
  if (!existsSync(dirname(db))) throw new LedgerError('NOT_FOUND', `文件夹不存在：${dirname(db)}`);
  discardStaged(db);
  const copy = partialOf(p.staged);
  const keyring = partialOf(p.stagedKeyring);
  try {
    copyFileSync(from, copy);
    if (o.withKeyring) copyFileSync(keyringOf(from), keyring);
    faultPoint('restore.afterCopy');
    const sqlite = openCopy(copy, keyHex, { writable: true });
    let staged: Staged;
    try {
      const facts = readFacts(sqlite, from);
      refuseTooNew(facts, from);
      if (o.expectLedgerId !== undefined && facts.ledgerId !== o.expectLedgerId) throw new LedgerError('CONFLICT', `备份 ${from} 不是本台账的备份，未做任何恢复。`);
      if (o.withKeyring && Keyring.load(keyring).ledgerId !== facts.ledgerId) throw new LedgerError('DB_UNREADABLE', `备份旁的密钥文件与备份不匹配：${keyringOf(from)}，未做任何恢复。`);
      const user = o.audit.username === null ? undefined : (sqlite.prepare("SELECT u.id, u.role, o.path FROM users u JOIN orgs o ON o.id = u.scope_org_id WHERE u.username = ? AND u.active = 1").get(o.audit.username) as { id: string; role: string; path: string } | undefined);
      staged = { facts, actor: user ? { id: user.id, role: user.role, countyWide: user.path.indexOf('/', 1) === user.path.length - 1 } : null };
      appendRestoreAudit(sqlite, o.audit, staged);
    } finally {
      sqlite.close();
    }
    fsyncFile(copy);
    if (o.withKeyring) {
      fsyncFile(keyring);
      renameSync(keyring, p.stagedKeyring);
    }
    renameSync(copy, p.staged);
    fsyncDir(dirname(db));
    faultPoint('restore.afterStage');
    return staged;
  } catch (err) {
    discardStaged(db);
    throw err;
  }
}

/**
 * The restore's audit row is written into the restored copy itself, before the swap: the old file is
 * set aside by the restore, so a row written there would leave the log the users see; a row written
 * after the swap could be lost to a crash between the two. In the copy it arrives with the swap or not
 * at all.
 */
function appendRestoreAudit(sqlite: ReturnType<typeof openCopy>, a: RestoreAudit, s: Staged): void {
  const { ledgerId, tooNew: _t, integrity: _i, ...contents } = s.facts;
  const row = auditValues(
    { actor: { userId: s.actor?.id ?? null, username: a.username }, method: 'backup.restore', at: a.at },
    'ledger',
    null,
    a.replacing === null ? null : { file: a.replacing.file, ledgerId: a.replacing.ledgerId, keptAs: restorePaths(a.replacing.file).previous },
    { from: a.from, via: a.via, unlockedWith: a.unlockedWith, ledgerId, backupCreatedAt: statSync(a.from).mtime.toISOString(), ...contents },
  );
  sqlite
    .prepare('INSERT INTO audit_log (id, at, user_id, username, method, entity, entity_id, before, after, batch_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
    .run(row.id, row.at, row.userId, row.username, row.method, row.entity, row.entityId, row.before, row.after, row.batchId);
}

/** A user's password or the recovery code, for a backup's own keyring. */
export type BackupSecret = { username: string; password: string } | { recoveryCode: string };

/** The data key a backup's own keyring gives for a secret (another ledger, a new machine). */
export function unlockBackupKey(file: string, secret: BackupSecret): Buffer {
  const path = keyringOf(file);
  if (!existsSync(path)) throw new LedgerError('NOT_FOUND', `备份旁没有它的密钥文件 ${path}：请把密钥文件与备份放在同一文件夹，未做任何恢复。`);
  const keyring = Keyring.load(path);
  const key = 'recoveryCode' in secret ? keyring.unlockWithRecoveryCode(secret.recoveryCode) : keyring.unlockWithPassword(secret.username, secret.password);
  if (!key) {
    throw new LedgerError('AUTH_FAILED', 'recoveryCode' in secret ? '恢复码不能解开这份备份的密钥文件，未做任何恢复。' : `用户名或密码不能解开这份备份的密钥文件（用户 ${secret.username}），未做任何恢复。`);
  }
  return key;
}

/** Steps 2–4, once the core no longer has the database open. */
export function commitRestore(db: string, from: string): void {
  const p = restorePaths(db);
  if (!existsSync(p.staged)) throw new LedgerError('INTERNAL', '没有待恢复的文件');
  writeFileAtomic(p.journal, JSON.stringify({ format: 'party-ledger-restore', from, at: new Date().toISOString() }));
  faultPoint('restore.afterJournal');
  swap(db);
  rmSync(p.journal, { force: true });
  fsyncDir(dirname(db));
}

/** Step 3; repeatable: each move is made only if it has not been made yet. */
function swap(db: string): void {
  const p = restorePaths(db);
  if (!existsSync(p.staged)) return;
  // The staged keyring is there exactly when the restore brings its own (until its rename below).
  const withKeyring = existsSync(p.stagedKeyring);
  if (existsSync(db)) {
    for (const f of [p.previous, p.previousWal, `${p.previous}-shm`, p.previousKeyring]) rmSync(f, { force: true });
    // A copy cut short here is made again: the database has not moved yet, so this block reruns.
    if (!withKeyring && existsSync(p.keyring)) copyFileSync(p.keyring, p.previousKeyring);
    faultPoint('restore.afterKeepKeyring');
    renameSync(db, p.previous);
    faultPoint('restore.afterMoveOld');
  }
  if (existsSync(`${db}-wal`)) renameSync(`${db}-wal`, p.previousWal);
  rmSync(`${db}-shm`, { force: true });
  faultPoint('restore.afterMoveWal');
  if (withKeyring) {
    if (existsSync(p.keyring)) renameSync(p.keyring, p.previousKeyring);
    faultPoint('restore.afterMoveKeyring');
    renameSync(p.stagedKeyring, p.keyring);
    faultPoint('restore.afterKeyring');
  }
  renameSync(p.staged, db);
  fsyncDir(dirname(db));
  faultPoint('restore.afterSwap');
}

/**
 * What a host does before anything opens the database: finishes a restore that reached its journal,
 * drops one that did not, and clears partial backups from the rotating set.
 */
export function repairAtOpen(db: string): void {
  const p = restorePaths(db);
  if (existsSync(p.journal)) {
    swap(db);
    rmSync(p.journal, { force: true });
  } else {
    discardStaged(db);
  }
  cleanLeftovers(backupDirFor(db), { orphanKeyrings: true });
}
