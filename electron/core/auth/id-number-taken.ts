import { LedgerError } from '../../../shared/contract/envelope.js';
import type { Ctx } from '../context.js';
import { inSubtree } from './scope.js';

const REGISTERS = {
  members: { column: 'orgId', noun: '党员名册' },
  devPeople: { column: 'orgId', noun: '发展党员名单' },
  reserves: { column: 'villageOrgId', noun: '后备力量库' },
} as const;

/**
 * Refuses an ID number already in a register. The person and their organisation are named only
 * when they are in the caller's scope; outside it the answer says only that another unit has them.
 */
export async function assertIdNumberFree(ctx: Ctx, register: keyof typeof REGISTERS, idNumber: string): Promise<void> {
  const { column, noun } = REGISTERS[register];
  // The three tables share name and idNumber and bind a person to an organisation by `column`.
  const taken = await ctx.db
    .selectFrom(`${register} as r` as 'members as r')
    .innerJoin('orgs as o', 'o.id', `r.${column}` as 'r.orgId')
    .select(['r.name', 'o.name as orgName', 'o.path'])
    .where('r.idNumber', '=', idNumber)
    .executeTakeFirst();
  if (!taken) return;
  // A reserve linked to a member keeps no name of its own (migration 010).
  if (inSubtree(taken.path, ctx.actor.scopePath)) throw new LedgerError('CONFLICT', `公民身份号码 ${idNumber} 已在${noun}中（${taken.name ? `${taken.name}，` : ''}${taken.orgName}）`);
  throw new LedgerError('CONFLICT', `公民身份号码 ${idNumber} 已在其他单位的${noun}中登记，不在您的管理范围内；如需调整，请联系上级组织部门`);
}
