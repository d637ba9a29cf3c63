import { describe, expect, it } from 'vitest';
import { databaseAt, indexNames, seedOrgAndMember } from './migration-test-kit.js';
import { tempDir } from '../../../../test/helpers/ledger.js';

describe('migration 014-pipeline-record', () => {
  it('keeps the steps, adds their findings column, and a corrections table bound to its person', async () => {
    const tmp = tempDir();
    const { db, sqlite, migrateOn } = await databaseAt(tmp.dir, '013-member-event-data');
    await seedOrgAndMember(db);
    const now = '2024-01-01T00:00:00.000Z';
    await db.insertInto('dev_people').values({ id: 'p1', id_number: '652302200001010012', name: '李四', org_id: 'o1', stage: 'applicant', created_at: now, updated_at: now }).execute();
    await db.insertInto('dev_steps').values({ id: 's1', person_id: 'p1', step: 'applied', on_date: '2023-12-01', created_at: now }).execute();

    await migrateOn('014-pipeline-record');

    expect(sqlite.prepare('SELECT id, step, findings FROM dev_steps').all()).toEqual([{ id: 's1', step: 'applied', findings: null }]);
    await db.insertInto('users').values({ id: 'u1', username: 'admin', display_name: '管理员', role: 'admin', scope_org_id: 'o1', active: 1, created_at: now, updated_at: now }).execute();
    await db.insertInto('dev_step_corrections').values({ id: 'c1', person_id: 'p1', step_id: 's9', step: 'talked', on_date: '2023-12-05', step_created_at: now, reason: '日期录错', user_id: 'u1', created_at: now }).execute();
    await expect(db.insertInto('dev_step_corrections').values({ id: 'c2', person_id: 'nobody', step_id: 's9', step: 'talked', on_date: '2023-12-05', step_created_at: now, reason: '录错', user_id: 'u1', created_at: now }).execute()).rejects.toThrow(/FOREIGN KEY/);
    expect(indexNames(sqlite, 'dev_step_corrections')).toContain('dev_step_corrections_person');
    sqlite.close();
    tmp.cleanup();
  });
});
