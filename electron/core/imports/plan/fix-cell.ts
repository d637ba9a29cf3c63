/**
 * import.fixCell: the clerk corrects a cell in the preview grid. The row is normalised and checked
 * again, then the database pass runs over all rows (a corrected ID number may end or start a
 * duplicate elsewhere); the rows whose issues changed come back with the corrected one.
 */
import { LedgerError } from '../../../../shared/contract/envelope.js';
import type { Ctx } from '../../context.js';
import { assertOrgInScope } from '../../auth/scope.js';
import type { PreviewState } from './state.js';
import { rowIssues } from './state.js';
import { normaliseRow } from '../validate/normalise-row.js';
import { evaluate } from './evaluate.js';
import { gridRow, issueCounts, allIssues, planOf, rowCounts, updatesOf } from './summary.js';

export async function fixCell(ctx: Ctx, state: PreviewState, at: { file: string; sheet: string; row: number; column: string; value: string }) {
  const r = state.rows.find((x) => x.table.file === at.file && x.table.sheet === at.sheet && x.row === at.row);
  if (!r) throw new LedgerError('NOT_FOUND', `预览中没有“${at.file}”工作表“${at.sheet}”第${at.row}行`);
  const col = r.table.headers.indexOf(at.column);
  if (col < 0) throw new LedgerError('NOT_FOUND', `工作表“${at.sheet}”没有“${at.column}”列`);
  // The row changes: the plan must be evaluated again (below, and by the commit if that fails).
  delete state.evaluatedAt;
  const before = new Map(state.rows.map((x) => [x, JSON.stringify(rowIssues(x))]));
  const cells = [...r.cells];
  while (cells.length <= col) cells.push(null);
  // Typed text: never a numeric cell, so a corrected ID number is read as the clerk typed it.
  cells[col] = at.value;
  r.cells = cells;
  normaliseRow(r, ctx.today);
  await evaluate(ctx.db, state, await assertOrgInScope(ctx, state.underOrgId), ctx.env.sqlite);
  const affected = state.rows.filter((x) => x !== r && before.get(x) !== JSON.stringify(rowIssues(x))).map(gridRow);
  return { row: gridRow(r), affected, rows: rowCounts(state), plan: planOf(state), issueCounts: issueCounts(allIssues(state)), updates: updatesOf(state) };
}
