/**
 * Which branches of a subtree missed a required meeting in a span (shared/domain/meeting-rules.ts
 * says what is required): read once for the 组织生活 page's list, its export, and the statistics.
 * Branches come from the organisation tree, meetings from the meetings_held index (a date range),
 * 正式党员 counts at period ends from the statistics member store (the member rows' dates).
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { SqliteHandle } from '../db/open.js';
import type { MissedRow } from '../../../shared/contract/meeting.js';
import { MEETING_HOLDER_KINDS, missedMeetings, periodsWithin, type BranchFacts, type Frequencies, type MeetingKind } from '../../../shared/domain/meeting-rules.js';
import { MEMBER_FACT_BITS } from '../db/migrations/004-member-facts.js';
import { memberStore } from '../stats/member-store.js';

export interface Range {
  lo: string;
  hi: string;
}

const HOLDERS_SQL = MEETING_HOLDER_KINDS.map((k) => `'${k}'`).join(', ');
const dayInt = (d: string) => Number(d.replaceAll('-', ''));

/** 正式党员 of each organisation on each day, from the member rows (joined by then, not left, confirmed or formal). */
function formalCounts(sqlite: SqliteHandle, orgIds: ReadonlySet<string>, days: readonly string[]): Map<string, Map<string, number>> {
  const store = memberStore(sqlite);
  const wanted = new Int32Array(store.orgIds.length).fill(-1);
  const out = new Map<string, Map<string, number>>();
  store.orgIds.forEach((id, i) => {
    if (!orgIds.has(id)) return;
    wanted[i] = 1;
    out.set(id, new Map());
  });
  const ds = days.map(dayInt);
  const counts = days.map(() => new Int32Array(store.orgIds.length));
  const PROB = MEMBER_FACT_BITS.probationary;
  const ACTIVE = MEMBER_FACT_BITS.active;
  for (let rid = 1; rid <= store.rowMax; rid++) {
    const org = store.org[rid]!;
    if (org < 0 || wanted[org]! < 0) continue;
    const joined = store.joined[rid]!;
    const left = store.left[rid]!;
    const conf = store.conf[rid]!;
    const c = store.c[rid]!;
    // Left without a date: not counted on any day.
    if (left === 0 && ((c >>> ACTIVE) & 1) === 0) continue;
    for (let i = 0; i < ds.length; i++) {
      const d = ds[i]!;
      if (joined > d || (left !== 0 && left <= d)) continue;
      if (conf !== 0 ? conf <= d : ((c >>> PROB) & 1) === 0) counts[i]![org]!++;
    }
  }
  store.orgIds.forEach((id, i) => {
    const m = out.get(id);
    if (m) days.forEach((d, k) => m.set(d, counts[k]![i]!));
  });
  return out;
}

export interface MissedResult {
  branches: number;
  rows: MissedRow[];
}

/** Every branch of the range judged over [from, to] up to judgedOn, and what each missed. */
export async function missedInRange(db: Kysely<DB>, sqlite: SqliteHandle, range: Range, freq: Frequencies, from: string, to: string, judgedOn: string): Promise<MissedResult> {
  const orgs = (await sql<{ id: string; parentId: string | null; kind: string; name: string; shortName: string | null; foundedOn: string | null; dissolvedOn: string | null }>`
    SELECT id, parent_id, kind, name, short_name, founded_on, dissolved_on FROM orgs
    WHERE path >= ${range.lo} AND path < ${range.hi} AND (kind IN (${sql.raw(HOLDERS_SQL)}) OR kind = 'group')
      AND (dissolved_on IS NULL OR dissolved_on > ${from}) AND (founded_on IS NULL OR founded_on <= ${to})`.execute(db)).rows;
  const branches = orgs.filter((o) => o.kind !== 'group');
  const branchIds = new Set(branches.map((b) => b.id));
  // A group's meetings count for its branch; a group whose branch is outside the range, for nobody.
  const holderOf = new Map<string, string>(branches.map((b) => [b.id, b.id]));
  const withGroups = new Set<string>();
  for (const g of orgs) {
    if (g.kind !== 'group' || g.parentId === null || !branchIds.has(g.parentId)) continue;
    holderOf.set(g.id, g.parentId);
    if (g.dissolvedOn === null || g.dissolvedOn > to) withGroups.add(g.parentId);
  }
  const held = new Map<string, Map<MeetingKind, string[]>>();
  const meetings = await sql<{ orgId: string; kind: MeetingKind; heldOn: string }>`
    SELECT m.org_id, m.kind, m.held_on FROM meetings m INDEXED BY meetings_held
    JOIN orgs o ON o.id = m.org_id
    WHERE m.held_on >= ${from} AND m.held_on <= ${to} AND o.path >= ${range.lo} AND o.path < ${range.hi}`.execute(db);
  for (const m of meetings.rows) {
    const b = holderOf.get(m.orgId);
    if (!b) continue;
    let byKind = held.get(b);
    if (!byKind) held.set(b, (byKind = new Map()));
    let dates = byKind.get(m.kind);
    if (!dates) byKind.set(m.kind, (dates = []));
    dates.push(m.heldOn);
  }
  const needCommittee = freq.committee !== 'none';
  const ends = needCommittee ? periodsWithin(from, to, freq.committee, judgedOn).map((p) => p.end) : [];
  const formal = ends.length > 0 ? formalCounts(sqlite, branchIds, ends) : new Map<string, Map<string, number>>();
  const parents = new Map((await db.selectFrom('orgs').select(['id', 'name', 'shortName']).where('id', 'in', [...new Set(branches.map((b) => b.parentId ?? ''))]).execute()).map((p) => [p.id, p.shortName ?? p.name]));

  const rows: MissedRow[] = [];
  let judged = 0;
  for (const b of branches) {
    const facts: BranchFacts = {
      id: b.id,
      foundedOn: b.foundedOn,
      dissolvedOn: b.dissolvedOn,
      hasGroups: withGroups.has(b.id),
      formalOn: (day) => formal.get(b.id)?.get(day) ?? 0,
    };
    const result = missedMeetings(facts, held.get(b.id) ?? new Map(), freq, from, to, judgedOn);
    if (result.length > 0) judged++;
    for (const r of result) {
      if (r.missed.length === 0) continue;
      rows.push({ orgId: b.id, orgName: b.shortName ?? b.name, parentName: b.parentId ? (parents.get(b.parentId) ?? null) : null, kind: r.kind, due: r.due, missed: r.missed, lastHeldOn: null });
    }
  }
  await fillLastHeld(db, rows, holderOf, to);
  rows.sort((a, b) => (a.parentName ?? '').localeCompare(b.parentName ?? '', 'zh') || a.orgName.localeCompare(b.orgName, 'zh') || a.kind.localeCompare(b.kind));
  return { branches: judged, rows };
}

/** The last meeting of the kind on or before `to` of each listed branch (its groups' count too). */
async function fillLastHeld(db: Kysely<DB>, rows: MissedRow[], holderOf: ReadonlyMap<string, string>, to: string): Promise<void> {
  if (rows.length === 0) return;
  const listed = new Set(rows.map((r) => r.orgId));
  const orgIds = [...holderOf].filter(([, b]) => listed.has(b)).map(([o]) => o);
  const last = new Map<string, string>();
  for (let i = 0; i < orgIds.length; i += 500) {
    const part = await sql<{ orgId: string; kind: string; lastOn: string }>`
      SELECT org_id, kind, max(held_on) AS last_on FROM meetings INDEXED BY meetings_org_date
      WHERE org_id IN (SELECT value FROM json_each(${JSON.stringify(orgIds.slice(i, i + 500))})) AND held_on <= ${to} GROUP BY org_id, kind`.execute(db);
    for (const p of part.rows) {
      const key = `${holderOf.get(p.orgId)}|${p.kind}`;
      if ((last.get(key) ?? '') < p.lastOn) last.set(key, p.lastOn);
    }
  }
  for (const r of rows) r.lastHeldOn = last.get(`${r.orgId}|${r.kind}`) ?? null;
}
