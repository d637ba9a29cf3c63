import { describe, expect, it } from 'vitest';
import { databaseAt, indexNames, seedOrgAndMember } from './migration-test-kit.js';
import { tempDir } from '../../../../test/helpers/ledger.js';

describe('migration 012-village-life', () => {
  it('moves monthly leave days into unapproved leave records, renames the recall date, and versions the new tables', async () => {
    const tmp = tempDir();
    const { db, sqlite, migrateOn } = await databaseAt(tmp.dir, '011-audit-org');
    await seedOrgAndMember(db);
    const now = '2024-01-01T00:00:00.000Z';
    await db.insertInto('team_members').values({ id: 't1', village_org_id: 'o1', name: '王五', role: 'first-secretary', member_id: 'm1', from_date: '2023-03-01', to_date: '2025-02-28', recalled_on: '2024-02-01', created_at: now, updated_at: now }).execute();
    await db.insertInto('team_months').values([
      { id: 'mo1', team_member_id: 't1', month: '2023-12', days_in_village: 18, leave_days: 3, log_count: 15, created_at: now },
      { id: 'mo2', team_member_id: 't1', month: '2024-01', days_in_village: 22, leave_days: 0, log_count: 20, created_at: now },
    ]).execute();
    await db.insertInto('meetings').values({ id: 'x1', org_id: 'o1', kind: 'lecture', held_on: '2024-01-05', topic: '党课', created_at: now, updated_at: now }).execute();

    await migrateOn('012-village-life');

    expect(sqlite.prepare('SELECT ended_on, end_kind FROM team_members').get()).toEqual({ ended_on: '2024-02-01', end_kind: 'recall' });
    expect(sqlite.prepare('SELECT team_member_id, from_date, to_date, approved_by FROM team_leaves').all()).toEqual([{ team_member_id: 't1', from_date: '2023-12-01', to_date: '2023-12-03', approved_by: null }]);
    const monthCols = (sqlite.prepare('PRAGMA table_info(team_months)').all() as { name: string }[]).map((c) => c.name);
    expect(monthCols).not.toContain('leave_days');
    expect(monthCols).toEqual(expect.arrayContaining(['visit_count', 'import_batch_id', 'updated_at']));
    expect(sqlite.prepare(`SELECT days_in_village, visit_count, updated_at FROM team_months WHERE id = 'mo1'`).get()).toEqual({ days_in_village: 18, visit_count: 0, updated_at: now });

    const counter = (t: string) => sqlite.prepare('SELECT n FROM table_changes WHERE tbl = ?').pluck().get(t) as number;
    await db.insertInto('meeting_attendance').values({ id: 'a1', meeting_id: 'x1', member_id: 'm1', present: 0, reason: '病假', created_at: now }).execute();
    expect(counter('meeting_attendance')).toBe(0);
    await db.updateTable('meetings').set({ topic: '专题党课' }).where('id', '=', 'x1').execute();
    await db.deleteFrom('meeting_attendance').where('id', '=', 'a1').execute();
    expect([counter('meetings'), counter('meeting_attendance')]).toEqual([1, 1]);
    // The tree's counter: a 星级 or a name leaves it, a dissolution moves it.
    await db.updateTable('orgs').set({ stars: 4, name: '中共测试县委' }).where('id', '=', 'o1').execute();
    expect(counter('orgs:tree')).toBe(0);
    await db.updateTable('orgs').set({ dissolved_on: '2024-06-30' }).where('id', '=', 'o1').execute();
    expect(counter('orgs:tree')).toBe(1);
    await expect(db.insertInto('meeting_attendance').values({ id: 'a2', meeting_id: 'x1', member_id: 'nobody', present: 1, created_at: now }).execute()).rejects.toThrow(/FOREIGN KEY/);
    await expect(db.insertInto('team_leaves').values({ id: 'l2', team_member_id: 't1', from_date: '2024-01-05', to_date: '2024-01-04', created_at: now, updated_at: now }).execute()).rejects.toThrow(/CHECK/);
    expect(indexNames(sqlite, 'meetings')).toContain('meetings_held');
    expect(indexNames(sqlite, 'orgs')).toContain('orgs_holders');
    expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(sqlite.pragma('foreign_key_check')).toEqual([]);
    await db.destroy();
    tmp.cleanup();
  });
});
