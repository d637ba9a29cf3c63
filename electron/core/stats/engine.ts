/**
 * One engine for every report definition (shared/reports): facts of the definition's subject over
 * a subtree and a date (or period), evaluated into the uniform ReportResult; drill-down lists the
 * records behind one figure with the same predicates, so a list has exactly as many rows as its figure.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { SqliteHandle } from '../db/open.js';
import type { Ctx } from '../context.js';
import { LedgerError } from '../../../shared/contract/envelope.js';
import { compile, evaluate, numericThresholds, withPeriodRows, type Fact } from '../../../shared/reports/evaluate.js';
import { REPORTS, REPORT_BY_ID } from '../../../shared/reports/definitions.js';
import type { DrillDescriptor, ReportDefinition, ReportResult, Subject } from '../../../shared/reports/types.js';
import { listRootPath, subtreeUpper } from '../auth/scope.js';
import { cached, dataVersion, remember } from './cache.js';
import { orgTreeVersion, tablesVersion, type VersionedTable } from './versions.js';
import { changeList, memberCube, memberFact, membersAt, type MemberCube, type Scope } from './population.js';
import { devAdmittedFacts, devAdmittedGroupFacts, devPersonFacts, devStageFacts, reserveFacts, villageFacts, withMemberValues, type ListedFact, type Params } from './subjects.js';
import { teamMemberFacts, teamMonthFacts } from './teams.js';
import { branchLifeFacts } from './life.js';
import { gridFacts } from './grid-facts.js';
import { orgFacts, orgGroupFacts } from './org-facts.js';
import { termGraceMonths } from '../org/load.js';

export interface StatsInput {
  under?: string | undefined;
  asOf?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

export interface Resolved extends Params {
  scope: Scope & { path: string; id: string; name: string };
  /** The settings' 换届 grace window (organisation figures depend on it). */
  graceMonths: number;
}

/** Subtree (inside the caller's scope) and dates: as of today, period = the as-of year up to asOf. */
export async function resolveInput(ctx: Ctx, input: StatsInput): Promise<Resolved> {
  const path = await listRootPath(ctx, input.under);
  const org = await ctx.db.selectFrom('orgs').select(['id', 'name']).where('path', '=', path).executeTakeFirstOrThrow();
  const asOf = input.asOf ?? input.to ?? ctx.today;
  const to = input.to ?? asOf;
  const from = input.from ?? `${to.slice(0, 4)}-01-01`;
  if (from > to) throw new LedgerError('VALIDATION', `统计期起始日期 ${from} 晚于截止日期 ${to}`);
  const hi = subtreeUpper(path);
  // The subtree holds every organisation (the county): figures need no organisation filter.
  const outside = await sql<{ n: number }>`SELECT EXISTS (SELECT 1 FROM orgs WHERE path < ${path}) OR EXISTS (SELECT 1 FROM orgs WHERE path >= ${hi}) AS n`.execute(ctx.db);
  return { asOf, from, to, scope: { id: org.id, name: org.name, path, lo: path, hi, all: !outside.rows[0]?.n }, graceMonths: await termGraceMonths(ctx.db) };
}

/** Member facts are grouped once per call and shared by every member definition. */
class FactCache {
  private cube: Promise<MemberCube> | null = null;
  private readonly small = new Map<Subject, Promise<Fact[]>>();
  constructor(
    private readonly db: Kysely<DB>,
    private readonly sqlite: SqliteHandle,
    private readonly r: Resolved,
    private readonly ageThresholds: number[],
    private readonly wantChange: boolean,
  ) {}
  memberCube(): Promise<MemberCube> {
    this.cube ??= memberCube(this.db, this.sqlite, this.r.scope, this.r.asOf, this.wantChange ? { from: this.r.from, to: this.r.to } : null, this.ageThresholds);
    return this.cube;
  }
  async facts(subject: Subject): Promise<Fact[]> {
    if (subject === 'member') return (await this.memberCube()).facts;
    if (subject === 'memberChange') {
      const c = (await this.memberCube()).change!;
      return [{ term: 'start', weight: c.start }, { term: 'end', weight: c.end }, ...Object.entries(c.terms).map(([term, weight]) => ({ term, weight }))];
    }
    let p = this.small.get(subject);
    if (!p) {
      p = reusedFacts(this.db, this.sqlite, subject, this.r);
      if (subject === 'reserve') p = p.then((f) => withMemberValues(this.db, f, this.r.asOf));
      this.small.set(subject, p);
    }
    return p;
  }
}

/** The tables each small subject's facts are computed from (a write elsewhere leaves them valid). */
const TABLES_OF: Record<Exclude<Subject, 'member' | 'memberChange'>, readonly VersionedTable[]> = {
  org: ['orgs', 'org_changes', 'org_elections', 'org_ratings', 'org_rectifications'],
  devAdmitted: ['dev_people', 'dev_steps', 'orgs'],
  devPerson: ['dev_people', 'dev_steps', 'orgs'],
  // A pipeline person's values are part of the facts; a member's are read on each use (withMemberValues).
  reserve: ['reserves', 'reserve_records', 'orgs', 'dev_people'],
  village: ['orgs', 'reserves', 'reserve_records'],
  // With the organisation tree's version (not the orgs table's: see TREE_PLACED).
  teamMember: ['team_members', 'team_months', 'team_leaves', 'team_grades'],
  teamMonth: ['team_members', 'team_months', 'team_leaves'],
  // Not kept here: its meetings part is kept by meeting/missed.ts, its 正式党员 counts follow the member store.
  branchLife: [],
  // Registrations count members still in the party that day: the member rows' version too.
  grid: ['grids', 'grid_changes', 'grid_registrations', 'orgs', 'members'],
};
/** Subjects that read organisations only to place records in the tree (orgTreeVersion). */
const TREE_PLACED: ReadonlySet<Subject> = new Set(['teamMember', 'teamMonth']);
/** Settings a small subject's facts depend on (part of what makes them reusable). */
const SETTINGS_OF: Partial<Record<Subject, readonly string[]>> = { org: ['termGraceMonths'], teamMember: ['teamRequiredDays'], teamMonth: ['teamRequiredDays'] };
const settingsKey = (sqlite: SqliteHandle, keys: readonly string[] = []) =>
  keys.map((k) => String(sqlite.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(k) ?? '')).join('|');
const SMALL_MAX = 128;
const smallCaches = new WeakMap<SqliteHandle, Map<string, Promise<Fact[]>>>();

/**
 * Grouped facts of a small subject, reused while the tables they come from are unchanged
 * (versions.ts: exact), so a member edit recomputes only the member figures.
 */
function reusedFacts(db: Kysely<DB>, sqlite: SqliteHandle, subject: Subject, r: Resolved): Promise<Fact[]> {
  if (subject === 'member' || subject === 'memberChange') throw new LedgerError('INTERNAL', `不是小类统计对象：${subject}`);
  if (subject === 'branchLife') return smallFacts(db, sqlite, subject, r, false);
  let cache = smallCaches.get(sqlite);
  if (!cache) smallCaches.set(sqlite, (cache = new Map()));
  const key = `${subject}|${r.scope.path}|${r.asOf}|${r.from}|${r.to}|${tablesVersion(sqlite, TABLES_OF[subject])}|${TREE_PLACED.has(subject) ? orgTreeVersion(sqlite) : ''}|${settingsKey(sqlite, SETTINGS_OF[subject])}`;
  let p = cache.get(key);
  if (!p) {
    p = smallFacts(db, sqlite, subject, r, false);
    p.catch(() => cache.delete(key));
    cache.set(key, p);
    while (cache.size > SMALL_MAX) cache.delete(cache.keys().next().value!);
  }
  return p;
}

/** For the bench and tests: small subjects computed again on next use. */
export function forgetSmallFacts(sqlite: SqliteHandle): void {
  smallCaches.delete(sqlite);
}

/** Facts of a small subject; `listed` (drill-down) wants one named fact per record. */
function smallFacts(db: Kysely<DB>, sqlite: SqliteHandle, subject: Subject, r: Resolved, listed = true): Promise<Fact[]> {
  switch (subject) {
    case 'org': return listed ? orgFacts(db, r.scope, r) : orgGroupFacts(db, r.scope, r);
    case 'devAdmitted': return listed ? devAdmittedFacts(db, r.scope, r) : devAdmittedGroupFacts(db, r.scope, r);
    case 'devPerson': return listed ? devPersonFacts(db, r.scope, r) : devStageFacts(db, r.scope, r);
    case 'reserve': return listed ? reserveFacts(db, r.scope, r).then((f) => withMemberValues(db, f, r.asOf)) : reserveFacts(db, r.scope, r);
    case 'village': return villageFacts(db, r.scope, r);
    case 'teamMember': return teamMemberFacts(db, r.scope, r);
    case 'teamMonth': return teamMonthFacts(db, r.scope, r);
    case 'branchLife': return branchLifeFacts(db, sqlite, r.scope, r, listed);
    case 'grid': return gridFacts(db, r.scope, r);
    default: throw new LedgerError('INTERNAL', `未知统计对象：${subject}`);
  }
}

const ENTITY: Record<Subject, DrillDescriptor['entity']> = {
  member: 'member', memberChange: 'member', org: 'org', devAdmitted: 'devPerson', devPerson: 'devPerson',
  reserve: 'reserve', village: 'org', teamMember: 'teamMember', teamMonth: 'teamMember', branchLife: 'org', grid: 'grid',
};

export function cacheFor(db: Kysely<DB>, sqlite: SqliteHandle, r: Resolved, defs: readonly ReportDefinition[]): FactCache {
  const memberDefs = defs.filter((d) => d.subject === 'member');
  return new FactCache(db, sqlite, r, numericThresholds(memberDefs, 'age'), defs.some((d) => d.subject === 'memberChange'));
}

/** Evaluations of reused fact lists (small subjects, see reusedFacts): same facts, same values. */
const evaluations = new WeakMap<readonly Fact[], Map<string, ReturnType<typeof evaluate>>>();
function evaluatedOnce(def: ReportDefinition, facts: Fact[]): ReturnType<typeof evaluate> {
  let byDef = evaluations.get(facts);
  if (!byDef) evaluations.set(facts, (byDef = new Map()));
  let e = byDef.get(def.id);
  if (!e) byDef.set(def.id, (e = evaluate(def, facts)));
  return e;
}

export async function computeReport(definition: ReportDefinition, r: Resolved, cache: FactCache): Promise<ReportResult> {
  const def = withPeriodRows(definition, r.from, r.to);
  const facts = await cache.facts(def.subject);
  const { values } = evaluatedOnce(def, facts);
  const filterBase = { definitionId: def.id, under: r.scope.id, asOf: r.asOf, from: def.period ? r.from : null, to: def.period ? r.to : null };
  return {
    definitionId: def.id,
    title: def.title,
    asOf: r.asOf,
    from: def.period ? r.from : null,
    to: def.period ? r.to : null,
    under: { id: r.scope.id, name: r.scope.name },
    columns: def.columns.map((c) => ({ key: c.key, label: c.label, ...(c.measure && 'percentOf' in c.measure ? { percent: true } : {}) })),
    rows: def.rows.map((row, i) => ({
      key: row.key,
      label: row.label,
      values: [...values[i]!],
      drill: def.columns.map((c) => (c.measure && !('count' in c.measure) ? null : { entity: ENTITY[def.subject], filter: { ...filterBase, rowKey: row.key, columnKey: c.key } })),
    })),
    notes: [...(def.notes ?? [])],
  };
}

/** Results of several definitions; those no write has changed since come from the result cache. */
export async function computeReports(ctx: Ctx, defs: readonly ReportDefinition[], input: StatsInput): Promise<ReportResult[]> {
  const r = await resolveInput(ctx, input);
  const sqlite = ctx.env.sqlite;
  const version = dataVersion(sqlite);
  const keyOf = (d: ReportDefinition) => ({ definitionId: d.id, path: r.scope.path, asOf: r.asOf, from: r.from, to: r.to });
  const out = defs.map((d) => cached(sqlite, version, keyOf(d)));
  const missing = defs.filter((_, i) => !out[i]);
  if (missing.length > 0) {
    const cache = cacheFor(ctx.db, sqlite, r, missing);
    for (const d of missing) {
      const result = await computeReport(d, r, cache);
      out[defs.indexOf(d)] = result;
      remember(sqlite, version, keyOf(d), result);
    }
  }
  return out as ReportResult[];
}

export function definitionOf(id: string): ReportDefinition {
  const d = REPORT_BY_ID.get(id);
  if (!d) throw new LedgerError('NOT_FOUND', `没有这张统计表：${id}`);
  return d;
}

export const definitionsOfDomain = (domain: string) => REPORTS.filter((d) => d.domain === domain);

export interface DrillRow {
  id: string;
  name: string;
  orgId: string | null;
  orgName: string | null;
  /** What the figure counted the record under (e.g. the change term). */
  detail: string | null;
}

/** The records behind one figure, a page at a time (sorted by organisation, then name). */
export async function drill(
  ctx: Ctx,
  input: { definitionId: string; rowKey: string; columnKey: string; under?: string | undefined; asOf?: string | undefined; from?: string | null | undefined; to?: string | null | undefined; offset: number; limit: number },
): Promise<{ rows: DrillRow[]; total: number }> {
  const r = await resolveInput(ctx, { under: input.under, asOf: input.asOf, from: input.from ?? undefined, to: input.to ?? undefined });
  const def = withPeriodRows(definitionOf(input.definitionId), r.from, r.to);
  const row = def.rows.find((x) => x.key === input.rowKey);
  const col = def.columns.find((x) => x.key === input.columnKey);
  if (!row || !col) throw new LedgerError('NOT_FOUND', '统计表中没有这一格');
  if (col.measure && !('count' in col.measure)) throw new LedgerError('VALIDATION', '平均数、比例不能展开为名单');
  const rowT = compile(row.where);
  const colT = compile(col.where);
  let hits: DrillRow[];
  if (def.subject === 'member' || def.subject === 'memberChange') {
    let listed: { id: string; detail: string | null }[];
    if (def.subject === 'member') {
      listed = (await membersAt(ctx.db, r.scope, r.asOf)).filter((m) => {
        const f = memberFact(m, r.asOf);
        return rowT(f) && colT(f);
      }).map((m) => ({ id: m.id, detail: null }));
    } else {
      listed = (await changeList(ctx.db, r.scope, { from: r.from, to: r.to })).filter((x) => rowT(x) && colT(x)).map((x) => ({ id: x.memberId, detail: x.term }));
    }
    const names = new Map<string, { name: string; orgId: string; orgName: string }>();
    const ids = listed.map((x) => x.id);
    for (let i = 0; i < ids.length; i += 500) {
      const part = await ctx.db.selectFrom('members as m').innerJoin('orgs as o', 'o.id', 'm.orgId').select(['m.id', 'm.name', 'm.orgId', 'o.name as orgName']).where('m.id', 'in', ids.slice(i, i + 500)).execute();
      for (const p of part) names.set(p.id, p);
    }
    hits = listed.map((x) => ({ id: x.id, name: names.get(x.id)?.name ?? '', orgId: names.get(x.id)?.orgId ?? null, orgName: names.get(x.id)?.orgName ?? null, detail: x.detail }));
  } else {
    const facts = ((await smallFacts(ctx.db, ctx.env.sqlite, def.subject, r)) as ListedFact[]).filter((f) => rowT(f) && colT(f));
    hits = facts.map((f) => ({ id: f.id, name: f.name, orgId: f.orgId, orgName: f.orgName, detail: null }));
  }
  hits.sort((a, b) => (a.orgName ?? '').localeCompare(b.orgName ?? '', 'zh') || a.name.localeCompare(b.name, 'zh') || (a.id < b.id ? -1 : 1));
  return { rows: hits.slice(input.offset, input.offset + input.limit), total: hits.length };
}
