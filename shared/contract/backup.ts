import { z } from './zod.js';
import { command, hostCall, query } from './define.js';

/** A path on the ledger's machine, typed or chosen by a county-wide administrator; checked in the core. */
const localPath = z.string().trim().min(1, '请填写路径').max(1000, '路径过长');

/**
 * A backup is a pair, the same shape as a live ledger: `<name>.ledger` (a VACUUM INTO copy, encrypted
 * with the ledger's data key) and `<name>.ledger.keyring` (the keyring as it was then), so the copy
 * opens on another machine with a user's password or the recovery code.
 */
export interface BackupInfo {
  file: string;
  /** Bytes of the database copy. */
  size: number;
  createdAt: string;
  /**
   * The copy was opened with the key and its integrity checked after writing; null for a pair this
   * ledger has no record of verifying (copied into the folder by hand).
   */
  verified: { ok: boolean; integrity: string; at: string } | null;
}

/** What a backup holds, read from the copy itself. */
export interface BackupContents {
  unitName: string | null;
  /** Organisations not dissolved. */
  organisations: number;
  /** Members on the rolls (not left). */
  members: number;
  lastAuditAt: string | null;
  schemaVersion: number;
  integrity: string;
}

export interface BackupPreview {
  file: string;
  size: number;
  createdAt: string;
  /** The keyring is beside the copy: it opens on its own, on any machine. */
  selfContained: boolean;
  /** A backup of this ledger (same ledger id); another ledger's copy cannot be restored here. */
  sameLedger: boolean;
  /** Null when the copy belongs to another ledger (this ledger's key does not open it). */
  contents: BackupContents | null;
  /** The schema version this program writes; a newer backup cannot be restored. */
  appSchemaVersion: number;
}

export interface RestoreResult {
  restored: string;
  /** The replaced database, kept with its keyring (`<db>.before-restore` + `.keyring`); null on a new machine. */
  previous: string | null;
  contents: BackupContents;
}

export const backupApi = {
  /** The rotating set beside the database (`<db>.backups/`): keeps the newest N (setting 保留备份份数). */
  'backup.create': command<BackupInfo>()(z.object({ note: z.string().max(60).optional() }), '立即备份', 'admin', { countyWide: true }),
  /**
   * A pair into a folder of this machine (a USB stick): the folder must be absolute, exist and be
   * writable. `fileName` (no folders) is chosen by the CLI or the desktop save dialog; the page leaves
   * it out and gets 台账备份-<time>.ledger.
   */
  'backup.toFolder': command<BackupInfo>()(
    z.object({
      folder: localPath,
      fileName: z
        .string()
        .trim()
        .min(1)
        .max(200)
        // eslint-disable-next-line no-control-regex
        .regex(/^[^/\\:*?"<>|\u0000-\u001f]+$/, '文件名不能包含路径分隔符或特殊字符')
        .refine((n) => !/\.(keyring|partial)$/i.test(n) && n !== '.' && n !== '..', '文件名不可用')
        .optional(),
    }),
    '备份到文件夹',
    'admin',
    { countyWide: true },
  ),
  /** The rotating set, newest first, complete pairs only, with each one's recorded verification. */
  'backup.list': query<BackupInfo[]>()(z.object({}), '备份列表', 'admin', { countyWide: true }),
  /** Opens a pair of the rotating set with the key and checks it again (a disk can rot); the result is audited and listed. */
  'backup.verify': command<NonNullable<BackupInfo['verified']>>()(z.object({ file: localPath }), '校验备份', 'admin', { countyWide: true }),
  /** Opens a backup read-only and says what it holds, before a restore is confirmed. */
  'backup.preview': query<BackupPreview>()(z.object({ file: localPath }), '预览备份', 'admin', { countyWide: true }),
  /**
   * Replaces the ledger with a backup of it. A host call: the core worker must stop while the files
   * are swapped. The host lets only a county-wide administrator through (it asks the core for
   * backup.preview as the caller first) and ends every session.
   */
  'backup.restore': hostCall<RestoreResult>()(z.object({ file: localPath }), '从备份恢复'),
} as const;
