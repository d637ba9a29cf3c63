import { UsageError } from './output.js';

/** Passwords never go on the command line (shell history, ps): only the environment. */
export function credentials(): { username: string; password: string | undefined; recoveryCode: string | undefined } {
  return {
    username: process.env.LEDGER_USER?.trim() || 'admin',
    password: process.env.LEDGER_PASSWORD,
    recoveryCode: process.env.LEDGER_RECOVERY_CODE,
  };
}

export function requirePassword(): { username: string; password: string } {
  const c = credentials();
  if (!c.password) throw new UsageError('请通过环境变量 LEDGER_PASSWORD 提供密码（LEDGER_USER 为用户名，默认 admin）');
  return { username: c.username, password: c.password };
}
