import { CamelCasePlugin, Kysely, SqliteDialect } from 'kysely';
import { describe, expect, it } from 'vitest';
import { databaseAt, indexNames, seedOrgAndMember } from './migration-test-kit.js';
import { tempDir } from '../../../../test/helpers/ledger.js';
import { devStageFacts } from '../../stats/subjects.js';
import type { DB } from '../schema.js';

describe('migration 003-stats-cube', () => {
  it('replaces members_stats by the narrower members_cube, adds dev_steps_stage, and the pipeline pass reads only it', async () => {
    const tmp = tempDir();
    const { db, sqlite, migrateOn } = await databaseAt(tmp.dir, '002-stats-indexes');
    await seedOrgAndMember(db);
    expect(indexNames(sqlite, 'members')).toContain('members_stats');
    await migrateOn('003-stats-cube');
    expect(indexNames(sqlite, 'members')).not.toContain('members_stats');
    expect(indexNames(sqlite, 'members')).toContain('members_cube');
    expect(indexNames(sqlite, 'dev_steps')).toContain('dev_steps_stage');
    expect(sqlite.prepare('SELECT name, joined_on FROM members').all()).toEqual([{ name: '张三', joined_on: '2001-07-01' }]);
    expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');

    // The pipeline pass is answered from the partial index alone (the member pass: see 004).
    const seen: { sql: string; parameters: readonly unknown[] }[] = [];
    const logged = new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }), plugins: [new CamelCasePlugin()], log: (e) => void seen.push({ sql: e.query.sql, parameters: e.query.parameters }) });
    await devStageFacts(logged, { lo: '/o1/', hi: '/o10', all: true }, { asOf: '2024-12-31', from: '2024-01-01', to: '2024-12-31' });
    const plan = (q: { sql: string; parameters: readonly unknown[] }) =>
      (sqlite.prepare(`EXPLAIN QUERY PLAN ${q.sql}`).all(...(q.parameters as unknown[])) as { detail: string }[]).map((p) => p.detail).join(' | ');
    const devPass = seen.find((q) => q.sql.includes('dev_steps_stage'))!;
    expect(plan(devPass)).toMatch(/COVERING INDEX dev_steps_stage/);
    await logged.destroy();
    tmp.cleanup();
  });
});
