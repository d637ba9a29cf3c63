/**
 * Facts of the small subjects (pipeline, reserves, grid units; organisations in org-facts.ts, work
 * teams in teams.ts, organisational life in life.ts): one row per record with the fields the
 * definitions name. These tables are small, so rows come into code.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { Fact } from '../../../shared/reports/evaluate.js';
import { EDUCATION, ETHNICITY } from '../../../shared/codes/tables.js';
import { ageOn } from '../../../shared/domain/dates.js';
import { stagesIn } from '../reserve/load.js';
import { existedOn } from '../org/as-of.js';
import { RESERVE_STAGES, enteredIn, inCohort, inPoolOn, spanOf, type ReserveStage } from '../../../shared/domain/reserve-rules.js';
import { nextDueStep, type DevelopmentRecord, type DueStep } from '../../../shared/domain/pipeline-rules.js';
import type { Scope } from './population.js';
import { DEV_STAGE_STEPS } from '../db/migrations/003-stats-cube.js';
import { DUE_DATE_STEPS_SQL } from '../db/migrations/008-dev-steps-due.js';

export interface Params {
  asOf: string;
  from: string;
  to: string;
}

/** A fact with what a drill list shows. */
export type ListedFact = Fact & { id: string; name: string; orgId: string | null; orgName: string | null };

const BUCKET: ReadonlyMap<string, number> = new Map(EDUCATION.filter((e) => e.bucket !== undefined).map((e) => [e.code, e.bucket!]));
const MINORITY: ReadonlySet<string> = new Set(ETHNICITY.map((e) => e.code).filter((c) => c !== '01'));
const bucketOf = (code: string | null) => (code ? (BUCKET.get(code) ?? null) : null);
const STAGE_AFTER: Record<string, string> = { applied: 'applicant', activist: 'activist', candidate: 'candidate', approved: 'probationary', confirmed: 'formal', cancelled: 'stopped' };

const STAGE_STEPS_SQL = DEV_STAGE_STEPS.map((x) => `'${x}'`).join(', ');

/**
 * The pipeline on asOf and the admissions of [from, to] from one pass over the dev_steps_stage
 * partial index (the steps that set a stage, per person in date order): each person's last stage
 * step up to asOf (by date, then when it was recorded, then the step's name) and first 党委审批
 * date. People not admitted in the period come back grouped by stage; admitted ones one by one.
 */
type DevRow = {
  step: string | null; personId: string | null; approvedOn: string | null; n: number;
  /** People still in the pipeline (their last stage step applied … approved): that step's date. */
  lastOn?: string | null;
  /** Grouped pass only: the admitted person's fields (found: the person and their organisation exist). */
  birthDate?: string | null; gender?: string | null; ethnicity?: string | null; education?: string | null; jobCategory?: string | null; found?: number;
};
/** One grouped pass per statistics call serves both the pipeline and the admissions. */
const devMemo = new WeakMap<Params, Promise<DevRow[]>>();
function devPass(db: Kysely<DB>, scope: Scope, p: Params, perPerson: boolean): Promise<DevRow[]> {
  if (perPerson) return devPassRun(db, scope, p, true);
  let r = devMemo.get(p);
  if (!r) devMemo.set(p, (r = devPassRun(db, scope, p, false)));
  return r;
}
async function devPassRun(db: Kysely<DB>, scope: Scope, p: Params, perPerson: boolean): Promise<DevRow[]> {
  const inScope = scope.all ? '' : `AND s.person_id IN (SELECT d.id FROM dev_people d WHERE d.org_id IN (SELECT id FROM orgs WHERE path >= ${lit(scope.lo)} AND path < ${lit(scope.hi)}))`;
  // `last` is date ␁ createdAt ␁ step; the step follows the second separator. People still in the
  // pipeline come one by one with their last stage step's date (what falls due is theirs alone).
  const lastStep = sql`substr(substr(last, instr(last, char(1)) + 1), instr(substr(last, instr(last, char(1)) + 1), char(1)) + 1)`;
  const inPipeline = sql`${lastStep} IN (${sql.raw(PIPELINE_STEPS_SQL)})`;
  const grouped = sql`
    SELECT ${lastStep} AS step,
      CASE WHEN admitted OR ${perPerson ? 1 : 0} OR ${inPipeline} THEN person_id END AS person_id, CASE WHEN admitted THEN approved END AS approved_on,
      CASE WHEN ${inPipeline} THEN substr(last, 1, instr(last, char(1)) - 1) END AS last_on, count(*) AS n
    FROM (
      SELECT s.person_id,
        max(CASE WHEN s.on_date <= ${p.asOf} THEN s.on_date || char(1) || s.created_at || char(1) || s.step END) AS last,
        min(CASE WHEN s.step = 'approved' THEN s.on_date END) AS approved,
        coalesce(min(CASE WHEN s.step = 'approved' THEN s.on_date END) BETWEEN ${p.from} AND ${p.to}, 0) AS admitted
      FROM dev_steps s INDEXED BY dev_steps_stage
      WHERE s.step IN (${sql.raw(STAGE_STEPS_SQL)}) ${sql.raw(inScope)}
      GROUP BY s.person_id)
    GROUP BY 1, 2, 3, 4`;
  if (perPerson) return (await sql<DevRow>`${grouped}`.execute(db)).rows;
  // The admitted people's fields come with the same pass (what devPeople would look up, minus names).
  const rows = await sql<DevRow>`
    SELECT g.step, g.person_id, g.approved_on, g.last_on, g.n, d.birth_date, d.gender, d.ethnicity, d.education, d.job_category, o.id IS NOT NULL AS found
    FROM (${grouped}) g LEFT JOIN dev_people d ON g.approved_on IS NOT NULL AND d.id = g.person_id LEFT JOIN orgs o ON o.id = d.org_id`.execute(db);
  return rows.rows;
}
const lit = (v: string) => `'${v.replace(/'/g, "''")}'`;

/** Stage steps after which a person is still in the pipeline (入党申请人 … 预备党员): dueOf knows their next step. */
const PIPELINE_STEPS = ['applied', 'activist', 'candidate', 'approved'] as const;
const PIPELINE_STEPS_SQL = PIPELINE_STEPS.map((x) => `'${x}'`).join(', ');
const IN_PIPELINE: ReadonlySet<string> = new Set(PIPELINE_STEPS);

interface DueSteps { talkedOn: string | null; branchMeeting: string | null; extendedMonths: number; extensions: number; confirmMeeting: string | null }

/** The steps recorded up to asOf that date the pipeline people's next step, by person. */
async function dueSteps(db: Kysely<DB>, rows: readonly { personId: string | null; step: string | null }[], p: Params): Promise<Map<string, DueSteps>> {
  // Only people whose stage on asOf has a next step: a few thousand, read by person (an index).
  const ids = rows.filter((r) => r.personId !== null && r.step !== null && IN_PIPELINE.has(r.step)).map((r) => r.personId!);
  if (ids.length === 0) return new Map();
  const idList = JSON.stringify(ids);
  const dated = await sql<{ personId: string; step: string; onDate: string }>`
    SELECT s.person_id, s.step, s.on_date FROM dev_steps s INDEXED BY dev_steps_due
    WHERE s.person_id IN (SELECT value FROM json_each(${idList})) AND s.step IN (${sql.raw(DUE_DATE_STEPS_SQL)}) AND s.on_date <= ${p.asOf}`.execute(db);
  const wanted = new Set(ids);
  const extended = (await sql<{ personId: string; step: string; onDate: string; data: string | null }>`
    SELECT s.person_id, s.step, s.on_date, s.data FROM dev_steps s WHERE s.step = 'probation-extended' AND s.on_date <= ${p.asOf}`.execute(db)).rows.filter((r) => wanted.has(r.personId));
  const out = new Map<string, DueSteps>();
  // The latest meeting of each kind (a repeated one: the last held).
  const later = (a: string | null, b: string) => (a === null || b > a ? b : a);
  for (const r of [...dated.rows.map((r) => ({ ...r, data: null as string | null })), ...extended]) {
    let d = out.get(r.personId);
    if (!d) out.set(r.personId, (d = { talkedOn: null, branchMeeting: null, extendedMonths: 0, extensions: 0, confirmMeeting: null }));
    if (r.step === 'talked') d.talkedOn = later(d.talkedOn, r.onDate);
    else if (r.step === 'branch-meeting') d.branchMeeting = later(d.branchMeeting, r.onDate);
    else if (r.step === 'confirm-meeting') d.confirmMeeting = later(d.confirmMeeting, r.onDate);
    else {
      const months = Number((r.data ? (JSON.parse(r.data) as { months?: unknown }) : {}).months);
      if (Number.isFinite(months) && months > 0) d.extendedMonths += months;
      d.extensions++;
    }
  }
  return out;
}

/**
 * A pipeline person's next step due by the end of the as-of month or overdue (shared rule set:
 * nextDueStep), from the stage their last stage step set and the steps recorded up to asOf.
 */
function dueOf(step: string | null, lastOn: string | null | undefined, d: DueSteps | undefined, asOf: string): DueStep | null {
  if (!lastOn) return null;
  const branchMeeting = d?.branchMeeting ? { date: d.branchMeeting } : null;
  let r: DevelopmentRecord;
  switch (step) {
    case 'applied': r = { applicationDate: lastOn, talkDate: d?.talkedOn ?? null }; break;
    case 'activist': r = { activistDate: lastOn }; break;
    case 'candidate': r = { candidateDate: lastOn, branchMeeting }; break;
    case 'approved': r = { approvalDate: lastOn, branchMeeting, probationExtendedMonths: d?.extendedMonths ?? 0, probationExtensionCount: d?.extensions ?? 0, confirmMeetingDate: d?.confirmMeeting ?? null }; break;
    default: return null;
  }
  return nextDueStep(r, asOf);
}

/** Names of development people (and their organisations) by id. */
async function devPeople(db: Kysely<DB>, ids: readonly string[]) {
  if (ids.length === 0) return new Map<string, never>();
  const rows = await sql<{ id: string; name: string; orgId: string; orgName: string; gender: string | null; ethnicity: string | null; birthDate: string | null; education: string | null; jobCategory: string | null }>`
    SELECT d.id, d.name, d.org_id, o.name AS org_name, d.gender, d.ethnicity, d.birth_date, d.education, d.job_category
    FROM dev_people d JOIN orgs o ON o.id = d.org_id WHERE d.id IN (SELECT value FROM json_each(${JSON.stringify(ids)}))`.execute(db);
  return new Map(rows.rows.map((r) => [r.id, r]));
}

/** New members: 党委审批 ('approved', the first one) in [from, to]; age on that date. */
export async function devAdmittedFacts(db: Kysely<DB>, scope: Scope, p: Params): Promise<ListedFact[]> {
  const approved = (await devPass(db, scope, p, false)).filter((r) => r.approvedOn !== null);
  const people = await devPeople(db, approved.map((a) => a.personId!));
  const out: ListedFact[] = [];
  for (const a of approved) {
    const d = people.get(a.personId!);
    if (!d) continue;
    const bucket = bucketOf(d.education);
    out.push({
      id: d.id, name: d.name, orgId: d.orgId, orgName: d.orgName,
      approvedOn: a.approvedOn,
      age: d.birthDate ? ageOn(d.birthDate, a.approvedOn!) : null,
      gender: d.gender,
      minority: d.ethnicity !== null && MINORITY.has(d.ethnicity),
      educationBucket: bucket,
      collegeOrAbove: bucket !== null && bucket <= 3,
      jobCategory: d.jobCategory,
    });
  }
  return out;
}

/** The same facts as devAdmittedFacts without the names (statistics, not drill-down): no second look-up. */
export async function devAdmittedGroupFacts(db: Kysely<DB>, scope: Scope, p: Params): Promise<Fact[]> {
  const out: Fact[] = [];
  for (const a of await devPass(db, scope, p, false)) {
    if (a.approvedOn === null || !a.found) continue;
    const bucket = bucketOf(a.education ?? null);
    out.push({
      weight: a.n,
      approvedOn: a.approvedOn,
      age: a.birthDate ? ageOn(a.birthDate, a.approvedOn) : null,
      gender: a.gender ?? null,
      minority: a.ethnicity != null && MINORITY.has(a.ethnicity),
      educationBucket: bucket,
      collegeOrAbove: bucket !== null && bucket <= 3,
      jobCategory: a.jobCategory ?? null,
    });
  }
  return out;
}

/**
 * Pipeline on asOf, grouped: each person's stage after their last stage step up to that date, and
 * what falls due for them (due: the kind of step, dueStatus: 'due' this month or 'overdue'; null
 * for both when nothing does).
 */
export async function devStageFacts(db: Kysely<DB>, scope: Scope, p: Params): Promise<Fact[]> {
  const rows = await devPass(db, scope, p, false);
  const steps = await dueSteps(db, rows, p);
  const by = new Map<string, { stage: string; due: string | null; dueStatus: string | null; weight: number }>();
  for (const r of rows) {
    const stage = r.step === null ? undefined : STAGE_AFTER[r.step];
    if (!stage) continue;
    const due = r.personId ? dueOf(r.step, r.lastOn, steps.get(r.personId), p.asOf) : null;
    const key = `${stage}|${due?.kind ?? ''}|${due?.status ?? ''}`;
    const f = by.get(key);
    if (f) f.weight += r.n;
    else by.set(key, { stage, due: due?.kind ?? null, dueStatus: due?.status ?? null, weight: r.n });
  }
  return [...by.values()];
}

/** The same, one fact per person (drill-down). */
export async function devPersonFacts(db: Kysely<DB>, scope: Scope, p: Params): Promise<ListedFact[]> {
  const rows = (await devPass(db, scope, p, true)).filter((r) => r.step !== null && STAGE_AFTER[r.step] !== undefined);
  const steps = await dueSteps(db, rows, p);
  const people = await devPeople(db, rows.map((r) => r.personId!));
  return rows.flatMap((r) => {
    const d = people.get(r.personId!);
    if (!d) return [];
    const due = dueOf(r.step, r.lastOn, steps.get(r.personId!), p.asOf);
    return [{ id: d.id, name: d.name, orgId: d.orgId, orgName: d.orgName, stage: STAGE_AFTER[r.step!]!, due: due?.kind ?? null, dueStatus: due?.status ?? null, dueOn: due?.dueOn ?? null }];
  });
}

/**
 * Reserves of the subtree with their live stage records up to asOf (the stage on a date is the
 * latest record on or before it) and their own or pipeline person's values. A member-linked
 * reserve's values come from the member (withMemberValues), read apart so that these rows can be
 * reused while only members change (the statistics' headline is a member edit).
 */
async function reserveRows(db: Kysely<DB>, scope: Scope, asOf: string) {
  const rows = await db
    .selectFrom('reserves as r')
    .innerJoin('orgs as o', 'o.id', 'r.villageOrgId')
    .leftJoin('devPeople as d', 'd.id', 'r.devPersonId')
    .select([
      'r.id', 'r.villageOrgId', 'o.name as orgName', 'o.path', 'r.source', 'r.direction', 'r.politicalStatus',
      sql<string | null>`coalesce(r.member_id, d.member_id)`.as('memberId'),
      sql<string>`coalesce(d.name, r.name, '')`.as('name'),
      sql<string | null>`coalesce(d.birth_date, r.birth_date)`.as('birthDate'),
      sql<string | null>`coalesce(d.education, r.education)`.as('education'),
    ])
    .where('o.path', '>=', scope.lo)
    .where('o.path', '<', scope.hi)
    .execute();
  const byReserve = rows.length === 0 ? new Map<string, never[]>() : await stagesIn(db, scope.lo, scope.hi, { asOf });
  return rows.flatMap((r) => {
    const mine = byReserve.get(r.id);
    return mine ? [{ ...r, span: spanOf(mine), stage: stageOn(mine) }] : [];
  });
}

/** The stage the records reached (stages only move forward; corrections void records). */
function stageOn(records: readonly { stage: string | null }[]): string | null {
  let best = -1;
  for (const r of records) best = Math.max(best, RESERVE_STAGES.indexOf(r.stage as ReserveStage));
  return best < 0 ? null : RESERVE_STAGES[best]!;
}

/** Reserves registered by asOf: their stage then, and the period's entries into 两委 and cohort. */
export async function reserveFacts(db: Kysely<DB>, scope: Scope, p: Params): Promise<ListedFact[]> {
  return (await reserveRows(db, scope, p.asOf)).map((r) => ({
    id: r.id, name: r.name, orgId: r.villageOrgId, orgName: r.orgName,
    memberId: r.memberId,
    birthDate: r.birthDate,
    stage: r.stage,
    inPool: inPoolOn(r.span, p.asOf),
    enteredToDate: r.span.entered,
    enteredCommittee: enteredIn(r.span, p.from, p.to),
    inCohort: inCohort(r.span, p.from, p.to),
    source: r.source,
    age: r.birthDate ? ageOn(r.birthDate, p.asOf) : null,
    educationBucket: bucketOf(r.education),
    politicalStatus: r.politicalStatus,
    direction: r.direction,
  }));
}

/**
 * Member-linked reserves take the member's name, age, education and 政治面貌 (中共党员 / 预备党员
 * while a member): one read by primary key of the few linked members, each call.
 */
export async function withMemberValues(db: Kysely<DB>, facts: Fact[], asOf: string): Promise<Fact[]> {
  const ids = [...new Set(facts.map((f) => f.memberId).filter((x): x is string => typeof x === 'string'))];
  if (ids.length === 0) return facts;
  const members = new Map<string, { name: string; birthDate: string | null; education: string | null; status: string; category: string }>();
  for (let i = 0; i < ids.length; i += 500) {
    for (const m of await db.selectFrom('members').select(['id', 'name', 'birthDate', 'education', 'status', 'category']).where('id', 'in', ids.slice(i, i + 500)).execute()) members.set(m.id, m);
  }
  return facts.map((f) => {
    const m = typeof f.memberId === 'string' ? members.get(f.memberId) : undefined;
    if (!m) return f;
    return {
      ...f,
      name: m.name,
      age: m.birthDate ? ageOn(m.birthDate, asOf) : null,
      educationBucket: bucketOf(m.education),
      politicalStatus: m.status === 'active' ? (m.category === 'formal' ? '01' : '02') : f.politicalStatus,
    };
  });
}

/** Village organisations (the top organisation of each 建制村) existing on asOf. */
export async function villageFacts(db: Kysely<DB>, scope: Scope & { path: string }, p: Params): Promise<ListedFact[]> {
  // One scan of the subtree's village-category organisations (no join: a parent's category is looked
  // up in the same rows; only the subtree root's parent lies outside them and is read by id).
  const range = scope.all ? sql`1` : sql`path >= ${scope.lo} AND path < ${scope.hi}`;
  const orgs = (await sql<{ id: string; name: string; path: string; parentId: string | null; kind: string; foundedOn: string | null; dissolvedOn: string | null }>`
    SELECT id, name, path, parent_id, kind, founded_on, dissolved_on FROM orgs WHERE ${range} AND unit_category = 'village'`.execute(db)).rows;
  const villageIds = new Set(orgs.map((o) => o.id));
  const rootParent = scope.all ? null : (orgs.find((o) => o.path === scope.lo)?.parentId ?? null);
  if (rootParent !== null && !villageIds.has(rootParent)) {
    const r = await sql<{ id: string }>`SELECT id FROM orgs WHERE id = ${rootParent} AND unit_category = 'village'`.execute(db);
    if (r.rows.length) villageIds.add(rootParent);
  }
  const villages = orgs.filter((o) => o.kind !== 'group' && !(o.parentId !== null && villageIds.has(o.parentId)) && existedOn(o, p.asOf));
  const reserves = (await reserveRows(db, scope, p.asOf)).filter((r) => r.direction === 'secretary' && inPoolOn(r.span, p.asOf));
  // Sorted, the paths starting with a village's path follow the first one not below it.
  const reservePaths = reserves.map((x) => x.path).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const hasUnder = (prefix: string) => {
    let lo = 0;
    let hi = reservePaths.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (reservePaths[mid]! < prefix) lo = mid + 1;
      else hi = mid;
    }
    return lo < reservePaths.length && reservePaths[lo]!.startsWith(prefix);
  };
  return villages.map((v) => ({
    id: v.id, name: v.name, orgId: v.id, orgName: v.name,
    hasSecretaryReserve: hasUnder(v.path),
  }));
}

