/**
 * Loaders of the organisation room: the record (scope-checked), and its dated records as the
 * contract carries them.
 */
import type { Kysely, Selectable } from 'kysely';
import { LedgerError } from '../../../shared/contract/envelope.js';
import type { Org } from '../../../shared/types/records.js';
import type { OrgElection, OrgOfficer, OrgRating, OrgRectification } from '../../../shared/contract/org.js';
import type { OfficerPost, WeakCause } from '../../../shared/codes/org-records.js';
import type { OrgKind, UnitCategory } from '../../../shared/codes/tables.js';
import { termDueOn } from '../../../shared/domain/terms.js';
import { compareDates, isFuture } from '../../../shared/domain/dates.js';
import type { DB, OrgElectionsTable, OrgRow } from '../db/schema.js';
import type { Ctx } from '../context.js';
import { assertOrgInScope } from '../auth/scope.js';
import { withBooleans } from '../util/rows.js';

export const ORG_BOOLEANS = ['canApprove'] as const;

export function toOrg(row: OrgRow): Org {
  const { importBatchId: _b, initials: _i, ...rest } = row;
  return withBooleans(rest, ORG_BOOLEANS);
}

export async function getOrgRow(db: Kysely<DB>, id: string): Promise<OrgRow> {
  const row = await db.selectFrom('orgs').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new LedgerError('NOT_FOUND', '组织不存在');
  return row;
}

/** The organisation's row after the caller's subtree check. */
export async function loadOrgRow(ctx: Ctx, id: string): Promise<OrgRow & { kind: OrgKind; unitCategory: UnitCategory | null }> {
  await assertOrgInScope(ctx, id);
  return (await getOrgRow(ctx.db, id)) as OrgRow & { kind: OrgKind; unitCategory: UnitCategory | null };
}

/** Refuses a write on a dissolved organisation, naming the date. */
export function assertLive(row: Pick<OrgRow, 'dissolvedOn'>, what: string): void {
  if (row.dissolvedOn) throw new LedgerError('CONFLICT', `该组织已于 ${row.dissolvedOn} 撤销，不能${what}`);
}

/** A dated write: not after today, not before the organisation was founded. */
export function assertDateFor(row: Pick<OrgRow, 'foundedOn'>, date: string, today: string, label: string): void {
  if (isFuture(date, today)) throw new LedgerError('VALIDATION', `${label}（${date}）不能晚于今天`);
  if (row.foundedOn && compareDates(date, row.foundedOn) < 0) throw new LedgerError('VALIDATION', `${label}（${date}）早于该组织的成立日期 ${row.foundedOn}`);
}

export const childPath = (parentPath: string, id: string): string => `${parentPath}${id}/`;

export function toOfficer(r: Selectable<DB['orgOfficers']>): OrgOfficer {
  return { id: r.id, orgId: r.orgId, memberId: r.memberId, name: r.name, post: r.post as OfficerPost, fromDate: r.fromDate, toDate: r.toDate, endReason: r.endReason };
}

export function toElection(r: Selectable<OrgElectionsTable>, approverName: string | null = null): OrgElection {
  return {
    id: r.id,
    orgId: r.orgId,
    electedOn: r.electedOn,
    termYears: r.termYears,
    dueOn: termDueOn({ electedOn: r.electedOn, termYears: r.termYears }),
    extendedTo: r.extendedTo,
    extensionApprovedBy: r.extensionApprovedBy,
    extensionApprovedByName: approverName,
    extensionApprovedOn: r.extensionApprovedOn,
    note: r.note,
  };
}

export function toRating(r: Selectable<DB['orgRatings']>): OrgRating {
  return { year: r.year, stars: r.stars, weak: r.weak === 1, note: r.note };
}

export function toRectification(r: Selectable<DB['orgRectifications']>): OrgRectification {
  return { year: r.year, causes: JSON.parse(r.causes) as WeakCause[], measures: r.measures, leader: r.leader, startedOn: r.startedOn, rectifiedOn: r.rectifiedOn, closedOn: r.closedOn };
}

/** Elections of an organisation, oldest first, with the approving bodies' names. */
export async function electionsOf(db: Kysely<DB>, orgId: string): Promise<OrgElection[]> {
  const rows = await db
    .selectFrom('orgElections as e')
    .leftJoin('orgs as a', 'a.id', 'e.extensionApprovedBy')
    .selectAll('e')
    .select('a.name as approverName')
    .where('e.orgId', '=', orgId)
    .orderBy('e.electedOn')
    .orderBy('e.createdAt')
    .execute();
  return rows.map(({ approverName, ...r }) => toElection(r, approverName));
}

export async function officersOf(db: Kysely<DB>, orgId: string): Promise<OrgOfficer[]> {
  const rows = await db.selectFrom('orgOfficers').selectAll().where('orgId', '=', orgId).orderBy('fromDate').orderBy('createdAt').execute();
  return rows.map(toOfficer);
}

export async function ratingsOf(db: Kysely<DB>, orgId: string): Promise<{ ratings: OrgRating[]; rectifications: OrgRectification[] }> {
  const ratings = await db.selectFrom('orgRatings').selectAll().where('orgId', '=', orgId).orderBy('year').execute();
  const rects = await db.selectFrom('orgRectifications').selectAll().where('orgId', '=', orgId).orderBy('year').execute();
  return { ratings: ratings.map(toRating), rectifications: rects.map(toRectification) };
}

/** The settings' 换届 grace window in months (default none). */
export async function termGraceMonths(db: Kysely<DB>): Promise<number> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', 'termGraceMonths').executeTakeFirst();
  const n = row ? Number(JSON.parse(row.value)) : 0;
  return Number.isInteger(n) && n > 0 ? n : 0;
}
