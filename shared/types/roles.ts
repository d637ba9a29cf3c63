/** 管理员 / 录入员 / 查阅: each user is bound to one organisation subtree. */
export type Role = 'admin' | 'clerk' | 'viewer';
export const ROLE_NAMES: Record<Role, string> = { admin: '管理员', clerk: '录入员', viewer: '查阅' };
const RANK: Record<Role, number> = { viewer: 1, clerk: 2, admin: 3 };
export function roleAtLeast(role: Role, needed: Role): boolean {
  return RANK[role] >= RANK[needed];
}
