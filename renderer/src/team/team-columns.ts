import { DISPATCH_LEVEL_NAMES, END_KIND_NAMES, TEAM_ROLE_NAMES, type TeamMember } from '../../../shared/contract/team.js';

/** Columns of the posting list: header and how a posting shows in it. */
export const TEAM_COLUMNS: readonly { key: string; label: string; text: (m: TeamMember, today: string) => string }[] = [
  { key: 'village', label: '驻村', text: (m) => m.villageName },
  { key: 'name', label: '姓名', text: (m) => m.name },
  { key: 'role', label: '身份', text: (m) => TEAM_ROLE_NAMES[m.role] },
  { key: 'unit', label: '派出单位', text: (m) => [m.dispatchingUnit, m.dispatchingLevel ? `（${DISPATCH_LEVEL_NAMES[m.dispatchingLevel]}）` : ''].join('') },
  { key: 'batch', label: '批次', text: (m) => m.batch ?? '' },
  { key: 'term', label: '任职起止', text: (m) => (m.fromDate || m.toDate ? `${m.fromDate ?? '—'} 至 ${m.toDate ?? '—'}` : '') },
  { key: 'status', label: '状态', text: (m, today) => statusOf(m, today) },
];

export function statusOf(m: TeamMember, today: string): string {
  if (m.endedOn && m.endedOn <= today) return `已${END_KIND_NAMES[m.endKind ?? 'recall']}`;
  if (m.fromDate && m.fromDate > today) return '未到任';
  if (m.toDate && m.toDate < today.slice(0, m.toDate.length)) return '任期届满';
  return '在岗';
}
