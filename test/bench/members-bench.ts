import { dirname, join } from 'node:path';
import { LedgerHost } from '../../electron/core/host/ledger-host.js';
import { summarise, timeIt } from './stats.js';
import { pinyinInitials } from '../../shared/domain/pinyin.js';
import { benchRosterInBrowser } from './roster-browser-bench.js';

const PW = 'bench-pass-2024';

/**
 * Foundation figures at one county size: unlock + open (scrypt, worker start, schema check) and a
 * members page (100 rows, sorted by name, limited to a township subtree) through the worker.
 */
export async function benchMembers(dir: string, members: number, workerFile: string) {
  const dbFile = join(dir, `bench-${members}.ledger`);
  const host = new LedgerHost({ dbFile, workerFile });
  await host.call('b', 'app.setup', { unitName: '基准县委组织部', rootOrgName: '中共基准县委员会', adminUsername: 'admin', adminDisplayName: '管理员', password: PW });
  const t0 = performance.now();
  await host.demo('b', members, 42);
  const fillMs = performance.now() - t0;

  await host.call('b', 'app.lock', {});
  const unlock = await timeIt(7, async (i) => {
    await host.call(`u${i}`, 'app.login', { username: 'admin', password: PW });
    await host.call(`u${i}`, 'app.lock', {});
  });

  await host.call('s', 'app.login', { username: 'admin', password: PW });
  const tree = await host.call('s', 'org.tree', {});
  // The township with most members: the page a township clerk opens every morning.
  const towns = tree.filter((o) => o.depth === 1);
  const counts = new Map<string, number>();
  const byId = new Map(tree.map((o) => [o.id, o]));
  for (const o of tree) {
    let p = o;
    while (p.parentId && byId.get(p.parentId)?.depth !== 0) p = byId.get(p.parentId)!;
    counts.set(p.id, (counts.get(p.id) ?? 0) + (o.memberCount ?? 0));
  }
  const town = towns.sort((a, b) => (counts.get(b.id) ?? 0) - (counts.get(a.id) ?? 0))[0]!;
  const first = await host.call('s', 'member.list', { orgId: town.id, limit: 100, sort: [{ field: 'name', dir: 'asc' }] });
  const pages = Math.max(1, Math.floor(first.total / 100));
  const page = await timeIt(40, (i) => host.call('s', 'member.list', { orgId: town.id, offset: ((i * 7919) % pages) * 100, limit: 100, sort: [{ field: 'name', dir: 'asc' }] }));
  const county = await timeIt(20, (i) => host.call('s', 'member.list', { offset: i * 100, limit: 100, sort: [{ field: 'joinedOn', dir: 'desc' }], filter: { text: '张' } }));

  // Issue 9's roster figures: a township walked page by page as the grid scrolls (keyset: each page
  // starts from the previous page's cursor), sorted and filtered; county-wide searches of the one
  // box by a name fragment, pinyin initials and an ID-number prefix, each of a different member.
  type Next = Awaited<ReturnType<typeof host.call<'member.list'>>>['next'];
  const walk = (input: { sort: { field: 'name' | 'birthDate'; dir: 'asc' | 'desc' }[]; filter?: { gender?: string } }) => {
    let after: Next = null;
    return timeIt(40, async () => {
      const r = await host.call('s', 'member.list', { orgId: town.id, limit: 100, ...input, ...(after ? { after } : {}) });
      after = r.next;
    });
  };
  const keysetByName = await walk({ sort: [{ field: 'name', dir: 'asc' }] });
  const keysetSortedFiltered = await walk({ sort: [{ field: 'birthDate', dir: 'desc' }], filter: { gender: '2' } });
  const sample = await host.call('s', 'member.list', { limit: 1000, offset: 0, sort: [{ field: 'idNumber', dir: 'asc' }] });
  const people = sample.rows.filter((m) => [...m.name].length >= 2);
  const person = (i: number) => people[(i * 37) % people.length]!;
  const search = (text: (i: number) => string) => timeIt(40, (i) => host.call('s', 'member.list', { limit: 100, filter: { text: text(i) } }));
  const byFragment = await search((i) => [...person(i).name].slice(-2).join(''));
  const byInitials = await search((i) => pinyinInitials(person(i).name, { person: true }));
  const byIdPrefix = await search((i) => person(i).idNumber.slice(0, 12));
  await host.close();
  // The same county in Chromium through `ledger serve` (the CLI bundled beside the worker); BENCH_BROWSER=0 skips it.
  const browser = process.env.BENCH_BROWSER === '0' ? null : await benchRosterInBrowser(dbFile, 'admin', PW, join(dirname(workerFile), 'cli.mjs'));
  return {
    members,
    demoFillMs: Math.round(fillMs),
    unlockAndOpen: summarise(unlock),
    membersPageTownship: { subtree: town.name, subtreeMembers: first.total, ...summarise(page) },
    membersPageCountySearch: summarise(county),
    roster: {
      townshipKeysetByName: summarise(keysetByName),
      townshipKeysetBirthDescWomen: summarise(keysetSortedFiltered),
      countySearchNameFragment: summarise(byFragment),
      countySearchPinyinInitials: summarise(byInitials),
      countySearchIdPrefix: summarise(byIdPrefix),
      browser,
    },
  };
}
