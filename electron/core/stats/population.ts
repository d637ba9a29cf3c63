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
/**
 * 少数民族 as SQL ranges of two-digit codes: a long IN list inside the grouped expression is
 * rebuilt for every row by SQLite, ranges are plain comparisons.
 */
function minoritySql(): string {
  const nums = MINORITY_CODES.filter((c) => /^\d\d$/.test(c)).map(Number).sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < nums.length; ) {
    let j = i;
    while (j + 1 < nums.length && nums[j + 1] === nums[j]! + 1) j++;
    const lo = String(nums[i]).padStart(2, '0');
    const hi = String(nums[j]).padStart(2, '0');
    parts.push(lo === hi ? `m.ethnicity = '${lo}'` : `m.ethnicity BETWEEN '${lo}' AND '${hi}'`);
    i = j + 1;
  }
  return `coalesce(length(m.ethnicity) = 2 AND (${parts.join(' OR ')}), 0)`;
}
const BUCKET: ReadonlyMap<string, number> = new Map(EDUCATION.filter((e) => e.bucket !== undefined).map((e) => [e.code, e.bucket!]));

export interface Scope {
  /** Path range [lo, hi) of the subtree. */
  lo: string;
  hi: string;
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

const GENDERS = [null, '1', '2', '0', '9'] as const;

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

/**
 * The grouped members of a subtree on `asOf` (and, with a period, the change counts).
 * `ageThresholds` come from the definitions to be evaluated.
 */
export async function memberCube(db: Kysely<DB>, scope: Scope, asOf: string, period: Period | null, ageThresholds: readonly number[]): Promise<MemberCube> {
  const start = period ? prevDay(period.from) : asOf;
  const end = period ? period.to : asOf;
  const age = ageClassSql(asOf, ageThresholds);
  const join = joinClassSql();
  const nAge = ageThresholds.length + 2;
  const nJoin = JOIN_BANDS.length + 1;
  const dims = `(${age.sql}) + ${nAge} * (
      (CASE WHEN m.education GLOB '[0-9][0-9]' THEN CAST(m.education AS INTEGER) + 1 ELSE 0 END) + 101 * (
      (CASE WHEN m.job_category GLOB '[0-9][0-9]' THEN CAST(m.job_category AS INTEGER) + 1 ELSE 0 END) + 101 * (
      (${join.sql}) + ${nJoin} * (
      (CASE m.gender WHEN '1' THEN 1 WHEN '2' THEN 2 WHEN '0' THEN 3 WHEN '9' THEN 4 ELSE 0 END) + 5 * (
      ${minoritySql()} + 2 * (
      coalesce(CASE WHEN m.confirmed_on IS NOT NULL THEN m.confirmed_on > ${q(asOf)} ELSE m.category = 'probationary' END, 0) + 2 * (
      coalesce(m.confirmed_on <= ${q(asOf)} AND (CASE WHEN m.party_age_adjust_months = 0 THEN m.confirmed_on <= ${q(addMonths(asOf, -600))} ELSE ${partyMonthsSql(asOf)} >= 600 END), 0) + 2 * (
      coalesce(m.mobile, 0) + 2 * (coalesce(m.lost_contact, 0) + 2 * (m.grid_id IS NOT NULL))))))))))`;
  // Low bits: in on asOf, in at the period's start, in at its end, joined-and-left inside it, leaving class.
  const leftClass = `(CASE m.left_reason WHEN 'transfer-out' THEN 1 WHEN 'suspended' THEN 2 WHEN 'deceased' THEN 3 ELSE 0 END)`;
  const flags = (inD: string, inS: string, inE: string, gross: string, lc: string) =>
    `coalesce(${inD}, 0) + 2 * coalesce(${inS}, 0) + 4 * coalesce(${inE}, 0) + 8 * ${gross} + 16 * ${lc} + 64 * (CASE WHEN ${inD} THEN ${dims} ELSE 0 END)`;
  const gross = period
    ? `coalesce(m.joined_on > ${q(start)} AND m.left_on <= ${q(end)} AND m.joined_on < m.left_on, 0)`
    : '0';
  const rowFlags = flags(rowIn(asOf), period ? rowIn(start) : '0', period ? rowIn(end) : '0', gross, period ? leftClass : '0');
  // Rows that are in none of the populations asked about.
  const NOT_EMPTY = 'HAVING k NOT IN (0, 16, 32, 48)';

  const groups = new Map<number, number>();
  const add = (rows: { k: number; n: number }[], sign: number) => {
    for (const r of rows) groups.set(r.k, (groups.get(r.k) ?? 0) + sign * r.n);
  };
  // 1. Everyone in the subtree by their row.
  const main = await sql<{ k: number; n: number }>`
    SELECT ${sql.raw(rowFlags)} AS k, count(*) AS n FROM orgs o JOIN members m INDEXED BY members_stats ON m.org_id = o.id
    WHERE o.path >= ${scope.lo} AND o.path < ${scope.hi} GROUP BY 1 ${sql.raw(NOT_EMPTY)}`.execute(db);
  add(main.rows, 1);

  // 2. Members with membership events after the earliest date asked about.
  const earliest = start < asOf ? start : asOf;
  const late = await sql<{ memberId: string }>`
    SELECT DISTINCT member_id FROM member_events INDEXED BY member_events_stats
    WHERE on_date > ${earliest} AND kind IN (${sql.join(MEMBERSHIP_EVENTS)})`.execute(db);
  const terms: Record<ChangeTerm, number> = { admitted: 0, transferIn: 0, restored: 0, expelled: 0, transferOut: 0, suspended: 0, deceased: 0 };
  let lateStart = 0;
  let lateEnd = 0;
  if (late.rows.length > 0) {
    const ids = JSON.stringify(late.rows.map((r) => r.memberId));
    // Take out what step 1 counted for them…
    const rowPart = await sql<{ k: number; n: number }>`
      SELECT ${sql.raw(rowFlags)} AS k, count(*) AS n FROM json_each(${ids}) j JOIN members m ON m.id = j.value JOIN orgs o ON o.id = m.org_id
      WHERE o.path >= ${scope.lo} AND o.path < ${scope.hi} GROUP BY 1 ${sql.raw(NOT_EMPTY)}`.execute(db);
    add(rowPart.rows, -1);
    // …and put in what their events say.
    const inScope = new Set((await sql<{ id: string }>`SELECT id FROM orgs WHERE path >= ${scope.lo} AND path < ${scope.hi}`.execute(db)).rows.map((r) => r.id));
    const inS = (o: string | null) => o !== null && inScope.has(o);
    const timelines = await loadTimelines(db, ids);
    const states: [string, number, number, number][] = [];
    for (const [id, t] of timelines) {
      const inD = inS(stateAt(t.row, t.events, asOf)) ? 1 : 0;
      const inStart = period && inS(stateAt(t.row, t.events, start)) ? 1 : 0;
      const inEnd = period && inS(stateAt(t.row, t.events, end)) ? 1 : 0;
      lateStart += inStart;
      lateEnd += inEnd;
      if (period) for (const f of flowsBetween(t.row, t.events, period.from, period.to, inS)) terms[f.term] += 1;
      if (inD) states.push([id, inD, 0, 0]);
    }
    if (states.length > 0) {
      const jsFlags = flags('1', '0', '0', '0', '0');
      const evPart = await sql<{ k: number; n: number }>`
        SELECT k, count(*) AS n FROM (
          SELECT ${sql.raw(jsFlags)} AS k FROM json_each(${JSON.stringify(states.map((s) => s[0]))}) j JOIN members m ON m.id = j.value)
        GROUP BY k`.execute(db);
      add(evPart.rows, 1);
    }
  }

  const facts: (MemberFact & { weight: number })[] = [];
  let start0 = lateStart;
  let end0 = lateEnd;
  for (const [k0, n] of groups) {
    if (n === 0) continue;
    let k = k0;
    const inD = k % 2;
    k = Math.floor(k / 2);
    const inStart = k % 2;
    k = Math.floor(k / 2);
    const inEnd = k % 2;
    k = Math.floor(k / 2);
    const grossBit = k % 2;
    k = Math.floor(k / 2);
    const lc = k % 4;
    k = Math.floor(k / 4);
    start0 += inStart * n;
    end0 += inEnd * n;
    if (period) {
      const leaving = leavingTerm(lc === 1 ? 'transfer-out' : lc === 2 ? 'suspended' : lc === 3 ? 'deceased' : null);
      if (!inStart && inEnd) terms.admitted += n;
      if (inStart && !inEnd) terms[leaving] += n;
      if (grossBit && !inStart && !inEnd) {
        terms.admitted += n;
        terms[leaving] += n;
      }
    }
    if (!inD) continue;
    const ageCls = k % nAge;
    k = Math.floor(k / nAge);
    const edu = k % 101;
    k = Math.floor(k / 101);
    const job = k % 101;
    k = Math.floor(k / 101);
    const jc = k % nJoin;
    k = Math.floor(k / nJoin);
    const g = k % 5;
    k = Math.floor(k / 5);
    const bits = [0, 1, 2, 3, 4, 5].map(() => {
      const b = k % 2;
      k = Math.floor(k / 2);
      return b === 1;
    });
    const education = edu === 0 ? null : String(edu - 1).padStart(2, '0');
    const bucket = education ? (BUCKET.get(education) ?? null) : null;
    facts.push({
      weight: n,
      age: age.rep(ageCls),
      education,
      educationBucket: bucket,
      collegeOrAbove: bucket !== null && bucket <= 3,
      jobCategory: job === 0 ? null : String(job - 1).padStart(2, '0'),
      joinedOn: join.rep(jc),
      gender: GENDERS[g] ?? null,
      minority: bits[0]!,
      probationary: bits[1]!,
      partyAge50: bits[2]!,
      mobile: bits[3]!,
      lostContact: bits[4]!,
      gridRegistered: bits[5]!,
    });
  }
  return { facts, change: period ? { start: start0, end: end0, terms } : null };
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
