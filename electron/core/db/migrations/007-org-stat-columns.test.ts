import { describe, expect, it } from 'vitest';
import { databaseAt, seedOrgAndMember } from './migration-test-kit.js';
import { tempDir } from '../../../../test/helpers/ledger.js';

describe('migration 007-org-stat-columns', () => {
  it('an organisation renamed leaves the statistics counter; a column statistics read, or a delete, moves it', async () => {
    const tmp = tempDir();
    const { db, sqlite, migrateOn } = await databaseAt(tmp.dir, '006-member-changes');
    await seedOrgAndMember(db);
    const counter = () => sqlite.prepare(`SELECT n FROM table_changes WHERE tbl = 'orgs'`).pluck().get() as number;
    await db.updateTable('orgs').set({ name: '改名一' }).where('id', '=', 'o1').execute();
    expect(counter()).toBe(1);
    await migrateOn('007-org-stat-columns');
    await db.updateTable('orgs').set({ name: '改名二', phone: '0998-1234567' }).where('id', '=', 'o1').execute();
    expect(counter()).toBe(1);
    await db.updateTable('orgs').set({ stars: 4 }).where('id', '=', 'o1').execute();
    expect(counter()).toBe(2);
    await db.updateTable('orgs').set({ dissolved_on: '2024-01-01' }).where('id', '=', 'o1').execute();
    expect(counter()).toBe(3);
    const now = '2024-01-01T00:00:00.000Z';
    await db.insertInto('orgs').values({ id: 'o2', parent_id: 'o1', path: '/o1/o2/', depth: 1, name: '甲支部', kind: 'branch', can_approve: 0, weak: 0, sort_order: 0, created_at: now, updated_at: now }).execute();
    await db.deleteFrom('orgs').where('id', '=', 'o2').execute();
    expect(counter()).toBe(4);
    await db.destroy();
    tmp.cleanup();
  });
});
