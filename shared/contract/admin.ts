import { z, id } from './zod.js';
import { query, command } from './define.js';
import type { AuditLogPage, User } from '../types/records.js';
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

/** An instant as the core writes it (UTC, `toISOString()`), so it compares with `at` as text. */
const instant = z.iso.datetime({ precision: 3, error: '时间格式应为 ISO 8601（UTC，精确到毫秒）' });

export const auditListInput = z
  .object({
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(500).default(100),
    /** From this instant (inclusive) … */
    from: instant.optional(),
    /** … to this one (exclusive). */
    to: instant.optional(),
    userId: id.optional(),
    /** The action: a contract method or a host event ('app.login' …). */
    method: z.string().trim().min(1).max(60).optional(),
    /** Rows about this organisation's subtree (which must be inside the caller's scope). */
    orgId: id.optional(),
    entity: z.string().max(40).optional(),
    entityId: id.optional(),
  })
  .refine((v) => !v.from || !v.to || v.from < v.to, { message: '结束时间应晚于开始时间', path: ['to'] });

export const auditApi = {
  /** The caller's subtree of the log, newest first (a county-wide administrator reads all of it). */
  'audit.list': query<AuditLogPage>()(auditListInput, '操作日志', 'admin'),
} as const;
