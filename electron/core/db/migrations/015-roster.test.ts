import { describe, expect, it } from 'vitest';
import { databaseAt, indexNames, seedOrgAndMember } from './migration-test-kit.js';
import { tempDir } from '../../../../test/helpers/ledger.js';
import { ROSTER_INDEXES } from './015-roster.js';

const now = '2024-01-01T00:00:00.000Z';

describe('migration 015-roster', () => {
  it('stores search initials and name grams for existing rows and keeps them with every write', async () => {
    const tmp = tempDir();
    const { db, sqlite, migrateOn } = await databaseAt(tmp.dir, '013-member-event-data');
    await seedOrgAndMember(db);
    sqlite.prepare(`UPDATE orgs SET short_name = '测试县' WHERE id = 'o1'`).run();

    await migrateOn('015-roster');

    const run = (s: string, ...p: unknown[]) => sqlite.prepare(s).run(...p);
    const get = <T>(s: string, ...p: unknown[]) => sqlite.prepare(s).get(...p) as T;
    const grams = (rid: number) => (sqlite.prepare(`SELECT gram FROM member_grams WHERE rid = ? ORDER BY gram`).all(rid) as { gram: string }[]).map((g) => g.gram);
    expect(get<{ initials: string }>(`SELECT initials FROM orgs WHERE id = 'o1'`).initials).toBe('zgcsxwyh csx');
    const m1 = get<{ initials: string; rid: number }>(`SELECT initials, rowid AS rid FROM members WHERE id = 'm1'`);
    expect(m1.initials).toBe('zs');
    expect(grams(m1.rid)).toEqual(['三', '张', '张三']);

    // Any writer: an insert without initials gets them, a rename moves them and the grams.
    run(`INSERT INTO members (id, id_number, name, category, org_id, status, created_at, updated_at) VALUES ('m2', '652302199001010013', '单雨欣', 'formal', 'o1', 'active', ?, ?)`, now, now);
    const m2 = get<{ initials: string; rid: number }>(`SELECT initials, rowid AS rid FROM members WHERE id = 'm2'`);
    expect(m2.initials).toBe('syx');
    expect(grams(m2.rid)).toEqual(['单', '单雨', '雨', '雨欣', '欣'].sort());
    run(`UPDATE members SET name = '王芳' WHERE id = 'm2'`);
    expect(get<{ initials: string }>(`SELECT initials FROM members WHERE id = 'm2'`).initials).toBe('wf');
    expect(grams(m2.rid)).toEqual(['王', '王芳', '芳'].sort());
    expect(get<{ n: number }>(`SELECT n FROM table_changes WHERE tbl = 'members_search'`).n).toBe(1);
    run(`DELETE FROM members WHERE id = 'm2'`);
    expect(grams(m2.rid)).toEqual([]);
    run(`INSERT INTO orgs (id, parent_id, path, depth, name, kind, can_approve, weak, sort_order, created_at, updated_at) VALUES ('t1', 'o1', '/o1/t1/', 1, '中共嘉城镇委员会', 'committee', 1, 0, 0, ?, ?)`, now, now);
    expect(get<{ initials: string }>(`SELECT initials FROM orgs WHERE id = 't1'`).initials).toBe('zgjczwyh ');
    run(`UPDATE orgs SET short_name = '嘉城镇' WHERE id = 't1'`);
    expect(get<{ initials: string }>(`SELECT initials FROM orgs WHERE id = 't1'`).initials).toBe('zgjczwyh jcz');

    expect(indexNames(sqlite, 'members')).toEqual(expect.arrayContaining(ROSTER_INDEXES.map(([n]) => n)));
    expect(indexNames(sqlite, 'audit_log')).toContain('audit_change');
    expect(indexNames(sqlite, 'change_sets')).toContain('change_sets_user_at');
    const plan = (sqlite.prepare(`EXPLAIN QUERY PLAN SELECT rowid FROM members INDEXED BY members_birth WHERE (birth_date, rowid) < ('2000-01-01', 9) ORDER BY birth_date DESC, rowid DESC LIMIT 10`).all() as { detail: string }[]).map((p) => p.detail).join(' | ');
    expect(plan).toMatch(/SEARCH members USING COVERING INDEX members_birth \(birth_date<\?\)/);
    expect(plan).not.toMatch(/TEMP B-TREE/);
    await db.destroy();
    tmp.cleanup();
  });
});
