import { describe, expect, it } from 'vitest';
import { databaseAt, indexNames, seedOrgAndMember } from './migration-test-kit.js';
import { tempDir } from '../../../../test/helpers/ledger.js';

describe('migration 002-stats-indexes', () => {
  it('adds the statistics indexes over existing rows, which stay as they were', async () => {
    const tmp = tempDir();
    const { db, sqlite, migrateOn } = await databaseAt(tmp.dir, '001-initial');
    await seedOrgAndMember(db);
    expect(indexNames(sqlite, 'member_events')).not.toContain('member_events_stats');
    await migrateOn();
    expect(indexNames(sqlite, 'member_events')).toContain('member_events_stats');
    // The event range scan the statistics use now goes through the index.
    const plan = sqlite.prepare(`EXPLAIN QUERY PLAN SELECT member_id FROM member_events WHERE on_date > '2024-01-01'`).all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/member_events_stats/);
    expect(sqlite.prepare('SELECT name, joined_on FROM members').all()).toEqual([{ name: '张三', joined_on: '2001-07-01' }]);
    expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    await db.destroy();
    tmp.cleanup();
  });
});
