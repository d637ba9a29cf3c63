/**
 * Members as of a date in a subtree, at county scale. The members row already tells the state of
 * everyone without membership events after the date (see timeline.ts), so one pass over the
 * `members_stats` covering index does most of the work; members with later events ("late") are
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

/** Months of 党龄 on d: from confirmed_on, adjusted by party_age_adjust_months (SQL and JS agree). */
function partyMonthsSql(d: string): string {
  const y = Number(d.slice(0, 4));
  const mo = Number(d.slice(5, 7));
  return `(${y * 12 + mo} - (CAST(substr(m.confirmed_on,1,4) AS INTEGER)*12 + CAST(substr(m.confirmed_on,6,2) AS INTEGER)) - (${q(d.slice(8, 10))} < substr(m.confirmed_on,9,2)) + m.party_age_adjust_months)`;
}
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

/** Age classes: boundaries every member definition uses, so a class is uniform for each band. */
function ageClassSql(d: string, thresholds: readonly number[]): { sql: string; rep: (cls: number) => number | null } {
  const parts = thresholds.map((t, i) => `WHEN m.birth_date > ${q(addYears(d, -t))} THEN ${i + 1}`);
  const sqlText = `CASE WHEN m.birth_date IS NULL THEN 0 ${parts.join(' ')} ELSE ${thresholds.length + 1} END`;
  return { sql: sqlText, rep: (cls) => (cls === 0 ? null : cls === 1 ? (thresholds[0] ?? 0) - 1 : thresholds[cls - 2]!) };
}

/** 入党时间 classes: the JOIN_BANDS ranges in order; the representative is each band's lower end. */
function joinClassSql(): { sql: string; rep: (cls: number) => string | null } {
  const reps: string[] = [];
  const parts = JOIN_BANDS.map((b, i) => {
    const w = b.where as { min?: string; max?: string };
    reps.push(w.min ?? '0000-00');
    return w.max ? `WHEN m.joined_on <= ${q(w.max)} THEN ${i + 1}` : `ELSE ${i + 1}`;
  });
  return { sql: `CASE WHEN m.joined_on IS NULL THEN 0 ${parts.join(' ')} END`, rep: (cls) => (cls === 0 ? null : reps[cls - 1]!) };
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

/** SQL: m is live on d by its row (not left by then). Written as the members_cube index names it. */
const liveSql = (d: string) => `(CASE WHEN m.left_on IS NOT NULL THEN m.left_on > ${q(d)} ELSE m.status = 'active' END)`;
/** SQL: m is in on d by its row alone, for members whose joined_on does not need their events. */
const rowInSql = (d: string) => `(${liveSql(d)} AND (m.joined_on IS NULL OR m.joined_on <= ${q(d)}))`;

/** A member decided in code: the row, its attributes, and (loaded later) its membership events. */
interface CodeMember extends MemberAttrs, RowState {
  rid: number;
  id: string;
}
const CODE_COLS = `m.rowid AS rid, m.id, m.org_id, m.status, m.joined_on, m.left_on, m.left_reason, m.birth_date, m.education, m.job_category, m.confirmed_on, m.category, m.gender, m.ethnicity, m.mobile, m.lost_contact, m.grid_id, m.party_age_adjust_months`;

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
 * One pass over the members_cube index groups everyone whose row tells their state on every date
 * asked about, by a packed integer (in-flags of the dates, leaving class, age class, 入党时间
 * class, 预备, 党龄50年, 流动, 失联, 网格报到) and the raw gender, ethnicity, education and job codes.
 * The others are decided in code with the definitions of timeline.ts and memberFact: members with
 * membership events after the earliest date ("late"; found by a range scan of member_events_stats)
 * and the rare rows whose joined_on is after a date without later events (their entering events
 * decide, so the pass hands them over by rowid).
 */
export async function memberCube(db: Kysely<DB>, scope: Scope, asOf: string, period: Period | null, ageThresholds: readonly number[]): Promise<MemberCube> {
  const start = period ? prevDay(period.from) : asOf;
  const end = period ? period.to : asOf;
  const dates = period ? [asOf, start, end] : [asOf];
  const earliest = dates.reduce((a, b) => (a < b ? a : b));
  const age = ageClassSql(asOf, ageThresholds);
  const join = joinClassSql();
  const nAge = ageThresholds.length + 2;
  const nJoin = JOIN_BANDS.length + 1;

  // 1. Members with membership events after the earliest date: their rows, by id.
  const lateIds = (await sql<{ memberId: string }>`
    SELECT DISTINCT member_id FROM member_events INDEXED BY member_events_stats
    WHERE on_date > ${earliest} AND kind IN (${sql.join(MEMBERSHIP_EVENTS)})`.execute(db)).rows.map((r) => r.memberId);
  const coded: CodeMember[] = lateIds.length
    ? (await sql<CodeMember>`SELECT ${sql.raw(CODE_COLS)} FROM members m WHERE m.id IN (SELECT value FROM json_each(${JSON.stringify(lateIds)}))`.execute(db)).rows
    : [];

  // 2. Everyone else, grouped.
  const inD = rowInSql(asOf);
  // 预备 (bit 1) and 党龄 ≥ 50 years (bit 2) from confirmed_on in one CASE.
  const confirmed = `CASE WHEN m.confirmed_on IS NULL THEN (m.category = 'probationary') WHEN m.confirmed_on > ${q(asOf)} THEN 1
      WHEN m.party_age_adjust_months = 0 THEN 2 * (m.confirmed_on <= ${q(addMonths(asOf, -600))}) ELSE 2 * (${partyMonthsSql(asOf)} >= 600) END`;
  const dims = `(${age.sql}) + ${nAge} * ((${join.sql}) + ${nJoin} * ((${confirmed}) + 4 * ((m.mobile = 1) + 2 * ((m.lost_contact = 1) + 2 * (m.grid_id IS NOT NULL)))))`;
  const leftClass = `(CASE m.left_reason WHEN 'transfer-out' THEN 1 WHEN 'suspended' THEN 2 WHEN 'deceased' THEN 3 ELSE 0 END)`;
  const flags = period
    ? `2 * ${rowInSql(start)} + 4 * ${rowInSql(end)} + 8 * coalesce(m.joined_on > ${q(start)} AND m.left_on <= ${q(end)} AND m.joined_on < m.left_on, 0) + 16 * ${leftClass}`
    : '0';
  // Most members: not left, joined by the earliest date, so in on every date (the leaving class
  // and the joined-and-left bit only matter for someone out on one of the dates).
  // (Compared as a value, so SQLite reads it from members_cube; as a bare condition it would read the row.)
  const always = `m.left_on IS NULL AND (m.status = 'active') = 1 AND (m.joined_on IS NULL OR m.joined_on <= ${q(earliest)})`;
  // Live on a date but joined after it: only entering events can say (rare; decided in code).
  const unsure = [...new Set(dates)].map((d) => `(${liveSql(d)} AND m.joined_on > ${q(d)})`).join(' OR ');
  const key = `CASE WHEN ${always} THEN ${period ? 7 : 1} + 64 * (${dims})
    WHEN m.joined_on > ${q(earliest)} AND (${unsure}) THEN -m.rowid
    WHEN ${inD} THEN 1 + ${flags} + 64 * (${dims}) ELSE ${flags} END`;
  const where = [
    scope.all ? null : `m.org_id IN (SELECT id FROM orgs WHERE path >= ${q(scope.lo)} AND path < ${q(scope.hi)})`,
    coded.length ? `m.rowid NOT IN (SELECT value FROM json_each(${q(JSON.stringify(coded.map((c) => c.rid)))}))` : null,
  ].filter((x) => x !== null);
  // LIMIT -1 keeps the inner query a co-routine, so the sorter holds only the key and the codes.
  const main = await sql<{ k: number; gender: string | null; ethnicity: string | null; education: string | null; jobCategory: string | null; n: number }>`
    SELECT k, gender, ethnicity, education, job_category, count(*) AS n FROM (
      SELECT ${sql.raw(key)} AS k, m.gender, m.ethnicity, m.education, m.job_category
      FROM members m INDEXED BY members_cube ${sql.raw(where.length ? `WHERE ${where.join(' AND ')}` : '')} LIMIT -1)
    GROUP BY k, gender, ethnicity, education, job_category`.execute(db);

  const unsureRids = main.rows.filter((r) => r.k < 0).map((r) => -r.k);
  if (unsureRids.length) {
    coded.push(...(await sql<CodeMember>`SELECT ${sql.raw(CODE_COLS)} FROM members m WHERE m.rowid IN (SELECT value FROM json_each(${JSON.stringify(unsureRids)}))`.execute(db)).rows);
  }

  const terms: Record<ChangeTerm, number> = { admitted: 0, transferIn: 0, restored: 0, expelled: 0, transferOut: 0, suspended: 0, deceased: 0 };
  let startN = 0;
  let endN = 0;
  const facts: (MemberFact & { weight: number })[] = [];
  for (const r of main.rows) {
    if (r.k < 0) continue;
    const n = r.n;
    let k = r.k;
    const inNow = k % 2;
    k = Math.floor(k / 2);
    const inStart = k % 2;
    k = Math.floor(k / 2);
    const inEnd = k % 2;
    k = Math.floor(k / 2);
    const grossBit = k % 2;
    k = Math.floor(k / 2);
    const lc = k % 4;
    k = Math.floor(k / 4);
    startN += inStart * n;
    endN += inEnd * n;
    if (period) {
      const leaving = leavingTerm(lc === 1 ? 'transfer-out' : lc === 2 ? 'suspended' : lc === 3 ? 'deceased' : null);
      if (!inStart && inEnd) terms.admitted += n;
      if (inStart && !inEnd) terms[leaving] += n;
      if (grossBit && !inStart && !inEnd) {
        terms.admitted += n;
        terms[leaving] += n;
      }
    }
    if (!inNow) continue;
    const ageCls = k % nAge;
    k = Math.floor(k / nAge);
    const jc = k % nJoin;
    k = Math.floor(k / nJoin);
    const bits = [0, 1, 2, 3, 4].map(() => {
      const b = k % 2;
      k = Math.floor(k / 2);
      return b === 1;
    });
    const bucket = r.education ? (BUCKET.get(r.education) ?? null) : null;
    facts.push({
      weight: n,
      age: age.rep(ageCls),
      education: r.education,
      educationBucket: bucket,
      collegeOrAbove: bucket !== null && bucket <= 3,
      jobCategory: r.jobCategory,
      joinedOn: join.rep(jc),
      gender: r.gender,
      minority: r.ethnicity !== null && MINORITY.has(r.ethnicity),
      probationary: bits[0]!,
      partyAge50: bits[1]!,
      mobile: bits[2]!,
      lostContact: bits[3]!,
      gridRegistered: bits[4]!,
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
