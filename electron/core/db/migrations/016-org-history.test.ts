import { describe, expect, it } from 'vitest';
import { databaseAt, seedOrgAndMember } from './migration-test-kit.js';
import { tempDir } from '../../../../test/helpers/ledger.js';

describe('migration 016-org-history', () => {
  it('carries in-place terms, ratings, 整顿 and secretaries over to dated records and drops the old columns', async () => {
    const tmp = tempDir();
    const { db, sqlite, migrateOn } = await databaseAt(tmp.dir, '012-village-life');
    await seedOrgAndMember(db);
    const run = (q: string, ...p: unknown[]) => sqlite.prepare(q).run(...p);
    const at = '2024-05-06T07:08:09.000Z';
    run(`INSERT INTO orgs (id, parent_id, path, depth, name, kind, unit_category, can_approve, secretary_member_id, term_elected_on, term_years, term_extended_to, stars, weak, rectification_status, rectification_measures, sort_order, created_at, updated_at)
         VALUES ('v1', 'o1', '/o1/v1/', 1, '甲村党支部', 'branch', 'village', 0, 'm1', '2019-06-01', NULL, '2025-03-31', 2, 1, '已销号', '选派第一书记', 0, ?, ?)`, at, at);
    run(`INSERT INTO orgs (id, parent_id, path, depth, name, kind, unit_category, can_approve, term_elected_on, term_years, stars, weak, rectification_status, sort_order, created_at, updated_at)
         VALUES ('b1', 'o1', '/o1/b1/', 1, '县财政局机关党支部', 'branch', 'organ', 0, '2022-09', 3, 4, 0, NULL, 0, ?, ?)`, at, at);
    run(`INSERT INTO org_officers (id, org_id, member_id, name, post, from_date, created_at) VALUES ('x1', 'b1', 'm1', '张三', '组织委员', '2022-09-01', ?)`, at);
    run(`INSERT INTO org_officers (id, org_id, member_id, name, post, from_date, created_at) VALUES ('x2', 'o1', 'm1', '张三', '党委书记', NULL, ?)`, at);

    await migrateOn('016-org-history');

    const all = (q: string) => sqlite.prepare(q).all() as Record<string, unknown>[];
    expect(all(`SELECT org_id, elected_on, term_years, extended_to FROM org_elections ORDER BY org_id`)).toEqual([
      { org_id: 'b1', elected_on: '2022-09', term_years: 3, extended_to: null },
      // The village branch's unrecorded term length comes from the rule (村 5 years).
      { org_id: 'v1', elected_on: '2019-06-01', term_years: 5, extended_to: '2025-03-31' },
    ]);
    expect(all(`SELECT org_id, year, stars, weak FROM org_ratings ORDER BY org_id`)).toEqual([
      { org_id: 'b1', year: 2024, stars: 4, weak: 0 },
      { org_id: 'v1', year: 2024, stars: 2, weak: 1 },
    ]);
    expect(all(`SELECT org_id, year, measures, rectified_on, closed_on FROM org_rectifications`)).toEqual([
      { org_id: 'v1', year: 2024, measures: '选派第一书记', rectified_on: '2024-05-06', closed_on: '2024-05-06' },
    ]);
    expect(all(`SELECT id, org_id, post, from_date FROM org_officers ORDER BY org_id, post`)).toEqual([
      { id: 'x1', org_id: 'b1', post: 'organisation', from_date: '2022-09-01' },
      { id: 'x2', org_id: 'o1', post: 'secretary', from_date: null },
      { id: expect.any(String), org_id: 'v1', post: 'secretary', from_date: '2019-06-01' },
    ]);
    const columns = (sqlite.prepare(`SELECT name FROM pragma_table_info('orgs')`).pluck().all() as string[]);
    for (const gone of ['secretary_member_id', 'term_elected_on', 'term_years', 'term_extended_to', 'stars', 'weak', 'rectification_status', 'rectification_measures']) expect(columns).not.toContain(gone);
    expect(columns).toContain('merged_into_id');

    // The statistics counters: orgs still moves only on what places an organisation; the new tables on every update.
    const counter = (t: string) => sqlite.prepare(`SELECT n FROM table_changes WHERE tbl = ?`).pluck().get(t) as number;
    const n0 = counter('orgs');
    run(`UPDATE orgs SET name = '乙村党支部', phone = '0998-1234567' WHERE id = 'v1'`);
    expect(counter('orgs')).toBe(n0);
    run(`UPDATE orgs SET kind = 'general-branch' WHERE id = 'v1'`);
    expect(counter('orgs')).toBe(n0 + 1);
    for (const t of ['org_elections', 'org_rectifications', 'org_officers', 'org_ratings']) {
      const before = counter(t);
      run(`UPDATE ${t} SET updated_at = 'x'`);
      expect(counter(t), t).toBeGreaterThan(before);
    }
    await db.destroy();
    tmp.cleanup();
  });
});
