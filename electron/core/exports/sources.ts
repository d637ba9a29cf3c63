import { sql, type Kysely } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../db/schema.js';
import type { memberFilter } from '../../../shared/contract/member.js';
import { PIPELINE_STEP_OF, type RosterKind } from '../../../shared/import/columns.js';
import { subtreeUpper } from '../auth/scope.js';
import { whereMemberFilter } from '../member/filter.js';
import { reserveRosterRows } from '../reserve/roster.js';
import type { GridInfo, OrgInfo } from './labels.js';
import { withMonths } from './team-months.js';
import { formatAbsentList } from '../../../shared/import/index.js';

/** Rows read per query: bounded memory however large the subtree. */
export const BATCH = 2000;

export type Record_ = Record<string, unknown>;

export interface RosterSelection {
  kind: RosterKind;
  /** Materialised path of the subtree root. */
  rootPath: string;
  status: 'active' | 'left' | 'all';
  filter?: z.output<typeof memberFilter> | undefined;
  /** The date ages and 党龄 of the filter are counted on. */
  today: string;
}

const inTree = (path: string, root: string) => path >= root && path < subtreeUpper(root);

/**
 * The records of one kind in a subtree, in batches: organisation by organisation in tree order,
 * then by name, each organisation read with a keyset (name, id) so no query holds more than BATCH.
 */
export async function* rosterBatches(db: Kysely<DB>, sel: RosterSelection, orgs: readonly OrgInfo[], grids: readonly GridInfo[]): AsyncGenerator<Record_[]> {
  const inScope = orgs.filter((o) => inTree(o.path, sel.rootPath));
  switch (sel.kind) {
    case 'orgs': {
      const rows = inScope.filter((o) => o.path !== sel.rootPath && o.dissolvedOn === null).map((o) => o.id);
      for (let i = 0; i < rows.length; i += BATCH) {
        const ids = rows.slice(i, i + BATCH);
        // The latest election fills 本届选举日期 and 任期年数 (org_elections, one record per 换届).
        const got = await sql<Record_ & { id: string }>`
          SELECT o.*, e.elected_on AS term_elected_on, e.term_years AS term_years FROM orgs o
          LEFT JOIN (SELECT org_id, max(elected_on) AS elected_on, term_years FROM org_elections WHERE org_id IN (SELECT value FROM json_each(${JSON.stringify(ids)})) GROUP BY org_id) e ON e.org_id = o.id
          WHERE o.id IN (SELECT value FROM json_each(${JSON.stringify(ids)}))`.execute(db);
        const byId = new Map(got.rows.map((r) => [r.id, r]));
        yield ids.map((id) => byId.get(id)).filter((r): r is NonNullable<typeof r> => r !== undefined);
      }
      return;
    }
    case 'grids': {
      const owners = new Set(inScope.map((o) => o.id));
      const info = new Map(grids.map((g) => [g.id, g]));
      const ids = grids.filter((g) => g.dissolvedOn === null && g.ownerOrgId !== null && owners.has(g.ownerOrgId)).map((g) => g.id);
      for (let i = 0; i < ids.length; i += BATCH) {
        const chunk = ids.slice(i, i + BATCH);
        const got = await db.selectFrom('grids').selectAll().where('id', 'in', chunk).execute();
        const byId = new Map(got.map((r) => [r.id, r]));
        yield chunk.flatMap((id) => {
          const r = byId.get(id);
          return r ? [{ ...r, ...levelsOf(r.id, info) }] : [];
        });
      }
      return;
    }
    case 'members':
      yield* perOrg(db, inScope, 'members', 'orgId', (q) => memberWhere(q, sel));
      return;
    case 'pipeline':
      for await (const batch of perOrg(db, inScope, 'devPeople', 'orgId', (q) => q)) yield await withStepDates(db, batch);
      return;
    case 'reserves':
      // A village holds a few dozen reserves at most: one read each.
      for (const org of inScope) {
        const rows = await reserveRosterRows(db, org.id);
        if (rows.length > 0) yield rows;
      }
      return;
    case 'teams':
      for await (const batch of perOrg(db, inScope, 'teamMembers', 'villageOrgId', (q) => q)) yield await withMonths(db, batch);
      return;
    case 'meetings':
      yield* meetingBatches(db, inScope);
      return;
  }
}

type Refine = (q: any) => any;

async function* perOrg(db: Kysely<DB>, orgs: readonly OrgInfo[], table: 'members' | 'devPeople' | 'teamMembers', orgColumn: 'orgId' | 'villageOrgId', refine: Refine): AsyncGenerator<Record_[]> {
  for (const org of orgs) {
    let last: { name: string; id: string } | null = null;
    for (;;) {
      let q = (db as Kysely<any>).selectFrom(`${table} as t`).selectAll('t').where(`t.${orgColumn}`, '=', org.id);
      q = refine(q);
      if (last) q = q.where(sql<boolean>`(t.name, t.id) > (${last.name}, ${last.id})`);
      const rows = (await q.orderBy('t.name').orderBy('t.id').limit(BATCH).execute()) as Record_[];
      if (rows.length === 0) break;
      yield rows;
      if (rows.length < BATCH) break;
      const end = rows[rows.length - 1] as { name: string; id: string };
      last = { name: end.name, id: end.id };
    }
  }
}

/** The same filter as member.list (status and the grid's filter fields). */
function memberWhere(q: any, sel: RosterSelection): any {
  if (sel.status !== 'all') q = q.where('t.status', '=', sel.status);
  return whereMemberFilter(q, 't', sel.filter, sel.today);
}

/** A grid unit and its ancestors as level.community, level.grid … (the ancestor-column shape). */
function levelsOf(id: string, info: Map<string, GridInfo>): Record_ {
  const out: Record_ = {};
  for (let g = info.get(id); g; g = g.parentId ? info.get(g.parentId) : undefined) {
    const key = `level.${g.kind}`;
    if (!(key in out)) out[key] = g.name;
  }
  return out;
}

const STEP_KEYS = Object.entries(PIPELINE_STEP_OF).map(([key, step]) => ({ key, step }));

/** Adds the dates of the pipeline's key steps (the latest of each) as appliedOn, activistOn … */
async function withStepDates(db: Kysely<DB>, people: Record_[]): Promise<Record_[]> {
  const ids = people.map((p) => p.id as string);
  const steps = await db
    .selectFrom('devSteps')
    .select(['personId', 'step', 'onDate'])
    .where('personId', 'in', ids)
    .where('step', 'in', STEP_KEYS.map((s) => s.step))
    .orderBy('onDate')
    .execute();
  const dates = new Map<string, Map<string, string>>();
  for (const s of steps) {
    let m = dates.get(s.personId);
    if (!m) dates.set(s.personId, (m = new Map()));
    m.set(s.step, s.onDate);
  }
  return people.map((p) => {
    const m = dates.get(p.id as string);
    const extra: Record_ = {};
    for (const s of STEP_KEYS) extra[s.key] = m?.get(s.step) ?? null;
    return { ...p, ...extra };
  });
}

/** Meetings organisation by organisation, by date, each with its absent members as one text. */
async function* meetingBatches(db: Kysely<DB>, orgs: readonly OrgInfo[]): AsyncGenerator<Record_[]> {
  for (const org of orgs) {
    const rows = await db.selectFrom('meetings').selectAll().where('orgId', '=', org.id).orderBy('heldOn').orderBy('id').execute();
    for (let i = 0; i < rows.length; i += BATCH) {
      const part = rows.slice(i, i + BATCH);
      const absent = await db
        .selectFrom('meetingAttendance as a')
        .innerJoin('members as m', 'm.id', 'a.memberId')
        .select(['a.meetingId', 'm.name', 'a.reason'])
        .where('a.present', '=', 0)
        .where('a.meetingId', 'in', part.map((m) => m.id))
        .orderBy('m.name')
        .execute();
      yield part.map((m) => {
        const list = absent.filter((a) => a.meetingId === m.id);
        return { ...m, absentList: list.length > 0 ? formatAbsentList(list) : null };
      });
    }
  }
}
