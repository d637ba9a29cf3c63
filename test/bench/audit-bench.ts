import { join } from 'node:path';
import { Core } from '../../electron/core/core.js';
import { Keyring, keyringPathFor } from '../../electron/core/keyring/keyring.js';
import { newRecoveryCode } from '../../electron/core/keyring/recovery-code.js';
import { fillDemoCounty } from '../../electron/core/demo/fill.js';
import { newId } from '../../electron/core/util/ids.js';
import type { Input } from '../../shared/contract/index.js';
import { summarise, timeIt } from './stats.js';

/** What follows the import in a county's log, by share (the rest of the rows after one import row per member). */
const LATER: [method: string, entity: string, share: number][] = [
  ['member.update', 'member', 0.55],
  ['member.addEvent', 'member', 0.15],
  ['app.login', 'session', 0.12],
  ['export.roster', 'export', 0.05],
  ['pipeline.addStep', 'devStep', 0.05],
  ['org.update', 'org', 0.04],
  ['meeting.create', 'meeting', 0.04],
];

/**
 * audit.list on a county's log: the demo county (250,000 members by default), one import row per
 * member (as roster imports wrote them before their batch row counted what they created: a log
 * with such a history is the larger one to page) and a year of later rows by a clerk and an
 * administrator per township, `rows` in all (1,000,000 by default). Measured through
 * Core.dispatch, newest first, 50 rows a page: the county administrator's first and a deep page,
 * each filter alone and combined; a township administrator's log (its subtree only).
 *
 * Measured 2026-12-04 on the 2-CPU EPYC while other jobs ran (load average ~13: figures vary
 * 1.5–2× between runs); 250k members, 1M rows, the largest township 159k of them; median / p95 ms:
 * county first page 48 / 121, page 200 47 / 71, by user 55 / 68, by action 28 / 94, by township
 * 95 / 149, by village 23 / 46, by month 35 / 54, township + action + month 78 / 125; a township
 * administrator's first page 110 / 170, page 40 127 / 151, by village 24 / 50, by action 57 / 84.
 * Most of a township's time is its count (159k index entries). Before the two-step page (rowids,
 * then the rows) and the time-order read for large subtrees: 165 / 200 and 281 / 329 ms.
 */
export async function benchAudit(dir: string, members: number, rows: number) {
  const dbFile = join(dir, `audit-${members}.ledger`);
  const { keyring, dataKey } = Keyring.create(keyringPathFor(dbFile), 'admin', 'bench-pass-2024', newRecoveryCode());
  keyring.save();
  const core = await Core.create({ dbFile, keyringPath: keyringPathFor(dbFile), dataKey, unitName: '基准县委组织部', rootOrgName: '中共基准县委员会', admin: { username: 'admin', displayName: '管理员' } });
  try {
    await fillDemoCounty(core, { members, seed: 42 });
    const t0 = performance.now();
    const s = core.sqlite;
    const now = new Date().toISOString();
    const towns = s.prepare(`SELECT id, path FROM orgs WHERE depth = 1 ORDER BY path`).all() as { id: string; path: string }[];
    const townOf = (path: string) => towns.find((t) => path.startsWith(t.path))!;
    // A clerk and an administrator per township (rows only: the bench calls the core directly).
    const insertUser = s.prepare(`INSERT INTO users (id, username, display_name, role, scope_org_id, active, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 1, ?, ?)`);
    const staff = new Map<string, { clerk: string; admin: string }>();
    towns.forEach((t, i) => {
      const u = { clerk: newId(), admin: newId() };
      insertUser.run(u.clerk, `clerk${i}`, `录入员${i}`, 'clerk', t.id, now, now);
      insertUser.run(u.admin, `admin${i}`, `管理员${i}`, 'admin', t.id, now, now);
      staff.set(t.id, u);
    });
    const people = s.prepare(`SELECT m.id, m.org_id AS orgId, o.path FROM members m JOIN orgs o ON o.id = m.org_id`).all() as { id: string; orgId: string; path: string }[];
    const orgs = s.prepare(`SELECT id, path FROM orgs WHERE depth > 0`).all() as { id: string; path: string }[];

    const columns = ['id', 'at', 'user_id', 'username', 'method', 'entity', 'entity_id', 'before', 'after', 'batch_id', 'org_id'];
    const per = 200;
    const insert = s.prepare(`INSERT INTO audit_log (${columns.join(',')}) VALUES ${Array.from({ length: per }, () => `(${columns.map(() => '?').join(',')})`).join(',')}`);
    let buf: unknown[] = [];
    let n = 0;
    const push = (row: unknown[]) => {
      buf.push(...row);
      if (++n % per === 0) {
        insert.run(buf);
        buf = [];
      }
    };
    const start = Date.parse(now) - 365 * 86_400_000;
    const batchId = newId();
    let r = 42;
    const rand = () => ((r = (r * 1103515245 + 12345) % 2147483648) / 2147483648);
    s.transaction(() => {
      const importRows = Math.min(people.length, rows);
      for (let i = 0; i < importRows; i++) {
        const p = people[i]!;
        const u = staff.get(townOf(p.path).id)!;
        const at = new Date(start + Math.floor((i / importRows) * 30 * 86_400_000)).toISOString();
        push([newId(), at, u.clerk, 'clerk', 'import.commit', 'member', p.id, null, `{"idNumber":"65230219800101${String(i % 10000).padStart(4, '0')}","name":"党员${i}","gender":"1","category":"formal","joinedOn":"2001-07-01","orgId":"${p.orgId}","events":[{"kind":"admitted","onDate":"2001-07-01"}]}`, batchId, p.orgId]);
      }
      const later = rows - importRows;
      for (let i = 0; i < later; i++) {
        let x = rand();
        const [method, entity] = LATER.find(([, , share]) => (x -= share) < 0) ?? LATER[0]!;
        const p = people[Math.floor(rand() * people.length)]!;
        const org = entity === 'org' || entity === 'meeting' ? orgs[Math.floor(rand() * orgs.length)]! : { id: p.orgId, path: p.path };
        const u = staff.get(townOf(org.path).id)!;
        const who = rand() < 0.8 ? u.clerk : u.admin;
        const at = new Date(start + 30 * 86_400_000 + Math.floor((i / later) * 335 * 86_400_000)).toISOString();
        push([newId(), at, who, 'clerk', method, entity, entity === 'member' ? p.id : newId(), '{"phone":null}', '{"phone":"13900000000"}', null, org.id]);
      }
      if (buf.length > 0) {
        const rest = s.prepare(`INSERT INTO audit_log (${columns.join(',')}) VALUES ${Array.from({ length: buf.length / columns.length }, () => `(${columns.map(() => '?').join(',')})`).join(',')}`);
        rest.run(buf);
      }
    })();
    const fillMs = Math.round(performance.now() - t0);

    const admin = (s.prepare(`SELECT id FROM users WHERE username = 'admin'`).get() as { id: string }).id;
    // The largest township and one of its villages.
    const big = towns.map((t) => ({ ...t, n: people.filter((p) => p.path.startsWith(t.path)).length })).sort((a, b) => b.n - a.n)[0]!;
    const village = orgs.find((o) => o.path.startsWith(big.path) && o.path !== big.path)!;
    const clerk = staff.get(big.id)!.clerk;
    const month = { from: new Date(start + 200 * 86_400_000).toISOString(), to: new Date(start + 230 * 86_400_000).toISOString() };
    const list = (who: string, input: Input<'audit.list'>) => core.dispatch(who, 'audit.list', { limit: 50, ...input }) as Promise<{ total: number }>;
    const measure = async (who: string, input: Input<'audit.list'>) => {
      const first = await list(who, input);
      return { total: first.total, ...summarise(await timeIt(10, () => list(who, input))) };
    };
    const townAdmin = staff.get(big.id)!.admin;
    const result = {
      members,
      rows,
      fillMs,
      township: { name: 'largest', subtreeMembers: big.n },
      county: {
        firstPage: await measure(admin, {}),
        page200: await measure(admin, { offset: 200 * 50 }),
        byUser: await measure(admin, { userId: clerk }),
        byAction: await measure(admin, { method: 'org.update' }),
        byTownship: await measure(admin, { orgId: big.id }),
        byVillage: await measure(admin, { orgId: village.id }),
        byMonth: await measure(admin, month),
        townshipActionMonth: await measure(admin, { orgId: big.id, method: 'member.update', ...month }),
      },
      townshipAdmin: {
        firstPage: await measure(townAdmin, {}),
        page40: await measure(townAdmin, { offset: 40 * 50 }),
        byVillage: await measure(townAdmin, { orgId: village.id }),
        byAction: await measure(townAdmin, { method: 'export.roster' }),
      },
    };
    return result;
  } finally {
    await core.close();
  }
}
