import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LedgerError } from '../../../shared/contract/envelope.js';
import { parseIdNumber } from '../../../shared/domain/idcard.js';
import { isValidPhone } from '../../../shared/domain/phone.js';
import { evaluatePipelineRules, type DevelopmentRecord } from '../../../shared/domain/pipeline-rules.js';
import { CODE_TABLES, type OrgKind, type UnitCategory } from '../../../shared/codes/tables.js';
import { openingOf, replay, rowOf, type HistoryEvent } from '../../../shared/domain/member-history.js';
import { placementRefusal } from '../../../shared/domain/org-rules.js';
import { Core } from '../core.js';
import { Keyring, keyringPathFor } from '../keyring/keyring.js';
import { newRecoveryCode } from '../keyring/recovery-code.js';
import { fillDemoCounty, type DemoSummary } from './fill.js';

const TODAY = '2026-11-22';
const MEMBERS = 2000;
const dirs: string[] = [];

async function newLedger(): Promise<Core> {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-demo-'));
  dirs.push(dir);
  const dbFile = join(dir, 'ledger.db');
  const { keyring, dataKey } = Keyring.create(keyringPathFor(dbFile), 'admin', 'pw123456789a', newRecoveryCode());
  keyring.save();
  return Core.create({ dbFile, keyringPath: keyringPathFor(dbFile), dataKey, unitName: '中共阜康市委员会', admin: { username: 'admin', displayName: '管理员' } });
}

type Row = Record<string, unknown>;
const all = (core: Core, sql: string, ...params: unknown[]): Row[] => core.sqlite.prepare(sql).all(...params) as Row[];
const one = (core: Core, sql: string, ...params: unknown[]): Row => core.sqlite.prepare(sql).get(...params) as Row;
const count = (core: Core, sql: string, ...params: unknown[]): number => Number(Object.values(one(core, sql, ...params))[0]);

/** Content that must not depend on the run: ids differ, names/ID numbers/dates/orgs must not. */
const fingerprint = (core: Core): Row[] =>
  all(core, `SELECT m.name, m.id_number, m.birth_date, m.joined_on, m.confirmed_on, m.status, o.name AS org FROM members m JOIN orgs o ON o.id = m.org_id ORDER BY m.id_number`);

describe('demo county', () => {
  let a: Core;
  let b: Core;
  let summary: DemoSummary;

  beforeAll(async () => {
    a = await newLedger();
    b = await newLedger();
    summary = await fillDemoCounty(a, { members: MEMBERS, seed: 7, today: TODAY });
    await fillDemoCounty(b, { members: MEMBERS, seed: 7, today: TODAY });
  }, 120_000);

  afterAll(async () => {
    await a?.close();
    await b?.close();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('reports what it wrote', () => {
    expect(summary.members).toBe(MEMBERS);
    expect(count(a, `SELECT count(*) FROM members WHERE status = 'active'`)).toBe(MEMBERS);
    expect(count(a, `SELECT count(*) FROM members WHERE status = 'left'`)).toBe(summary.leftMembers);
    expect(count(a, 'SELECT count(*) FROM orgs')).toBe(summary.orgs + 1); // + the root
    expect(count(a, 'SELECT count(*) FROM grids')).toBe(summary.grids);
    expect(count(a, 'SELECT count(*) FROM dev_people')).toBe(summary.devPeople);
    expect(count(a, 'SELECT count(*) FROM reserves')).toBe(summary.reserves);
    expect(count(a, 'SELECT count(*) FROM team_members')).toBe(summary.teamMembers);
    expect(summary.leftMembers).toBeGreaterThan(10);
    expect(count(a, `SELECT count(*) FROM audit_log WHERE method = 'demo' AND entity = 'ledger'`)).toBe(1);
  });

  it('is deterministic for a seed', () => {
    const fa = fingerprint(a);
    expect(fa.length).toBeGreaterThan(MEMBERS);
    expect(fingerprint(b)).toEqual(fa);
    const orgs = (c: Core) => all(c, `SELECT o.name, o.short_name, o.kind, o.depth, (SELECT group_concat(elected_on) FROM (SELECT elected_on FROM org_elections e WHERE e.org_id = o.id ORDER BY 1)) AS terms,
      (SELECT group_concat(year || ':' || coalesce(stars, '-') || ':' || weak) FROM (SELECT * FROM org_ratings r WHERE r.org_id = o.id ORDER BY year)) AS ratings
      FROM orgs o ORDER BY o.path IS NULL, o.name, o.short_name`);
    expect(orgs(b)).toEqual(orgs(a));
    const dev = (c: Core) => all(c, 'SELECT p.id_number, p.stage, s.step, s.on_date FROM dev_steps s JOIN dev_people p ON p.id = s.person_id ORDER BY 1, 4, 3');
    expect(dev(b)).toEqual(dev(a));
  });

  it('gives every person a valid ID number that agrees with sex and birth date', () => {
    for (const table of ['members', 'dev_people', 'reserves']) {
      // Reserves linked to a member or pipeline person keep no copy of the person.
      const own = table === 'reserves' ? ' WHERE member_id IS NULL AND dev_person_id IS NULL' : '';
      for (const r of all(a, `SELECT id_number, gender, birth_date FROM ${table}${own}`)) {
        const p = parseIdNumber(String(r.id_number), { today: TODAY });
        expect(p.ok, `${table} ${String(r.id_number)}`).toBe(true);
        if (!p.ok) continue;
        expect(p.gender).toBe(r.gender);
        expect(p.birthDate).toBe(r.birth_date);
      }
    }
    for (const r of all(a, 'SELECT id_number FROM team_members')) expect(parseIdNumber(String(r.id_number)).ok).toBe(true);
  });

  it('has Han and minority names in realistic shares', () => {
    const total = count(a, 'SELECT count(*) FROM members');
    const dotted = count(a, `SELECT count(*) FROM members WHERE name LIKE '%·%'`);
    const minority = count(a, `SELECT count(*) FROM members WHERE ethnicity <> '01'`);
    expect(dotted).toBeGreaterThan(total * 0.05);
    expect(minority / total).toBeGreaterThan(0.2);
    expect(minority / total).toBeLessThan(0.4);
    // Uyghur and Kazakh names are 本名·父名; Han names are 2–4 characters without a dot.
    for (const r of all(a, `SELECT name, ethnicity FROM members WHERE ethnicity IN ('05', '17')`)) expect(String(r.name)).toMatch(/^[\u4e00-\u9fa5]+·[\u4e00-\u9fa5]+$/);
    for (const r of all(a, `SELECT name FROM members WHERE ethnicity = '01'`)) expect(String(r.name)).toMatch(/^[\u4e00-\u9fa5]{2,4}$/);
    expect(count(a, `SELECT count(DISTINCT name) FROM members`) / total).toBeGreaterThan(0.7);
  });

  it('keeps dates in order and codes in their tables', () => {
    const rows = all(a, 'SELECT birth_date, joined_on, confirmed_on, category, left_on, status FROM members');
    for (const r of rows) {
      const birth = String(r.birth_date);
      const adult = `${Number(birth.slice(0, 4)) + 18}${birth.slice(4)}`;
      expect(String(r.joined_on) >= adult, `${birth} joined ${String(r.joined_on)}`).toBe(true);
      expect(String(r.joined_on) <= TODAY).toBe(true);
      if (r.category === 'formal') expect(String(r.confirmed_on) > String(r.joined_on)).toBe(true);
      else expect(r.confirmed_on).toBeNull();
      if (r.status === 'left') expect(String(r.left_on) > String(r.joined_on)).toBe(true);
    }
    const probationary = count(a, `SELECT count(*) FROM members WHERE status = 'active' AND category = 'probationary'`);
    expect(probationary / MEMBERS).toBeGreaterThan(0.01);
    expect(probationary / MEMBERS).toBeLessThan(0.06);
    expect(count(a, `SELECT count(*) FROM members WHERE joined_on <= '1976-12-31'`)).toBeGreaterThan(20); // 光荣在党50年
    expect(count(a, `SELECT count(*) FROM members WHERE mobile = 1`)).toBeGreaterThan(0);
    expect(count(a, `SELECT count(*) FROM members WHERE phone IS NOT NULL AND phone NOT GLOB '1[3-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]'`)).toBe(0);
    for (const r of all(a, 'SELECT phone FROM members WHERE phone IS NOT NULL LIMIT 200')) expect(isValidPhone(String(r.phone))).toBe(true);
    expect(count(a, `SELECT count(*) FROM members WHERE job_category NOT IN ('01','02','03','04','05','06','07','08','09')`)).toBe(0);
    // Older members have less schooling: 初中及以下 (7x/8x/90) far more common over 70 than under 35.
    const low = (where: string) => count(a, `SELECT avg(education GLOB '[789]*') FROM members WHERE ${where}`) as number;
    expect(low(`birth_date < '1956-01-01'`)).toBeGreaterThan(low(`birth_date > '1991-01-01'`) + 0.2);
    // Villages are farmers, county bodies are 党政机关工作人员.
    expect(count(a, `SELECT avg(m.job_category = '02') FROM members m JOIN orgs o ON o.id = m.org_id WHERE o.unit_category = 'village'`)).toBeGreaterThan(0.6);
    expect(count(a, `SELECT avg(m.job_category IN ('05','08')) FROM members m JOIN orgs o ON o.id = m.org_id WHERE o.unit_category = 'organ'`)).toBeGreaterThan(0.8);
  });

  it('has events that agree with the member rows', () => {
    // 发展 is dated by the 党委审批, 10–170 days after the branch meeting, which is the 入党日期.
    expect(count(a, `SELECT count(*) FROM member_events e JOIN members m ON m.id = e.member_id WHERE e.kind = 'admitted' AND (json_extract(e.data, '$.joinedOn') <> m.joined_on OR julianday(e.on_date) - julianday(m.joined_on) NOT BETWEEN 0 AND 170)`)).toBe(0);
    expect(count(a, `SELECT count(*) FROM member_events e JOIN dev_people p ON p.member_id = e.member_id JOIN dev_steps s ON s.person_id = p.id AND s.step = 'approved' WHERE e.kind = 'admitted' AND (s.on_date <> e.on_date OR p.org_id <> e.org_id)`)).toBe(0);
    expect(count(a, `SELECT count(*) FROM member_events e JOIN members m ON m.id = e.member_id WHERE e.kind = 'confirmed' AND e.on_date <> m.confirmed_on`)).toBe(0);
    expect(count(a, `SELECT count(*) FROM members m WHERE m.status = 'left' AND NOT EXISTS (SELECT 1 FROM member_events e WHERE e.member_id = m.id AND e.kind = m.left_reason AND e.on_date = m.left_on)`)).toBe(0);
    // Transfers inside the county: out and in on the same day.
    const outs = count(a, `SELECT count(*) FROM member_events e WHERE e.kind = 'transfer-out' AND EXISTS (SELECT 1 FROM member_events i WHERE i.member_id = e.member_id AND i.kind = 'transfer-in' AND i.on_date = e.on_date)`);
    expect(outs).toBeGreaterThan(10);
    expect(count(a, `SELECT count(*) FROM member_events e JOIN members m ON m.id = e.member_id WHERE e.on_date < m.joined_on`)).toBe(0);
  });

  it('has histories the member rules accept, replaying to each member\'s row', () => {
    const names = Object.fromEntries(CODE_TABLES['member-event'].table.map((e) => [e.code, e.name]));
    const events = new Map<string, HistoryEvent[]>();
    for (const e of all(a, 'SELECT id, member_id, kind, on_date, org_id, other_party, note, created_at, data FROM member_events')) {
      const list = events.get(String(e.member_id)) ?? [];
      list.push({ id: String(e.id), kind: String(e.kind), onDate: String(e.on_date), orgId: e.org_id as string | null, otherParty: e.other_party as string | null, note: e.note as string | null, createdAt: String(e.created_at), data: e.data ? JSON.parse(String(e.data)) : null });
      events.set(String(e.member_id), list);
    }
    const fields = ['orgId', 'category', 'joinedOn', 'confirmedOn', 'status', 'leftOn', 'leftReason', 'mobile', 'mobileSince', 'lostContact', 'lostSince'] as const;
    let checked = 0;
    for (const m of all(a, 'SELECT id, org_id, category, joined_on, confirmed_on, status, left_on, left_reason, mobile, mobile_since, mobile_place, lost_contact, lost_since, lost_circumstance, birth_date FROM members')) {
      const row = {
        orgId: String(m.org_id), category: m.category as 'formal' | 'probationary', joinedOn: m.joined_on as string | null, confirmedOn: m.confirmed_on as string | null,
        status: String(m.status), leftOn: m.left_on as string | null, leftReason: m.left_reason as string | null, mobile: m.mobile === 1, mobileSince: m.mobile_since as string | null,
        mobilePlace: m.mobile_place as string | null, lostContact: m.lost_contact === 1, lostSince: m.lost_since as string | null, lostCircumstance: m.lost_circumstance as string | null,
      };
      const evs = events.get(String(m.id)) ?? [];
      const r = replay(openingOf(row, evs), evs, { birthDate: m.birth_date as string | null }, TODAY, names);
      expect(r.ok ? null : r.message, String(m.id)).toBeNull();
      if (!r.ok) continue;
      const got = rowOf(r.state);
      for (const f of fields) expect(got[f], `${String(m.id)} ${f}`).toEqual(row[f]);
      checked++;
    }
    expect(checked).toBe(MEMBERS + summary.leftMembers!);
  });

  it('builds an organisation tree of realistic shape', () => {
    const root = String(one(a, `SELECT value FROM settings WHERE key = 'rootOrgId'`).value).replaceAll('"', '');
    const rootPath = `/${root}/`;
    expect(count(a, `SELECT count(*) FROM orgs WHERE path NOT LIKE ? `, `${rootPath}%`)).toBe(0);
    expect(count(a, `SELECT count(*) FROM orgs c JOIN orgs p ON p.id = c.parent_id WHERE c.path <> p.path || c.id || '/' OR c.depth <> p.depth + 1`)).toBe(0);
    expect(count(a, `SELECT count(*) FROM orgs WHERE unit_category = 'township' AND kind = 'committee' AND depth = 1`)).toBeGreaterThanOrEqual(4);
    expect(count(a, `SELECT count(*) FROM orgs WHERE unit_category = 'street' AND kind = 'working-committee'`)).toBeGreaterThanOrEqual(2);
    // Every organisation sits where the placement rules allow (a 党小组 only under a 党支部 …).
    for (const r of all(a, `SELECT DISTINCT p.kind AS parent, c.kind AS child FROM orgs c JOIN orgs p ON p.id = c.parent_id`)) {
      expect(placementRefusal(r.parent as OrgKind, r.child as OrgKind), `${String(r.parent)} > ${String(r.child)}`).toBeNull();
    }
    // Members belong to 党支部 only, about 30 per branch, none over ~60.
    expect(count(a, `SELECT count(*) FROM members m JOIN orgs o ON o.id = m.org_id WHERE o.kind NOT IN ('branch','joint-branch')`)).toBe(0);
    const sizes = all(a, `SELECT count(*) AS n FROM members WHERE status = 'active' GROUP BY org_id`).map((r) => Number(r.n));
    const avg = sizes.reduce((x, y) => x + y, 0) / sizes.length;
    expect(avg).toBeGreaterThan(15);
    expect(avg).toBeLessThan(45);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(70);
    // Village names and codes.
    const lastYear = Number(TODAY.slice(0, 4)) - 1;
    const villages = all(a, `SELECT name, short_name, region_code, (SELECT stars FROM org_ratings r WHERE r.org_id = o.id AND r.year = ${lastYear}) AS stars, kind FROM orgs o WHERE unit_category = 'village' AND parent_id IN (SELECT id FROM orgs WHERE unit_category = 'township')`);
    expect(villages.length).toBeGreaterThan(10);
    for (const v of villages) {
      expect(String(v.name)).toMatch(/^中共.+[乡镇场].+村(总)?(支部)?委员会$/);
      expect(String(v.region_code)).toMatch(/^\d{12}$/);
      expect(Number(v.stars)).toBeGreaterThanOrEqual(1);
    }
    // Ratings a year; the weak ones with their 整顿 (causes from the code table), some closed.
    expect(count(a, `SELECT count(DISTINCT year) FROM org_ratings`)).toBe(4);
    expect(count(a, `SELECT count(*) FROM org_ratings r JOIN org_rectifications x ON x.org_id = r.org_id AND x.year = r.year WHERE r.weak = 1 AND r.year = ${lastYear}`)).toBeGreaterThan(0);
    expect(count(a, `SELECT count(*) FROM org_ratings r WHERE r.weak = 1 AND NOT EXISTS (SELECT 1 FROM org_rectifications x WHERE x.org_id = r.org_id AND x.year = r.year)`)).toBe(0);
    expect(count(a, `SELECT count(*) FROM org_rectifications WHERE closed_on IS NOT NULL`)).toBeGreaterThan(0);
    expect(count(a, `SELECT count(*) FROM org_rectifications WHERE causes NOT LIKE '["0%' OR closed_on > ? OR rectified_on > closed_on`, TODAY)).toBe(0);
    expect(count(a, `SELECT count(*) FROM orgs WHERE can_approve = 1 AND (unit_category IN ('village','community') OR kind IN ('branch','general-branch','group'))`)).toBe(0);
    // Every branch with members has a secretary who is one of them.
    expect(count(a, `SELECT count(*) FROM orgs o WHERE o.kind IN ('branch','joint-branch') AND EXISTS (SELECT 1 FROM members m WHERE m.org_id = o.id AND m.status = 'active' AND m.category = 'formal') AND NOT EXISTS (SELECT 1 FROM org_officers x JOIN members m ON m.id = x.member_id WHERE x.org_id = o.id AND x.post = 'secretary' AND x.to_date IS NULL AND m.org_id = o.id AND m.party_post = '书记')`)).toBe(0);
    // 换届: elections every term, some due or overdue now, some extended with the superior's approval.
    expect(count(a, `SELECT count(*) FROM (SELECT org_id, max(elected_on) AS e, term_years AS y FROM org_elections GROUP BY org_id) WHERE date(e, '+' || y || ' years') <= ?`, TODAY)).toBeGreaterThan(0);
    expect(count(a, `SELECT count(*) FROM (SELECT org_id FROM org_elections GROUP BY org_id HAVING count(*) > 1)`)).toBeGreaterThan(0);
    expect(count(a, `SELECT count(*) FROM org_elections e JOIN orgs o ON o.id = e.org_id WHERE e.extended_to IS NOT NULL AND e.extension_approved_by <> o.parent_id`)).toBe(0);
    expect(count(a, `SELECT count(*) FROM org_elections WHERE elected_on > ?`, TODAY)).toBe(0);
  });

  it('builds grids beside the organisations', () => {
    expect(count(a, `SELECT count(*) FROM grids WHERE kind = 'community'`)).toBeGreaterThanOrEqual(4);
    expect(count(a, `SELECT count(*) FROM grids WHERE kind = 'grid' AND org_id IS NULL`)).toBeGreaterThan(0);
    expect(count(a, `SELECT count(*) FROM grids g JOIN orgs o ON o.id = g.org_id WHERE g.kind = 'grid' AND o.short_name LIKE '%网格党支部'`)).toBeGreaterThan(0);
    expect(count(a, `SELECT count(*) FROM grids g JOIN orgs o ON o.id = g.org_id WHERE g.kind IN ('building','estate','lane') AND o.kind = 'group'`)).toBeGreaterThan(0);
    expect(count(a, `SELECT count(*) FROM grids WHERE kind = 'village-group'`)).toBeGreaterThan(0);
    expect(count(a, `SELECT count(*) FROM grids c JOIN grids p ON p.id = c.parent_id WHERE c.path <> p.path || c.id || '/'`)).toBe(0);
    expect(count(a, `SELECT count(*) FROM members m JOIN orgs o ON o.id = m.org_id WHERE o.unit_category = 'community' AND m.grid_id IS NULL`)).toBe(0);
    expect(count(a, `SELECT count(*) FROM members WHERE grid_registered_on IS NOT NULL`)).toBeGreaterThan(0);
  });

  it('keeps the register of places with its history, covering organisations and registrations', async () => {
    // Places in the townships' and streets' areas: villages (one no organisation covers) and communities.
    expect(count(a, `SELECT count(*) FROM grids g JOIN orgs o ON o.id = g.owner_org_id WHERE o.depth <> 1`)).toBe(0);
    expect(count(a, `SELECT count(*) FROM grids WHERE kind = 'village' AND parent_id IS NULL`)).toBeGreaterThan(count(a, `SELECT count(*) FROM orgs WHERE unit_category = 'village' AND parent_id IN (SELECT id FROM orgs WHERE depth = 1)`) - 1);
    expect(count(a, `SELECT count(*) FROM grids WHERE kind = 'village' AND org_id IS NULL`)).toBeGreaterThan(0);
    expect(count(a, `SELECT count(*) FROM grids c JOIN grids p ON p.id = c.parent_id WHERE c.kind = 'village-group' AND p.kind <> 'village'`)).toBe(0);
    // One founding record a unit, on its founding day; nothing after today; covering from the organisation's founding.
    expect(count(a, `SELECT count(*) FROM grids g WHERE (SELECT count(*) FROM grid_changes c WHERE c.grid_id = g.id AND c.kind = 'found' AND c.on_date = g.founded_on) <> 1`)).toBe(0);
    expect(count(a, `SELECT count(*) FROM grid_changes WHERE on_date > ?`, TODAY)).toBe(0);
    expect(count(a, `SELECT count(*) FROM grid_changes c JOIN orgs o ON o.id = c.org_id WHERE o.founded_on > c.on_date`)).toBe(0);
    expect(count(a, `SELECT count(*) FROM grid_changes WHERE kind = 'cover'`)).toBeGreaterThan(0);
    expect(count(a, `SELECT count(*) FROM grids WHERE dissolved_on IS NOT NULL`)).toBe(count(a, `SELECT count(*) FROM grid_changes WHERE kind = 'dissolve'`));
    // The records replayed give today's rows.
    const { statesOn } = await import('../grid/history.js');
    const states = await statesOn(a.db, TODAY);
    const rows = all(a, `SELECT id, name, parent_id AS parentId, org_id AS orgId, owner_org_id AS ownerOrgId FROM grids WHERE dissolved_on IS NULL`);
    expect(rows.map((r) => { const s = states.get(String(r.id)); return s && { id: s.id, name: s.name, parentId: s.parentId, orgId: s.orgId, ownerOrgId: s.ownerOrgId }; })).toEqual(rows);
    // Registrations: one holding record per registered member, from the unit's founding at the earliest.
    expect(count(a, `SELECT count(*) FROM members m WHERE m.grid_id IS NOT NULL AND (SELECT count(*) FROM grid_registrations r WHERE r.member_id = m.id AND r.to_date IS NULL AND r.grid_id = m.grid_id AND r.from_date = m.grid_registered_on) <> 1`)).toBe(0);
    expect(count(a, `SELECT count(*) FROM grid_registrations r JOIN grids g ON g.id = r.grid_id WHERE r.from_date < g.founded_on OR g.dissolved_on IS NOT NULL`)).toBe(0);
    // DOMAIN.md §2's seed shape: ~5 grids a community, a 网格党支部 in over half, ~1.3 楼栋党小组 a grid.
    const communities = count(a, `SELECT count(*) FROM grids WHERE kind = 'community'`);
    const grids = count(a, `SELECT count(*) FROM grids WHERE kind = 'grid'`);
    const gridBranches = count(a, `SELECT count(*) FROM grids g JOIN orgs o ON o.id = g.org_id WHERE g.kind = 'grid' AND o.kind = 'branch'`);
    const groups = count(a, `SELECT count(*) FROM grids g JOIN orgs o ON o.id = g.org_id WHERE g.kind IN ('building', 'lane') AND o.kind = 'group'`);
    expect(grids / communities).toBeGreaterThan(3.5);
    expect(grids / communities).toBeLessThan(7);
    expect(gridBranches / grids).toBeGreaterThan(0.3);
    expect(groups / grids).toBeGreaterThan(0.7);
    expect(groups / grids).toBeLessThan(2);
  });

  it('fills the pipeline, reserves and work teams', () => {
    for (const stage of ['applicant', 'activist', 'candidate', 'probationary', 'formal']) {
      expect(count(a, `SELECT count(*) FROM dev_people WHERE stage = ?`, stage), stage).toBeGreaterThan(0);
    }
    expect(count(a, `SELECT count(*) FROM dev_people p JOIN members m ON m.id = p.member_id WHERE p.stage = 'probationary' AND (m.category <> 'probationary' OR m.id_number <> p.id_number)`)).toBe(0);
    // The branch meeting is the member's 入党日期.
    expect(count(a, `SELECT count(*) FROM dev_people p JOIN members m ON m.id = p.member_id JOIN dev_steps s ON s.person_id = p.id AND s.step = 'branch-meeting' WHERE s.on_date <> m.joined_on`)).toBe(0);
    expect(count(a, `SELECT count(*) FROM dev_steps WHERE on_date > ?`, TODAY)).toBe(0);
    expect(count(a, `SELECT count(*) FROM reserves WHERE stage = 'entered' AND exit_kind = 'entered-committee'`)).toBeGreaterThan(0);
    expect(count(a, `SELECT count(*) FROM orgs v WHERE v.unit_category = 'village' AND EXISTS (SELECT 1 FROM org_ratings x WHERE x.org_id = v.id AND x.stars IS NOT NULL) AND NOT EXISTS (SELECT 1 FROM reserves r WHERE r.village_org_id = v.id AND r.direction = 'secretary')`)).toBeGreaterThan(0);
    expect(count(a, `SELECT count(*) FROM team_members WHERE role = 'first-secretary'`)).toBeGreaterThan(0);
    expect(count(a, `SELECT count(*) FROM team_months WHERE days_in_village < 20`)).toBeGreaterThan(0);
    expect(count(a, `SELECT avg(days_in_village >= 20) FROM team_months`)).toBeGreaterThan(0.8);
    expect(count(a, `SELECT count(*) FROM meetings WHERE kind = 'life-meeting'`)).toBeGreaterThan(0);
  });

  it('follows the 发展党员 rules except for a deliberate handful (R2, R4, R11)', () => {
    const orgs = new Map(all(a, 'SELECT id, kind, unit_category, can_approve FROM orgs').map((o) => [String(o.id), o]));
    const records = new Map<string, DevelopmentRecord>();
    for (const p of all(a, 'SELECT id, birth_date FROM dev_people')) records.set(String(p.id), { birthDate: String(p.birth_date), activistReviews: [] });
    for (const s of all(a, 'SELECT person_id, step, on_date, data FROM dev_steps ORDER BY on_date')) {
      const r = records.get(String(s.person_id))!;
      const d = String(s.on_date);
      const data = s.data ? (JSON.parse(String(s.data)) as Record<string, unknown>) : {};
      switch (s.step) {
        case 'applied': r.applicationDate = d; break;
        case 'talked': r.talkDate = d; break;
        case 'activist': r.activistDate = d; break;
        case 'activist-review': r.activistReviews = [...(r.activistReviews ?? []), d]; break;
        case 'candidate': r.candidateDate = d; break;
        case 'introducers': r.introducers = (data.introducers as { name: string; formalSince: string }[]).map((x) => ({ name: x.name, memberFormalSince: x.formalSince })); break;
        case 'political-review': r.politicalReview = { date: d, passed: data.passed === true }; break;
        case 'training': r.training = { from: String(data.from), to: String(data.to), days: Number(data.days), hours: Number(data.hours) }; break;
        case 'pre-review': r.preReviewDate = d; break;
        case 'branch-meeting': r.branchMeeting = { date: d, due: Number(data.due), present: Number(data.present), yes: Number(data.yes) }; break;
        case 'approved': {
          const o = orgs.get(String(data.approvingOrgId))!;
          r.approvalDate = d;
          r.approvingOrgKind = o.kind as OrgKind;
          r.approvingUnitCategory = o.unit_category as UnitCategory | null;
          r.approvingOrgCanApprove = o.can_approve === 1;
          break;
        }
        case 'probation-extended': r.probationExtendedMonths = Number(data.months); break;
        case 'confirm-meeting': r.confirmMeetingDate = d; break;
        case 'confirmed': r.confirmApprovalDate = d; r.confirmedOn = String(data.confirmedOn); break;
        case 'cancelled': r.stoppedOn = d; break;
        default: break;
      }
    }
    const byRule = new Map<string, number>();
    let withFindings = 0;
    for (const r of records.values()) {
      const f = evaluatePipelineRules(r, { asOf: TODAY });
      if (f.length > 0) withFindings++;
      for (const x of f) byRule.set(x.ruleId, (byRule.get(x.ruleId) ?? 0) + 1);
    }
    expect(byRule.get('R2')).toBeGreaterThan(0);
    expect(byRule.get('R4')).toBeGreaterThan(0);
    expect(byRule.get('R11')).toBeGreaterThan(0);
    expect([...byRule.keys()].sort()).toEqual(['R11', 'R2', 'R4']);
    expect(withFindings / records.size).toBeLessThan(0.08);
  });

  it('passes the foreign-key check', () => {
    expect(all(a, 'PRAGMA foreign_key_check')).toEqual([]);
    expect(String(one(a, 'PRAGMA integrity_check').integrity_check)).toBe('ok');
  });

  it('refuses a ledger that already has members', async () => {
    await expect(fillDemoCounty(a, { members: 500, seed: 1 })).rejects.toThrow(LedgerError);
    await expect(fillDemoCounty(a, { members: 500, seed: 1 })).rejects.toMatchObject({ code: 'CONFLICT' });
  });
});
