/**
 * A block of rows saved at once (a paste from Excel/WPS, or several edited cells): every cell goes
 * through the same write path as a single edit, inside the call's one transaction. A refused cell
 * does not stop the others from being checked; if any is refused the call fails with all of them
 * listed (details.cells) and the transaction leaves nothing behind: one audited change, or none.
 */
import { LedgerError } from '../../../shared/contract/envelope.js';
import type { Input } from '../../../shared/contract/index.js';
import type { GridUnit, RefusedCell } from '../../../shared/contract/grid.js';
import { defaultChildKind, GRID_PLAIN_FIELDS } from '../../../shared/domain/grid-rules.js';
import type { Ctx } from '../context.js';
import { loadLiveUnit } from './load.js';
import { coverUnit, createUnit, dissolveUnit, renameUnit, updatePlain } from './write.js';

type Saved = Input<'grid.saveRows'>;

export async function saveRows(ctx: Ctx, input: Saved & { onDate: string }): Promise<{ created: number; updated: number; createdIds: string[]; dissolved: number }> {
  const refused: RefusedCell[] = [];
  const createdIds: string[] = [];
  let updated = 0;
  const parent = input.parentId ? await loadLiveUnit(ctx, input.parentId) : null;
  const attempt = async (row: number, field: string, fn: () => Promise<unknown>): Promise<boolean> => {
    try {
      await fn();
      return true;
    } catch (err) {
      // A record outside the caller's scope is refused as such, never listed as a cell problem.
      if (!(err instanceof LedgerError) || err.code === 'INTERNAL' || err.code === 'FORBIDDEN') throw err;
      const named = (err.details as { field?: unknown } | undefined)?.field;
      refused.push({ row, field: typeof named === 'string' && named !== 'onDate' ? named : field, message: err.message });
      return false;
    }
  };
  for (const [i, r] of input.rows.entries()) {
    const plain = Object.fromEntries(GRID_PLAIN_FIELDS.filter((k) => r[k] !== undefined).map((k) => [k, r[k]]));
    if (!r.id) {
      if (!r.name) {
        refused.push({ row: i, field: 'name', message: '新增的网格单元须填写名称' });
        continue;
      }
      const name = r.name;
      await attempt(i, 'name', async () => void createdIds.push((await createUnit(ctx, { ...plain, parentId: parent?.id ?? null, ownerOrgId: input.ownerOrgId, name, kind: r.kind ?? defaultChildKind(parent?.kind ?? null), orgId: r.orgId ?? null, foundedOn: input.onDate })).id));
      continue;
    }
    const id = r.id;
    let u: GridUnit | null = null;
    const ok = await attempt(i, 'id', async () => {
      u = await loadLiveUnit(ctx, id);
      if (r.kind !== undefined && r.kind !== u.kind) throw new LedgerError('VALIDATION', '网格类别不能修改；类别不同的单元请新建', { field: 'kind' });
    });
    if (!ok || !u) continue;
    const unit: GridUnit = u;
    let changed = false;
    // Cells pasted over with what they hold already are no change.
    if (r.name !== undefined && r.name !== unit.name) changed = (await attempt(i, 'name', () => renameUnit(ctx, id, r.name!, input.onDate, input.nameAs === 'correction'))) || changed;
    if (r.orgId !== undefined && (r.orgId ?? null) !== unit.orgId) changed = (await attempt(i, 'orgId', () => coverUnit(ctx, id, r.orgId ?? null, input.onDate))) || changed;
    if (Object.keys(plain).length > 0) changed = (await attempt(i, Object.keys(plain)[0]!, () => updatePlain(ctx, id, plain))) || changed;
    if (changed) updated++;
  }
  // Refusals of these are listed after the rows (row = rows.length + index).
  let dissolved = 0;
  for (const [i, id] of (input.dissolveIds ?? []).entries()) {
    if (await attempt(input.rows.length + i, 'id', () => dissolveUnit(ctx, id, input.onDate, '撤销误建的单元（撤销上一步操作）', false))) dissolved++;
  }
  if (refused.length > 0) {
    throw new LedgerError('VALIDATION', `有 ${refused.length} 个单元格未通过检查，整批未保存：${refused.slice(0, 3).map((c) => `第 ${c.row + 1} 行 ${c.message}`).join('；')}${refused.length > 3 ? ' 等' : ''}`, { cells: refused });
  }
  return { created: createdIds.length, updated, createdIds, dissolved };
}
