import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LedgerError } from '../../shared/contract/envelope.js';
import { LedgerHost } from '../core/host/ledger-host.js';
import type { CheckReport } from '../core/check/check.js';
import type { RestoreResult } from '../../shared/contract/backup.js';
import { startServer } from '../serve/server.js';
import { testClockFromEnv } from '../serve/test-clock.js';
import { credentials, requirePassword } from './env.js';
import { UsageError, type Out } from './output.js';
import { cmdStats } from './cmd-stats.js';
import { cmdImport, cmdUndoImport } from './cmd-import.js';
import { cmdExport, cmdTemplate, cmdTemplateWithoutDb } from './cmd-export.js';

export type Flags = Record<string, string | boolean | undefined>;
export const SESSION = 'cli';

export const need = (flags: Flags, name: string): string => {
  const v = flags[name];
  if (typeof v !== 'string' || v === '') throw new UsageError(`缺少参数 --${name}`);
  return v;
};

export const intFlag = (flags: Flags, name: string, dflt: number, min: number, max: number): number => {
  const v = flags[name];
  if (v === undefined) return dflt;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`--${name} 应为 ${min} 到 ${max} 之间的整数`);
  return n;
};

/** Unlocks with LEDGER_PASSWORD, or LEDGER_RECOVERY_CODE (then LEDGER_PASSWORD becomes the new password). */
export async function unlock(host: LedgerHost): Promise<void> {
  if (!host.isInitialised()) throw new LedgerError('NOT_INITIALISED', `台账不存在或缺少密钥文件：${host.dbFile}`);
  const c = credentials();
  if (c.recoveryCode) {
    if (!c.password) throw new UsageError('使用恢复码时，请同时用 LEDGER_PASSWORD 提供新密码');
    await host.call(SESSION, 'app.recover', { username: c.username, recoveryCode: c.recoveryCode, newPassword: c.password });
    return;
  }
  const { username, password } = requirePassword();
  await host.call(SESSION, 'app.login', { username, password });
}

export async function cmdInit(host: LedgerHost, flags: Flags, out: Out, defaults?: { unit: string; root: string }): Promise<string> {
  const { username, password } = requirePassword();
  const unitName = typeof flags.unit === 'string' ? flags.unit : defaults?.unit;
  if (!unitName) throw new UsageError('缺少参数 --unit');
  const r = await host.call(SESSION, 'app.setup', {
    unitName,
    rootOrgName: typeof flags.root === 'string' ? flags.root : defaults?.root,
    adminUsername: username,
    adminDisplayName: username,
    password,
  });
  out.info(`已创建加密台账：${host.dbFile}`);
  out.info('恢复码只显示这一次，请抄写或打印后妥善保管（忘记密码时用它重设）：');
  process.stdout.write(out.json ? '' : `${r.recoveryCode}\n`);
  return r.recoveryCode;
}

/** `args`: the positionals after the command (only commands in TAKES_ARGS receive any). */
type Command = (host: LedgerHost, flags: Flags, out: Out, args: readonly string[]) => Promise<number>;

/** Commands that take positionals (files); the others refuse them. */
export const TAKES_ARGS = new Set(['import']);

/** Every `ledger` command by name; later features add theirs here (see CLI.md). */
export const COMMANDS: Record<string, Command> = {
  stats: (host, flags, out) => cmdStats(host, flags, out),
  async init(host, flags, out) {
    const recoveryCode = await cmdInit(host, flags, out);
    if (out.json) out.result({ ok: true, db: host.dbFile, recoveryCode }, () => '');
    return 0;
  },
  async demo(host, flags, out) {
    const members = intFlag(flags, 'members', 25_000, 0, 250_000);
    const seed = intFlag(flags, 'seed', 1, 0, 2 ** 31 - 1);
    let recoveryCode: string | null = null;
    if (!host.isInitialised()) recoveryCode = await cmdInit(host, flags, out, { unit: '示例县委组织部', root: '中共示例县委员会' });
    else await unlock(host);
    out.info(`正在生成示例县（${members} 名党员，种子 ${seed}）……`);
    const summary = await host.demo(SESSION, members, seed);
    out.result({ ok: true, db: host.dbFile, recoveryCode, summary }, () => `示例县已生成：${JSON.stringify(summary)}`);
    return 0;
  },
  async check(host, _flags, out) {
    await unlock(host);
    const r: CheckReport = await host.check(SESSION);
    out.result(r, () =>
      [
        `完整性检查：${r.integrity}`,
        `外键问题：${r.foreignKeyViolations}`,
        `架构版本：${r.schemaVersion}（程序支持 ${r.appSchemaVersion}）`,
        `加密：${r.cipher}，日志模式：${r.journalMode}`,
        `密钥槽：${r.keyringSlots.map((s) => (s.kind === 'recovery' ? '恢复码' : s.username)).join('、')}`,
        `记录数：${Object.entries(r.counts).map(([k, v]) => `${k}=${v}`).join(' ')}`,
      ].join('\n'),
    );
    return r.ok ? 0 : 1;
  },
  async backup(host, flags, out) {
    const target = resolve(need(flags, 'out'));
    await unlock(host);
    const r = await host.backupTo(SESSION, target);
    const keyring = `${r.file}.keyring`;
    out.result({ ok: true, ...r, keyring }, () => `已备份到 ${r.file}（${r.size} 字节，已加密，已校验）；密钥文件 ${keyring} 须与它放在一起`);
    return 0;
  },
  /**
   * Over the ledger at --db (unlocked as usual), or onto a path with no ledger yet (another machine):
   * then LEDGER_PASSWORD (or LEDGER_RECOVERY_CODE) opens the backup's own keyring.
   */
  async restore(host, flags, out) {
    const from = resolve(need(flags, 'from'));
    let r: RestoreResult;
    if (host.isInitialised()) {
      await unlock(host);
      r = await host.restore(SESSION, from, { via: 'cli', ...(flags['replace-other-ledger'] === true ? { otherLedger: requirePassword() } : {}) });
    } else {
      const c = credentials();
      r = await host.restoreInto(from, c.recoveryCode ? { recoveryCode: c.recoveryCode } : requirePassword(), 'cli');
    }
    out.result({ ok: true, ...r }, () => (r.previous ? `已从 ${r.restored} 恢复；原数据库保留为 ${r.previous}` : `已从 ${r.restored} 恢复到 ${host.dbFile}`));
    return 0;
  },
  template: (host, flags, out) => cmdTemplate(host, flags, out),
  export: (host, flags, out) => cmdExport(host, flags, out),
  import: (host, flags, out, args) => cmdImport(host, flags, out, args),
  'undo-import': (host, flags, out) => cmdUndoImport(host, flags, out),
  async serve(host, flags, out) {
    const port = intFlag(flags, 'port', 0, 0, 65535);
    const srv = await startServer({ host, staticRoot: rendererRoot(), port });
    process.stdout.write(`${srv.url}\n`);
    out.info('浏览器模式已启动（仅本机 127.0.0.1 可访问）。请用上面的链接打开；按 Ctrl+C 退出。');
    await new Promise<void>((resolveStop) => {
      process.once('SIGINT', () => resolveStop());
      process.once('SIGTERM', () => resolveStop());
    });
    await srv.close();
    return 0;
  },
};

/** Commands that also work without --db (CLI.md: a template without a ledger has no organisation list). */
const WITHOUT_DB: Record<string, (flags: Flags, out: Out) => Promise<number>> = {
  template: (flags, out) => cmdTemplateWithoutDb(flags, out),
};

export async function run(command: string, flags: Flags, out: Out, args: readonly string[] = []): Promise<number> {
  const cmd = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
  if (!cmd) throw new UsageError(`未知命令：${command}（可用：${Object.keys(COMMANDS).join('、')}）`);
  if (flags.db === undefined && Object.hasOwn(WITHOUT_DB, command)) return WITHOUT_DB[command]!(flags, out);
  const host = new LedgerHost({ dbFile: resolve(need(flags, 'db')), ...(command === 'serve' ? testClockFromEnv() : {}) });
  try {
    return await cmd(host, flags, out, args);
  } finally {
    await host.close();
  }
}

/** The built renderer: dist-renderer beside the repository (or LEDGER_RENDERER_DIR). */
function rendererRoot(): string {
  if (process.env.LEDGER_RENDERER_DIR) return resolve(process.env.LEDGER_RENDERER_DIR);
  const here = dirname(fileURLToPath(import.meta.url));
  for (const c of [join(here, '../dist-renderer'), join(here, '../../dist-renderer')]) if (existsSync(join(c, 'index.html'))) return c;
  throw new LedgerError('NOT_FOUND', '找不到界面文件（dist-renderer），请先运行 npm run build');
}
