import { describe, expect, it } from 'vitest';
import { databaseAt, seedOrgAndMember } from './migration-test-kit.js';
import { tempDir } from '../../../../test/helpers/ledger.js';
import { FACT_COLUMNS, VERSIONED_TABLES } from './006-member-changes.js';
import { MemberStore } from '../../stats/member-store.js';
import { openSqlite } from '../open.js';

describe('migration 006-member-changes', () => {
  it('records updated and deleted members (only for the columns statistics read) and counts updates and deletes of the other tables, never inserts', async () => {
    const tmp = tempDir();
    const { db, sqlite, migrateOn } = await databaseAt(tmp.dir, '005-drop-event-date-index');
    await seedOrgAndMember(db);
    await migrateOn('006-member-changes');
    const changes = () => sqlite.prepare('SELECT rid, seq FROM member_changes ORDER BY seq').all() as { rid: number; seq: number }[];
    const counter = (t: string) => sqlite.prepare('SELECT n FROM table_changes WHERE tbl = ?').pluck().get(t) as number;
    expect(changes()).toEqual([]);
    expect(VERSIONED_TABLES.map(counter)).toEqual(VERSIONED_TABLES.map(() => 0));
    const rid = sqlite.prepare(`SELECT rowid FROM members WHERE id = 'm1'`).pluck().get() as number;

    await db.updateTable('members').set({ phone: '13800000000', name: '张三丰' }).where('id', '=', 'm1').execute();
    expect(changes()).toEqual([]);
    let seq = 0;
    for (const col of FACT_COLUMNS) {
      // org_id and grid_id reference other tables: set below through real rows.
      if (col === 'org_id' || col === 'grid_id') continue;
      const value = col.endsWith('_on') || col.endsWith('_date') ? '2020-01-01' : col === 'party_age_adjust_months' || col === 'mobile' || col === 'lost_contact' ? 1
        : col === 'status' ? 'left' : col === 'category' ? 'probationary' : col === 'left_reason' ? 'deceased' : '2';
      await db.updateTable('members').set({ [col]: value }).where('id', '=', 'm1').execute();
      expect(changes(), col).toEqual([{ rid, seq: ++seq }]);
    }
    const now = '2024-01-01T00:00:00.000Z';
    await db.insertInto('members').values({ id: 'm2', id_number: '652302198001010038', name: '李四', category: 'formal', org_id: 'o1', status: 'active', created_at: now, updated_at: now }).execute();
    const last = changes().at(-1)!.seq;
    expect(changes()).toHaveLength(1);
    await db.deleteFrom('members').where('id', '=', 'm2').execute();
    expect(changes()).toHaveLength(2);
    expect(changes().at(-1)!.seq).toBe(last + 1);

    await db.insertInto('orgs').values({ id: 'o2', parent_id: 'o1', path: '/o1/o2/', depth: 1, name: '甲支部', kind: 'branch', can_approve: 0, weak: 0, sort_order: 0, created_at: now, updated_at: now }).execute();
    expect(counter('orgs')).toBe(0);
    await db.updateTable('orgs').set({ name: '甲党支部' }).where('id', '=', 'o2').execute();
    await db.deleteFrom('orgs').where('id', '=', 'o2').execute();
    expect(counter('orgs')).toBe(2);
    expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    await db.destroy();
    tmp.cleanup();
  });

  it('keeps the statistics member store equal to a fresh load through random writes, rowid reuse and writes by another connection', async () => {
    const tmp = tempDir();
    const { db, sqlite, keyHex } = await databaseAt(tmp.dir, '006-member-changes');
    await seedOrgAndMember(db);
    const now = '2024-01-01T00:00:00.000Z';
    await db.insertInto('orgs').values({ id: 'o2', parent_id: 'o1', path: '/o1/o2/', depth: 1, name: '甲支部', kind: 'branch', can_approve: 0, weak: 0, sort_order: 0, created_at: now, updated_at: now }).execute();
    // A second connection to the same file (another process, e.g. the CLI beside the app).
    const other = openSqlite(sqlite.name, keyHex, { create: false });
    const store = new MemberStore();
    const snapshot = (s: MemberStore) => {
      const out: Record<number, unknown[]> = {};
      for (let r = 1; r <= s.rowMax; r++) if (s.org[r]! >= 0) out[r] = [s.orgIds[s.org[r]!], s.birth[r], s.joined[r], s.conf[r], s.left[r], s.c[r], s.adj[r], s.statics[s.sid[r]!]];
      return out;
    };
    let seed = 11;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const date = () => (rnd(4) === 0 ? null : `19${50 + rnd(50)}-0${1 + rnd(9)}-1${rnd(10)}`);
    let n = 0;
    for (let step = 0; step < 400; step++) {
      const conn = rnd(4) === 0 ? other : sqlite;
      const ids = conn.prepare('SELECT id FROM members ORDER BY rowid').pluck().all() as string[];
      const op = rnd(10);
      if (op < 5 || ids.length < 3) {
        n++;
        conn.prepare(`INSERT INTO members (id, id_number, name, category, org_id, status, birth_date, joined_on, gender, created_at, updated_at) VALUES (?, ?, ?, 'formal', ?, 'active', ?, ?, ?, ?, ?)`)
          .run(`n${step}`, `65230219800101${String(1000 + step)}`, `甲${step}`, rnd(2) ? 'o1' : 'o2', date(), date(), rnd(2) ? '1' : '2', now, now);
      } else if (op < 8) {
        conn.prepare('UPDATE members SET org_id = ?, joined_on = ?, left_on = ?, status = ? WHERE id = ?').run(rnd(2) ? 'o1' : 'o2', date(), date(), rnd(3) ? 'active' : 'left', ids[rnd(ids.length)]);
      } else {
        // Deleting the last row makes SQLite reuse its rowid for the next insert.
        conn.prepare('DELETE FROM members WHERE id = ?').run(rnd(2) ? ids.at(-1) : ids[rnd(ids.length)]);
      }
      if (rnd(3) === 0) {
        store.sync(sqlite);
        const fresh = new MemberStore();
        fresh.sync(sqlite);
        expect(snapshot(store), `step ${step}`).toEqual(snapshot(fresh));
      }
    }
    expect(n).toBeGreaterThan(100);
    other.close();
    await db.destroy();
    tmp.cleanup();
  });
});
