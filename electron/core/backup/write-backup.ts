import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { LedgerError } from '../../../shared/contract/envelope.js';
import type { BackupInfo } from '../../../shared/contract/backup.js';
import type { SqliteHandle } from '../db/open.js';
import { Keyring } from '../keyring/keyring.js';
import { faultPoint } from '../util/fault.js';
import { cleanLeftovers, fsyncDir, fsyncFile, keyringOf, pairsIn, partialOf } from './files.js';
import { inspectCopy } from './inspect.js';

export interface BackupSource {
  sqlite: SqliteHandle;
  dataKey: Buffer;
  keyringPath: string;
  ledgerId: string;
}

/** Steps of a backup, for progress: 'backup.copy' → 'backup.verify' → 'backup.done'. */
export type BackupStep = (phase: string, done: number, total: number) => void;

/**
 * Writes the pair `<target>` + `<target>.keyring`. Both are written under partial names, the copy is
 * opened with the data key and checked (integrity, and that the keyring beside it belongs to the same
 * ledger, so that a user's password or the recovery code opens it anywhere), then the keyring and
 * last the copy are renamed into place: a pair is listed only once its copy has its final name, and a
 * crash at any step leaves nothing listed, only partials the next backup or open removes.
 */
export function writeBackup(src: BackupSource, target: string, step: BackupStep = () => {}): BackupInfo {
  const dir = dirname(target);
  cleanLeftovers(dir);
  const keyringTarget = keyringOf(target);
  if (existsSync(target) || existsSync(keyringTarget)) throw new LedgerError('CONFLICT', `目标文件已存在：${target}，请换一个文件名或文件夹`);
  const copy = partialOf(target);
  const keyring = partialOf(keyringTarget);
  try {
    step('backup.copy', 0, 3);
    // VACUUM INTO: a consistent, encrypted copy with the same key (the online backup API refuses
    // encrypted databases).
    src.sqlite.prepare('VACUUM INTO ?').run(copy);
    fsyncFile(copy);
    faultPoint('backup.afterVacuum');
    copyFileSync(src.keyringPath, keyring);
    fsyncFile(keyring);
    faultPoint('backup.afterKeyring');
    step('backup.verify', 1, 3);
    let facts: ReturnType<typeof verifyPair>;
    try {
      facts = verifyPair(copy, src, keyring);
    } catch (err) {
      throw new LedgerError('DB_UNREADABLE', `备份写入后校验未通过：${target}，已删除这份备份，请重试或换一个位置（${err instanceof Error ? err.message : String(err)}）`);
    }
    faultPoint('backup.afterVerify');
    renameSync(keyring, keyringTarget);
    faultPoint('backup.afterKeyringRename');
    renameSync(copy, target);
    fsyncDir(dir);
    faultPoint('backup.afterCommit');
    step('backup.done', 3, 3);
    const st = statSync(target);
    return { file: target, size: st.size, createdAt: st.mtime.toISOString(), verified: { ok: true, integrity: facts.integrity, at: new Date().toISOString() } };
  } catch (err) {
    rmSync(copy, { force: true });
    rmSync(keyring, { force: true });
    if (!existsSync(target)) rmSync(keyringTarget, { force: true });
    throw err;
  }
}

/**
 * Opens a copy with the data key and checks its integrity, and that it and the keyring beside it belong
 * to this ledger. The keyring wraps this same data key (it never changes for a ledger): its ledger id is
 * the check that can be made without a user's secret.
 */
export function verifyPair(copy: string, src: Pick<BackupSource, 'dataKey' | 'ledgerId'>, keyring = keyringOf(copy)) {
  const facts = inspectCopy(copy, src.dataKey.toString('hex'), `无法用本台账的密钥打开备份：${copy}，文件已损坏。`);
  if (facts.ledgerId !== src.ledgerId || Keyring.load(keyring).ledgerId !== src.ledgerId) throw new LedgerError('DB_UNREADABLE', `备份的台账编号与本台账不符：${copy}`);
  return facts;
}

/** Into the rotating set: a pair named by time, then only the newest `keep` pairs stay. */
export function rotatingBackup(src: BackupSource, dir: string, keep: number, stamp: string, step?: BackupStep): BackupInfo {
  mkdirSync(dir, { recursive: true });
  cleanLeftovers(dir, { orphanKeyrings: true });
  const info = writeBackup(src, join(dir, `ledger-${stamp.replace(/[:.]/g, '-')}.ledger`), step);
  for (const old of pairsIn(dir).slice(keep)) {
    // The copy first: a pair without its copy is never listed, and its keyring is an orphan the next
    // clean-up removes.
    rmSync(old.file, { force: true });
    rmSync(keyringOf(old.file), { force: true });
  }
  return info;
}
