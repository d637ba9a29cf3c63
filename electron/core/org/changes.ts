/** Dated changes of the columns that place or classify an organisation (org_changes, migration 016). */
import { LedgerError } from '../../../shared/contract/envelope.js';
import { compareDates } from '../../../shared/domain/dates.js';
import type { OrgChangesTable, OrgRow } from '../db/schema.js';
import type { Ctx } from '../context.js';
import { newId } from '../util/ids.js';
import { assertDateFor } from './load.js';

const FIELD_NAMES: Record<OrgChangesTable['field'], string> = { parent_id: '上级组织', kind: '组织类别', unit_category: '单位类别' };

/**
 * Records that `field` changed from `oldValue` to `newValue` on `onDate` (the first day of the new
 * value). Dates must follow the field's earlier changes: the tree of a past date undoes later
 * changes in date order, so a change dated before an existing one would undo the wrong value.
 */
export async function recordChange(ctx: Ctx, row: Pick<OrgRow, 'id' | 'foundedOn'>, field: OrgChangesTable['field'], oldValue: string | null, newValue: string | null, onDate: string, reason: string | null = null): Promise<void> {
  assertDateFor(row, onDate, ctx.today, `${FIELD_NAMES[field]}变更日期`);
  const last = await ctx.db.selectFrom('orgChanges').select('onDate').where('orgId', '=', row.id).where('field', '=', field).orderBy('onDate', 'desc').executeTakeFirst();
  if (last && compareDates(onDate, last.onDate) < 0) {
    throw new LedgerError('VALIDATION', `该组织的${FIELD_NAMES[field]}已于 ${last.onDate} 变更，新的变更日期不能更早`);
  }
  await ctx.db.insertInto('orgChanges').values({ id: newId(), orgId: row.id, onDate, field, oldValue, newValue, reason, createdAt: ctx.now }).execute();
}
