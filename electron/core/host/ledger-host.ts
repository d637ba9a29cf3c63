import { existsSync, rmSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { api, isMethod, LedgerError, toErrorBody, type CoreMethod, type Envelope, type Input, type Output, type Method, type ProgressEvent } from '../../../shared/contract/index.js';
import type { Session } from '../../../shared/types/records.js';
import { Keyring, keyringPathFor } from '../keyring/keyring.js';
import { newRecoveryCode } from '../keyring/recovery-code.js';
import { DEFAULT_POLICY, UnlockGuard, type AttemptPolicy, type Reservation } from '../keyring/attempts.js';
import { assertLedgerFile } from '../util/file-problems.js';
import { CoreClient, defaultWorkerFile } from './core-client.js';
import { EndedNotices, SessionActivity } from './session-activity.js';
import { checkBackupFile } from '../backup/files.js';
import { contentsOf } from '../backup/inspect.js';
import { commitRestore, discardStaged, repairAtOpen, restorePaths, stageRestore, unlockBackupKey, type BackupSecret, type RestoreAudit, type Staged } from '../backup/restore.js';
import type { BackupInfo, BackupPreview, RestoreResult } from '../../../shared/contract/backup.js';
import { faultPoint } from '../util/fault.js';
import { newId } from '../util/ids.js';
import type { CheckReport } from '../check/check.js';
import type { AppStatus } from '../../../shared/contract/app.js';
import type { ExportToFileJob, ExportToFileResult } from '../exports/to-file.js';
import type { HostAuditEvent } from '../worker/protocol.js';

export interface HostOptions {
  dbFile: string;
  workerFile?: string;
  attemptPolicy?: AttemptPolicy;
  /** Tests shorten the growing delay; production waits it out. */
  sleep?: (ms: number) => Promise<void>;
  /** The host's clock for idle expiry and lockouts; tests move it instead of waiting. */
  now?: () => number;
}

/** Until a ledger's own setting is read (settings.idleLockMinutes, written at set-up). */
const DEFAULT_IDLE_MINUTES = 15;
/** How often idle sessions are looked for besides at each call. */
const SWEEP_MS = 30_000;

/** True when an input names a file on this machine (import files given by path, not bytes). */
function namesLocalFile(input: unknown): boolean {
  const files = (input as { files?: unknown } | null)?.files;
  return Array.isArray(files) && files.some((f) => typeof (f as { path?: unknown } | null)?.path === 'string');
}

/**
 * Everything a host (Electron main, `ledger serve`, the CLI) does around the core: first-run set-up,
 * unlocking with a password or the recovery code, sessions, locking, and relaying contract calls.
 * Sessions are keyed by an opaque string the transport owns (a cookie, the window, the CLI run).
 */
export class LedgerHost {
  private client: CoreClient | null = null;
  private dataKey: Buffer | null = null;
  private readonly sessions = new Map<string, Session>();
  private readonly guard: UnlockGuard;
  private readonly progressListeners = new Set<(e: ProgressEvent) => void>();
  private readonly now: () => number;
  private readonly activity: SessionActivity;
  private readonly ended = new EndedNotices();
  private idleMinutes = DEFAULT_IDLE_MINUTES;
  /** Logins between a right secret and their session: the worker they started must not be stopped. */
  private unlocking = 0;
  private readonly sweep: NodeJS.Timeout;
  private restoring = false;

  constructor(private readonly opts: HostOptions) {
    // Before anything opens the database: finish or undo a restore a crash cut short, clear partial backups.
    try {
      repairAtOpen(opts.dbFile);
    } catch (err) {
      throw new LedgerError('DB_UNREADABLE', `上次未完成的恢复无法自动完成：${err instanceof Error ? err.message : String(err)}。请关闭占用台账文件的其他程序后重新打开。`);
    }
    this.now = opts.now ?? Date.now;
    this.guard = new UnlockGuard(this.keyringPath, opts.attemptPolicy ?? DEFAULT_POLICY, this.now);
    this.activity = new SessionActivity(this.now);
    this.sweep = setInterval(() => void this.expireIdle().catch(() => undefined), SWEEP_MS).unref();
  }

  get dbFile(): string {
    return this.opts.dbFile;
  }
  get keyringPath(): string {
    return keyringPathFor(this.opts.dbFile);
  }
  /** Any trace of a ledger here (either file): the start screen is the login, not the set-up wizard. */
  isInitialised(): boolean {
    return existsSync(this.opts.dbFile) || Keyring.exists(this.keyringPath);
  }
  sessionOf(key: string): Session | null {
    return this.sessions.get(key) ?? null;
  }

  onProgress(fn: (e: ProgressEvent) => void): () => void {
    this.progressListeners.add(fn);
    return () => this.progressListeners.delete(fn);
  }

  /**
   * The one entry for transports: validates, answers host calls, relays core calls; never throws.
   * `from` is 'ui' for transports a page talks through (Electron IPC, `ledger serve`): those send
   * file contents, never a path on this machine, so a page cannot make the core read a file of the
   * machine by naming it. In-process hosts (the CLI) use `call`, which passes 'local'.
   */
  async handle(sessionKey: string, method: string, input: unknown, from: 'ui' | 'local' = 'ui'): Promise<Envelope<unknown>> {
    try {
      if (!isMethod(method)) throw new LedgerError('BAD_REQUEST', `未知的调用：${method.slice(0, 60)}`);
      const def = api[method];
      const parsed = def.input.safeParse(input ?? {});
      if (!parsed.success) {
        const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
        throw new LedgerError('VALIDATION', issues.map((i) => (i.path ? `${i.path}：` : '') + i.message).join('；'), { issues });
      }
      if (from === 'ui' && namesLocalFile(parsed.data)) throw new LedgerError('FORBIDDEN', '界面只能上传文件内容，不能按本机路径读取文件');
      return { ok: true, value: await this.dispatch(sessionKey, method, parsed.data) };
    } catch (err) {
      return { ok: false, error: toErrorBody(err) };
    }
  }

  /** Typed form for in-process hosts (CLI, tests). Throws LedgerError on failure. */
  async call<K extends Method>(sessionKey: string, method: K, input: Input<K>): Promise<Output<K>> {
    const r = await this.handle(sessionKey, method, input, 'local');
    if (!r.ok) throw new LedgerError(r.error.code, r.error.message, r.error.details);
    return r.value as Output<K>;
  }

  private async dispatch(sessionKey: string, method: Method, input: any): Promise<unknown> {
    switch (method) {
      case 'app.status':
        await this.expireIfIdle(sessionKey);
        return this.status(sessionKey);
      case 'app.setup':
        return this.setup(sessionKey, input);
      case 'app.login':
        return this.login(sessionKey, input.username, input.password);
      case 'app.recover':
        return this.recover(sessionKey, input.username, input.recoveryCode, input.newPassword);
      case 'app.lock':
        await this.endSession(sessionKey, 'app.lock');
        return { locked: true };
      case 'app.logout':
        await this.endSession(sessionKey, 'app.logout');
        return { loggedOut: true };
      case 'backup.restore':
        return this.restore(sessionKey, input.file, { via: 'ui' });
      default: {
        await this.expireIfIdle(sessionKey);
        const session = this.sessions.get(sessionKey);
        if (!session || !this.client) {
          const notice = this.ended.get(sessionKey);
          throw notice ? new LedgerError('UNAUTHENTICATED', notice, { sessionEnded: true }) : new LedgerError('UNAUTHENTICATED', '请先登录');
        }
        this.activity.begin(sessionKey);
        try {
          const value = await this.client.call(session.user.id, method as CoreMethod, input);
          if (method === 'settings.update') this.noteIdleMinutes((value as Record<string, unknown>).idleLockMinutes);
          return value;
        } finally {
          this.activity.end(sessionKey);
        }
      }
    }
  }

  status(sessionKey: string): AppStatus {
    const session = this.sessions.get(sessionKey) ?? null;
    return {
      initialised: this.isInitialised(),
      unlocked: this.client !== null,
      unitName: session?.unitName ?? null,
      session,
      sessionEnded: session ? null : this.ended.get(sessionKey),
    };
  }

  private async setup(sessionKey: string, input: Input<'app.setup'>): Promise<{ recoveryCode: string; session: Session }> {
    if (existsSync(this.opts.dbFile) || Keyring.exists(this.keyringPath)) {
      throw new LedgerError('ALREADY_INITIALISED', `台账已存在：${this.opts.dbFile}，不能重复初始化`);
    }
    const recoveryCode = newRecoveryCode();
    const { keyring, dataKey } = Keyring.create(this.keyringPath, input.adminUsername, input.password, recoveryCode);
    keyring.save();
    try {
      await this.startCore(dataKey, {
        unitName: input.unitName,
        rootOrgName: input.rootOrgName,
        admin: { username: input.adminUsername, displayName: input.adminDisplayName },
      });
    } catch (err) {
      // A failed set-up leaves nothing behind, so it can simply be tried again.
      for (const f of [this.opts.dbFile, `${this.opts.dbFile}-wal`, `${this.opts.dbFile}-shm`, this.keyringPath]) rmSync(f, { force: true });
      throw err;
    }
    const session = await this.bind(sessionKey, input.adminUsername);
    return { recoveryCode, session };
  }

  /**
   * Before any key is derived: a ledger is here and its database file is usable (a missing, empty or
   * unreadable file gets its own message, and such a failure is not counted as a wrong password).
   */
  private assertLedgerFiles(): void {
    if (!this.isInitialised()) throw new LedgerError('NOT_INITIALISED', `台账尚未初始化：${this.opts.dbFile}`);
    assertLedgerFile(this.opts.dbFile, 'database');
  }

  private async login(sessionKey: string, username: string, password: string): Promise<Session> {
    this.assertLedgerFiles();
    const attempt = await this.guard.reserve(`user:${username}`, username);
    const key = Keyring.load(this.keyringPath).unlockWithPassword(username, password);
    if (!key) return this.refuse(attempt, '用户名或密码错误');
    return this.unlocked(attempt, key, async () => {
      let session: Session;
      try {
        session = await this.bind(sessionKey, username);
      } catch (err) {
        // The password is right but the account is switched off (its slot outlived it).
        if (err instanceof LedgerError && err.code === 'AUTH_FAILED') await this.auditEvent({ userId: null, username, method: 'app.loginFailed', entity: 'session', entityId: null, after: { reason: 'inactive' } });
        throw err;
      }
      await this.auditEvent({ userId: session.user.id, username, method: 'app.login', entity: 'session', entityId: null, after: { role: session.user.role } });
      return session;
    });
  }

  private async recover(sessionKey: string, username: string, code: string, newPassword: string): Promise<Session> {
    this.assertLedgerFiles();
    const attempt = await this.guard.reserve('recovery', username);
    const key = Keyring.load(this.keyringPath).unlockWithRecoveryCode(code);
    if (!key) return this.refuse(attempt, '恢复码不正确');
    return this.unlocked(attempt, key, async () => {
      // Only now, with the user known to exist and be active, rewrap that one slot.
      const session = await this.client!.admin<Session>({ op: 'session', username });
      await Keyring.setUserSlot(this.keyringPath, username, newPassword, key);
      await this.auditEvent({ userId: session.user.id, username, method: 'app.recover', entity: 'user', entityId: session.user.id, after: { passwordReset: true } });
      await this.open(sessionKey, session);
      return session;
    });
  }

  private async refuse(attempt: Reservation, message: string): Promise<never> {
    const { delayMs, error } = await this.guard.failed(attempt, message);
    await (this.opts.sleep ?? sleep)(delayMs);
    throw error;
  }

  /**
   * After a right secret: the core starts, the login events kept in the keyring while nothing could
   * write the audit log go there first, then `then` opens the session. Whatever happens after the
   * secret proved right, the counted attempt is taken back; a core left without a session stops.
   */
  private async unlocked(attempt: Reservation, key: Buffer, then: () => Promise<Session>): Promise<Session> {
    this.unlocking++;
    let session: Session | null = null;
    try {
      await this.ensureCore(key);
      await this.flushPendingEvents();
      session = await then();
      return session;
    } finally {
      this.unlocking--;
      if (!session) await this.stopCoreIfUnused().catch(() => undefined);
      await this.guard.succeeded(attempt);
    }
  }

  private async flushPendingEvents(): Promise<void> {
    const { events, overflow } = this.guard.pending();
    for (const e of events) await this.auditEvent({ at: e.at, userId: null, username: e.username, method: e.method, entity: 'session', entityId: null, after: e.detail });
    if (overflow) {
      const after = { reason: 'overflow', count: overflow.count, from: overflow.firstAt, to: overflow.lastAt };
      await this.auditEvent({ at: overflow.lastAt, userId: null, username: null, method: 'app.loginFailed', entity: 'session', entityId: null, after });
    }
    if (events.length > 0 || overflow) await this.guard.written(new Set(events.map((e) => e.id)), overflow?.count ?? 0);
  }

  private async ensureCore(key: Buffer): Promise<void> {
    if (this.client && this.dataKey?.equals(key)) return;
    if (this.client) await this.shutdownCore();
    await this.startCore(key);
  }

  private async startCore(key: Buffer, create?: { unitName: string; rootOrgName?: string | undefined; admin: { username: string; displayName: string } }): Promise<void> {
    const client = await CoreClient.start(
      { dbFile: this.opts.dbFile, keyringPath: this.keyringPath, dataKeyHex: key.toString('hex'), ...(create ? { create } : {}) },
      this.opts.workerFile ?? defaultWorkerFile(),
    );
    client.onProgress((e) => this.progressListeners.forEach((fn) => fn(e)));
    // A worker that dies (out of memory, a crash) takes its sessions with it: the next call says
    // 请先登录, and logging in starts a new worker on the same, untouched database.
    client.onDeath(() => {
      if (this.client !== client) return;
      this.client = null;
      this.dataKey = null;
      this.sessions.clear();
    });
    this.client = client;
    this.dataKey = key;
  }

  private async bind(sessionKey: string, username: string): Promise<Session> {
    const session = await this.client!.admin<Session>({ op: 'session', username });
    await this.open(sessionKey, session);
    return session;
  }

  private async open(sessionKey: string, session: Session): Promise<void> {
    this.sessions.set(sessionKey, session);
    this.activity.touch(sessionKey);
    this.ended.clear(sessionKey);
    // The idle time is the ledger's setting, read at each login (another host may have changed it).
    const settings = (await this.client!.call(session.user.id, 'settings.get', {})) as Record<string, unknown>;
    this.noteIdleMinutes(settings.idleLockMinutes);
  }

  private noteIdleMinutes(m: unknown): void {
    if (typeof m === 'number' && Number.isInteger(m) && m > 0) this.idleMinutes = m;
  }

  /** Ends every session idle for the ledger's idleLockMinutes (the sweep timer; tests call it after moving the clock). */
  async expireIdle(): Promise<void> {
    for (const key of [...this.sessions.keys()]) await this.expireIfIdle(key);
  }

  private async expireIfIdle(sessionKey: string): Promise<void> {
    if (!this.sessions.has(sessionKey) || !this.activity.isIdle(sessionKey, this.idleMinutes * 60_000)) return;
    await this.endSession(sessionKey, 'app.sessionExpired', `已因 ${this.idleMinutes} 分钟未操作自动退出登录，请重新登录。`);
  }

  /**
   * Ends one session (退出, 锁定, or idle expiry) and audits it; with nobody left, the worker (and
   * the key in its memory) goes too. The session is gone before the first await, so a call arriving
   * meanwhile is refused with the same notice.
   */
  private async endSession(sessionKey: string, method: 'app.lock' | 'app.logout' | 'app.sessionExpired', notice?: string): Promise<void> {
    const session = this.sessions.get(sessionKey);
    this.sessions.delete(sessionKey);
    this.activity.forget(sessionKey);
    if (notice) this.ended.set(sessionKey, notice);
    if (session && this.client) {
      const after = method === 'app.sessionExpired' ? { idleMinutes: this.idleMinutes } : {};
      // A worker that just died cannot write it; the session ends all the same.
      await this.auditEvent({ userId: session.user.id, username: session.user.username, method, entity: 'session', entityId: null, after }).catch(() => undefined);
    }
    await this.stopCoreIfUnused();
  }

  /** No session and no login under way: the worker and the key in its memory go. */
  private async stopCoreIfUnused(): Promise<void> {
    if (this.sessions.size === 0 && this.unlocking === 0) await this.shutdownCore();
  }

  private async shutdownCore(): Promise<void> {
    const c = this.client;
    this.client = null;
    this.dataKey = null;
    this.sessions.clear();
    if (c) await c.close();
  }

  async close(): Promise<void> {
    clearInterval(this.sweep);
    await this.shutdownCore();
  }

  /**
   * Writes a security event the host saw (login, lockout, backup, restore) to the audit log through
   * the running core. Without a running core there is no key to open the log with; callers that
   * must not lose such an event keep it until the next unlock.
   */
  private async auditEvent(event: Omit<HostAuditEvent, 'at'> & { at?: string }): Promise<void> {
    if (!this.client) throw new LedgerError('INTERNAL', '核心未启动，无法写入操作日志');
    await this.client.admin({ op: 'audit', event: { at: new Date(this.now()).toISOString(), ...event } });
  }

  /** For maintenance commands: the session must be an administrator's. */
  private requireAdmin(sessionKey: string): CoreClient {
    const s = this.sessions.get(sessionKey);
    if (!s || !this.client) throw new LedgerError('UNAUTHENTICATED', '请先登录');
    if (s.user.role !== 'admin') throw new LedgerError('FORBIDDEN', '只有管理员可以执行此操作');
    return this.client;
  }

  /** The running core and the session's user; the core decides what that user may do. */
  private sessionUser(sessionKey: string): { client: CoreClient; userId: string } {
    const s = this.sessions.get(sessionKey);
    if (!s || !this.client) throw new LedgerError('UNAUTHENTICATED', '请先登录');
    return { client: this.client, userId: s.user.id };
  }

  /** Whole-ledger counts and key slots: a county-wide administrator's (auth/maintenance.ts). */
  check(sessionKey: string): Promise<CheckReport> {
    const { client, userId } = this.sessionUser(sessionKey);
    return client.admin<CheckReport>({ op: 'check', userId });
  }

  /** Fills the county with sample data: a county-wide administrator's (auth/maintenance.ts). */
  demo(sessionKey: string, members: number, seed: number): Promise<unknown> {
    const { client, userId } = this.sessionUser(sessionKey);
    return client.admin({ op: 'demo', userId, members, seed });
  }

  /** Streams a roster into a file as the session's user (any role may export: 查阅 includes it). */
  exportTo(sessionKey: string, job: Omit<ExportToFileJob, 'userId'>): Promise<ExportToFileResult> {
    const { client, userId } = this.sessionUser(sessionKey);
    return client.admin<ExportToFileResult>({ op: 'exportTo', ...job, userId });
  }

  /** A backup pair at a path of this machine (CLI --out, the menu's save dialog): the contract's backup.toFolder, audited there. */
  backupTo(sessionKey: string, target: string): Promise<BackupInfo> {
    return this.call(sessionKey, 'backup.toFolder', { folder: dirname(target), fileName: basename(target) });
  }

  /**
   * Replaces the ledger with a backup (the steps and why each crash point is safe: backup/restore.ts).
   * The caller must be a county-wide administrator: the host asks the core for backup.preview as them,
   * which checks role and scope like every call and reads the backup with this ledger's key. A backup
   * of another ledger is refused unless `otherLedger` opens the backup's own keyring (CLI
   * --replace-other-ledger); its keyring then replaces this one. Every session ends; the restored file
   * is opened once (and migrated) before this returns. Refusals are audited in the running ledger.
   */
  restore(sessionKey: string, file: string, o: { via: RestoreAudit['via']; otherLedger?: { username: string; password: string } }): Promise<RestoreResult> {
    return this.oneRestore(file, () => this.restoreOver(sessionKey, file, o));
  }

  /** One restore at a time, never from the live file itself (its WAL would be left behind). */
  private async oneRestore<T>(file: string, run: () => Promise<T>): Promise<T> {
    if (this.restoring) throw new LedgerError('CONFLICT', '正在恢复台账，请等它完成');
    if (resolve(file) === resolve(this.opts.dbFile)) throw new LedgerError('VALIDATION', '不能从正在使用的台账文件本身恢复，请选择一份备份');
    this.restoring = true;
    try {
      return await run();
    } finally {
      this.restoring = false;
    }
  }

  private async restoreOver(sessionKey: string, file: string, o: { via: RestoreAudit['via']; otherLedger?: { username: string; password: string } }): Promise<RestoreResult> {
    const session = this.sessions.get(sessionKey);
    const client = this.client;
    if (!session || !client) throw new LedgerError('UNAUTHENTICATED', '请先登录');
    const db = this.opts.dbFile;
    const progress = this.progressReporter();
    const who = { userId: session.user.id, username: session.user.username };
    let key = this.dataKey!;
    let staged: Staged;
    try {
      progress('restore.check', 0);
      const preview = await client.call(session.user.id, 'backup.preview', { file }) as BackupPreview;
      if (!preview.sameLedger && !o.otherLedger) {
        throw new LedgerError('CONFLICT', `备份 ${file} 属于另一本台账，不是本台账的备份，未做任何恢复。确需用它替换本台账时，请在命令行使用 ledger restore --replace-other-ledger（须提供能解开该备份密钥文件的用户名和密码）。`);
      }
      const audit: RestoreAudit = { at: new Date().toISOString(), username: who.username, via: o.via, unlockedWith: preview.sameLedger ? 'ledger-key' : 'password', from: file, replacing: { file: db, ledgerId: Keyring.load(this.keyringPath).ledgerId } };
      progress('restore.copy', 1);
      if (preview.sameLedger) staged = await client.admin<Staged>({ op: 'stageRestore', from: file, audit });
      else {
        key = unlockBackupKey(file, o.otherLedger!);
        staged = stageRestore(file, db, key.toString('hex'), { withKeyring: true, audit });
      }
    } catch (err) {
      const error = err instanceof Error ? err.message : String(err);
      await this.auditEvent({ ...who, method: 'backup.restoreFailed', entity: 'ledger', entityId: null, after: { from: file, via: o.via, error } }).catch(() => undefined);
      throw err;
    }
    progress('restore.swap', 2);
    // Every session ends here; users log in again to the restored ledger, and each page says why.
    for (const key of this.sessions.keys()) this.ended.set(key, '台账已从备份恢复，请重新登录。');
    await this.shutdownCore();
    faultPoint('restore.afterStop');
    await this.swapAndOpen(file, key, progress);
    return { restored: file, previous: restorePaths(db).previous, contents: contentsOf(staged.facts) };
  }

  /**
   * A backup onto a path with no ledger yet (another machine): the backup's own keyring is opened with
   * a county-wide administrator's password, or with the recovery code, and comes along with it.
   */
  restoreInto(file: string, secret: BackupSecret, via: RestoreAudit['via']): Promise<RestoreResult> {
    return this.oneRestore(file, () => this.restoreOnto(file, secret, via));
  }

  private async restoreOnto(file: string, secret: BackupSecret, via: RestoreAudit['via']): Promise<RestoreResult> {
    const db = this.opts.dbFile;
    if (existsSync(db) || Keyring.exists(this.keyringPath)) {
      throw new LedgerError('ALREADY_INITIALISED', `该位置已有台账文件（${db} 或它的密钥文件）。恢复到已有台账须先用它的密码登录；不完整的请先移走，或换一个位置。`);
    }
    const key = unlockBackupKey(checkBackupFile(file), secret);
    const byCode = 'recoveryCode' in secret;
    const audit: RestoreAudit = { at: new Date().toISOString(), username: byCode ? null : secret.username, via, unlockedWith: byCode ? 'recovery-code' : 'password', from: file, replacing: null };
    const progress = this.progressReporter();
    progress('restore.copy', 1);
    const staged = stageRestore(file, db, key.toString('hex'), { withKeyring: true, audit });
    if (!byCode && !(staged.actor?.role === 'admin' && staged.actor.countyWide)) {
      discardStaged(db);
      throw new LedgerError('FORBIDDEN', '只有管理范围为全县的管理员（或持有恢复码者）可以恢复台账，未做任何恢复。');
    }
    progress('restore.swap', 2);
    await this.swapAndOpen(file, key, progress);
    return { restored: file, previous: null, contents: contentsOf(staged.facts) };
  }

  /** Steps 2–4 of a restore, then the restored ledger is opened once (migrated, checked) and closed. */
  private async swapAndOpen(file: string, key: Buffer, progress: (phase: string, done: number) => void): Promise<void> {
    try {
      commitRestore(this.opts.dbFile, file);
    } catch (err) {
      throw new LedgerError('INTERNAL', `恢复中断：${err instanceof Error ? err.message : String(err)}。再次打开台账时会自动完成这次恢复。`);
    }
    progress('restore.open', 3);
    try {
      await this.startCore(key);
    } catch (err) {
      throw new LedgerError('DB_UNREADABLE', `已恢复文件，但恢复后的台账无法打开：${err instanceof Error ? err.message : String(err)}。原台账保留在 ${restorePaths(this.opts.dbFile).previous}，可从它再次恢复。`);
    }
    await this.shutdownCore();
    progress('restore.done', 4);
  }

  /** Progress of a host job (restore), four steps, to every listener (the page shows the phase). */
  private progressReporter(): (phase: string, done: number) => void {
    const jobId = newId();
    return (phase, done) => this.progressListeners.forEach((fn) => fn({ jobId, phase, done, total: 4 }));
  }
}
