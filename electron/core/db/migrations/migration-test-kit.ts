import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { kyselyFor, openSqlite, type SqliteHandle } from '../open.js';
import { migrateToLatest } from '../migrate.js';
import { MIGRATIONS } from './index.js';

/**
 * For migration tests: an encrypted database migrated up to (and including) `name`, so a test can
 * insert rows in the previous shape, migrate on, and assert what the migration did to them.
 */
export async function databaseAt(dir: string, name: string): Promise<{ db: Kysely<any>; sqlite: SqliteHandle; keyHex: string; migrateOn: (to?: string) => Promise<void> }> {
  if (!(name in MIGRATIONS)) throw new Error(`unknown migration ${name}`);
  const keyHex = randomBytes(32).toString('hex');
  const sqlite = openSqlite(join(dir, `${name}.ledger`), keyHex, { create: true });
  const db = kyselyFor(sqlite) as Kysely<any>;
  await migrateToLatest(db, MIGRATIONS, name);
  return { db, sqlite, keyHex, migrateOn: async (to?: string) => void (await (to ? migrateToLatest(db, MIGRATIONS, to) : migrateToLatest(db))) };
}

/** Minimal rows every later migration test needs: a root org and one member. */
export async function seedOrgAndMember(db: Kysely<any>): Promise<void> {
  const now = '2024-01-01T00:00:00.000Z';
  await db.insertInto('orgs').values({ id: 'o1', parent_id: null, path: '/o1/', depth: 0, name: '中共测试县委员会', kind: 'local-committee', can_approve: 0, weak: 0, sort_order: 0, created_at: now, updated_at: now }).execute();
  await db
    .insertInto('members')
    .values({ id: 'm1', id_number: '652302198001010011', name: '张三', category: 'formal', org_id: 'o1', status: 'active', joined_on: '2001-07-01', created_at: now, updated_at: now })
    .execute();
}

export function indexNames(sqlite: SqliteHandle, table: string): string[] {
  return (sqlite.prepare(`SELECT name FROM sqlite_master WHERE type='index' AND tbl_name=?`).all(table) as { name: string }[]).map((r) => r.name);
}
