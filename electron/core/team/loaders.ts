/**
 * Reading 第一书记 / 工作队 records: one query shape (the posting, its village's name and, for a
 * cadre who is a member of this ledger, the member record's name, ID number and party facts), and
 * loaders that check scope before returning anything.
 */
import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import { LedgerError } from '../../../shared/contract/envelope.js';
import type { TeamGrade, TeamLeave, TeamMember, TeamTraining } from '../../../shared/contract/team.js';
import { firstSecretaryEligibility, type Eligibility, type PartyCategory } from '../../../shared/domain/team-eligibility.js';
import { leaveLength } from '../../../shared/domain/village-days.js';
import type { DB } from '../db/schema.js';
import type { Ctx } from '../context.js';
import { teamMemberInScope } from '../auth/records.js';

/** The posting with its village and linked member: what every reader of team members selects. */
export function teamQuery(db: Kysely<DB>) {
  return db
    .selectFrom('teamMembers as t')
    .innerJoin('orgs as o', 'o.id', 't.villageOrgId')
    .leftJoin('members as m', 'm.id', 't.memberId')
    .selectAll('t')
    .select(sql<string>`coalesce(o.short_name, o.name)`.as('villageName'))
    .select(['o.path as villagePath', 'm.name as memberName', 'm.idNumber as memberIdNumber', 'm.category as memberCategory', 'm.confirmedOn as memberConfirmedOn', 'm.partyAgeAdjustMonths as memberAdjust']);
}

type TeamRow = Awaited<ReturnType<ReturnType<typeof teamQuery>['executeTakeFirstOrThrow']>>;
export type TeamQuery = SelectQueryBuilder<DB & { t: DB['teamMembers']; o: DB['orgs']; m: DB['members'] }, 't' | 'o' | 'm', TeamRow>;

/** A member record's party facts. */
export interface MemberFacts {
  category: string;
  confirmedOn: string | null;
  partyAgeAdjustMonths: number;
}

/** What a posting says: the facts entered for a cadre without a member record, and its dates. */
export interface EnteredFacts {
  partyCategory: PartyCategory | null;
  partyConfirmedOn: string | null;
  workStartedOn: string | null;
  fromDate: string | null;
}

/** The first-secretary check: the member record's facts when linked, else the ones entered (on the appointment date, else today). */
export function eligibilityOf(member: MemberFacts | null | undefined, e: EnteredFacts, today: string): Eligibility {
  return firstSecretaryEligibility({
    appointedOn: e.fromDate ?? today,
    category: member ? (member.category as PartyCategory) : e.partyCategory,
    confirmedOn: member ? member.confirmedOn : e.partyConfirmedOn,
    partyAgeAdjustMonths: member?.partyAgeAdjustMonths ?? 0,
    workStartedOn: e.workStartedOn,
    source: member ? 'member' : 'entered',
  });
}

export function toTeamMember(r: TeamRow, today: string): TeamMember {
  return {
    id: r.id,
    villageOrgId: r.villageOrgId,
    villageName: r.villageName,
    name: r.memberName ?? r.name,
    idNumber: r.memberIdNumber ?? r.idNumber,
    role: r.role as TeamMember['role'],
    dispatchingUnit: r.dispatchingUnit,
    dispatchingLevel: r.dispatchingLevel as TeamMember['dispatchingLevel'],
    villageType: r.villageType,
    batch: r.batch,
    memberId: r.memberId,
    fromDate: r.fromDate,
    toDate: r.toDate,
    endedOn: r.endedOn,
    endKind: r.endKind,
    endReason: r.endReason,
    workStartedOn: r.workStartedOn,
    partyCategory: r.partyCategory,
    partyConfirmedOn: r.partyConfirmedOn,
    funds: r.funds,
    eligibility: r.role === 'first-secretary' ? eligibilityOf(r.memberCategory === null ? null : { category: r.memberCategory, confirmedOn: r.memberConfirmedOn, partyAgeAdjustMonths: r.memberAdjust ?? 0 }, r, today) : null,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

/** A posting inside the caller's subtree. */
export async function loadTeamMember(ctx: Ctx, id: string): Promise<TeamMember> {
  await teamMemberInScope(ctx, id);
  return toTeamMember(await teamQuery(ctx.db).where('t.id', '=', id).executeTakeFirstOrThrow(), ctx.today);
}

export function toLeave(r: DB['teamLeaves']): TeamLeave {
  return { id: r.id, teamMemberId: r.teamMemberId, fromDate: r.fromDate, toDate: r.toDate, days: leaveLength(r), reason: r.reason, approvedBy: r.approvedBy, approvedOn: r.approvedOn };
}

/** A leave record whose cadre is inside the caller's subtree. */
export async function loadLeave(ctx: Ctx, id: string): Promise<TeamLeave> {
  const row = await ctx.db.selectFrom('teamLeaves').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new LedgerError('NOT_FOUND', '请假记录不存在');
  await teamMemberInScope(ctx, row.teamMemberId);
  return toLeave(row);
}

export function toTraining(r: DB['teamTrainings']): TeamTraining {
  return { id: r.id, teamMemberId: r.teamMemberId, onDate: r.onDate, topic: r.topic, hours: r.hours };
}

export async function loadTraining(ctx: Ctx, id: string): Promise<TeamTraining> {
  const row = await ctx.db.selectFrom('teamTrainings').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new LedgerError('NOT_FOUND', '培训记录不存在');
  await teamMemberInScope(ctx, row.teamMemberId);
  return toTraining(row);
}

export const toGrade = (r: DB['teamGrades']): TeamGrade => ({ teamMemberId: r.teamMemberId, year: r.year, grade: r.grade as TeamGrade['grade'], note: r.note });
