import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core.js';
import { caller, createCore, tempDir } from '../helpers/ledger.js';
import { fillStatsCounty } from '../bench/stats-county.js';
import { loadTimelines, memberCube } from '../../electron/core/stats/population.js';
import { flowsBetween, stateAt } from '../../electron/core/stats/timeline.js';

/**
 * A generated county (~5,000 members, transfers, leavers with and without events): the change
 * identity holds for every township and period, and the grouped figures equal the exact lists.
 */
describe('statistics on a generated county', () => {
  const tmp = tempDir();
  let core: Core;
  let call: ReturnType<typeof caller>;
  let towns: string[] = [];

  beforeAll(async () => {
    const made = await createCore(tmp.dir);
    core = made.core;
    call = caller(core, made.adminId);
    fillStatsCounty(core, 5000, 11, '2025-06-30');
    towns = (await core.db.selectFrom('orgs').select('id').where('depth', '=', 1).execute()).map((r) => r.id);
  });
  afterAll(async () => {
    await core.close();
    tmp.cleanup();
  });

  it('start + 发展 + 转入 + 恢复 − 出党 − 转出 − 停止党籍 − 死亡 = end, for the county and each township', async () => {
    for (const [from, to] of [['2024-01-01', '2024-12-31'], ['2010-03-15', '2025-06-30'], ['2025-01-01', '2025-06-30']] as const) {
      for (const under of [undefined, ...towns]) {
        const r = await call('stats.report', { definitionId: 'member.change', under, from, to });
        const c = Object.fromEntries(r.rows.map((x) => [x.key, x.values[0] as number]));
        expect(c.start! + c.admitted! + c.transferIn! + c.restored! - c.expelled! - c.transferOut! - c.suspended! - c.deceased!, `${under} ${from}`).toBe(c.end);
        // start and end are the member totals on those dates.
        const startTotal = await call('stats.report', { definitionId: 'member.summary', under, asOf: r.rows[0]!.drill![0]!.filter.from!.replace(/.*/, prevDay(from)) });
        expect(startTotal.rows[0]!.values[0]).toBe(c.start);
        const endTotal = await call('stats.report', { definitionId: 'member.summary', under, asOf: to });
        expect(endTotal.rows[0]!.values[0]).toBe(c.end);
      }
    }
  });

  it('grouped figures equal the exact drill lists (as of several dates)', async () => {
    for (const asOf of ['2015-06-30', '2024-12-31', '2025-06-30']) {
      const r = await call('stats.report', { definitionId: 'member.summary', under: towns[0], asOf });
      for (const [i, d] of r.rows[0]!.drill!.entries()) {
        const page = await call('stats.drill', { ...d!.filter, limit: 1 });
        expect(page.total, `${asOf} ${r.columns[i]!.key}`).toBe(r.rows[0]!.values[i]);
      }
    }
    const change = await call('stats.report', { definitionId: 'member.change', from: '2024-01-01', to: '2024-12-31' });
    for (const row of change.rows) {
      const page = await call('stats.drill', { ...row.drill![0]!.filter, limit: 1 });
      expect(page.total, row.key).toBe(row.values[0]);
    }
  });

  it('the grouped SQL equals the event definition applied to every member in code', async () => {
    const root = await core.db.selectFrom('orgs').select('path').where('depth', '=', 0).executeTakeFirstOrThrow();
    const scope = { lo: root.path, hi: root.path.slice(0, -1) + '0' };
    const tl = await loadTimelines(core.db, JSON.stringify((await core.db.selectFrom('members').select('id').execute()).map((r) => r.id)));
    for (const [from, to] of [['2024-01-01', '2024-12-31'], ['2019-07-01', '2021-06-30']] as const) {
      const cube = await memberCube(core.db, core.sqlite, scope, to, { from, to }, []);
      const terms: Record<string, number> = { admitted: 0, transferIn: 0, restored: 0, expelled: 0, transferOut: 0, suspended: 0, deceased: 0 };
      let start = 0;
      let end = 0;
      for (const t of tl.values()) {
        start += stateAt(t.row, t.events, prevDay(from)) ? 1 : 0;
        end += stateAt(t.row, t.events, to) ? 1 : 0;
        for (const f of flowsBetween(t.row, t.events, from, to, (o) => o !== null)) terms[f.term]! += 1;
      }
      expect(cube.change).toEqual({ start, end, terms });
    }
  });

  it('the CLI object has every key of CLI.md', async () => {
    const s = await call('stats.compute', { asOf: '2024-12-31' });
    expect(Object.keys(s)).toEqual(expect.arrayContaining(['asOf', 'under', 'organisations', 'members', 'development', 'reserves', 'grids']));
    expect((s.members as { total: number }).total).toBeGreaterThan(3000);
  });
});

function prevDay(d: string): string {
  return new Date(Date.parse(d + 'T00:00:00Z') - 86_400_000).toISOString().slice(0, 10);
}

describe('statistics on the demo county (electron/core/demo)', () => {
  const tmp = tempDir();
  let core: Core;
  let call: ReturnType<typeof caller>;
  afterAll(async () => {
    await core.close();
    tmp.cleanup();
  });

  it('the change identity holds for the county and every township, this year and last', async () => {
    const made = await createCore(tmp.dir);
    core = made.core;
    call = caller(core, made.adminId);
    const { fillDemoCounty } = await import('../../electron/core/demo/fill.js');
    const summary = await fillDemoCounty(core, { members: 5000, seed: 3 });
    const asOf = summary.asOf ?? new Date().toISOString().slice(0, 10);
    const year = Number(asOf.slice(0, 4));
    const towns = (await core.db.selectFrom('orgs').select('id').where('depth', '=', 1).execute()).map((r) => r.id);
    for (const [from, to] of [[`${year}-01-01`, asOf], [`${year - 1}-01-01`, `${year - 1}-12-31`]] as const) {
      for (const under of [undefined, ...towns]) {
        const r = await call('stats.report', { definitionId: 'member.change', under, from, to });
        const c = Object.fromEntries(r.rows.map((x) => [x.key, x.values[0] as number]));
        expect(c.start! + c.admitted! + c.transferIn! + c.restored! - c.expelled! - c.transferOut! - c.suspended! - c.deceased!).toBe(c.end);
      }
    }
    const s = await call('stats.compute', { asOf });
    expect((s.members as { total: number }).total).toBe(summary.members);
  });
});
