import { describe, expect, it } from 'vitest';
import { databaseAt, indexNames, seedOrgAndMember } from './migration-test-kit.js';
import { tempDir } from '../../../../test/helpers/ledger.js';

describe('migration 005-drop-event-date-index', () => {
  it('drops member_events_date; the date lookups it served go through member_events_stats; rows stay', async () => {
    const tmp = tempDir();
    const { db, sqlite, migrateOn } = await databaseAt(tmp.dir, '004-member-facts');
    await seedOrgAndMember(db);
    const now = '2024-01-01T00:00:00.000Z';
    await db.insertInto('member_events').values({ id: 'e1', member_id: 'm1', kind: 'admitted', on_date: '2001-07-01', org_id: 'o1', created_at: now }).execute();
    expect(indexNames(sqlite, 'member_events')).toEqual(expect.arrayContaining(['member_events_date', 'member_events_stats', 'member_events_member']));
    await migrateOn('005-drop-event-date-index');
    expect(indexNames(sqlite, 'member_events')).not.toContain('member_events_date');
    expect(indexNames(sqlite, 'member_events')).toEqual(expect.arrayContaining(['member_events_stats', 'member_events_member']));
    const plan = (q: string) => (sqlite.prepare(`EXPLAIN QUERY PLAN ${q}`).all() as { detail: string }[]).map((p) => p.detail).join(' | ');
    // The shapes member_events_date served: a date range, a date range of kinds, an exact date and kind.
    expect(plan(`SELECT member_id FROM member_events WHERE on_date > '2000-01-01'`)).toMatch(/USING COVERING INDEX member_events_stats/);
    expect(plan(`SELECT member_id, kind FROM member_events WHERE on_date BETWEEN '2000-01-01' AND '2024-12-31' AND kind IN ('admitted', 'confirmed')`)).toMatch(/INDEX member_events_stats/);
    expect(plan(`SELECT * FROM member_events WHERE on_date = '2001-07-01' AND kind = 'admitted'`)).toMatch(/INDEX member_events_stats \(on_date=\? AND kind=\?\)/);
    expect(sqlite.prepare(`SELECT id, kind FROM member_events WHERE on_date = '2001-07-01' AND kind = 'admitted'`).all()).toEqual([{ id: 'e1', kind: 'admitted' }]);
    expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    await db.destroy();
    tmp.cleanup();
  });
});
