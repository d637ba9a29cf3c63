import { Jobs } from './jobs.js';
import type { Kysely } from 'kysely';
import { api, type CoreMethod, LedgerError, type MethodDef, type ProgressEvent } from '../../shared/contract/index.js';
import type { Session } from '../../shared/types/records.js';
import { roleAtLeast, ROLE_NAMES } from '../../shared/types/roles.js';
import type { DB } from './db/schema.js';
import { kyselyFor, openSqlite, type SqliteHandle } from './db/open.js';
import { migrateToLatest } from './db/migrate.js';
import type { Actor, CoreEnv, Ctx } from './context.js';
import { handlers } from './handlers.js';
import type { Handler } from './handler-types.js';
import { writeAudit } from './audit/audit.js';
import { Keyring } from './keyring/keyring.js';
import { newId } from './util/ids.js';
import { localToday } from './util/time.js';
import { readSetting, writeSetting } from './settings/settings.js';
import { toUser } from './user/handlers.js';
import { backupDirFor } from './backup/files.js';
import { noteWrite } from './stats/cache.js';
import { sqliteProblem } from './db/sqlite-problems.js';
import { isCountyPath } from './auth/scope.js';

/** Writes that cannot run inside a transaction (VACUUM INTO); they audit on their own. */
const OUTSIDE_TRANSACTION = new Set<CoreMethod>(['backup.create', 'backup.toFolder', 'backup.verify']);

export interface OpenOptions {
  dbFile: string;
  keyringPath: string;
  dataKey: Buffer;
  backupDir?: string;
  onProgress?: (e: ProgressEvent) => void;
}

export interface CreateOptions extends OpenOptions {
  unitName: string;
  rootOrgName?: string | undefined;
  admin: { username: string; displayName: string };
}

/** The ledger core: one open encrypted database and the contract's handlers over it. */
export class Core {
  private constructor(
    readonly sqlite: SqliteHandle,
    readonly db: Kysely<DB>,
    readonly env: CoreEnv,
    /** Schema version after opening (the file is migrated once, at open). */
    readonly schemaVersion: number,
  ) {}

  static async open(o: OpenOptions): Promise<Core> {
    const ledgerId = Keyring.load(o.keyringPath).ledgerId;
    const sqlite = openSqlite(o.dbFile, o.dataKey.toString('hex'), { create: false });
    const db = kyselyFor(sqlite);
    try {
      // The pair is checked before the first write (a migration): a keyring of another ledger whose
      // key happens to open this file must not change it.
      const hasSettings = sqlite.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'settings'`).get();
      if (!hasSettings) throw new LedgerError('DB_UNREADABLE', `数据库 ${o.dbFile} 中没有台账内容（可能是建立台账时中断留下的文件）。请从备份恢复，或删除该文件及同名 .keyring 文件后重新建立台账。`);
      if ((await readSetting(db, 'ledgerId')) !== ledgerId) {
        throw new LedgerError('DB_UNREADABLE', `密钥文件与数据库 ${o.dbFile} 不是同一本台账。请把与该数据库一起保存的 .keyring 文件放回原处，或从备份恢复。`);
      }
      const { version } = await migrateToLatest(db);
      return new Core(sqlite, db, Core.envFor(o, sqlite, ledgerId), version);
    } catch (err) {
      await db.destroy();
      throw sqliteProblem(err, o.dbFile) ?? err;
    }
  }

  /** A new ledger: schema, settings, the root organisation and the first administrator. */
  static async create(o: CreateOptions): Promise<Core> {
    const sqlite = openSqlite(o.dbFile, o.dataKey.toString('hex'), { create: true });
    const db = kyselyFor(sqlite);
    const { version } = await migrateToLatest(db);
    const ledgerId = Keyring.load(o.keyringPath).ledgerId;
    const core = new Core(sqlite, db, Core.envFor(o, sqlite, ledgerId), version);
    const now = new Date().toISOString();
    await db.transaction().execute(async (trx) => {
      const rootId = newId();
      await writeSetting(trx, 'ledgerId', ledgerId);
      await writeSetting(trx, 'unitName', o.unitName);
      await writeSetting(trx, 'rootOrgId', rootId);
      await writeSetting(trx, 'idleLockMinutes', 15);
      await writeSetting(trx, 'backupKeep', 10);
      await trx
        .insertInto('orgs')
        .values({ id: rootId, parentId: null, path: `/${rootId}/`, depth: 0, name: o.rootOrgName ?? o.unitName, kind: 'local-committee', unitCategory: null, canApprove: 1, sortOrder: 0, createdAt: now, updatedAt: now })
        .execute();
      const userId = newId();
      await trx
        .insertInto('users')
        .values({ id: userId, username: o.admin.username, displayName: o.admin.displayName, role: 'admin', scopeOrgId: rootId, active: 1, createdAt: now, updatedAt: now })
        .execute();
      await writeAudit(trx, { actor: null, method: 'app.setup', at: now }, 'ledger', null, null, { unitName: o.unitName, admin: o.admin.username }, null, rootId);
    });
    return core;
  }

  private static envFor(o: OpenOptions, sqlite: SqliteHandle, ledgerId: string): CoreEnv {
    return {
      dbFile: o.dbFile,
      keyringPath: o.keyringPath,
      ledgerId,
      dataKey: o.dataKey,
      sqlite,
      backupDir: o.backupDir ?? backupDirFor(o.dbFile),
      jobs: new Jobs(),
      ...(o.onProgress ? { onProgress: o.onProgress } : {}),
    };
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }

  /** The session a host hands to the UI after unlocking; refuses unknown or disabled users. */
  async sessionFor(username: string): Promise<Session> {
    const user = await this.db
      .selectFrom('users as u')
      .innerJoin('orgs as o', 'o.id', 'u.scopeOrgId')
      .selectAll('u')
      .select('o.name as scopeOrgName')
      .where('u.username', '=', username)
      .executeTakeFirst();
    if (!user || user.active !== 1) throw new LedgerError('AUTH_FAILED', '用户名或密码错误，或该用户已停用');
    return { user: toUser(user), unitName: String((await readSetting(this.db, 'unitName')) ?? ''), schemaVersion: this.schemaVersion };
  }

  /** The caller of a contract call or a host job: refuses unknown or disabled users. */
  async actorFor(userId: string): Promise<Actor> {
    const row = await this.db
      .selectFrom('users as u')
      .innerJoin('orgs as o', 'o.id', 'u.scopeOrgId')
      .selectAll('u')
      .select('o.path as scopePath')
      .where('u.id', '=', userId)
      .executeTakeFirst();
    if (!row || row.active !== 1) throw new LedgerError('UNAUTHENTICATED', '登录已失效，请重新登录');
    const { scopePath, ...user } = row;
    return { user, scopePath, countyWide: isCountyPath(scopePath) };
  }

  /**
   * The user behind a call, if their role and scope allow it: the contract's calls and the hosts'
   * maintenance operations (auth/maintenance.ts) pass the same rules.
   */
  async authorise(userId: string, need: Pick<MethodDef, 'role' | 'countyWide' | 'summary'>): Promise<Actor> {
    const actor = await this.actorFor(userId);
    if (need.role !== 'none' && !roleAtLeast(actor.user.role, need.role)) {
      throw new LedgerError('FORBIDDEN', `您的角色（${ROLE_NAMES[actor.user.role]}）无权执行“${need.summary}”`);
    }
    if (need.countyWide && !actor.countyWide) {
      throw new LedgerError('FORBIDDEN', `“${need.summary}”涉及全县台账，只有管理范围为全县的用户可以执行`);
    }
    return actor;
  }

  /**
   * The one entry for every contract call: validate, authorise (role here, subtree in handlers),
   * run in a transaction when it writes, audit inside that transaction.
   */
  async dispatch(userId: string, method: CoreMethod, rawInput: unknown): Promise<unknown> {
    const def = api[method];
    if (!def || def.host) throw new LedgerError('BAD_REQUEST', `未知的调用：${String(method)}`);
    const parsed = def.input.safeParse(rawInput ?? {});
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
      const first = issues[0];
      throw new LedgerError('VALIDATION', first ? `${first.path ? first.path + '：' : ''}${first.message}` : '输入不正确', { issues });
    }
    const actor = await this.authorise(userId, def);
    const handler = handlers[method] as Handler<CoreMethod>;
    const now = new Date().toISOString();
    const jobId = newId();
    const makeCtx = (db: Kysely<DB>): Ctx => {
      const ctx: Ctx = {
        db,
        actor,
        method,
        now,
        today: localToday(),
        env: this.env,
        changeId: null,
        audit: (entity, entityId, before, after, batchId) => writeAudit(db, { actor, method, at: now, changeId: ctx.changeId }, entity, entityId, before, after, batchId ?? null),
        progress: (phase, done, total) => {
          this.env.jobs.check(jobId);
          this.env.onProgress?.({ jobId, phase, done, total });
        },
      };
      return ctx;
    };
    this.env.jobs.start(jobId, actor.user.id);
    try {
      if (!def.write) return await handler(makeCtx(this.db), parsed.data as never);
      try {
        if (OUTSIDE_TRANSACTION.has(method)) return await handler(makeCtx(this.db), parsed.data as never);
        return await this.db.transaction().execute((trx) => handler(makeCtx(trx), parsed.data as never));
      } finally {
        // Statistics results computed before this write are stale (committed or not, to be safe).
        noteWrite(this.sqlite);
      }
    } finally {
      this.env.jobs.end(jobId);
    }
  }
}
