/**
 * A plain synthetic county for the statistics bench and tests, written with raw prepared inserts
 * (fast enough for 250,000 members and ~1 million events). Used when the realistic demo generator
 * (electron/core/demo) is not available; the shapes follow the schema and member.addEvent: the
 * members row always equals the state after the member's last event.
 */
import type { Core } from '../../electron/core/core.js';
import { newId } from '../../electron/core/util/ids.js';

const EDU = ['11', '14', '21', '31', '41', '47', '61', '71', '81', null];
const JOB = ['01', '02', '02', '02', '03', '04', '05', '06', '07', '08', '08', '09', null];
const ETH = ['01', '01', '01', '01', '01', '01', '01', '01', '02', '03', '05', '07'];
const LEAVE = ['deceased', 'deceased', 'deceased', 'expelled', 'self-left', 'suspended', 'withdrawn', 'transfer-out'];

/** Deterministic PRNG (mulberry32). */
function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] as T,
    chance: (p: number) => next() < p,
  };
}

const dayNo = (iso: string) => Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / 86_400_000;
const isoOf = (day: number) => new Date(day * 86_400_000).toISOString().slice(0, 10);

export interface StatsCountySummary {
  orgs: number;
  members: number;
  events: number;
  branches: number;
}

/** Fills the ledger of `core` (root org from settings) with `members` members. `today` bounds every date. */
export function fillStatsCounty(core: Core, members: number, seed = 7, today = '2025-06-30'): StatsCountySummary {
  const db = core.sqlite;
  const r = rng(seed);
  const now = new Date().toISOString();
  const root = db.prepare(`SELECT value FROM settings WHERE key = 'rootOrgId'`).get() as { value: string };
  const rootId = JSON.parse(root.value) as string;
  const rootPath = `/${rootId}/`;
  const insOrg = db.prepare(`INSERT INTO orgs (id, parent_id, path, depth, name, short_name, kind, unit_category, founded_on, dissolved_on, can_approve, sort_order, created_at, updated_at)
    VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)`);
  // 换届 and the year's 星级 / 软弱涣散 are dated records of their own (migration 016).
  const insElection = db.prepare(`INSERT INTO org_elections (id, org_id, elected_on, term_years, created_at, updated_at) VALUES (?,?,?,?,?,?)`);
  const insRating = db.prepare(`INSERT INTO org_ratings (id, org_id, year, stars, weak, created_at, updated_at) VALUES (?,?,?,?,?,?,?)`);
  const insMember = db.prepare(`INSERT INTO members (id, id_number, name, gender, ethnicity, birth_date, education, category, joined_on, confirmed_on, org_id, job_category, mobile, lost_contact, party_age_adjust_months, status, left_on, left_reason, created_at, updated_at)
    VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`);
  const insEvent = db.prepare(`INSERT INTO member_events (id, member_id, kind, on_date, org_id, created_at) VALUES (?,?,?,?,?,?)`);
  const todayNo = dayNo(today);
  let orgCount = 0;
  let eventCount = 0;
  const branches: string[] = [];
  const villages: string[] = [];
  const org = (parentId: string, parentPath: string, depth: number, name: string, kind: string, unit: string | null, extra: { dissolvedOn?: string } = {}) => {
    const id = newId();
    const path = `${parentPath}${id}/`;
    const elected = isoOf(todayNo - r.int(0, 2400));
    insOrg.run(id, parentId, path, depth, name, name.slice(0, 8), kind, unit, isoOf(todayNo - r.int(3000, 20000)), extra.dissolvedOn ?? null, kind === 'committee' ? 1 : 0, orgCount, now, now);
    insElection.run(newId(), id, elected, unit === 'village' || unit === 'community' || kind === 'committee' ? 5 : 3, now, now);
    const stars = r.chance(0.7) ? r.int(1, 5) : null;
    const weak = r.chance(0.03) ? 1 : 0;
    if (stars !== null || weak) insRating.run(newId(), id, Number(today.slice(0, 4)) - 1, stars, weak, now, now);
    orgCount++;
    return { id, path };
  };
  db.transaction(() => {
    const towns = Math.max(2, Math.round(members / 12_500));
    const perTownBranches = Math.max(2, Math.round(members / towns / 30));
    for (let t = 0; t < towns; t++) {
      const town = org(rootId, rootPath, 1, `第${t + 1}乡党委`, 'committee', 'township');
      for (let b = 0; b < perTownBranches; b++) {
        if (b % 6 === 0) {
          // A village with a 党总支, two branches and a 党小组.
          const gb = org(town.id, town.path, 2, `第${t + 1}乡${b}村党总支`, 'general-branch', 'village');
          villages.push(gb.id);
          const b1 = org(gb.id, gb.path, 3, `第${t + 1}乡${b}村第一党支部`, 'branch', 'village');
          const b2 = org(gb.id, gb.path, 3, `第${t + 1}乡${b}村第二党支部`, 'branch', 'village');
          org(b1.id, b1.path, 4, `第${t + 1}乡${b}村第一党小组`, 'group', 'village');
          branches.push(b1.id, b2.id);
          b++;
        } else {
          const unit = r.pick(['village', 'village', 'community', 'organ', 'private', 'school']);
          const br = org(town.id, town.path, 2, `第${t + 1}乡${b}${unit === 'village' ? '村' : '单位'}党支部`, r.chance(0.05) ? 'joint-branch' : 'branch', unit);
          if (unit === 'village') villages.push(br.id);
          branches.push(br.id);
        }
      }
      // A dissolved branch (no members) on each township: counted only before its dissolution.
      org(town.id, town.path, 2, `第${t + 1}乡已撤销党支部`, 'branch', 'other', { dissolvedOn: isoOf(todayNo - r.int(100, 2000)) });
    }
    for (let i = 0; i < members; i++) {
      const id = newId();
      const male = r.chance(0.7);
      const birthNo = dayNo('1930-01-01') + r.int(0, 27_000);
      const birth = isoOf(Math.min(birthNo, todayNo - 18 * 366));
      // Unique, not checksum-valid: the statistics never read the number.
      const idNumber = `${String(seed % 100).padStart(2, '0')}${String(i).padStart(15, '0')}X`;
      const joinedNo = Math.min(todayNo - 10, dayNo(birth) + r.int(18 * 365, 60 * 365));
      const joined = isoOf(Math.max(joinedNo, dayNo('1940-01-01')));
      const confirmedNo = dayNo(joined) + 365 + (r.chance(0.05) ? 180 : 0);
      const confirmed = confirmedNo <= todayNo ? isoOf(confirmedNo) : null;
      let orgId = r.pick(branches);
      const evs: [string, string, string | null][] = [];
      const withEvents = r.chance(0.7);
      const fromOutside = r.chance(0.06);
      if (fromOutside) {
        // Joined elsewhere, transferred into the county later.
        const inNo = r.int(dayNo(joined), todayNo);
        evs.push(['transfer-in', isoOf(inNo), orgId]);
      } else if (withEvents) {
        evs.push(['admitted', joined, orgId]);
        if (confirmed) evs.push(['confirmed', confirmed, orgId]);
      }
      let last = dayNo(evs.at(-1)?.[1] ?? joined);
      let status: 'active' | 'left' = 'active';
      let leftOn: string | null = null;
      let leftReason: string | null = null;
      if (withEvents || fromOutside) {
        const moves = r.chance(0.5) ? r.int(1, 3) : 0;
        for (let k = 0; k < moves && last < todayNo - 2; k++) {
          const on = isoOf(r.int(last + 1, Math.min(todayNo, last + 4000)));
          const to = r.pick(branches);
          if (to === orgId) continue;
          evs.push(['transfer-out', on, orgId], ['transfer-in', on, to]);
          orgId = to;
          last = dayNo(on);
        }
        if (r.chance(0.05)) evs.push([r.chance(0.5) ? 'mobile' : 'lost-contact', isoOf(r.int(last, todayNo)), orgId]);
        if (r.chance(0.08) && last < todayNo - 2) {
          const kind = r.pick(LEAVE);
          const on = isoOf(r.int(last + 1, todayNo));
          evs.push([kind, on, orgId]);
          status = 'left';
          leftOn = on;
          leftReason = kind;
          last = dayNo(on);
          if (kind === 'suspended' && r.chance(0.5) && last < todayNo - 2) {
            const back = isoOf(r.int(last + 1, todayNo));
            evs.push(['restored', back, orgId]);
            status = 'active';
            leftOn = null;
            leftReason = null;
          }
        }
      } else if (r.chance(0.05)) {
        // Imported without events: only the row says when they left.
        status = 'left';
        leftOn = isoOf(r.int(dayNo(joined) + 1, todayNo));
        leftReason = r.pick(LEAVE);
      }
      const category = confirmed && dayNo(confirmed) <= todayNo ? 'formal' : 'probationary';
      insMember.run(id, idNumber, `党员${i}`, male ? '1' : '2', r.pick(ETH), birth, r.pick(EDU), category, joined, confirmed, orgId, r.pick(JOB), r.chance(0.04) ? 1 : 0, r.chance(0.01) ? 1 : 0, r.chance(0.01) ? r.int(-24, 24) : 0, status, leftOn, leftReason, now, now);
      for (const [kind, on, o] of evs) {
        insEvent.run(newId(), id, kind, on, o, now);
        eventCount++;
      }
    }
  })();
  return { orgs: orgCount, members, events: eventCount, branches: branches.length };
}
