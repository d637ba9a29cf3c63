import { CamelCasePlugin, Kysely, SqliteDialect } from 'kysely';
import { describe, expect, it } from 'vitest';
import { databaseAt, indexNames, seedOrgAndMember } from './migration-test-kit.js';
import { tempDir } from '../../../../test/helpers/ledger.js';
import { memberCube } from '../../stats/population.js';
import { memberStore } from '../../stats/member-store.js';
import { FACT_A, FACT_B, FACT_C, LEFT_CLASSES, MEMBER_FACT_BITS } from './004-member-facts.js';
import type { DB } from '../schema.js';

/** The packed fields recomputed in code from a members row (what the index must hold). */
function expected(r: Record<string, unknown>): [number, number, number, number] {
  const d = (v: unknown) => (v === null ? 0 : Number((String(v).replace(/-/g, '') + '0000').slice(0, 8)));
  const code = (v: unknown, w: number) => (v === null ? 0 : typeof v === 'string' && v.length === w && /^[0-9]+$/.test(v) ? 1 + Number(v) : 10 ** w + 1);
  const B = MEMBER_FACT_BITS;
  const lc = LEFT_CLASSES.indexOf(r.left_reason as never) + 1;
  const c = code(r.gender, 1) + code(r.ethnicity, 2) * 2 ** B.ethnicity + code(r.education, 2) * 2 ** B.education + code(r.job_category, 2) * 2 ** B.job
    + (r.status === 'active' ? 2 ** B.active : 0) + (r.category === 'probationary' ? 2 ** B.probationary : 0) + (r.mobile === 1 ? 2 ** B.mobile : 0)
    + (r.lost_contact === 1 ? 2 ** B.lostContact : 0) + (r.grid_id !== null ? 2 ** B.grid : 0) + lc * 2 ** B.leftClass;
  return [d(r.birth_date) * 1e8 + d(r.joined_on), d(r.confirmed_on) * 1e8 + d(r.left_on), c, r.party_age_adjust_months as number];
}

describe('migration 004-member-facts', () => {
  it('replaces members_cube by the integer members_facts, which stays equal to its members rows through random writes, and the statistics member store loads from it', async () => {
    const tmp = tempDir();
    const { db, sqlite, migrateOn } = await databaseAt(tmp.dir, '003-stats-cube');
    await seedOrgAndMember(db);
    expect(indexNames(sqlite, 'members')).toContain('members_cube');
    await migrateOn();
    expect(indexNames(sqlite, 'members')).not.toContain('members_cube');
    expect(indexNames(sqlite, 'members')).toContain('members_facts');

    // Random inserts, updates and deletes, with odd values: month and year precision, nulls,
    // codes of other shapes.
    // (grid_id is only tested for null here, so no grid rows are needed.)
    sqlite.pragma('foreign_keys = OFF');
    let seed = 7;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const pick = <T,>(xs: readonly T[]) => xs[rnd(xs.length)]!;
    const date = () => pick([null, '1949-09', '1980', `19${10 + rnd(90)}-${String(1 + rnd(12)).padStart(2, '0')}-${String(1 + rnd(28)).padStart(2, '0')}`, `20${String(rnd(26)).padStart(2, '0')}-0${1 + rnd(9)}-1${rnd(10)}`]);
    const fields = () => ({
      birth_date: date(), joined_on: date(), confirmed_on: date(), left_on: date(),
      gender: pick([null, '1', '2', '9', 'x', '12']), ethnicity: pick([null, '01', '05', '97', '1', 'ab']), education: pick([null, '10', '21', '90', '7']),
      job_category: pick([null, '01', '09', '1a']), status: pick(['active', 'left']), category: pick(['formal', 'probationary']),
      mobile: pick([0, 1]), lost_contact: pick([0, 1]), grid_id: pick([null, 'g1']), party_age_adjust_months: pick([0, 0, -3, 14]),
      left_reason: pick([null, ...LEFT_CLASSES, 'expelled']),
    });
    const now = '2024-01-01T00:00:00.000Z';
    for (let i = 0; i < 300; i++) {
      const op = rnd(10);
      if (op < 6 || i < 20) {
        await db.insertInto('members').values({ id: `r${i}`, id_number: `65230219800101${String(1000 + i)}`, name: `甲${i}`, org_id: 'o1', created_at: now, updated_at: now, ...fields() }).execute();
      } else {
        const ids = (sqlite.prepare('SELECT id FROM members').pluck().all() as string[]);
        const id = pick(ids);
        if (op < 9) await db.updateTable('members').set(fields()).where('id', '=', id).execute();
        else if (id !== 'm1') await db.deleteFrom('members').where('id', '=', id).execute();
      }
    }
    const rows = sqlite.prepare('SELECT * FROM members ORDER BY rowid').all() as Record<string, unknown>[];
    const packed = sqlite.prepare(`SELECT rowid AS rid, ${FACT_A} AS a, ${FACT_B} AS b, ${FACT_C} AS c, party_age_adjust_months AS adj FROM members INDEXED BY members_facts ORDER BY rowid`).all() as { a: number; b: number; c: number; adj: number }[];
    expect(packed.length).toBe(rows.length);
    expect(packed.map((p) => [p.a, p.b, p.c, p.adj])).toEqual(rows.map(expected));
    expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');

    // The statistics member store loads its values from members_facts, equal to the rows.
    const store = memberStore(sqlite);
    const rids = (sqlite.prepare('SELECT rowid FROM members ORDER BY rowid').pluck().all() as number[]);
    expect(rids.map((r) => [store.birth[r]! * 1e8 + store.joined[r]!, store.conf[r]! * 1e8 + store.left[r]!, store.c[r], store.adj[r]])).toEqual(rows.map(expected));
    const plan = (q: string) => (sqlite.prepare(`EXPLAIN QUERY PLAN ${q}`).all() as { detail: string }[]).map((p) => p.detail).join(' | ');
    expect(plan(`SELECT rowid, org_id, ${FACT_A}, ${FACT_B}, ${FACT_C}, party_age_adjust_months FROM members INDEXED BY members_facts WHERE rowid <= 1000`)).toMatch(/COVERING INDEX members_facts/);
    const logged = new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }), plugins: [new CamelCasePlugin()] });
    const cube = await memberCube(logged, sqlite, { lo: '/o1/', hi: '/o10', all: true }, '2024-12-31', { from: '2024-01-01', to: '2024-12-31' }, [31, 36]);
    expect(cube.change!.start).toBeGreaterThan(0);
    await logged.destroy();
    tmp.cleanup();
  });
});
