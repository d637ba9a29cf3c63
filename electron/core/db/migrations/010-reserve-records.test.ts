import { describe, expect, it } from 'vitest';
import { databaseAt, indexNames, seedOrgAndMember } from './migration-test-kit.js';
import { tempDir } from '../../../../test/helpers/ledger.js';

describe('migration 010-reserve-records', () => {
  it('turns stages into dated records, links reserves who are members, and lets a linked reserve carry no name', async () => {
    const tmp = tempDir();
    const { db, sqlite, migrateOn } = await databaseAt(tmp.dir, '009-reference-indexes');
    await seedOrgAndMember(db);
    const now = '2024-01-01T00:00:00.000Z';
    const reserve = (id: string, idNumber: string, extra: Record<string, unknown>) =>
      db.insertInto('reserves').values({ id, id_number: idNumber, name: `后备${id}`, gender: '1', birth_date: '1990-01-01', village_org_id: 'o1', created_at: now, updated_at: now, ...extra }).execute();
    // r1 is the member m1; r2 entered 两委; r3 was only recommended.
    await reserve('r1', '652302198001010011', { stage: 'training', entered_pool_on: '2022-03-01' });
    await reserve('r2', '652302199001010017', { stage: 'entered', entered_pool_on: '2021-05-01', exit_kind: 'entered-committee', exit_on: '2023-04-02', exit_post: '村委委员' });
    await reserve('r3', '652302199101010013', { stage: 'recommended' });
    await db.insertInto('reserve_records').values({ id: 'x1', reserve_id: 'r2', kind: 'training', on_date: '2022-01-01', content: '集中培训', created_at: now }).execute();
    await db.insertInto('reserve_records').values({ id: 'x2', reserve_id: 'r2', kind: 'post', on_date: '2022-02-01', content: '跟岗', created_at: now }).execute();

    await migrateOn('010-reserve-records');

    const stages = (id: string) => sqlite.prepare(`SELECT stage, on_date, post FROM reserve_records WHERE reserve_id = ? AND kind = 'stage' ORDER BY rowid`).all(id);
    expect(stages('r1')).toEqual([
      { stage: 'recommended', on_date: '2022-03-01', post: null },
      { stage: 'assessed', on_date: '2022-03-01', post: null },
      { stage: 'training', on_date: '2022-03-01', post: null },
    ]);
    expect(stages('r2').map((s: any) => [s.stage, s.on_date, s.post])).toEqual([
      ['recommended', '2021-05-01', null], ['assessed', '2021-05-01', null], ['training', '2021-05-01', null], ['entered', '2023-04-02', '村委委员'],
    ]);
    expect(stages('r3')).toEqual([{ stage: 'recommended', on_date: '2024-01-01', post: null }]);
    expect(sqlite.prepare(`SELECT kind FROM reserve_records WHERE id IN ('x1', 'x2') ORDER BY id`).pluck().all()).toEqual(['measure', 'rotation']);

    const row = (id: string) => sqlite.prepare(`SELECT name, gender, birth_date, member_id FROM reserves WHERE id = ?`).get(id);
    expect(row('r1')).toEqual({ name: null, gender: null, birth_date: null, member_id: 'm1' });
    expect(row('r2')).toEqual({ name: '后备r2', gender: '1', birth_date: '1990-01-01', member_id: null });
    // A reserve without a name is allowed now; an unknown member id is not.
    await db.insertInto('reserves').values({ id: 'r4', id_number: '652302199201010019', village_org_id: 'o1', member_id: 'm1', created_at: now, updated_at: now }).execute();
    await expect(db.insertInto('reserves').values({ id: 'r5', id_number: '652302199301010014', village_org_id: 'o1', member_id: 'nobody', created_at: now, updated_at: now }).execute()).rejects.toThrow(/FOREIGN KEY/);
    // The statistics counter still moves on updates (migration 006's trigger survives the column swap).
    const counter = () => sqlite.prepare(`SELECT n FROM table_changes WHERE tbl = 'reserves'`).pluck().get() as number;
    const n = counter();
    await db.updateTable('reserves').set({ name: '改名' }).where('id', '=', 'r2').execute();
    expect(counter()).toBe(n + 1);
    // Deleting a member (an import undone) finds its reserves by index, not by a scan.
    expect(indexNames(sqlite, 'reserves')).toContain('reserves_member');
    expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(sqlite.pragma('foreign_key_check')).toEqual([]);
    await db.destroy();
    tmp.cleanup();
  });
});
