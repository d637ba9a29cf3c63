import type { Kysely } from 'kysely';
import { LedgerError } from '../../../shared/contract/envelope.js';
import type { Member } from '../../../shared/types/records.js';
import type { DB, MemberRow } from '../db/schema.js';
import { withBooleans } from '../util/rows.js';

export const MEMBER_BOOLEANS = ['migrantWorker', 'modelHousehold', 'mobile', 'lostContact', 'hardship'] as const;

export function toMember(row: MemberRow & { orgName?: string }): Member {
  const { importBatchId: _b, gridRegisteredOn: _g, initials: _i, ...rest } = row;
  return withBooleans(rest, MEMBER_BOOLEANS);
}

export async function getMemberRow(db: Kysely<DB>, id: string): Promise<MemberRow & { orgName: string; orgPath: string }> {
  const row = await db
    .selectFrom('members as m')
    .innerJoin('orgs as o', 'o.id', 'm.orgId')
    .selectAll('m')
    .select(['o.name as orgName', 'o.path as orgPath'])
    .where('m.id', '=', id)
    .executeTakeFirst();
  if (!row) throw new LedgerError('NOT_FOUND', '党员不存在');
  return row;
}
