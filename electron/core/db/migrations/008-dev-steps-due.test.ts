import { describe, expect, it } from 'vitest';
import { databaseAt, indexNames } from './migration-test-kit.js';
import { tempDir } from '../../../../test/helpers/ledger.js';
import { DUE_DATE_STEPS_SQL } from './008-dev-steps-due.js';

describe('migration 008-dev-steps-due', () => {
  it('adds a partial covering index the pipeline figure reads its dated steps from, by person', async () => {
    const tmp = tempDir();
    const { db, sqlite, migrateOn } = await databaseAt(tmp.dir, '007-org-stat-columns');
    expect(indexNames(sqlite, 'dev_steps')).not.toContain('dev_steps_due');
    await migrateOn('008-dev-steps-due');
    expect(indexNames(sqlite, 'dev_steps')).toContain('dev_steps_due');
    const plan = (sqlite.prepare(`EXPLAIN QUERY PLAN SELECT s.person_id, s.step, s.on_date FROM dev_steps s
      WHERE s.person_id IN (SELECT value FROM json_each('["p1","p2"]')) AND s.step IN (${DUE_DATE_STEPS_SQL}) AND s.on_date <= '2024-12-31'`).all() as { detail: string }[]).map((p) => p.detail).join(' | ');
    expect(plan).toMatch(/COVERING INDEX dev_steps_due \(person_id=\? AND step=\? AND on_date<\?\)/);
    expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    await db.destroy();
    tmp.cleanup();
  });
});
