import { LedgerError } from '../../../shared/contract/envelope.js';
import type { ParsedInput } from '../../../shared/contract/index.js';
import type { Ctx } from '../context.js';
import { gridInScope } from '../auth/records.js';
import { registerMember } from '../grid/registrations.js';
import { beginChange, closeChange } from '../changes/change-set.js';
import { memberChanges } from '../changes/entities.js';
import { faultPoint } from '../util/fault.js';
import { memberRecordProblems } from '../../../shared/domain/rules/index.js';

/**
 * Spreadsheet habits on the roster, each one change set (undone as a whole by change.undo): a
 * block pasted from Excel/WPS and registering a selection with a grid unit.
 */
export async function pasteMembers(ctx: Ctx, input: ParsedInput<'member.paste'>): Promise<{ changeId: string; updated: number }> {
  const changeId = await beginChange(ctx, `粘贴修改 ${input.rows.length} 名党员的信息`, 'member');
  const refused: string[] = [];
  let invalid = false;
  let updated = 0;
  for (const r of input.rows) {
    const current = await memberChanges.load(ctx, r.id);
    if (r.expectedUpdatedAt && r.expectedUpdatedAt !== current.updatedAt) {
      refused.push(`“${current.label}”已被他人修改`);
      continue;
    }
    // The row as it would be, by the rules of every member write (a sex against the ID number …).
    const problem = memberRecordProblems({ ...current, ...r.patch } as never, { today: ctx.today }).find((p) => p.field in r.patch);
    if (problem) {
      invalid = true;
      refused.push(`“${current.label}”：${problem.message}`);
      continue;
    }
    if (await memberChanges.write(ctx, current, r.patch)) updated++;
    faultPoint('change.paste.afterRecord');
  }
  if (refused.length > 0) {
    // One change or none: the whole block waits until the rows are fresh.
    throw new LedgerError(invalid ? 'VALIDATION' : 'CONFLICT', `${refused.slice(0, 5).join('，')}${refused.length > 5 ? ` 等 ${refused.length} 行` : ''}。整块粘贴未保存，请改正或刷新后再粘贴。`, { refused });
  }
  await closeChange(ctx, updated);
  return { changeId, updated };
}

/**
 * 报到 of the selection with one grid unit (or the end of their registrations): each a dated
 * registration from today through the grid register (grid/registrations.ts), as a single member's.
 * Its undo is refused like an event's: a registration is mended by ending or correcting it.
 */
export async function registerGrid(ctx: Ctx, input: ParsedInput<'member.registerGrid'>): Promise<{ changeId: string; updated: number }> {
  const grid = input.gridId ? await gridInScope(ctx, input.gridId) : null;
  if (grid?.dissolvedOn) throw new LedgerError('CONFLICT', `网格“${grid.name}”已于 ${grid.dissolvedOn} 撤销，不能登记`);
  const changeId = await beginChange(ctx, grid ? `${input.ids.length} 名党员登记到网格“${grid.name}”` : `${input.ids.length} 名党员取消网格登记`, 'member');
  let updated = 0;
  for (const id of new Set(input.ids)) {
    const current = await memberChanges.load(ctx, id);
    if ((current.gridId ?? null) === (grid?.id ?? null)) continue;
    await registerMember(ctx, id, grid?.id ?? null, ctx.today);
    updated++;
  }
  await closeChange(ctx, updated);
  return { changeId, updated };
}
