/**
 * Which branches of a subtree missed a required meeting in a span (shared/domain/meeting-rules.ts
 * says what is required): one reader for the 组织生活 page's list, its export, and the statistics.
 * Branches come from the organisation tree and meetings from the meetings_held index (a date
 * range), kept while those tables are unchanged (stats/versions.ts; names are read fresh: a rename
 * does not move that version); 正式党员 at period ends come from the member store
 * (formal-counts.ts); a judgement is kept while all of these hold.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { SqliteHandle } from '../db/open.js';
import type { MissedRow } from '../../../shared/contract/meeting.js';
import { COMMITTEE_THRESHOLD, duePeriods, MEETING_HOLDER_KINDS, missedMeetings, type Frequencies, type MeetingKind, type Missed } from '../../../shared/domain/meeting-rules.js';
import { tablesVersion } from '../stats/versions.js';
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
interface Holders {
  branches: Branch[];
  /** organisation id (branch or group) → its branch */
  holderOf: Map<string, string>;
  held: Map<string, Map<MeetingKind, string[]>>;
}

const HOLDERS_SQL = MEETING_HOLDER_KINDS.map((k) => `'${k}'`).join(', ');
const holdersCache = new WeakMap<SqliteHandle, Map<string, Promise<Holders>>>();
const meetingsCache = new WeakMap<SqliteHandle, Map<string, Promise<Meeting[]>>>();

type Meeting = { orgId: string; kind: MeetingKind; heldOn: string };

/** A small map of promises per connection, kept while its key (with table versions) holds. */
function kept<T>(caches: WeakMap<SqliteHandle, Map<string, Promise<T>>>, sqlite: SqliteHandle, key: string, make: () => Promise<T>): Promise<T> {
  let cache = caches.get(sqlite);
  if (!cache) caches.set(sqlite, (cache = new Map()));
  let p = cache.get(key);
  if (!p) {
    p = make();
    p.catch(() => cache.delete(key));
    cache.set(key, p);
    while (cache.size > 32) cache.delete(cache.keys().next().value!);
  }
  return p;
}

/**
 * Every meeting of [from, to] in the ledger, from the meetings_held covering index: kept while the
 * meetings are unchanged, whatever happens to the organisations (an organisation's edit only
 * regroups them).
 */
function meetingsBetween(db: Kysely<DB>, sqlite: SqliteHandle, from: string, to: string): Promise<Meeting[]> {
  return kept(meetingsCache, sqlite, `${from}|${to}|${tablesVersion(sqlite, ['meetings'])}`, async () =>
    (await sql<Meeting>`SELECT org_id, kind, held_on FROM meetings INDEXED BY meetings_held WHERE held_on >= ${from} AND held_on <= ${to}`.execute(db)).rows);
}

function holdersOf(db: Kysely<DB>, sqlite: SqliteHandle, range: Range, from: string, to: string): Promise<Holders> {
  const key = `${range.lo}|${from}|${to}|${tablesVersion(sqlite, ['orgs', 'meetings'])}`;
  return kept(holdersCache, sqlite, key, () => loadHolders(db, sqlite, range, from, to));
}

async function loadHolders(db: Kysely<DB>, sqlite: SqliteHandle, range: Range, from: string, to: string): Promise<Holders> {
  const orgs = (await sql<{ id: string; parentId: string | null; kind: string; foundedOn: string | null; dissolvedOn: string | null }>`
    SELECT id, parent_id, kind, founded_on, dissolved_on FROM orgs
    WHERE path >= ${range.lo} AND path < ${range.hi} AND (kind IN (${sql.raw(HOLDERS_SQL)}) OR kind = 'group')
      AND (dissolved_on IS NULL OR dissolved_on > ${from}) AND (founded_on IS NULL OR founded_on <= ${to})`.execute(db)).rows;
  const branches: Branch[] = orgs.filter((o) => o.kind !== 'group').map((o) => ({ id: o.id, parentId: o.parentId, foundedOn: o.foundedOn, dissolvedOn: o.dissolvedOn, hasGroups: false }));
  const byId = new Map(branches.map((b) => [b.id, b]));
  // A group's meetings count for its branch; a group whose branch is outside the range, for nobody.
  const holderOf = new Map<string, string>(branches.map((b) => [b.id, b.id]));
  for (const g of orgs) {
    const b = g.kind === 'group' && g.parentId !== null ? byId.get(g.parentId) : undefined;
    if (!b) continue;
    holderOf.set(g.id, b.id);
    if (g.dissolvedOn === null || g.dissolvedOn > to) b.hasGroups = true;
  }
  const held = new Map<string, Map<MeetingKind, string[]>>();
  for (const m of await meetingsBetween(db, sqlite, from, to)) {
    const b = holderOf.get(m.orgId);
    if (!b) continue;
    let byKind = held.get(b);
    if (!byKind) held.set(b, (byKind = new Map()));
    let dates = byKind.get(m.kind);
    if (!dates) byKind.set(m.kind, (dates = []));
    dates.push(m.heldOn);
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
