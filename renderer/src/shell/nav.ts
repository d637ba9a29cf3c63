import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { Role } from '../../../shared/types/roles.js';

export interface NavItem {
  id: string;
  label: string;
  /** Lowest role that sees the area; the core checks again on every call. */
  role: Role;
  page: LazyExoticComponent<ComponentType>;
}

/** The areas of the ledger. Later areas (统计 …) plug in here; list only areas that work. */
export const NAV: readonly NavItem[] = [
  { id: 'members', label: '党员', role: 'viewer', page: lazy(() => import('../members/MembersPage.js').then((m) => ({ default: m.MembersPage }))) },
  { id: 'pipeline', label: '发展党员', role: 'viewer', page: lazy(() => import('../pipeline/PipelinePage.js').then((m) => ({ default: m.PipelinePage }))) },
  { id: 'orgs', label: '组织', role: 'viewer', page: lazy(() => import('../org/OrgPage.js').then((m) => ({ default: m.OrgPage }))) },
  { id: 'reserves', label: '后备力量', role: 'viewer', page: lazy(() => import('../reserve/ReservePage.js').then((m) => ({ default: m.ReservePage }))) },
  { id: 'teams', label: '驻村工作队', role: 'viewer', page: lazy(() => import('../team/TeamPage.js').then((m) => ({ default: m.TeamPage }))) },
  { id: 'life', label: '组织生活', role: 'viewer', page: lazy(() => import('../meeting/MeetingPage.js').then((m) => ({ default: m.MeetingPage }))) },
  { id: 'grids', label: '网格', role: 'viewer', page: lazy(() => import('../grid-units/GridUnitsPage.js').then((m) => ({ default: m.GridUnitsPage }))) },
  { id: 'import', label: '导入', role: 'clerk', page: lazy(() => import('../imports/ImportPage.js').then((m) => ({ default: m.ImportPage }))) },
  { id: 'exports', label: '模板与导出', role: 'viewer', page: lazy(() => import('../exports/ExportsPage.js').then((m) => ({ default: m.ExportsPage }))) },
  { id: 'stats', label: '统计', role: 'viewer', page: lazy(() => import('../stats/StatsPage.js').then((m) => ({ default: m.StatsPage }))) },
  { id: 'audit', label: '操作日志', role: 'admin', page: lazy(() => import('../audit/AuditPage.js').then((m) => ({ default: m.AuditPage }))) },
  { id: 'users', label: '用户管理', role: 'admin', page: lazy(() => import('../users/UsersPage.js').then((m) => ({ default: m.UsersPage }))) },
  { id: 'backup', label: '备份与恢复', role: 'admin', page: lazy(() => import('../backup/BackupPage.js').then((m) => ({ default: m.BackupPage }))) },
  { id: 'settings', label: '设置', role: 'admin', page: lazy(() => import('../settings/SettingsPage.js').then((m) => ({ default: m.SettingsPage }))) },
];
