import { describe, expect, it } from 'vitest';
import { databaseAt, indexNames, seedOrgAndMember } from './migration-test-kit.js';
import { tempDir } from '../../../../test/helpers/ledger.js';
import { REFERENCE_INDEXES } from './009-reference-indexes.js';

describe('migration 009-reference-indexes', () => {
  it('indexes the columns referencing members and dev_people, so deleting one looks its children up instead of scanning', async () => {
    const tmp = tempDir();
    const { db, sqlite, migrateOn } = await databaseAt(tmp.dir, '008-dev-steps-due');
    await seedOrgAndMember(db);
    for (const [name, table] of REFERENCE_INDEXES) expect(indexNames(sqlite, table)).not.toContain(name);
    await migrateOn('009-reference-indexes');
    for (const [name, table, column] of REFERENCE_INDEXES) {
      expect(indexNames(sqlite, table)).toContain(name);
      const plan = (sqlite.prepare(`EXPLAIN QUERY PLAN SELECT 1 FROM ${table} WHERE ${column} = ?`).all('m1') as { detail: string }[]).map((p) => p.detail).join(' | ');
      expect(plan).toContain(`USING COVERING INDEX ${name} (${column}=?)`);
    }
    // The member still deletes (nothing references it) and the file is sound.
    expect(sqlite.prepare(`DELETE FROM members WHERE id = 'm1'`).run().changes).toBe(1);
    expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    await db.destroy();
    tmp.cleanup();
  });
});
