/**
 * Members as of a date in a subtree, at county scale. The members row already tells the state of
 * everyone without membership events after the date (see timeline.ts), so one pass over the
 * `members_facts` index (integers, migration 004) does most of the work; members with later events ("late") are
 * corrected in code: their row-based contribution is taken out and their event-based one put in.
 *
 * The pass groups members by one packed integer (age class, education, job, 入党时间 class,
 * gender, flags, and the change flags of a period), so a whole dashboard's member figures come
 * from one grouped query; report definitions are then evaluated over the groups in JS.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { ETHNICITY, EDUCATION } from '../../../shared/codes/tables.js';
import { JOIN_BANDS } from '../../../shared/reports/bands.js';
import { addMonths, addYears, ageOn } from '../../../shared/domain/dates.js';
import { FACT_A, FACT_B, FACT_C, LEFT_CLASSES, MEMBER_FACT_BITS } from '../db/migrations/004-member-facts.js';
import { ENTERING_EVENTS, MEMBERSHIP_EVENTS, flowsBetween, leavingTerm, prevDay, sortEvents, stateAt, type ChangeTerm, type RowState, type TimelineEvent } from './timeline.js';

const q = (s: string) => `'${s.replace(/'/g, "''")}'`;
const list = (xs: readonly string[]) => `(${xs.map(q).join(',')})`;
const MINORITY_CODES = ETHNICITY.map((e) => e.code).filter((c) => c !== '01');
const BUCKET: ReadonlyMap<string, number> = new Map(EDUCATION.filter((e) => e.bucket !== undefined).map((e) => [e.code, e.bucket!]));

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

/** Months of 党龄 on d: from confirmed_on, adjusted by party_age_adjust_months (the member pass agrees). */
export function partyMonths(confirmedOn: string, d: string, adjust: number): number {
  const day = confirmedOn.slice(8, 10);
  return Number(d.slice(0, 4)) * 12 + Number(d.slice(5, 7)) - (Number(confirmedOn.slice(0, 4)) * 12 + Number(confirmedOn.slice(5, 7))) - (d.slice(8, 10) < day ? 1 : 0) + adjust;
}

/** The member fields report definitions use, exactly (for drill-down and tests). */
export interface MemberFact {
  [field: string]: unknown;
  age: number | null;
  education: string | null;
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

const MINORITY: ReadonlySet<string> = new Set(MINORITY_CODES);
export function memberFact(m: MemberAttrs, d: string): MemberFact {
  const bucket = m.education ? (BUCKET.get(m.education) ?? null) : null;
  return {
    age: m.birthDate ? ageOn(m.birthDate, d) : null,
    education: m.education,
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

/** The text of a code packed by codeInt (migration 004); a value of another shape is no code. */
function codeText(v: number, width: number): string | null {
  if (v === 0) return null;
  if (v === 10 ** width + 1) return '\u0000other';
  return String(v - 1).padStart(width, '0');
}
/** The ISO text of a date packed by dateInt (migration 004). */
function dateText(v: number): string | null {
  if (v === 0) return null;
  const s = String(v).padStart(8, '0');
  return s.slice(4, 6) === '00' ? s.slice(0, 4) : s.slice(6, 8) === '00' ? `${s.slice(0, 4)}-${s.slice(4, 6)}` : `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}`;
}
/** A member handed to code, from its members_facts fields (the same values its row holds). */
function codeMember(rid: number, orgId: string, a: number, b: number, c: number, adj: number): CodeMember {
  const f = (name: keyof typeof MEMBER_FACT_BITS, bits = 1) => Math.floor(c / 2 ** MEMBER_FACT_BITS[name]) % 2 ** bits;
  const lcv = f('leftClass', 2);
  return {
    rid,
    id: '',
    orgId,
    status: f('active') ? 'active' : 'inactive',
    joinedOn: dateText(a % 100000000),
    leftOn: dateText(b % 100000000),
    leftReason: lcv === 0 ? null : LEFT_CLASSES[lcv - 1]!,
    birthDate: dateText(Math.floor(a / 100000000)),
    education: codeText(f('education', 7), 2),
    jobCategory: codeText(f('job', 7), 2),
    confirmedOn: dateText(Math.floor(b / 100000000)),
    category: f('probationary') ? 'probationary' : 'formal',
    gender: codeText(f('gender', 4), 1),
    ethnicity: codeText(f('ethnicity', 7), 2),
    mobile: f('mobile'),
    lostContact: f('lostContact'),
    gridId: f('grid') ? 'grid' : null,
    partyAgeAdjustMonths: adj,
  };
}

/** Rows as arrays in the order of the select list. */
async function sqliteRows<T extends unknown[]>(db: Kysely<DB>, text: string): Promise<T[]> {
  return (await sql.raw<Record<string, unknown>>(text).execute(db)).rows.map((r) => Object.values(r) as T);
}
/** An ISO day (or month, year) as the yyyymmdd integer migration 004 stores. */
const dateInt = (d: string) => Number((d.replace(/-/g, '') + '0000').slice(0, 8));

/** The organisation ids of a subtree, or null when the subtree holds every organisation. */
async function scopeTest(db: Kysely<DB>, scope: Scope): Promise<(orgId: string | null) => boolean> {
  if (scope.all) return (o) => o !== null;
  const ids = new Set((await sql<{ id: string }>`SELECT id FROM orgs WHERE path >= ${scope.lo} AND path < ${scope.hi}`.execute(db)).rows.map((r) => r.id));
  return (o) => o !== null && ids.has(o);
}

/**
 * The grouped members of a subtree on `asOf` (and, with a period, the change counts).
 * `ageThresholds` come from the definitions to be evaluated.
 *
 * One pass over the members_facts index groups everyone whose row tells their state on every date
 * asked about, by one packed integer (in-flags of the dates, leaving class, age class, 入党时间
 * class, 预备, 党龄50年, and the packed gender, ethnicity, education, job, 流动, 失联, 网格报到),
 * all computed with integer arithmetic.
 * The others are decided in code with the definitions of timeline.ts and memberFact: members with
 * membership events after the earliest date ("late"; found by a range scan of member_events_stats)
 * and the rare rows whose joined_on is after a date without later events (their entering events
 * decide): the pass hands them over one by one with their packed fields, so no members row is read.
 */
export async function memberCube(db: Kysely<DB>, scope: Scope, asOf: string, period: Period | null, ageThresholds: readonly number[]): Promise<MemberCube> {
  const start = period ? prevDay(period.from) : asOf;
  const end = period ? period.to : asOf;
  const dates = period ? [asOf, start, end] : [asOf];
  const earliest = dates.reduce((a, b) => (a < b ? a : b));
  const thresholds = [...ageThresholds].sort((a, b) => a - b);
  const nAge = thresholds.length + 2;
  const nJoin = JOIN_BANDS.length + 1;
  const joinRep = (cls: number) => (cls === 0 ? null : ((JOIN_BANDS[cls - 1]!.where as { min?: string }).min ?? '0000-00'));
  const ageRep = (cls: number) => (cls === 0 ? null : cls === 1 ? (thresholds[0] ?? 0) - 1 : thresholds[cls - 2]!);

  // 1. Members with membership events after the earliest date: rowid and id, from the id index.
  const late = (await sql<{ rid: number; id: string }>`
    SELECT m.rowid AS rid, m.id FROM members m WHERE m.id IN (
      SELECT member_id FROM member_events INDEXED BY member_events_stats WHERE on_date > ${earliest} AND kind IN (${sql.join(MEMBERSHIP_EVENTS)}))`.execute(db)).rows;

  // 2. One pass over members_facts (integers, see migration 004): everyone grouped by one packed
  // key, except the late members and the rare rows only entering events can decide, which come
  // back one by one (negative key: -rowid) with their packed fields.
  const D = dateInt(asOf);
  const joined = '(a % 100000000)';
  const conf = '(b / 100000000)';
  const lft = '(b % 100000000)';
  const bit = (name: keyof typeof MEMBER_FACT_BITS) => `((c >> ${MEMBER_FACT_BITS[name]}) & 1)`;
  const lc = `(c >> ${MEMBER_FACT_BITS.leftClass})`;
  // gender, ethnicity, education, job (bits 0..24) and mobile, lost contact, grid (27..29 → 25..27).
  const codes = `((c & ${2 ** 25 - 1}) | ((c >> 2) & ${7 * 2 ** 25}))`;
  const live = (d: number) => `(${lft} > ${d} OR (${lft} = 0 AND ${bit('active')}))`;
  const rowIn = (d: number) => `(${live(d)} AND ${joined} <= ${d})`;
  // birth <= N is a < (N + 1) * 10^8 (a is a non-negative integer): no division per threshold.
  const ageCls = `(a >= 100000000) * (1${thresholds.map((t) => ` + (a < ${(dateInt(addYears(asOf, -t)) + 1) * 100000000})`).join('')})`;
  const joinMax = JOIN_BANDS.map((b) => (b.where as { max?: string }).max).filter((x): x is string => x !== undefined);
  const joinCls = `(${joined} > 0) * (1${joinMax.map((m) => ` + (${joined} > ${dateInt(m)})`).join('')})`;
  const y = Number(asOf.slice(0, 4));
  const mo = Number(asOf.slice(5, 7));
  const months = `(${y * 12 + mo} - ((${conf} / 10000) * 12 + (${conf} / 100) % 100) - (${Number(asOf.slice(8, 10))} < ${conf} % 100) + adj)`;
  // 预备 (1) and 党龄 ≥ 50 years (2).
  const confCls = `(CASE WHEN ${conf} = 0 THEN ${bit('probationary')} WHEN ${conf} > ${D} THEN 1
      WHEN adj = 0 THEN 2 * (${conf} <= ${dateInt(addMonths(asOf, -600))}) ELSE 2 * (${months} >= 600) END)`;
  const dims = `(${ageCls} + ${nAge} * (${joinCls} + ${nJoin} * (${confCls} + 4 * ${codes})))`;
  const S = dateInt(start);
  const E = dateInt(end);
  const X = dateInt(earliest);
  const flags = period ? `(2 * ${rowIn(S)} + 4 * ${rowIn(E)} + 8 * (${joined} > ${S} AND ${lft} <= ${E} AND ${joined} < ${lft}) + 16 * ${lc})` : '0';
  const always = `${lft} = 0 AND ${bit('active')} AND ${joined} <= ${X}`;
  const unsure = [...new Set([D, S, E])].map((d) => `(${live(d)} AND ${joined} > ${d})`).join(' OR ');
  const lateSet = `(SELECT value FROM json_each(${q(JSON.stringify(late.map((r) => r.rid)))}))`;
  const lateTest = late.length ? `WHEN rid IN ${lateSet} THEN -rid` : '';
  const key = `CASE ${lateTest} WHEN ${always} THEN ${period ? 7 : 1} + 64 * ${dims}
    WHEN ${joined} > ${X} AND (${unsure}) THEN -rid
    WHEN ${rowIn(D)} THEN 1 + ${flags} + 64 * ${dims} ELSE ${flags} END`;
  // A late member may have been in the subtree on a date whatever its row's organisation now.
  const where = scope.all ? '' : `WHERE org_id IN (SELECT id FROM orgs WHERE path >= ${q(scope.lo)} AND path < ${q(scope.hi)})${late.length ? ` OR rowid IN ${lateSet}` : ''}`;
  // Each LIMIT -1 keeps its query a co-routine: the index's values are read once per row, and the
  // sorter holds the key alone; the members handed to code (unique negative keys) are read back
  // by rowid afterwards.
  const rows = await sqliteRows<[number, number]>(db, `
    SELECT k, count(*) AS n FROM (
      SELECT ${key} AS k FROM (
        SELECT rowid AS rid, ${FACT_A} AS a, ${FACT_B} AS b, ${FACT_C} AS c, party_age_adjust_months AS adj
        FROM members INDEXED BY members_facts ${where} LIMIT -1) LIMIT -1)
    GROUP BY k`);

  // The members decided in code: their packed fields (the values members_facts holds) and ids.
  // A few are read from their rows by rowid; many (the late members of a period) from one more
  // scan of members_facts, which costs less than as many reads of wide rows.
  const codedRids = rows.filter(([k]) => k < 0).map(([k]) => -k);
  const coded: CodeMember[] = [];
  if (codedRids.length) {
    const idOf = new Map(late.map((r) => [r.rid, r.id]));
    const ridList = `(SELECT value FROM json_each(${q(JSON.stringify(codedRids))}))`;
    const few = codedRids.length <= 200;
    const fields = await sqliteRows<[number, string, number, number, number, number, string | null]>(db, `
      SELECT rowid AS rid, org_id AS o, ${FACT_A} AS a, ${FACT_B} AS b, ${FACT_C} AS c, party_age_adjust_months AS adj${few ? ', id' : ', NULL AS id'}
      FROM members ${few ? '' : 'INDEXED BY members_facts '}WHERE rowid IN ${ridList}`);
    const needIds = few ? [] : codedRids.filter((r) => !idOf.has(r));
    if (needIds.length) {
      for (const r of (await sql<{ rid: number; id: string }>`SELECT rowid AS rid, id FROM members WHERE rowid IN (SELECT value FROM json_each(${JSON.stringify(needIds)}))`.execute(db)).rows) idOf.set(r.rid, r.id);
    }
    for (const [rid, o, a, b, c, adj, id] of fields) {
      const m = codeMember(rid, o, a, b, c, adj);
      m.id = id ?? idOf.get(rid)!;
      coded.push(m);
    }
  }

  const terms: Record<ChangeTerm, number> = { admitted: 0, transferIn: 0, restored: 0, expelled: 0, transferOut: 0, suspended: 0, deceased: 0 };
  let startN = 0;
  let endN = 0;
  const facts: (MemberFact & { weight: number })[] = [];
  for (const [key0, n] of rows) {
    if (key0 < 0) continue;
    let k = key0;
    const inNow = k % 2;
    k = Math.floor(k / 2);
    const inStart = k % 2;
    k = Math.floor(k / 2);
    const inEnd = k % 2;
    k = Math.floor(k / 2);
    const grossBit = k % 2;
    k = Math.floor(k / 2);
    const lcv = k % 4;
    k = Math.floor(k / 4);
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
    if (!inNow) continue;
    const ac = k % nAge;
    k = Math.floor(k / nAge);
    const jc = k % nJoin;
    k = Math.floor(k / nJoin);
    const cc = k % 4;
    k = Math.floor(k / 4);
    // k: the codes as packed above (flags shifted down by two).
    const education = codeText(Math.floor(k / 2 ** MEMBER_FACT_BITS.education) % 128, 2);
    const ethnicity = codeText(Math.floor(k / 2 ** MEMBER_FACT_BITS.ethnicity) % 128, 2);
    const flagsHi = Math.floor(k / 2 ** 25);
    const bucket = education ? (BUCKET.get(education) ?? null) : null;
    facts.push({
      weight: n,
      age: ageRep(ac),
      education,
      educationBucket: bucket,
      collegeOrAbove: bucket !== null && bucket <= 3,
      jobCategory: codeText(Math.floor(k / 2 ** MEMBER_FACT_BITS.job) % 128, 2),
      joinedOn: joinRep(jc),
      gender: codeText(k % 16, 1),
      minority: ethnicity !== null && MINORITY.has(ethnicity),
      probationary: (cc & 1) === 1,
      partyAge50: (cc & 2) === 2,
      mobile: (flagsHi & 1) === 1,
      lostContact: (flagsHi & 2) === 2,
      gridRegistered: (flagsHi & 4) === 4,
    });
  }

  // 3. The members decided in code.
  if (coded.length) {
    const inS = await scopeTest(db, scope);
    const events = await loadEvents(db, coded.map((c) => c.id));
    for (const c of coded) {
      const evs = events.get(c.id) ?? [];
      if (inS(stateAt(c, evs, asOf))) facts.push({ weight: 1, ...memberFact(c, asOf) });
      if (!period) continue;
      startN += inS(stateAt(c, evs, start)) ? 1 : 0;
      endN += inS(stateAt(c, evs, end)) ? 1 : 0;
      for (const f of flowsBetween(c, evs, period.from, period.to, inS)) terms[f.term] += 1;
    }
  }
  return { facts, change: period ? { start: startN, end: endN, terms } : null };
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
    const inScope = new Set((await sql<{ id: string }>`SELECT id FROM orgs WHERE path >= ${scope.lo} AND path < ${scope.hi}`.execute(db)).rows.map((r) => r.id));
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
    const inScope = new Set((await sql<{ id: string }>`SELECT id FROM orgs WHERE path >= ${scope.lo} AND path < ${scope.hi}`.execute(db)).rows.map((r) => r.id));
    for (const [id, t] of await loadTimelines(db, JSON.stringify(lateIds))) {
      for (const f of flowsBetween(t.row, t.events, period.from, period.to, (o) => o !== null && inScope.has(o))) out.push({ memberId: id, term: f.term });
    }
  }
  return out;
}
