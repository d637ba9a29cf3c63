import { describe, expect, it } from 'vitest';
import { databaseAt, indexNames, seedOrgAndMember } from './migration-test-kit.js';
import { tempDir } from '../../../../test/helpers/ledger.js';

describe('migration 017-grid-register', () => {
  it('dates existing units from their entry, gives them founding (and dissolving) records, and carries registrations over', async () => {
    const tmp = tempDir();
    const { db, sqlite, migrateOn } = await databaseAt(tmp.dir, '013-member-event-data');
    await seedOrgAndMember(db);
    const grid = (id: string, parent: string | null, extra: Record<string, unknown> = {}) =>
      db.insertInto('grids').values({ id, parent_id: parent, path: parent ? `/${parent}/${id}/` : `/${id}/`, name: `单元${id}`, kind: parent ? 'grid' : 'community', org_id: 'o1', owner_org_id: 'o1', created_at: '2021-03-04T10:00:00.000Z', updated_at: '2022-05-06T10:00:00.000Z', ...extra }).execute();
    await grid('g1', null, { name: '新华社区' });
    await grid('g2', 'g1', { org_id: null, dissolved_on: '2022-05-01', import_batch_id: 'b1' });
    await db.updateTable('members').set({ grid_id: 'g1', grid_registered_on: '2021-06-01' }).where('id', '=', 'm1').execute();

    await migrateOn('017-grid-register');

    expect(sqlite.prepare(`SELECT id, founded_on, initials FROM grids ORDER BY id`).all()).toEqual([
      { id: 'g1', founded_on: '2021-03-04', initials: 'xhsq' },
      { id: 'g2', founded_on: '2021-03-04', initials: 'dyg2' },
    ]);
    expect(sqlite.prepare(`SELECT grid_id, kind, on_date, name, parent_id, owner_org_id, org_id, import_batch_id FROM grid_changes ORDER BY grid_id, on_date`).all()).toEqual([
      { grid_id: 'g1', kind: 'found', on_date: '2021-03-04', name: '新华社区', parent_id: null, owner_org_id: 'o1', org_id: 'o1', import_batch_id: null },
      { grid_id: 'g2', kind: 'found', on_date: '2021-03-04', name: '单元g2', parent_id: 'g1', owner_org_id: 'o1', org_id: null, import_batch_id: 'b1' },
      { grid_id: 'g2', kind: 'dissolve', on_date: '2022-05-01', name: null, parent_id: null, owner_org_id: null, org_id: null, import_batch_id: null },
    ]);
    expect(sqlite.prepare(`SELECT member_id, grid_id, from_date, to_date FROM grid_registrations`).all()).toEqual([{ member_id: 'm1', grid_id: 'g1', from_date: '2021-06-01', to_date: null }]);

    // Statistics counters move on updates and deletes of the new tables.
    const counter = (t: string) => sqlite.prepare(`SELECT n FROM table_changes WHERE tbl = ?`).pluck().get(t) as number;
    const before = [counter('grid_changes'), counter('grid_registrations')];
    await db.updateTable('grid_registrations').set({ to_date: '2024-01-01' }).execute();
    await db.deleteFrom('grid_changes').where('kind', '=', 'dissolve').execute();
    expect([counter('grid_changes'), counter('grid_registrations')]).toEqual([before[0]! + 1, before[1]! + 1]);
    // Records refer to real units and organisations.
    await expect(db.insertInto('grid_changes').values({ id: 'x', grid_id: 'nowhere', kind: 'rename', on_date: '2024-01-01', created_at: 'now' }).execute()).rejects.toThrow(/FOREIGN KEY/);
    await expect(db.insertInto('grid_changes').values({ id: 'y', grid_id: 'g1', kind: 'renamed', on_date: '2024-01-01', created_at: 'now' }).execute()).rejects.toThrow(/CHECK/);
    expect(indexNames(sqlite, 'grids')).toContain('grids_owner');
    expect(indexNames(sqlite, 'grid_registrations')).toEqual(expect.arrayContaining(['grid_registrations_member', 'grid_registrations_grid']));
    expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(sqlite.pragma('foreign_key_check')).toEqual([]);
    await db.destroy();
    tmp.cleanup();
  });
});
