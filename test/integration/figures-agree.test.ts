import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core.js';
import { fillDemoCounty } from '../../electron/core/demo/fill.js';
import { todayIso } from '../../shared/domain/dates.js';
import type { ReportResult } from '../../shared/reports/types.js';
import { buildTwoTownships, type TwoTownships } from '../helpers/county.js';
import { caller, createCore, idFor, tempDir } from '../helpers/ledger.js';
import { addSteps } from '../helpers/pipeline.js';

type Call = ReturnType<typeof caller>;
const cell = (r: ReportResult, row: string, col: string) => r.rows.find((x) => x.key === row)!.values[r.columns.findIndex((c) => c.key === col)] as number;

/**
 * 发展 is one number whichever way it is counted, for the same subtree and period (STATISTICS.md):
 * by the pipeline (党委审批 in the period, the 发展党员 tab), by the members' 发展 events, and as the
 * 发展 term of the 党员变化 identity; and the identity holds exactly.
 */
async function threeCounts(core: Core, call: Call, under: string, from: string, to: string) {
  const pipeline = cell(await call('stats.report', { definitionId: 'development.admitted', under, from, to, asOf: to }), 'total', 'admitted');
  const change = await call('stats.report', { definitionId: 'member.change', under, from, to });
  const c = Object.fromEntries(change.rows.map((r) => [r.key, r.values[0] as number]));
  const path = (core.sqlite.prepare('SELECT path FROM orgs WHERE id = ?').get(under) as { path: string }).path;
  const events = (core.sqlite.prepare(`SELECT count(*) AS n FROM member_events e JOIN orgs o ON o.id = e.org_id WHERE e.kind = 'admitted' AND e.on_date BETWEEN ? AND ? AND o.path LIKE ? || '%'`).get(from, to, path) as { n: number }).n;
  expect(c.start! + c.admitted! + c.transferIn! + c.restored! - c.expelled! - c.transferOut! - c.suspended! - c.deceased!, `identity ${from}…${to}`).toBe(c.end);
  return { pipeline, events, identity: c.admitted! };
}

describe('figures agree: 发展 by the pipeline, by member events and by the 党员变化 identity', () => {
  describe('on the demo county', () => {
    const tmp = tempDir();
    let core: Core;
    let call: Call;
    let rootId: string;
    let townId: string;
    const MEMBERS = 3000;
    const today = todayIso();
    const year = Number(today.slice(0, 4));

    beforeAll(async () => {
      const made = await createCore(tmp.dir);
      core = made.core;
      rootId = made.rootId;
      call = caller(core, made.adminId);
      await fillDemoCounty(core, { members: MEMBERS, seed: 11 });
      // The township with most members.
      townId = (core.sqlite.prepare(`SELECT t.id FROM orgs t JOIN orgs o ON o.path LIKE t.path || '%' JOIN members m ON m.org_id = o.id WHERE t.depth = 1 GROUP BY t.id ORDER BY count(*) DESC LIMIT 1`).get() as { id: string }).id;
    }, 180_000);
    afterAll(async () => {
      await core.close();
      tmp.cleanup();
    });

    it('for the county and a township, each of the last five years and this year to date', async () => {
      for (const y of [year - 5, year - 4, year - 3, year - 2, year - 1, year]) {
        const from = `${y}-01-01`;
        const to = y === year ? today : `${y}-12-31`;
        for (const under of [rootId, townId]) {
          const n = await threeCounts(core, call, under, from, to);
          expect(n.events, `${under === rootId ? '全县' : '乡镇'} ${from}…${to}`).toBe(n.pipeline);
          expect(n.identity, `${under === rootId ? '全县' : '乡镇'} ${from}…${to}`).toBe(n.pipeline);
        }
      }
    });

    it('has a plausible history year by year: about 3 % of the members developed each year', async () => {
      // The demo's records cover the last ten whole years; the five the 统计 chart shows are steady.
      const yearly: number[] = [];
      for (let y = year - 10; y < year; y++) yearly.push((await threeCounts(core, call, rootId, `${y}-01-01`, `${y}-12-31`)).pipeline);
      for (const n of yearly) expect(n / MEMBERS, yearly.join(',')).toBeGreaterThan(0.015);
      const chart = yearly.slice(-4);
      for (const n of chart) {
        expect(n / MEMBERS, chart.join(',')).toBeGreaterThan(0.02);
        expect(n / MEMBERS, chart.join(',')).toBeLessThan(0.045);
      }
      expect(Math.max(...chart) / Math.min(...chart)).toBeLessThan(1.6);
      // This year to date, in proportion to the days gone.
      const part = (await threeCounts(core, call, rootId, `${year}-01-01`, today)).pipeline;
      const share = (Date.parse(today) - Date.parse(`${year}-01-01`)) / (365 * 86_400_000);
      expect(part).toBeGreaterThan(0.6 * share * (chart.reduce((a, b) => a + b, 0) / chart.length));
    });
  });

  describe('on hand-built data: members made by the pipeline\'s 党委审批', () => {
    const tmp = tempDir();
    let core: Core;
    let call: Call;
    let t: TwoTownships;
    let rootId: string;

    beforeAll(async () => {
      const made = await createCore(tmp.dir);
      core = made.core;
      rootId = made.rootId;
      call = caller(core, made.adminId);
      t = await buildTwoTownships(core, made.adminId, made.rootId);
    });
    afterAll(async () => {
      await core.close();
      tmp.cleanup();
    });

    const develop = async (orgId: string, birth: string, meeting: string, approved: string) => {
      const p = await call('pipeline.create', { idNumber: idFor(birth), name: `发展${meeting}`, orgId, appliedOn: '2021-03-01', birthDate: birth });
      await addSteps(call, p.id, [['activist', '2021-09-01'], ['candidate', '2022-10-01'], ['branch-meeting', meeting], ['approved', approved]]);
      return (await call('pipeline.get', { id: p.id })).person;
    };

    it('the approval makes the member, dated by it, with the branch meeting as 入党日期', async () => {
      const p = await develop(t.A.village.id, '1999-04-04', '2023-12-20', '2024-01-15');
      expect(p.memberId).not.toBeNull();
      const m = await call('member.get', { id: p.memberId! });
      expect(m).toMatchObject({ category: 'probationary', joinedOn: '2023-12-20', status: 'active', orgId: t.A.village.id, name: p.name });
      expect((await call('member.events', { memberId: m.id })).map((e) => [e.kind, e.onDate, e.data])).toEqual([['admitted', '2024-01-15', expect.objectContaining({ joinedOn: '2023-12-20' })]]);
      // Not a member of the count before the approval: the 2023 year-end figure does not have them.
      const total = async (asOf: string) => cell(await call('stats.report', { definitionId: 'member.summary', under: t.A.village.id, asOf }), 'total', 'total');
      expect([await total('2023-12-31'), await total('2024-01-15')]).toEqual([1, 2]);
    });

    it('the three counts are one number, across a year boundary and a transfer', async () => {
      await develop(t.A.village.id, '2000-01-01', '2024-03-01', '2024-04-10');
      await develop(t.B.village.id, '1998-02-02', '2024-06-01', '2024-07-01');
      // Developed in 甲村, moved to 乙村 later: the 发展 stays 甲乡's.
      const moved = await develop(t.A.village.id, '1997-03-03', '2024-02-01', '2024-03-01');
      await call('member.transfer', { memberId: moved.memberId!, onDate: '2024-09-01', toOrgId: t.B.village.id });
      for (const [under, from, to, n] of [
        [t.A.town.id, '2024-01-01', '2024-12-31', 3],
        [t.B.town.id, '2024-01-01', '2024-12-31', 1],
        [t.A.village.id, '2024-01-01', '2024-03-31', 2],
        [t.A.town.id, '2023-01-01', '2023-12-31', 0],
        [rootId, '2024-01-01', '2024-12-31', 4],
      ] as const) {
        expect(await threeCounts(core, call, under, from, to), `${from}…${to}`).toEqual({ pipeline: n, events: n, identity: n });
      }
    });
  });
});
