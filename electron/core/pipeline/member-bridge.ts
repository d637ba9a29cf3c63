/**
 * The steps that change a member's record write it through the member history's entry points, in
 * the step's transaction (DOMAIN.md §3/§4): 党委审批 makes the member record and its 发展 event
 * (member/admission.ts); 转正, 延长预备期 and 取消预备党员资格 write the member's dated events
 * (member/history.ts), so the pipeline and the register never disagree.
 */
import type { Ctx } from '../context.js';
import { admitFromPipeline } from '../member/admission.js';
import { recordMemberEvents, type EventInput } from '../member/history.js';
import type { JudgedStep } from './steps.js';

/** The member event a step after the approval writes, or null. */
function eventOf(j: JudgedStep): EventInput | null {
  const data = j.data ?? {};
  const note = typeof data.reason === 'string' ? data.reason : null;
  switch (j.step) {
    // 转正日期 (the end of probation, R15) is the day the member became formal, whatever day the approval was.
    case 'confirmed':
      return { kind: 'confirmed', onDate: typeof data.confirmedOn === 'string' ? data.confirmedOn : j.onDate };
    case 'probation-extended':
      return { kind: 'probation-extended', onDate: j.onDate, note, data: { months: Number(data.months) } };
    case 'cancelled':
      return j.person.stage === 'probationary' ? { kind: 'probation-cancelled', onDate: j.onDate, note } : null;
    default:
      return null;
  }
}

/**
 * Writes what the step means for the member register. A person made probationary before the ledger
 * linked pipeline and register (an old import) has no member to write to: the register is then
 * kept on its own, as before.
 */
export async function writeMemberSide(ctx: Ctx, j: JudgedStep): Promise<void> {
  if (j.step === 'approved') {
    const memberId = await admitFromPipeline(ctx, j.person, j.onDate);
    if (memberId !== j.person.memberId) await ctx.db.updateTable('devPeople').set({ memberId, updatedAt: ctx.now }).where('id', '=', j.person.id).execute();
    return;
  }
  const event = eventOf(j);
  if (event && j.person.memberId) await recordMemberEvents(ctx, j.person.memberId, [event]);
}
