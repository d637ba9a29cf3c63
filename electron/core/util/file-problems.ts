import { accessSync, constants, statSync } from 'node:fs';
import { LedgerError } from '../../../shared/contract/envelope.js';

/** The two files a ledger is made of. */
export type LedgerFileKind = 'database' | 'keyring';

const NAME: Record<LedgerFileKind, string> = { database: '数据库文件', keyring: '密钥文件' };

const MISSING: Record<LedgerFileKind, (path: string) => string> = {
  database: (p) => `数据库文件 ${p} 不存在，但它的密钥文件还在：台账文件可能被移动或删除了。请把数据库文件放回原处，或从备份恢复。`,
  keyring: (p) => `找不到密钥文件 ${p}：没有它，数据库无法打开。请把与数据库一起保存的 .keyring 文件放回原处（备份中也有一份）。`,
};

/** A Chinese error for a file-system failure on one of the ledger's files, saying what to do. */
export function fileProblem(err: unknown, path: string, kind: LedgerFileKind): LedgerError {
  if (err instanceof LedgerError) return err;
  const code = (err as NodeJS.ErrnoException | null)?.code;
  const name = NAME[kind];
  switch (code) {
    case 'ENOENT':
      return new LedgerError('NOT_INITIALISED', MISSING[kind](path));
    case 'EISDIR':
      return isDirectory(path, kind);
    case 'ENOTDIR':
      return new LedgerError('DB_UNREADABLE', `${name} ${path} 的上级路径中有一段是文件而不是文件夹，请检查路径。`);
    case 'EACCES':
    case 'EPERM':
      return new LedgerError('DB_UNREADABLE', `没有权限读写${name} ${path}。请检查该文件和所在文件夹的权限，或换用有权限的系统账户运行台账。`);
    case 'EROFS':
      return new LedgerError('DB_UNREADABLE', `${name} ${path} 所在的磁盘是只读的，台账无法写入。请把台账复制到可写的磁盘上再打开。`);
    case 'ENOSPC':
      return new LedgerError('DB_UNREADABLE', `磁盘已满，无法写入${name} ${path}。请清理磁盘空间后重试。`);
    default:
      return new LedgerError('DB_UNREADABLE', `无法读写${name} ${path}（${code ?? '未知原因'}）。请检查磁盘和文件后重试。`);
  }
}

const isDirectory = (path: string, kind: LedgerFileKind) =>
  new LedgerError('DB_UNREADABLE', `${NAME[kind]} ${path} 的位置上是一个文件夹，不是台账文件。请把该文件夹移走，再把台账文件放回原处（或从备份恢复）。`);

/**
 * Checks one of the ledger's files before anything opens it: present, a regular file, readable (and
 * writable unless only read), not empty. An empty database file would otherwise be taken for a new
 * database by SQLite and get a schema written into it.
 */
export function assertLedgerFile(path: string, kind: LedgerFileKind, writable = true): void {
  try {
    const st = statSync(path);
    if (st.isDirectory()) throw isDirectory(path, kind);
    if (!st.isFile()) throw new LedgerError('DB_UNREADABLE', `${NAME[kind]} ${path} 不是普通文件，请检查该位置。`);
    if (st.size === 0) {
      throw new LedgerError(
        'DB_UNREADABLE',
        `${NAME[kind]} ${path} 是空的（0 字节），可能在复制、下载或保存时被截断。请从备份恢复${kind === 'database' ? '数据库文件' : '密钥文件'}。`,
      );
    }
    accessSync(path, writable ? constants.R_OK | constants.W_OK : constants.R_OK);
  } catch (err) {
    throw fileProblem(err, path, kind);
  }
}
