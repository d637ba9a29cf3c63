import type { Kysely } from 'kysely';
import { LedgerError } from '../../../shared/contract/envelope.js';
import type { Org } from '../../../shared/types/records.js';
import type { DB, OrgRow } from '../db/schema.js';
import { withBooleans } from '../util/rows.js';

export const ORG_BOOLEANS = ['canApprove', 'weak'] as const;

export function toOrg(row: OrgRow): Org {
  const { importBatchId: _b, initials: _i, ...rest } = row;
  return withBooleans(rest, ORG_BOOLEANS);
}

export async function getOrgRow(db: Kysely<DB>, id: string): Promise<OrgRow> {
  const row = await db.selectFrom('orgs').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new LedgerError('NOT_FOUND', '组织不存在');
  return row;
}

export const childPath = (parentPath: string, id: string): string => `${parentPath}${id}/`;
