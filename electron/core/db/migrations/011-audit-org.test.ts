import { describe, expect, it } from 'vitest';
import { databaseAt, indexNames, seedOrgAndMember } from './migration-test-kit.js';
import { tempDir } from '../../../../test/helpers/ledger.js';

const now = '2024-01-01T00:00:00.000Z';

describe('migration 011-audit-org', () => {
  it('gives every existing audit row its organisation, indexes the filters and makes the log append-only', async () => {
    const tmp = tempDir();
    const { db, sqlite, migrateOn } = await databaseAt(tmp.dir, '010-reserve-records');
    await seedOrgAndMember(db);
    const run = (s: string, ...p: unknown[]) => sqlite.prepare(s).run(...p);
    run(`INSERT INTO settings (key, value) VALUES ('rootOrgId', '"o1"')`);
    run(`INSERT INTO orgs (id, parent_id, path, depth, name, kind, can_approve, weak, sort_order, created_at, updated_at) VALUES ('t1', 'o1', '/o1/t1/', 1, '甲乡党委', 'committee', 1, 0, 0, ?, ?)`, now, now);
    run(`UPDATE members SET org_id = 't1' WHERE id = 'm1'`);
    run(`INSERT INTO users (id, username, display_name, role, scope_org_id, active, created_at, updated_at) VALUES ('u1', 'clerk', '录入员', 'clerk', 't1', 1, ?, ?)`, now, now);
    run(`INSERT INTO dev_people (id, id_number, name, org_id, stage, created_at, updated_at) VALUES ('p1', '652302200001010012', '申请人', 't1', 'applicant', ?, ?)`, now, now);
    run(`INSERT INTO dev_steps (id, person_id, step, on_date, created_at) VALUES ('s1', 'p1', 'talked', '2024-01-01', ?)`, now);
    run(`INSERT INTO grids (id, parent_id, path, name, kind, org_id, owner_org_id, created_at, updated_at) VALUES ('g1', NULL, '/g1/', '社区', 'community', NULL, 't1', ?, ?)`, now, now);
    const rows: [id: string, userId: string | null, method: string, entity: string, entityId: string | null, before: unknown, after: unknown][] = [
      ['a-org', 'u1', 'org.update', 'org', 't1', { stars: 3 }, { stars: 4 }],
      ['a-member', 'u1', 'member.update', 'member', 'm1', { phone: null }, { phone: '13900000000' }],
      // Undone import: the record is gone, its image still names the organisation.
      ['a-gone', null, 'import.undo', 'member', 'm-gone', { id: 'm-gone', orgId: 't1', name: '已撤销' }, null],
      ['a-step', 'u1', 'pipeline.addStep', 'devStep', 's1', null, { personId: 'p1', step: 'talked' }],
      ['a-grid', 'u1', 'grid.update', 'grid', 'g1', { households: 1 }, { households: 2 }],
      ['a-user', null, 'user.create', 'user', 'u1', null, { username: 'clerk' }],
      ['a-login', 'u1', 'app.login', 'session', null, null, {}],
      ['a-settings', null, 'settings.update', 'settings', null, { idleLockMinutes: 15 }, { idleLockMinutes: 20 }],
    ];
    for (const [id, userId, method, entity, entityId, before, after] of rows) {
      run(
        `INSERT INTO audit_log (id, at, user_id, username, method, entity, entity_id, before, after, batch_id) VALUES (?, ?, ?, NULL, ?, ?, ?, ?, ?, NULL)`,
        id, now, userId, method, entity, entityId, before === null ? null : JSON.stringify(before), after === null ? null : JSON.stringify(after),
      );
    }

    await migrateOn('011-audit-org');

    const orgOf = Object.fromEntries((sqlite.prepare(`SELECT id, org_id FROM audit_log`).all() as { id: string; org_id: string }[]).map((r) => [r.id, r.org_id]));
    expect(orgOf).toEqual({ 'a-org': 't1', 'a-member': 't1', 'a-gone': 't1', 'a-step': 't1', 'a-grid': 't1', 'a-user': 't1', 'a-login': 't1', 'a-settings': 'o1' });
    expect(indexNames(sqlite, 'audit_log')).toEqual(expect.arrayContaining(['audit_at', 'audit_org_method_at', 'audit_user_at', 'audit_method_at']));
    const plan = (where: string) =>
      (sqlite.prepare(`EXPLAIN QUERY PLAN SELECT rowid FROM audit_log WHERE ${where} ORDER BY at DESC, rowid DESC LIMIT 50`).all() as { detail: string }[]).map((p) => p.detail).join(' | ');
    const subtree = `org_id IN (SELECT id FROM orgs WHERE path >= '/o1/t1/' AND path < '/o1/t10')`;
    expect(plan(`user_id = 'u1'`)).toMatch(/COVERING INDEX audit_user_at/);
    expect(plan(`method = 'org.update'`)).toMatch(/COVERING INDEX audit_method_at/);
    expect(plan(subtree)).toMatch(/COVERING INDEX audit_org_method_at/);
    expect(plan(`+${subtree}`)).toMatch(/INDEX audit_at/);

    expect(() => run(`UPDATE audit_log SET after = NULL WHERE id = 'a-org'`)).toThrow(/操作日志不可修改/);
    expect(() => run(`DELETE FROM audit_log WHERE id = 'a-org'`)).toThrow(/操作日志不可删除/);
    expect(() => run(`DELETE FROM audit_log`)).toThrow(/操作日志不可删除/);
    expect(sqlite.prepare(`SELECT count(*) FROM audit_log`).pluck().get()).toBe(rows.length);
    // Appending still works.
    run(`INSERT INTO audit_log (id, at, method, entity, org_id) VALUES ('a-new', ?, 'x', 'x', 'o1')`, now);
    expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    await db.destroy();
    tmp.cleanup();
  });
});
