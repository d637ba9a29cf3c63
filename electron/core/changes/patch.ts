import type { DB } from '../db/schema.js';
import type { Ctx } from '../context.js';

/**
 * Writes the fields of `patch` that differ from `current` (with updated_at = the call's time) and
 * audits exactly those, before and after. Returns whether anything changed. The audit row's
 * `before` is then what an undo writes back (changes/undo.ts).
 */
export async function patchAudited(ctx: Ctx, table: keyof DB, entity: string, current: Record<string, unknown>, patch: Record<string, unknown>, sqlValues: (p: Record<string, unknown>) => Record<string, unknown> = (p) => p): Promise<boolean> {
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined) continue;
    if (JSON.stringify(current[k] ?? null) === JSON.stringify(v ?? null)) continue;
    before[k] = current[k] ?? null;
    after[k] = v ?? null;
  }
  if (Object.keys(after).length === 0) return false;
  const id = String(current.id);
  await ctx.db
    .updateTable(table)
    .set({ ...sqlValues(after), updatedAt: ctx.now } as never)
    .where('id' as never, '=', id as never)
    .execute();
  await ctx.audit(entity, id, before, after);
  return true;
}
