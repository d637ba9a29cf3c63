/**
 * 发展 from the pipeline: the 党委审批 that makes a 预备党员 makes the member record, so the 发展
 * counted from the pipeline's steps, from member events and by the 党员变化 identity is one number
 * (STATISTICS.md: 发展党员 by approval date). The member's 发展 event is dated by the approval (the
 * day they become a member of the ledger's count) and carries the branch meeting's date as
 * 入党日期 (DOMAIN.md §3).
 */
import { LedgerError } from '../../../shared/contract/envelope.js';
import { memberOrgProblem } from '../../../shared/domain/rules/member-org.js';
import type { Ctx } from '../context.js';
import type { DevPeopleTable } from '../db/schema.js';
import { inSubtree } from '../auth/scope.js';
import { createMemberRecord, recordMemberEvents } from './history.js';

/**
 * The pipeline's call at 党委审批 (inside its transaction): creates the person's member record with
 * its 发展 event, or re-admits the member the person already is (重新入党 after 出党). Returns the
 * member's id, which the caller links to the person.
 */
export async function admitFromPipeline(ctx: Ctx, person: Omit<DevPeopleTable, 'importBatchId'>, approvedOn: string): Promise<string> {
  // The branch meeting that accepted them (the latest before the approval) is the 入党日期.
  const meeting = await ctx.db
    .selectFrom('devSteps')
    .select('onDate')
    .where('personId', '=', person.id)
    .where('step', '=', 'branch-meeting')
    .where('onDate', '<=', approvedOn)
    .orderBy('onDate', 'desc')
    .executeTakeFirst();
  const admitted = { kind: 'admitted' as const, onDate: approvedOn, orgId: person.orgId, data: { joinedOn: meeting?.onDate ?? approvedOn } };
  const org = await ctx.db.selectFrom('orgs').select(['name', 'kind', 'dissolvedOn']).where('id', '=', person.orgId).executeTakeFirstOrThrow();
  const bad = memberOrgProblem(org);
  if (bad) throw new LedgerError('VALIDATION', `不能接收为预备党员：${bad}`, { field: 'orgId' });
  const existing = await ctx.db
    .selectFrom('members as m')
    .innerJoin('orgs as o', 'o.id', 'm.orgId')
    .select(['m.id', 'o.path'])
    .where((eb) => (person.memberId ? eb('m.id', '=', person.memberId) : eb('m.idNumber', '=', person.idNumber)))
    .executeTakeFirst();
  if (existing) {
    if (!inSubtree(existing.path, ctx.actor.scopePath)) throw new LedgerError('CONFLICT', `公民身份号码 ${person.idNumber} 已在其他单位的党员名册中登记，不在您的管理范围内；请联系上级组织部门`);
    await recordMemberEvents(ctx, existing.id, [admitted]);
    return existing.id;
  }
  const made = await createMemberRecord(
    ctx,
    {
      idNumber: person.idNumber,
      name: person.name,
      gender: person.gender,
      ethnicity: person.ethnicity,
      birthDate: person.birthDate,
      nativePlace: null,
      education: person.education,
      degree: null,
      orgId: person.orgId,
      partyPost: null,
      jobCategory: person.jobCategory,
      employerPost: person.employer,
      techTitle: null,
      newStratum: null,
      migrantWorker: false,
      phone: person.phone,
      householdReg: null,
      residence: null,
      gridId: null,
      dutyPost: null,
      modelHousehold: false,
      hardship: false,
      partyAgeAdjustMonths: 0,
    },
    [admitted],
  );
  return made.member.id;
}
