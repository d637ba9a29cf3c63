import { describe, expect, it } from 'vitest';
import { databaseAt, seedOrgAndMember } from '../db/migrations/migration-test-kit.js';
import { tempDir } from '../../../test/helpers/ledger.js';
import { forgetMemberStore } from './member-store.js';
import { forgetLateMembers, memberCube } from './population.js';

/**
 * The member pass kept between calls and brought up to date from the store's change log gives the
 * same groups and change counts as a pass computed afresh, through random inserts, updates and
 * deletes (rowids reused), for the whole ledger and a subtree, with and without a period.
 */
describe('member pass brought up to date', () => {
  it('equals a fresh pass after every step of random writes', async () => {
    const tmp = tempDir();
    const { db, sqlite } = await databaseAt(tmp.dir, '006-member-changes');
    await seedOrgAndMember(db);
    const now = '2024-01-01T00:00:00.000Z';
    for (const [id, path] of [['o2', '/o1/o2/'], ['o3', '/o1/o3/']] as const) {
      await db.insertInto('orgs').values({ id, parent_id: 'o1', path, depth: 1, name: `${id}支部`, kind: 'branch', can_approve: 0, weak: 0, sort_order: 0, created_at: now, updated_at: now }).execute();
    }
    let seed = 5;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const day = () => `${1940 + rnd(86)}-${String(1 + rnd(12)).padStart(2, '0')}-${String(1 + rnd(28)).padStart(2, '0')}`;
    const maybe = () => (rnd(5) === 0 ? null : day());
    const fields = () => ({
      org_id: ['o1', 'o2', 'o3'][rnd(3)], birth_date: maybe(), joined_on: maybe(), confirmed_on: maybe(), left_on: rnd(4) === 0 ? day() : null,
      status: rnd(5) === 0 ? 'left' : 'active', category: rnd(4) === 0 ? 'probationary' : 'formal', gender: ['1', '2', null][rnd(3)],
      ethnicity: ['01', '05', null][rnd(3)], education: ['21', '31', '61', null][rnd(4)], job_category: ['01', '05', null][rnd(3)],
      party_age_adjust_months: rnd(6) === 0 ? 7 : 0, left_reason: [null, 'deceased', 'transfer-out', 'suspended'][rnd(4)],
    });
    const scopes = [{ lo: '/o1/', hi: '/o10', all: true }, { lo: '/o1/o2/', hi: '/o1/o20' }];
    const asks = [
      { asOf: '2024-12-31', period: { from: '2024-01-01', to: '2024-12-31' } },
      { asOf: '2010-06-30', period: null },
    ];
    const cube = async (i: number) => {
      const out = [];
      for (const s of scopes) for (const a of asks) out.push(await memberCube(db, sqlite, s, a.asOf, a.period, [31, 36, 61]));
      return out.map((c, j) => ({ j, i, change: c.change, facts: [...c.facts].map((f) => JSON.stringify(f)).sort() }));
    };
    let n = 0;
    for (let step = 0; step < 120; step++) {
      const ids = sqlite.prepare('SELECT id FROM members ORDER BY rowid').pluck().all() as string[];
      const op = rnd(10);
      if (op < 5 || ids.length < 4) {
        n++;
        const id = `n${step}`;
        await db.insertInto('members').values({ id, id_number: `65230219800101${String(1000 + step)}`, name: `甲${step}`, created_at: now, updated_at: now, ...fields() }).execute();
        if (rnd(3) === 0) await db.insertInto('member_events').values({ id: `e${step}`, member_id: id, kind: ['transfer-in', 'transfer-out', 'admitted'][rnd(3)]!, on_date: day(), org_id: 'o2', created_at: now }).execute();
      } else if (op < 8) await db.updateTable('members').set(fields()).where('id', '=', ids[rnd(ids.length)]!).execute();
      else {
        const id = rnd(2) ? ids.at(-1)! : ids[rnd(ids.length)]!;
        await db.deleteFrom('member_events').where('member_id', '=', id).execute();
        await db.deleteFrom('members').where('id', '=', id).execute();
      }
      if (step % 4 === 3) {
        const kept = await cube(step);
        forgetMemberStore(sqlite);
        forgetLateMembers(sqlite);
        expect(kept).toEqual(await cube(step));
      } else await cube(step);
    }
    expect(n).toBeGreaterThan(40);
    await db.destroy();
    tmp.cleanup();
  });
});
