/** Bytes as a clerk reads them. */
export function sizeText(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export function timeText(iso: string | null): string {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString('zh-CN', { hour12: false });
}

/** The last part of a path, whichever separator the machine uses. */
export const fileName = (path: string): string => path.split(/[\\/]/).pop() ?? path;

/** Steps of a backup (the core) and of a restore (the host), as the page names them. */
export const PHASE_NAMES: Record<string, string> = {
  'backup.copy': '正在写入加密副本',
  'backup.verify': '正在打开副本校验',
  'backup.done': '备份完成',
  'restore.check': '正在校验备份',
  'restore.copy': '正在复制并校验备份',
  'restore.swap': '正在替换台账文件',
  'restore.open': '正在打开恢复后的台账',
  'restore.done': '恢复完成',
};
