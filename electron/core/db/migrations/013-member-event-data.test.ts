import { describe, expect, it } from 'vitest';
import { databaseAt, seedOrgAndMember } from './migration-test-kit.js';
import { tempDir } from '../../../../test/helpers/ledger.js';

describe('migration 013-member-event-data', () => {
  it('adds a nullable data column to member_events, keeping the events there', async () => {
    const tmp = tempDir();
    const { db, sqlite, migrateOn } = await databaseAt(tmp.dir, '012-village-life');
    await seedOrgAndMember(db);
    await db.insertInto('member_events').values({ id: 'e1', member_id: 'm1', kind: 'admitted', on_date: '2001-07-01', org_id: 'o1', created_at: '2024-01-01T00:00:00.000Z' }).execute();
    await migrateOn('013-member-event-data');
    expect(sqlite.prepare('SELECT id, kind, data FROM member_events').all()).toEqual([{ id: 'e1', kind: 'admitted', data: null }]);
    await db.insertInto('member_events').values({ id: 'e2', member_id: 'm1', kind: 'probation-extended', on_date: '2002-07-01', org_id: 'o1', created_at: '2024-01-01T00:00:00.000Z', data: '{"months":6}' }).execute();
    expect(sqlite.prepare(`SELECT json_extract(data, '$.months') AS m FROM member_events WHERE id = 'e2'`).get()).toEqual({ m: 6 });
    await db.destroy();
    tmp.cleanup();
  });
});
