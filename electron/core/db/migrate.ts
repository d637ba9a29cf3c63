import { sql, type Kysely } from 'kysely';
import { Migrator, type MigrationProvider, type Migration } from 'kysely/migration';
import { LedgerError } from '../../../shared/contract/envelope.js';
import { MIGRATIONS, SCHEMA_VERSION } from './migrations/index.js';

class InCodeProvider implements MigrationProvider {
  constructor(private readonly migrations: Record<string, Migration>) {}
  async getMigrations(): Promise<Record<string, Migration>> {
    return this.migrations;
  }
}

/** Names of migrations already applied (empty for a new file). */
export async function appliedMigrations(db: Kysely<any>): Promise<string[]> {
  const exists = await sql<{ n: number }>`SELECT count(*) AS n FROM sqlite_master WHERE type='table' AND name='kysely_migration'`.execute(db);
  if (!exists.rows[0]?.n) return [];
  const rows = await sql<{ name: string }>`SELECT name FROM kysely_migration ORDER BY name`.execute(db);
  return rows.rows.map((r) => r.name);
}

/**
 * Brings the schema up to this app's version. A file written by a newer app is refused before any
 * change, because an older app could silently drop what it does not know.
 */
export async function migrateToLatest(
  db: Kysely<any>,
  migrations: Record<string, Migration> = MIGRATIONS,
  target?: string,
): Promise<{ version: number; applied: string[] }> {
  const known = new Set(Object.keys(migrations));
  const done = await appliedMigrations(db);
  const unknown = done.filter((n) => !known.has(n));
  if (unknown.length > 0) {
    throw new LedgerError(
      'DB_TOO_NEW',
      `数据库由更新版本的程序创建（架构版本 ${done.length}，本程序支持 ${known.size}），请升级程序后再打开。`,
      { unknown },
    );
  }
  const migrator = new Migrator({ db, provider: new InCodeProvider(migrations) });
  const { error, results } = target ? await migrator.migrateTo(target) : await migrator.migrateToLatest();
  if (error) throw new LedgerError('INTERNAL', '数据库升级失败：' + String(error));
  const after = await appliedMigrations(db);
  return { version: after.length, applied: (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName) };
}

export { SCHEMA_VERSION };
