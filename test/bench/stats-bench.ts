import { join } from 'node:path';
import { sql } from 'kysely';
import { Core } from '../../electron/core/core.js';
import { Keyring, keyringPathFor } from '../../electron/core/keyring/keyring.js';
import { newRecoveryCode } from '../../electron/core/keyring/recovery-code.js';
import { fillDemoCounty } from '../../electron/core/demo/fill.js';
import { summarise, timeIt } from './stats.js';
import { fillStatsCounty } from './stats-county.js';
import { forgetResults } from '../../electron/core/stats/cache.js';

/**
 * Statistics at county size, in one process on one open ledger: the full `stats.compute` (every
 * figure of CLI.md plus the change identity) against one bare grouped count of the members table,
 * measured in the same run, and one dashboard page (the members domain) — as of today and as of
 * last year's end (which corrects the members with events since). Every figure is cold (the result
 * cache emptied before each sample; the page cache stays warm for both sides) unless listed under
 * `warm`. Measured at 250k (2-CPU EPYC, quiet, 2026-11-22, with the 128 MiB page cache of open.ts):
 * bare 31 ms; stats.compute cold 893 ms (28.9x; as of last year's end 1146 ms), members page cold
 * 360 ms (11.6x; last year's end 580 ms); warm 1.9 / 1.2 ms. Before the 128 MiB cache and the
 * grouped org / admission passes (same machine, same day): bare 90 ms, stats.compute 1423 ms
 * (15.8x; last year's end 1564 ms), page 502 ms (last year's end 803 ms). The bare count gains
 * most from the cache (it only scans), so the ratios grew while every time fell.
 * Uses the demo county generator;
 * `STATS_BENCH_FILL=synthetic` uses the plain generator of stats-county.ts instead.
 */
export async function benchStatistics(dir: string, members: number) {
  const dbFile = join(dir, `stats-${members}.ledger`);
  const { keyring, dataKey } = Keyring.create(keyringPathFor(dbFile), 'admin', 'bench-pass-2024', newRecoveryCode());
  keyring.save();
  const core = await Core.create({ dbFile, keyringPath: keyringPathFor(dbFile), dataKey, unitName: '基准县委组织部', rootOrgName: '中共基准县委员会', admin: { username: 'admin', displayName: '管理员' } });
  try {
    const t0 = performance.now();
    const synthetic = process.env.STATS_BENCH_FILL === 'synthetic';
    const fill = synthetic ? fillStatsCounty(core, members, 42) : await fillDemoCounty(core, { members, seed: 42 });
    const fillMs = Math.round(performance.now() - t0);
    await sql`ANALYZE`.execute(core.db);
    const admin = await core.db.selectFrom('users').select('id').where('username', '=', 'admin').executeTakeFirstOrThrow();
    const counts = await sql<{ m: number; e: number }>`SELECT (SELECT count(*) FROM members) AS m, (SELECT count(*) FROM member_events) AS e`.execute(core.db);
    const today = new Date().toISOString().slice(0, 10);
    const lastYearEnd = `${Number(today.slice(0, 4)) - 1}-12-31`;
    const bare = () => sql`SELECT org_id, count(*) FROM members GROUP BY org_id`.execute(core.db);
    const full = (asOf?: string) => core.dispatch(admin.id, 'stats.compute', asOf ? { asOf, from: `${asOf.slice(0, 4)}-01-01`, to: asOf } : {});
    const page = (asOf?: string) => core.dispatch(admin.id, 'stats.page', { domain: 'members', ...(asOf ? { asOf } : {}) });
    // Cold: the statistics result cache (electron/core/stats/cache.ts) is emptied before every
    // sample, so each one computes everything; warm: the same call repeated with no write between.
    const cold = (fn: () => Promise<unknown>) => () => {
      forgetResults(core.sqlite);
      return fn();
    };
    // Warm the page cache the same way for both sides, then interleave the samples.
    await bare();
    await cold(full)();
    const bareMs: number[] = [];
    const fullMs: number[] = [];
    for (let i = 0; i < 7; i++) {
      bareMs.push(...(await timeIt(1, bare)));
      fullMs.push(...(await timeIt(1, cold(full))));
    }
    const fullLastYear = await timeIt(5, cold(() => full(lastYearEnd)));
    const pageToday = await timeIt(7, cold(() => page()));
    const pageLastYear = await timeIt(5, cold(() => page(lastYearEnd)));
    const fullWarm = await timeIt(7, () => full());
    const pageWarm = await timeIt(7, () => page());
    const b = summarise(bareMs);
    const f = summarise(fullMs);
    const p = summarise(pageToday);
    const result = (await full()) as { asOf: string; members: { total: number }; change: unknown };
    return {
      members,
      generator: synthetic ? 'stats-county (synthetic)' : 'demo county',
      rows: { members: counts.rows[0]!.m, memberEvents: counts.rows[0]!.e },
      fillMs,
      fill,
      bareGroupByOrg: b,
      fullStatistics: f,
      ratioFullToBare: Math.round((f.medianMs / b.medianMs) * 100) / 100,
      fullStatisticsAsOfLastYearEnd: { asOf: lastYearEnd, ...summarise(fullLastYear) },
      membersDashboardPage: p,
      ratioPageToBare: Math.round((p.medianMs / b.medianMs) * 100) / 100,
      membersDashboardPageLastYearEnd: summarise(pageLastYear),
      // From the result cache (no write since the previous call): what a dashboard shows on return.
      warm: { fullStatistics: summarise(fullWarm), membersDashboardPage: summarise(pageWarm) },
      sample: { asOf: result.asOf, members: result.members.total, change: result.change },
    };
  } finally {
    await core.close();
  }
}
