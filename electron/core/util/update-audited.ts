import type { DB } from '../db/schema.js';
import type { Ctx } from '../context.js';
import { changedFields } from './rows.js';

/**
 * The common edit: load (which also checks scope), apply the patch, reload, audit only the fields
 * that changed. `load` is the entity's own scoped loader so callers cannot skip the subtree check.
 */
export async function updateAudited<T extends object>(
  ctx: Ctx,
  table: keyof DB,
  entity: string,
  id: string,
  patch: object,
  load: () => Promise<T>,
): Promise<T> {
  const before = await load();
  await ctx.db
    .updateTable(table)
    .set({ ...patch, updatedAt: ctx.now } as never)
    .where('id' as never, '=', id as never)
    .execute();
  const after = await load();
  const diff = changedFields(before as Record<string, unknown>, after as Record<string, unknown>);
  await ctx.audit(entity, id, diff.before, diff.after);
  return after;
}
