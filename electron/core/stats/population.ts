/**
 * Members as of a date in a subtree, at county scale. The members row already tells the state of
 * everyone without membership events after the date (see timeline.ts), so the member pass over
 * the in-memory member store (member-store.ts, member-pass.ts) does most of the work; members
 * with later events ("late") are decided in code from their events.
 *
 * The pass groups members by class (in-flags of the dates and leaving class, age class, 预备 and
 * 党龄50年, the date-independent class of member-classes.ts), so a whole dashboard's member figures
 * come from one set of groups; report definitions are then evaluated over the groups in JS. */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { ageOn } from '../../../shared/domain/dates.js';
// Months of 党龄: the member record page shows the same (the member pass agrees).
import { partyMonths } from '../../../shared/domain/member-derived.js';
import { LEFT_CLASSES, MEMBER_FACT_BITS } from '../db/migrations/004-member-facts.js';
import type { SqliteHandle } from '../db/open.js';
import { memberStore, type Slot } from './member-store.js';
import { memberPass, passGroups } from './member-pass.js';
import { MINORITY, bucketOf, codeText, dateText, staticFields } from './member-classes.js';
import { tablesVersion } from './versions.js';
import { ENTERING_EVENTS, MEMBERSHIP_EVENTS, flowsBetween, leavingTerm, prevDay, sortEvents, stateAt, type ChangeTerm, type RowState, type TimelineEvent } from './timeline.js';

const q = (s: string) => `'${s.replace(/'/g, "''")}'`;
const list = (xs: readonly string[]) => `(${xs.map(q).join(',')})`;

export interface Scope {
  /** Path range [lo, hi) of the subtree. */
  lo: string;
  hi: string;
  /** True when the subtree holds every organisation of the ledger (the county): no filter needed. */
  all?: boolean;
}

/** SQL: m is in (by its row) on date d. `d` is a validated ISO day. */
function rowIn(d: string): string {
  return `((CASE WHEN m.left_on IS NOT NULL THEN m.left_on > ${q(d)} ELSE m.status = 'active' END)
    AND (m.joined_on IS NULL OR m.joined_on <= ${q(d)} OR EXISTS (SELECT 1 FROM member_events e WHERE e.member_id = m.id AND e.on_date <= ${q(d)} AND e.kind IN ${list(ENTERING_EVENTS)})))`;
}


/** The member fields report definitions use, exactly (for drill-down and tests). */
export interface MemberFact {
  [field: string]: unknown;
  age: number | null;
  educationBucket: number | null;
  collegeOrAbove: boolean;
  jobCategory: string | null;
  joinedOn: string | null;
  gender: string | null;
  minority: boolean;
  probationary: boolean;
  partyAge50: boolean;
  mobile: boolean;
  lostContact: boolean;
  gridRegistered: boolean;
}

export interface MemberAttrs {
  birthDate: string | null;
  education: string | null;
  jobCategory: string | null;
  joinedOn: string | null;
  confirmedOn: string | null;
  category: string;
  gender: string | null;
  ethnicity: string | null;
  mobile: number;
  lostContact: number;
  gridId: string | null;
  partyAgeAdjustMonths: number;
}

export function memberFact(m: MemberAttrs, d: string): MemberFact {
  const bucket = bucketOf(m.education);
  return {
    age: m.birthDate ? ageOn(m.birthDate, d) : null,
    educationBucket: bucket,
    collegeOrAbove: bucket !== null && bucket <= 3,
    jobCategory: m.jobCategory,
    joinedOn: m.joinedOn,
    gender: m.gender,
    minority: m.ethnicity !== null && MINORITY.has(m.ethnicity),
    probationary: m.confirmedOn !== null ? m.confirmedOn > d : m.category === 'probationary',
    partyAge50: m.confirmedOn !== null && m.confirmedOn <= d && partyMonths(m.confirmedOn, d, m.partyAgeAdjustMonths) >= 600,
    mobile: m.mobile === 1,
    lostContact: m.lostContact === 1,
    gridRegistered: m.gridId !== null,
  };
}

export interface ChangeCounts {
  start: number;
  end: number;
  terms: Record<ChangeTerm, number>;
}

export interface MemberCube {
  facts: (MemberFact & { weight: number })[];
  change: ChangeCounts | null;
}

interface Period {
  from: string;
  to: string;
}

/** A member decided in code: the row, its attributes, and (loaded later) its membership events. */
interface CodeMember extends MemberAttrs, RowState {
  rid: number;
  id: string;
}

/** A member handed to code, from the member store's values (the same values its row holds). */
function codeMember(rid: number, orgId: string, s: Slot): CodeMember {
  const B = MEMBER_FACT_BITS;
  const c = s.c;
  const bit = (at: number) => (c >>> at) & 1;
  const lcv = (c >>> B.leftClass) & 3;
  return {
    rid,
    id: '',
    orgId,
    status: bit(B.active) ? 'active' : 'inactive',
    joinedOn: dateText(s.joined),
    leftOn: dateText(s.left),
    leftReason: lcv === 0 ? null : LEFT_CLASSES[lcv - 1]!,
    birthDate: dateText(s.birth),
    education: codeText((c >>> B.education) & 127, 2),
    jobCategory: codeText((c >>> B.job) & 127, 2),
    confirmedOn: dateText(s.conf),
    category: bit(B.probationary) ? 'probationary' : 'formal',
    gender: codeText(c & 15, 1),
    ethnicity: codeText((c >>> B.ethnicity) & 127, 2),
    mobile: bit(B.mobile),
    lostContact: bit(B.lostContact),
    gridId: bit(B.grid) ? 'grid' : null,
    partyAgeAdjustMonths: s.adj,
  };
}

/** The ids of the subtree's organisations. */
async function orgIdsIn(db: Kysely<DB>, scope: Scope): Promise<Set<string>> {
  return new Set((await sql<{ id: string }>`SELECT id FROM orgs WHERE path >= ${scope.lo} AND path < ${scope.hi}`.execute(db)).rows.map((r) => r.id));
}

const sameSlot = (x: Slot, y: Slot) =>
  x.org === y.org && x.c === y.c && x.adj === y.adj && x.sid === y.sid && x.birth === y.birth && x.joined === y.joined && x.conf === y.conf && x.left === y.left;

/**
 * The grouped members of a subtree on `asOf` (and, with a period, the change counts).
 * `ageThresholds` come from the definitions to be evaluated.
 *
 * The member pass (member-pass.ts, over the member store of member-store.ts) groups everyone whose
 * row tells their state on every date asked about: by the in-flags of the dates and the leaving
 * class, and by age class, 预备/党龄50年 and the date-independent class of member-classes.ts
 * (codes as the definitions use them, 入党时间 class, 流动, 失联, 网格报到).
 * The others are decided in code with the definitions of timeline.ts and memberFact: members with
 * membership events after the earliest date ("late"; found by a range scan of member_events_stats)
 * and the rare rows whose joined_on is after a date without later events (their entering events
 * decide).
 */
export async function memberCube(db: Kysely<DB>, sqlite: SqliteHandle, scope: Scope, asOf: string, period: Period | null, ageThresholds: readonly number[]): Promise<MemberCube> {
  const start = period ? prevDay(period.from) : asOf;
  const end = period ? period.to : asOf;
  const dates = period ? [asOf, start, end] : [asOf];
  const earliest = dates.reduce((a, b) => (a < b ? a : b));
  const thresholds = [...ageThresholds].sort((a, b) => a - b);
  const nAge = thresholds.length + 2;
  const ageRep = (cls: number) => (cls === 0 ? null : cls === 1 ? (thresholds[0] ?? 0) - 1 : thresholds[cls - 2]!);

  // 1. Members with membership events after the earliest date, and those events (kept while
  // member_events is unchanged: a member edit does not reload them).
  const { late, events: lateEvents, rids: lateRids, key: lateKey } = await lateMembers(db, sqlite, earliest);
  // 2. The pass over the store (member-pass.ts): everyone grouped, except the late members and
  // the rare rows only entering events can decide, which are handed to code (step 3).
  const store = memberStore(sqlite);
  const scopeIds = scope.all ? null : await orgIdsIn(db, scope);
  const inScope = (o: string | null) => o !== null && (scopeIds === null || scopeIds.has(o));
  const key = [asOf, start, end, period ? 1 : 0, thresholds.join(','), scope.all ? '*' : `${scope.lo}|${tablesVersion(sqlite, ['orgs'])}`, lateKey].join('|');
  const pass = memberPass(store, { asOf, start, end, earliest, period: period !== null, thresholds, scopeIds, late: lateRids, key });
  const alwaysLow = period ? 7 : 1;
  const rows = passGroups(pass);

  const terms: Record<ChangeTerm, number> = { admitted: 0, transferIn: 0, restored: 0, expelled: 0, transferOut: 0, suspended: 0, deceased: 0 };
  let startN = 0;
  let endN = 0;
  // Members in on asOf by dims (age class, 预备/党龄 class, static class): one fact per dims.
  const inNow = new Map<number, number>();
  for (const [low0, dims, n] of rows) {
    const low = low0 === 0 ? alwaysLow : low0;
    const inStart = (low >> 1) & 1;
    const inEnd = (low >> 2) & 1;
    const grossBit = (low >> 3) & 1;
    const lcv = low >> 4;
    startN += inStart * n;
    endN += inEnd * n;
    if (period) {
      const leaving = leavingTerm(lcv === 0 ? null : LEFT_CLASSES[lcv - 1]!);
      if (!inStart && inEnd) terms.admitted += n;
      if (inStart && !inEnd) terms[leaving] += n;
      if (grossBit && !inStart && !inEnd) {
        terms.admitted += n;
        terms[leaving] += n;
      }
    }
    if (low & 1) inNow.set(dims, (inNow.get(dims) ?? 0) + n);
  }

  // 3. The members decided in code, with their events; what each contributes is kept with the
  // pass while the member's values are unchanged (the pass's key covers dates, scope and events).
  const codedRids = [...pass.coded];
  if (codedRids.length) {
    let kept = codedKept.get(pass);
    if (!kept) codedKept.set(pass, (kept = new Map()));
    const todo = codedRids.filter((rid) => {
      const k = kept.get(rid);
      return !(k && sameSlot(k.slot, store.slot(rid)!));
    });
    if (todo.length) {
      const idOf = new Map(late.map((r) => [r.rid, r.id]));
      const needIds = todo.filter((r) => !idOf.has(r));
      for (let i = 0; i < needIds.length; i += 5000) {
        const part = JSON.stringify(needIds.slice(i, i + 5000));
        for (const r of (await sql<{ rid: number; id: string }>`SELECT rowid AS rid, id FROM members WHERE rowid IN (SELECT value FROM json_each(${part}))`.execute(db)).rows) idOf.set(r.rid, r.id);
      }
      const coded = todo.map((rid) => {
        const slot = store.slot(rid)!;
        const m = codeMember(rid, store.orgIds[slot.org]!, slot);
        m.id = idOf.get(rid)!;
        return m;
      });
      const others = await loadEvents(db, coded.filter((c) => !lateEvents.has(c.id)).map((c) => c.id));
      for (const c of coded) {
        const evs = lateEvents.get(c.id) ?? others.get(c.id) ?? [];
        let now = -1;
        if (inScope(stateAt(c, evs, asOf))) {
          const f = memberFact(c, asOf);
          // The same class the pass gives: thresholds are the definitions' age boundaries.
          const ageCls = f.age === null ? 0 : 1 + thresholds.filter((t) => t <= f.age!).length;
          now = ageCls + nAge * ((f.probationary ? 1 : 0) + (f.partyAge50 ? 2 : 0) + 4 * store.sid[c.rid]!);
        }
        kept.set(c.rid, {
          slot: store.slot(c.rid)!,
          now,
          start: period && inScope(stateAt(c, evs, start)) ? 1 : 0,
          end: period && inScope(stateAt(c, evs, end)) ? 1 : 0,
          flows: period ? flowsBetween(c, evs, period.from, period.to, inScope).map((f) => f.term) : [],
        });
      }
    }
    for (const rid of codedRids) {
      const k = kept.get(rid)!;
      if (k.now >= 0) inNow.set(k.now, (inNow.get(k.now) ?? 0) + 1);
      startN += k.start;
      endN += k.end;
      for (const t of k.flows) terms[t] += 1;
    }
  }

  const facts: (MemberFact & { weight: number })[] = [];
  for (const [dims, n] of inNow) {
    const ac = dims % nAge;
    const rest = Math.floor(dims / nAge);
    const cc = rest % 4;
    facts.push({
      weight: n,
      age: ageRep(ac),
      probationary: (cc & 1) === 1,
      partyAge50: (cc & 2) === 2,
      ...staticFields(store.statics[Math.floor(rest / 4)]!),
    });
  }
  return { facts, change: period ? { start: startN, end: endN, terms } : null };
}

/** What a member decided in code contributes, with the values it was decided from. */
interface CodedContribution {
  slot: Slot;
  /** Its dims when in the subtree on asOf, else -1. */
  now: number;
  start: number;
  end: number;
  flows: ChangeTerm[];
}
const codedKept = new WeakMap<object, Map<number, CodedContribution>>();

interface Late {
  key: string;
  late: { rid: number; id: string }[];
  rids: ReadonlySet<number>;
  events: Map<string, TimelineEvent[]>;
}
const lateCache = new WeakMap<SqliteHandle, Late>();

/** Members with membership events after `after` (from member_events_stats) and all their membership events. */
async function lateMembers(db: Kysely<DB>, sqlite: SqliteHandle, after: string): Promise<Late> {
  const key = `${after}|${tablesVersion(sqlite, ['member_events'])}`;
  const hit = lateCache.get(sqlite);
  if (hit?.key === key) return hit;
  const late = (await sql<{ rid: number; id: string }>`
    SELECT m.rowid AS rid, m.id FROM members m WHERE m.id IN (
      SELECT member_id FROM member_events INDEXED BY member_events_stats WHERE on_date > ${after} AND kind IN (${sql.join(MEMBERSHIP_EVENTS)}))`.execute(db)).rows;
  const entry = { key, late, rids: new Set(late.map((r) => r.rid)), events: await loadEvents(db, late.map((r) => r.id)) };
  lateCache.set(sqlite, entry);
  return entry;
}

/** For the bench and tests: the next pass reads the late members again. */
export function forgetLateMembers(sqlite: SqliteHandle): void {
  lateCache.delete(sqlite);
}

/** Every membership event of the given members, sorted (timeline.ts order). */
async function loadEvents(db: Kysely<DB>, ids: readonly string[]): Promise<Map<string, TimelineEvent[]>> {
  const out = new Map<string, TimelineEvent[]>();
  const evs = await sql<TimelineEvent & { memberId: string }>`
    SELECT e.member_id, e.kind, e.on_date, e.org_id, e.created_at, e.id FROM member_events e
    WHERE e.member_id IN (SELECT value FROM json_each(${JSON.stringify(ids)})) AND e.kind IN (${sql.join(MEMBERSHIP_EVENTS)})`.execute(db);
  for (const e of evs.rows) {
    let l = out.get(e.memberId);
    if (!l) out.set(e.memberId, (l = []));
    l.push({ kind: e.kind, onDate: e.onDate, orgId: e.orgId, createdAt: e.createdAt, id: e.id });
  }
  for (const l of out.values()) sortEvents(l);
  return out;
}

export async function loadTimelines(db: Kysely<DB>, idsJson: string): Promise<Map<string, { row: RowState; events: TimelineEvent[] }>> {
  const rows = await sql<RowState & { id: string }>`
    SELECT m.id, m.org_id, m.status, m.joined_on, m.left_on, m.left_reason FROM json_each(${idsJson}) j JOIN members m ON m.id = j.value`.execute(db);
  const out = new Map<string, { row: RowState; events: TimelineEvent[] }>();
  for (const r of rows.rows) out.set(r.id, { row: { orgId: r.orgId, status: r.status, joinedOn: r.joinedOn, leftOn: r.leftOn, leftReason: r.leftReason }, events: [] });
  const evs = await sql<TimelineEvent & { memberId: string }>`
    SELECT e.member_id, e.kind, e.on_date, e.org_id, e.created_at, e.id FROM json_each(${idsJson}) j
    JOIN member_events e ON e.member_id = j.value WHERE e.kind IN (${sql.join(MEMBERSHIP_EVENTS)})`.execute(db);
  for (const e of evs.rows) out.get(e.memberId)?.events.push({ kind: e.kind, onDate: e.onDate, orgId: e.orgId, createdAt: e.createdAt, id: e.id });
  for (const t of out.values()) sortEvents(t.events);
  return out;
}

/**
 * Exact list mode (drill-down): every member in the subtree on `d` with their attributes; slower
 * than the grouped pass, same definition.
 */
export async function membersAt(db: Kysely<DB>, scope: Scope, d: string): Promise<(MemberAttrs & { id: string; orgId: string })[]> {
  const cols = `m.id, m.org_id, m.birth_date, m.education, m.job_category, m.joined_on, m.confirmed_on, m.category, m.gender, m.ethnicity, m.mobile, m.lost_contact, m.grid_id, m.party_age_adjust_months`;
  const rows = await sql<MemberAttrs & { id: string; orgId: string }>`
    SELECT ${sql.raw(cols)} FROM orgs o JOIN members m ON m.org_id = o.id
    WHERE o.path >= ${scope.lo} AND o.path < ${scope.hi} AND ${sql.raw(rowIn(d))}
      AND m.id NOT IN (SELECT member_id FROM member_events WHERE on_date > ${d} AND kind IN (${sql.join(MEMBERSHIP_EVENTS)}))`.execute(db);
  const late = await sql<{ memberId: string }>`SELECT DISTINCT member_id FROM member_events WHERE on_date > ${d} AND kind IN (${sql.join(MEMBERSHIP_EVENTS)})`.execute(db);
  const out = rows.rows;
  if (late.rows.length > 0) {
    const ids = JSON.stringify(late.rows.map((r) => r.memberId));
    const inScope = await orgIdsIn(db, scope);
    const timelines = await loadTimelines(db, ids);
    const inIds: Record<string, string> = {};
    for (const [id, t] of timelines) {
      const o = stateAt(t.row, t.events, d);
      if (o !== null && inScope.has(o)) inIds[id] = o;
    }
    const extra = await sql<MemberAttrs & { id: string; orgId: string }>`
      SELECT ${sql.raw(cols)} FROM json_each(${JSON.stringify(Object.keys(inIds))}) j JOIN members m ON m.id = j.value`.execute(db);
    for (const r of extra.rows) out.push({ ...r, orgId: inIds[r.id]! });
  }
  return out;
}

/** Exact list mode for the change identity: who counts under which term. */
export async function changeList(db: Kysely<DB>, scope: Scope, period: Period): Promise<{ memberId: string; term: ChangeTerm | 'start' | 'end' }[]> {
  const start = prevDay(period.from);
  const out: { memberId: string; term: ChangeTerm | 'start' | 'end' }[] = [];
  for (const m of await membersAt(db, scope, start)) out.push({ memberId: m.id, term: 'start' });
  for (const m of await membersAt(db, scope, period.to)) out.push({ memberId: m.id, term: 'end' });
  const late = await sql<{ memberId: string }>`SELECT DISTINCT member_id FROM member_events WHERE on_date > ${start} AND kind IN (${sql.join(MEMBERSHIP_EVENTS)})`.execute(db);
  const lateIds = late.rows.map((r) => r.memberId);
  const row = await sql<{ id: string; inS: number; inE: number; gross: number; leftReason: string | null }>`
    SELECT m.id, ${sql.raw(rowIn(start))} AS in_s, ${sql.raw(rowIn(period.to))} AS in_e,
      coalesce(m.joined_on > ${start} AND m.left_on <= ${period.to} AND m.joined_on < m.left_on, 0) AS gross, m.left_reason
    FROM orgs o JOIN members m ON m.org_id = o.id
    WHERE o.path >= ${scope.lo} AND o.path < ${scope.hi}
      AND m.id NOT IN (SELECT value FROM json_each(${JSON.stringify(lateIds)}))
      AND ((m.joined_on > ${start} AND m.joined_on <= ${period.to}) OR (m.left_on > ${start} AND m.left_on <= ${period.to}))`.execute(db);
  for (const r of row.rows) {
    if (!r.inS && r.inE) out.push({ memberId: r.id, term: 'admitted' });
    if (r.inS && !r.inE) out.push({ memberId: r.id, term: leavingTerm(r.leftReason) });
    if (r.gross && !r.inS && !r.inE) out.push({ memberId: r.id, term: 'admitted' }, { memberId: r.id, term: leavingTerm(r.leftReason) });
  }
  if (lateIds.length > 0) {
    const inScope = await orgIdsIn(db, scope);
    for (const [id, t] of await loadTimelines(db, JSON.stringify(lateIds))) {
      for (const f of flowsBetween(t.row, t.events, period.from, period.to, (o) => o !== null && inScope.has(o))) out.push({ memberId: id, term: f.term });
    }
  }
  return out;
}
