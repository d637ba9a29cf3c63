import { LedgerError } from '../../../shared/contract/envelope.js';

/**
 * Chinese errors for SQLite's own failures on the ledger file, so a damaged or mismatched file never
 * reaches the user as '内部错误：database disk image is malformed'. Null for anything else (a bug
 * stays an internal error).
 */
export function sqliteProblem(err: unknown, file: string): LedgerError | null {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !code.startsWith('SQLITE_')) return null;
  const base = code.replace(/^(SQLITE_[A-Z]+).*$/, '$1');
  switch (base) {
    case 'SQLITE_NOTADB':
      return new LedgerError(
        'DB_UNREADABLE',
        `无法打开数据库 ${file}：密钥不符（密钥文件可能属于另一本台账），或数据库文件已损坏。请确认数据库与同名 .keyring 文件是同一本台账的一对文件，或从备份恢复。`,
      );
    case 'SQLITE_CORRUPT':
      return new LedgerError('DB_UNREADABLE', `数据库文件 ${file} 已损坏，无法读取。请从最近的备份恢复（ledger restore），恢复后可用 ledger check 检查。`);
    case 'SQLITE_CANTOPEN':
      return new LedgerError('DB_UNREADABLE', `无法打开数据库文件 ${file}。请检查文件是否存在、所在文件夹是否可写，以及文件权限。`);
    case 'SQLITE_READONLY':
      return new LedgerError('DB_UNREADABLE', `数据库文件 ${file} 是只读的，台账无法写入。请检查文件权限，或把台账复制到可写的磁盘上。`);
    case 'SQLITE_FULL':
      return new LedgerError('DB_UNREADABLE', `磁盘已满，无法写入数据库文件 ${file}。请清理磁盘空间后重试。`);
    case 'SQLITE_IOERR':
      return new LedgerError('DB_UNREADABLE', `读写数据库文件 ${file} 时磁盘出错。请检查磁盘（U 盘是否已拔出）后重试；如反复出现，请从备份恢复。`);
    case 'SQLITE_BUSY':
    case 'SQLITE_LOCKED':
      return new LedgerError('CONFLICT', `数据库文件 ${file} 正被另一个程序使用，请稍后再试。`);
    default:
      return null;
  }
}
