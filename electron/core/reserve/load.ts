/**
 * Reading reserves: one query shape for lists, single records and exports, which shows a linked
 * person's values (member first, then pipeline person) and the reserve's own otherwise, and
 * loaders that refuse a reserve outside the caller's subtree.
 */
import { sql, type Kysely } from 'kysely';
import type { Selectable } from 'kysely';
import type { DB, ReserveRecordsTable } from '../db/schema.js';
import type { Ctx } from '../context.js';
import type { ReserveRecord, ReserveView } from '../../../shared/contract/reserve.js';
import type { ReserveFinding, ReserveStage } from '../../../shared/domain/reserve-rules.js';
import { reserveInScope, reserveRecordInScope } from '../auth/records.js';

/** Political status of a linked member: 中共党员 / 中共预备党员 while a member. */
const MEMBER_STATUS = sql<string | null>`CASE WHEN m.status = 'active' THEN iif(m.category = 'formal', '01', '02') END`;

/** Reserves with their village and linked person; `o.path` is selected for scope checks. */
export function reserveQuery(db: Kysely<DB>) {
  return db
    .selectFrom('reserves as r')
    .innerJoin('orgs as o', 'o.id', 'r.villageOrgId')
    .leftJoin('devPeople as d', 'd.id', 'r.devPersonId')
    .leftJoin('members as m', (j) => j.on(sql`m.id`, '=', sql`coalesce(r.member_id, d.member_id)`))
    .select([
      'r.id', 'r.idNumber', 'r.major', 'r.villageOrgId', 'o.name as villageName', 'o.path as orgPath', 'r.source', 'r.currentPost', 'r.direction',
      'r.stage', 'r.enteredPoolOn', 'r.exitKind', 'r.exitOn', 'r.exitPost', 'r.exitReason', 'r.mentor', 'r.assessment', 'r.memberId', 'r.devPersonId',
      'r.createdAt', 'r.updatedAt',
      sql<string>`coalesce(m.name, d.name, r.name, '')`.as('name'),
      sql<string | null>`coalesce(m.gender, d.gender, r.gender)`.as('gender'),
      sql<string | null>`coalesce(m.birth_date, d.birth_date, r.birth_date)`.as('birthDate'),
      sql<string | null>`coalesce(m.ethnicity, d.ethnicity, r.ethnicity)`.as('ethnicity'),
      sql<string | null>`coalesce(m.education, d.education, r.education)`.as('education'),
      sql<string | null>`coalesce(${MEMBER_STATUS}, r.political_status)`.as('politicalStatus'),
      sql<'member' | 'pipeline' | null>`CASE WHEN m.id IS NOT NULL THEN 'member' WHEN d.id IS NOT NULL THEN 'pipeline' END`.as('linkedTo'),
      sql<string | null>`(SELECT max(x.on_date) FROM reserve_records x WHERE x.reserve_id = r.id AND x.kind = 'stage' AND x.stage = r.stage AND x.voided_at IS NULL)`.as('stageOn'),
    ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof reserveQuery>['executeTakeFirstOrThrow']>>;

export function toView(row: Row): ReserveView {
  const { orgPath: _p, ...v } = row;
  return { ...v, stage: v.stage as ReserveStage, exitKind: v.exitKind as ReserveView['exitKind'] };
}

/** The reserve as the register shows it, once the scope check of auth/records.ts let it through. */
export async function loadReserve(ctx: Ctx, id: string): Promise<ReserveView> {
  await reserveInScope(ctx, id);
  return toView(await reserveQuery(ctx.db).where('r.id', '=', id).executeTakeFirstOrThrow());
}

/** A record whose reserve lies in the caller's subtree. */
export async function loadRecord(ctx: Ctx, id: string): Promise<ReserveRecord> {
  return toRecord(await reserveRecordInScope(ctx, id));
}

export function toRecord(row: Selectable<ReserveRecordsTable>): ReserveRecord {
  const { importBatchId: _b, findings, ...r } = row;
  return { ...r, kind: r.kind as ReserveRecord['kind'], stage: r.stage as ReserveStage | null, findings: findings ? (JSON.parse(findings) as ReserveFinding[]) : null };
}

/** Stage records of one day in pipeline order (a carried-over history has several on one date). */
const STAGE_RANK = sql`coalesce(nullif(instr('recommended assessed training entered exited', stage), 0), 99)`;

export async function recordsOf(db: Kysely<DB>, reserveId: string): Promise<ReserveRecord[]> {
  const rows = await db.selectFrom('reserveRecords').selectAll().where('reserveId', '=', reserveId).orderBy('onDate').orderBy(STAGE_RANK).orderBy('createdAt').orderBy('id').execute();
  return rows.map(toRecord);
}

/** Live stage records of the reserves whose village lies in [lo, hi), optionally up to a date, by reserve. */
export async function stagesIn(db: Kysely<DB>, lo: string, hi: string, opts: { asOf?: string; only?: readonly ReserveStage[] } = {}): Promise<Map<string, { stage: string | null; onDate: string }[]>> {
  let q = db
    .selectFrom('reserveRecords as x')
    .innerJoin('reserves as r', 'r.id', 'x.reserveId')
    .innerJoin('orgs as o', 'o.id', 'r.villageOrgId')
    .select(['x.reserveId', 'x.stage', 'x.onDate'])
    .where('x.kind', '=', 'stage')
    .where('x.voidedAt', 'is', null)
    .where('o.path', '>=', lo)
    .where('o.path', '<', hi);
  if (opts.asOf) q = q.where('x.onDate', '<=', opts.asOf);
  if (opts.only) q = q.where('x.stage', 'in', [...opts.only]);
  const out = new Map<string, { stage: string | null; onDate: string }[]>();
  for (const x of await q.execute()) {
    let list = out.get(x.reserveId);
    if (!list) out.set(x.reserveId, (list = []));
    list.push(x);
  }
  return out;
}
