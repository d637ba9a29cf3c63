import { z, optText } from './zod.js';
import { hostCall, command, query } from './define.js';
import type { Session } from '../types/records.js';
import { reserveChecksSchema } from './reserve.js';
import { teamSettings } from './team.js';
import { meetingSettings } from './meeting.js';
import { pipelineSettings } from './pipeline.js';
import { orgSettings } from './org.js';

/** Password rules shown in the first-run wizard and enforced here. */
export const password = z
  .string()
  .min(10, '密码至少 10 位')
  .max(128, '密码不能超过 128 位')
  .refine((p) => /[A-Za-z]/.test(p) && /\d/.test(p), '密码须同时包含字母和数字');

export const username = z
  .string()
  .trim()
  .min(2, '用户名至少 2 个字符')
  .max(32, '用户名不能超过 32 个字符')
  .regex(/^[A-Za-z0-9_.-]+$/, '用户名只能使用字母、数字、下划线、点和减号');

export interface AppStatus {
  initialised: boolean;
  unlocked: boolean;
  unitName: string | null;
  session: Session | null;
  /** Why this page's session ended, when the host ended it (idle expiry), for the login page. */
  sessionEnded: string | null;
}

export const appApi = {
  /** What the start screen shows: wizard, login, or the ledger. */
  'app.status': hostCall<AppStatus>()(z.object({}), '应用状态'),
  /** First run: creates the encrypted database, the administrator and the recovery code. */
  'app.setup': hostCall<{ recoveryCode: string; session: Session }>()(
    z.object({
      unitName: z.string().trim().min(2, '单位名称至少 2 个字').max(60),
      /** The root organisation (the county committee); defaults to the unit name. */
      rootOrgName: z.string().trim().min(2).max(60).optional(),
      adminUsername: username,
      adminDisplayName: z.string().trim().min(1, '请填写姓名').max(32),
      password,
    }),
    '首次设置',
  ),
  // Every string a host takes before anyone is logged in is bounded: what is typed here is counted
  // and kept in the keyring until it can be audited.
  'app.login': hostCall<Session>()(z.object({ username, password: z.string().min(1, '请输入密码').max(128, '密码不能超过 128 位') }), '登录'),
  /** Recovery: the code unwraps the data key and sets a new password for the named user. */
  'app.recover': hostCall<Session>()(
    z.object({ username, recoveryCode: z.string().trim().min(1, '请输入恢复码').max(64, '恢复码不能超过 64 个字符'), newPassword: password }),
    '用恢复码重设密码',
  ),
  'app.lock': hostCall<{ locked: true }>()(z.object({}), '锁定'),
  'app.logout': hostCall<{ loggedOut: true }>()(z.object({}), '退出登录'),
  'app.changePassword': command<{ changed: true }>()(
    z.object({ oldPassword: z.string().min(1).max(128), newPassword: password }),
    '修改密码',
    'viewer',
  ),
  'settings.get': query<Record<string, unknown>>()(z.object({}), '读取设置'),
  'settings.update': command<Record<string, unknown>>()(
    z.object({
      unitName: optText(60),
      idleLockMinutes: z.number().int().min(1).max(240).optional(),
      backupKeep: z.number().int().min(1).max(100).optional(),
      reserveChecks: reserveChecksSchema.optional(),
      ...teamSettings,
      ...meetingSettings,
      ...pipelineSettings,
      ...orgSettings,
    }),
    '修改设置',
    'admin',
    { countyWide: true },
  ),
} as const;
