import { describe, expect, it } from 'vitest';
import { databaseAt, seedOrgAndMember } from '../db/migrations/migration-test-kit.js';
import { tempDir } from '../../../test/helpers/ledger.js';
import { forgetMemberStore } from '../stats/member-store.js';
import { formalCounts } from './formal-counts.js';

describe('正式党员 counts kept up to date from the member store’s change log', () => {
  it('equal a fresh count after random inserts, edits of the dates, category and organisation, and deletes', async () => {
    const tmp = tempDir();
    const { db, sqlite } = await databaseAt(tmp.dir, '012-village-life');
    await seedOrgAndMember(db);
    const now = '2024-01-01T00:00:00.000Z';
    await db.insertInto('orgs').values({ id: 'o2', parent_id: 'o1', path: '/o1/o2/', depth: 1, name: '甲支部', kind: 'branch', can_approve: 0, weak: 0, sort_order: 0, created_at: now, updated_at: now }).execute();
    const days = ['2024-03-31', '2024-06-30', '2024-09-30'];
    const all = (f: ReturnType<typeof formalCounts>) => ['o1', 'o2'].flatMap((o) => days.map((d) => f.of(o, d)));
    let seed = 7;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const date = () => (rnd(4) === 0 ? null : `2024-0${1 + rnd(9)}-1${rnd(10)}`);
    let incremental = 0;
    for (let step = 0; step < 300; step++) {
      const ids = sqlite.prepare('SELECT id FROM members ORDER BY rowid').pluck().all() as string[];
      const op = rnd(10);
      if (op < 5 || ids.length < 3) {
        sqlite.prepare(`INSERT INTO members (id, id_number, name, category, org_id, status, joined_on, confirmed_on, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'active', ?, ?, ?, ?)`)
          .run(`n${step}`, `65230219800101${String(1000 + step)}`, `乙${step}`, rnd(3) ? 'formal' : 'probationary', rnd(2) ? 'o1' : 'o2', '2020-01-01', date(), now, now);
      } else if (op < 8) {
        sqlite.prepare('UPDATE members SET org_id = ?, confirmed_on = ?, left_on = ?, category = ?, status = ? WHERE id = ?')
          .run(rnd(2) ? 'o1' : 'o2', date(), rnd(3) ? null : date(), rnd(2) ? 'formal' : 'probationary', rnd(4) ? 'active' : 'left', ids[rnd(ids.length)]);
      } else {
        sqlite.prepare('DELETE FROM members WHERE id = ?').run(ids[rnd(ids.length)]);
      }
      if (rnd(3) === 0) {
        const kept = all(formalCounts(sqlite, days));
        incremental++;
        forgetMemberStore(sqlite);
        expect(kept, `step ${step}`).toEqual(all(formalCounts(sqlite, days)));
        // Keep going from a fresh store on some steps, from the kept counts on the others.
        if (rnd(2)) formalCounts(sqlite, days);
      }
    }
    expect(incremental).toBeGreaterThan(50);
    await db.destroy();
    tmp.cleanup();
  });
});
