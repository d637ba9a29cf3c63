import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { kyselyFor, openSqlite } from '../open.js';
import { migrateToLatest } from '../migrate.js';
import { MIGRATIONS } from './index.js';
import { tempDir } from '../../../../test/helpers/ledger.js';
import { LedgerError } from '../../../../shared/contract/envelope.js';

const TABLES = ['settings', 'orgs', 'org_names', 'org_officers', 'org_ratings', 'grids', 'members', 'member_events', 'dev_people', 'dev_steps', 'reserves', 'reserve_records', 'team_members', 'team_months', 'team_grades', 'meetings', 'users', 'audit_log', 'import_batches', 'import_batch_items', 'import_mappings'];

describe('migration 001-initial', () => {
  it('creates every table of the domain on an empty encrypted file and is idempotent', async () => {
    const tmp = tempDir();
    const sqlite = openSqlite(join(tmp.dir, 'm.ledger'), randomBytes(32).toString('hex'), { create: true });
    const db = kyselyFor(sqlite);
    const r = await migrateToLatest(db);
    expect(r.version).toBe(Object.keys(MIGRATIONS).length);
    const names = (await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type='table'`.execute(db)).rows.map((x) => x.name);
    for (const t of TABLES) expect(names).toContain(t);
    expect((await migrateToLatest(db)).applied).toEqual([]);
    // The schema's own rules hold: a category outside the list is refused by SQLite itself.
    const now = new Date().toISOString();
    await db.insertInto('orgs').values({ id: 'o1', parentId: null, path: '/o1/', depth: 0, name: '根', kind: 'local-committee', canApprove: 0, sortOrder: 0, createdAt: now, updatedAt: now } as never).execute();
    await expect(
      db.insertInto('members').values({ id: 'm1', idNumber: 'x', name: 'n', category: 'other' as never, orgId: 'o1', status: 'active', createdAt: now, updatedAt: now } as never).execute(),
    ).rejects.toThrow(/CHECK/);
    await db.destroy();
    tmp.cleanup();
  });

  it('a database written by a newer app is refused before any change', async () => {
    const tmp = tempDir();
    const sqlite = openSqlite(join(tmp.dir, 'n.ledger'), randomBytes(32).toString('hex'), { create: true });
    const db = kyselyFor(sqlite);
    await migrateToLatest(db);
    await sql`INSERT INTO kysely_migration (name, timestamp) VALUES ('999-from-the-future', '2030-01-01T00:00:00Z')`.execute(db);
    const err = await migrateToLatest(db).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LedgerError);
    expect((err as LedgerError).code).toBe('DB_TOO_NEW');
    expect((err as LedgerError).message).toContain('请升级程序');
    await db.destroy();
    tmp.cleanup();
  });
});
