import { z, id } from './zod.js';
import { query, command } from './define.js';
import type { AuditEntry, Page, User } from '../types/records.js';
import { password, username } from './app.js';

export const userApi = {
  'user.list': query<User[]>()(z.object({}), '用户列表', 'admin'),
  'user.create': command<User>()(
    z.object({
      username,
      displayName: z.string().trim().min(1).max(32),
      role: z.enum(['admin', 'clerk', 'viewer']),
      /** The organisation subtree the user works in; default: the creator's own scope. */
      scopeOrgId: id.optional(),
      password,
    }),
    '新增用户',
    'admin',
  ),
  /** Name, role, scope (within the caller's own) and 启用/停用; the last county administrator stays one. */
  'user.update': command<User>()(
    z.object({
      id,
      patch: z
        .object({
          displayName: z.string().trim().min(1).max(32),
          role: z.enum(['admin', 'clerk', 'viewer']),
          scopeOrgId: id,
          active: z.boolean(),
        })
        .partial(),
    }),
    '修改用户',
    'admin',
  ),
  'user.resetPassword': command<{ reset: true }>()(z.object({ id, password }), '重设用户密码', 'admin'),
} as const;

export const auditApi = {
  'audit.list': query<Page<AuditEntry>>()(
    z.object({
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(500).default(100),
      entity: z.string().max(40).optional(),
      entityId: id.optional(),
      userId: id.optional(),
      method: z.string().max(60).optional(),
    }),
    '操作日志',
    'admin',
  ),
} as const;
