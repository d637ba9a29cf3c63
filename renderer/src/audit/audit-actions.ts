import { api, METHODS } from '../../../shared/contract/index.js';
import { AUDIT_EVENT_LABELS, auditMethodLabel } from '../../../shared/audit/labels.js';

export interface ActionGroup {
  label: string;
  actions: { value: string; label: string }[];
}

/** Actions whose rows are exports of personal data (reads that the core audits). */
const EXPORTS = ['export.roster', 'export.grid', 'import.report', 'export.toFile'];

const groupOf = (m: string): string =>
  EXPORTS.includes(m) ? '导出' : m.startsWith('backup.') ? '备份与恢复' : m.startsWith('app.') || m.startsWith('user.') ? '登录与用户' : '台账修改';

/**
 * What the 操作 filter offers: every write of the contract, the exports, and the events hosts write
 * (logins, lockouts, backups …), grouped, each once by its Chinese name.
 */
export function auditActionGroups(): ActionGroup[] {
  const methods = new Set<string>([...METHODS.filter((m) => api[m].write), ...EXPORTS, ...Object.keys(AUDIT_EVENT_LABELS)]);
  const order = ['台账修改', '登录与用户', '导出', '备份与恢复'];
  const groups = new Map(order.map((g) => [g, [] as ActionGroup['actions']]));
  for (const m of methods) groups.get(groupOf(m))?.push({ value: m, label: auditMethodLabel(m) });
  return order.map((label) => ({ label, actions: groups.get(label)!.sort((a, b) => a.label.localeCompare(b.label, 'zh-CN')) })).filter((g) => g.actions.length > 0);
}
