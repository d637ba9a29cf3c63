/**
 * Which branches of a subtree missed a required meeting in a span (shared/domain/meeting-rules.ts
 * says what is required): one reader for the 组织生活 page's list, its export, and the statistics.
 * Branches come from the organisation tree and meetings from the meetings_held index (a date
 * range), kept while the tree and the meetings are unchanged (stats/versions.ts; names are read
 * fresh); 正式党员 at period ends come from the member store (formal-counts.ts); a judgement is
 * kept while all of these hold.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { SqliteHandle } from '../db/open.js';
import type { MissedRow } from '../../../shared/contract/meeting.js';
import { COMMITTEE_THRESHOLD, duePeriods, MEETING_HOLDER_KINDS, missedMeetings, type Frequencies, type MeetingKind, type Missed } from '../../../shared/domain/meeting-rules.js';
import { orgTreeVersion, tablesVersion } from '../stats/versions.js';
import { formalCounts } from './formal-counts.js';

export interface Range {
  lo: string;
  hi: string;
}

interface Branch {
  id: string;
  parentId: string | null;
  foundedOn: string | null;
  dissolvedOn: string | null;
  hasGroups: boolean;
}

/** A subtree's branches existing some day of [from, to] and the meetings they (and their groups) held then. */
export interface Holders {
  branches: Branch[];
  /** organisation id (branch or group) → its branch */
  holderOf: Map<string, string>;
  held: Map<string, Map<MeetingKind, string[]>>;
}

const HOLDERS_SQL = [...MEETING_HOLDER_KINDS, 'group'].map((k) => `'${k}'`).join(', ');
const holdersCache = new WeakMap<SqliteHandle, Map<string, Promise<Holders>>>();
const meetingsCache = new WeakMap<SqliteHandle, { key: string; byOrg: Promise<Map<string, Map<MeetingKind, string[]>>> }[]>();

/**
 * The meetings of [from, to] in the whole ledger by organisation and kind, from the meetings_held
 * covering index: kept while the meetings are unchanged, whatever happens to organisations.
 */
function meetingsByOrg(db: Kysely<DB>, sqlite: SqliteHandle, from: string, to: string): Promise<Map<string, Map<MeetingKind, string[]>>> {
  let list = meetingsCache.get(sqlite);
  if (!list) meetingsCache.set(sqlite, (list = []));
  const key = `${from}|${to}|${tablesVersion(sqlite, ['meetings'])}`;
  const hit = list.find((x) => x.key === key);
  if (hit) return hit.byOrg;
  const byOrg = (async () => {
    const out = new Map<string, Map<MeetingKind, string[]>>();
    const rows = await sql<{ orgId: string; kind: MeetingKind; heldOn: string }>`
      SELECT org_id, kind, held_on FROM meetings INDEXED BY meetings_held WHERE held_on >= ${from} AND held_on <= ${to}`.execute(db);
    for (const m of rows.rows) {
      let byKind = out.get(m.orgId);
      if (!byKind) out.set(m.orgId, (byKind = new Map()));
      let dates = byKind.get(m.kind);
      if (!dates) byKind.set(m.kind, (dates = []));
      dates.push(m.heldOn);
    }
    return out;
  })();
  byOrg.catch(() => list.splice(list.findIndex((x) => x.key === key), 1));
  list.push({ key, byOrg });
  while (list.length > 8) list.shift();
  return byOrg;
}

/**
 * The range's branches (and groups) existing some day of [from, to], with their meetings: kept
 * while the organisation tree and the meetings are unchanged (an organisation's 星级 or name edit
 * leaves them), and with them what was judged from them.
 */
function holdersOf(db: Kysely<DB>, sqlite: SqliteHandle, range: Range, from: string, to: string): Promise<Holders> {
  let cache = holdersCache.get(sqlite);
  if (!cache) holdersCache.set(sqlite, (cache = new Map()));
  const key = `${range.lo}|${from}|${to}|${orgTreeVersion(sqlite)}|${tablesVersion(sqlite, ['meetings'])}`;
  let p = cache.get(key);
  if (!p) {
    p = (async () => {
      const orgs = (await sql<{ id: string; parentId: string | null; kind: string; foundedOn: string | null; dissolvedOn: string | null }>`
        SELECT id, parent_id, kind, founded_on, dissolved_on FROM orgs INDEXED BY orgs_holders
        WHERE kind IN (${sql.raw(HOLDERS_SQL)}) AND path >= ${range.lo} AND path < ${range.hi}
          AND (dissolved_on IS NULL OR dissolved_on > ${from}) AND (founded_on IS NULL OR founded_on <= ${to})`.execute(db)).rows;
      return groupHolders(orgs, await meetingsByOrg(db, sqlite, from, to), to);
    })();
    p.catch(() => cache.delete(key));
    cache.set(key, p);
    while (cache.size > 16) cache.delete(cache.keys().next().value!);
  }
  return p;
}

function groupHolders(orgs: readonly { id: string; parentId: string | null; kind: string; foundedOn: string | null; dissolvedOn: string | null }[], meetings: Map<string, Map<MeetingKind, string[]>>, to: string): Holders {
  const branches: Branch[] = orgs.filter((o) => o.kind !== 'group').map((o) => ({ id: o.id, parentId: o.parentId, foundedOn: o.foundedOn, dissolvedOn: o.dissolvedOn, hasGroups: false }));
  const byId = new Map(branches.map((b) => [b.id, b]));
  // A group's meetings count for its branch; a group whose branch is outside the range, for nobody.
  const holderOf = new Map<string, string>(branches.map((b) => [b.id, b.id]));
  const held = new Map<string, Map<MeetingKind, string[]>>();
  for (const b of branches) {
    const own = meetings.get(b.id);
    if (own) held.set(b.id, own);
  }
  for (const g of orgs) {
    const b = g.kind === 'group' && g.parentId !== null ? byId.get(g.parentId) : undefined;
    if (!b) continue;
    holderOf.set(g.id, b.id);
    if (g.dissolvedOn === null || g.dissolvedOn > to) b.hasGroups = true;
    const theirs = meetings.get(g.id);
    if (!theirs) continue;
    // The branch's own lists are shared with the kept meetings: merge into copies.
    const merged = new Map([...(held.get(b.id) ?? new Map<MeetingKind, string[]>())].map(([k, v]) => [k, [...v]]));
    for (const [k, dates] of theirs) merged.set(k, [...(merged.get(k) ?? []), ...dates]);
    held.set(b.id, merged);
  }
  return { branches, holderOf, held };
}

export interface Judged {
  branch: Branch;
  /** Kinds the branch was due in the span, with the periods it missed. */
  kinds: Missed[];
}

const judgedCache = new WeakMap<Holders, Map<string, Judged[]>>();

/**
 * Every branch of the range judged over [from, to] up to judgedOn (branches due nothing left out).
 * The same branches, meetings, frequencies and 正式党员 counts give the same answer (the same
 * array: what is computed from it can be kept too).
 */
export async function judgeBranches(db: Kysely<DB>, sqlite: SqliteHandle, range: Range, freq: Frequencies, from: string, to: string, judgedOn: string): Promise<{ judged: Judged[]; holders: Holders }> {
  const holders = await holdersOf(db, sqlite, range, from, to);
  const due = duePeriods(freq, from, to, judgedOn);
  const ends = (due.get('committee') ?? []).map((p) => p.end);
  const formal = ends.length > 0 ? formalCounts(sqlite, ends) : { version: '', of: () => COMMITTEE_THRESHOLD };
  let cache = judgedCache.get(holders);
  if (!cache) judgedCache.set(holders, (cache = new Map()));
  const key = `${JSON.stringify(freq)}|${judgedOn}|${formal.version}`;
  let judged = cache.get(key);
  if (!judged) {
    const none = new Map<MeetingKind, string[]>();
    judged = [];
    for (const b of holders.branches) {
      const kinds = missedMeetings({ ...b, formalOn: (day) => formal.of(b.id, day) }, holders.held.get(b.id) ?? none, due);
      if (kinds.length > 0) judged.push({ branch: b, kinds });
    }
    cache.set(key, judged);
    while (cache.size > 16) cache.delete(cache.keys().next().value!);
  }
  return { judged, holders };
}

/** The 组织生活 page's list: each branch and kind with missed periods, its parent and last meeting. */
export async function missedInRange(db: Kysely<DB>, sqlite: SqliteHandle, range: Range, freq: Frequencies, from: string, to: string, judgedOn: string): Promise<{ branches: number; rows: MissedRow[] }> {
  const { judged, holders } = await judgeBranches(db, sqlite, range, freq, from, to, judgedOn);
  const listed = judged.filter((j) => j.kinds.some((k) => k.missed.length > 0));
  const names = await orgNames(db, listed.flatMap((j) => [j.branch.id, ...(j.branch.parentId ? [j.branch.parentId] : [])]));
  const rows: MissedRow[] = [];
  for (const j of listed) {
    for (const k of j.kinds) {
      if (k.missed.length === 0) continue;
      rows.push({ orgId: j.branch.id, orgName: names.get(j.branch.id) ?? '', parentName: j.branch.parentId ? (names.get(j.branch.parentId) ?? null) : null, kind: k.kind, due: k.due, missed: k.missed, lastHeldOn: null });
    }
  }
  rows.sort((a, b) => (a.parentName ?? '').localeCompare(b.parentName ?? '', 'zh') || a.orgName.localeCompare(b.orgName, 'zh') || a.kind.localeCompare(b.kind));
  await fillLastHeld(db, rows, holders.holderOf, to);
  return { branches: judged.length, rows };
}

/** Names as shown (short name, else full name), read fresh: the kept branches carry none. */
export async function orgNames(db: Kysely<DB>, ids: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const unique = [...new Set(ids)];
  for (let i = 0; i < unique.length; i += 500) {
    const rows = await db.selectFrom('orgs').select(['id', 'name', 'shortName']).where('id', 'in', unique.slice(i, i + 500)).execute();
    for (const r of rows) out.set(r.id, r.shortName ?? r.name);
  }
  return out;
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
