/**
 * import.commit: one transaction (the core opens it for this write call), one batch. What is
 * written matches the ledger at that moment: the plan is evaluated again inside the transaction
 * unless the ledger provably did not change since it was last evaluated (plan/evaluate.ts,
 * ledgerVersion); rows with errors are left out and counted. A crash anywhere before COMMIT leaves
 * nothing.
 */
import type { ImportCommitted } from '../../../../shared/contract/imports.js';
import type { Ctx } from '../../context.js';
import { assertOrgInScope } from '../../auth/scope.js';
import { newId } from '../../util/ids.js';
import { faultPoint } from '../../util/fault.js';
import type { PreviewState } from '../plan/state.js';
import { evaluate, evaluationCurrent } from '../plan/evaluate.js';
import { planOf } from '../plan/summary.js';
import { saveRemembered } from '../map/remembered.js';
import { BatchWriter } from './batch-writer.js';
import { writePeople } from './write-people.js';
import { writeReserves } from './write-reserves.js';
import { writeGrids, writeOrgs } from './write-trees.js';
import { writeTeams } from './write-teams.js';
import { writeMeetings } from './write-meetings.js';
import { holdCheckpointDuringCommit } from './after-commit.js';

export async function commitPreview(ctx: Ctx, state: PreviewState, rememberMapping: boolean): Promise<ImportCommitted> {
  // The WAL checkpoint runs after the reply: see after-commit.ts.
  const release = holdCheckpointDuringCommit(ctx.env.sqlite);
  try {
    return await writeBatch(ctx, state, rememberMapping);
  } finally {
    release();
  }
}

async function writeBatch(ctx: Ctx, state: PreviewState, rememberMapping: boolean): Promise<ImportCommitted> {
  const underPath = await assertOrgInScope(ctx, state.underOrgId);
  ctx.progress('commit', 0, state.rows.length);
  // People rosters: when nothing was written since the preview's (or the last fix's) evaluation,
  // evaluating again would give the same plan, and is skipped; otherwise the plan is evaluated
  // again inside this transaction. Grids always are (the evaluation returns the units to create).
  const current = (state.kind === 'members' || state.kind === 'pipeline' || state.kind === 'reserves') && evaluationCurrent(ctx.env.sqlite, state);
  const { grids } = current ? { grids: [] } : await evaluate(ctx.db, state, underPath, ctx.env.sqlite);
  const batchId = newId();
  const files = [...new Set(state.fileNames)];
  await ctx.db
    .insertInto('importBatches')
    .values({ id: batchId, kind: state.kind, senderOrgId: state.underOrgId, userId: ctx.actor.user.id, files: JSON.stringify(files), counts: '{}', status: 'committed', createdAt: ctx.now, undoneAt: null })
    .execute();
  const w = new BatchWriter(ctx, batchId);
  if (state.kind === 'members' || state.kind === 'pipeline') writePeople(w, state);
  else if (state.kind === 'reserves') writeReserves(w, state);
  else if (state.kind === 'orgs') await writeOrgs(w, state);
  else if (state.kind === 'teams') writeTeams(w, state);
  else if (state.kind === 'meetings') writeMeetings(w, state);
  else await writeGrids(w, state, grids);
  w.finish();
  faultPoint('import.commit.afterAudit');

  const plan = planOf(state);
  const counts = { rows: state.rows.length, created: w.created, updated: w.updated, skipped: plan.skip, unchanged: plan.unchanged };
  await ctx.db.updateTable('importBatches').set({ counts: JSON.stringify(counts) }).where('id', '=', batchId).execute();
  if (rememberMapping) {
    for (const t of state.tables) {
      const mapping: Record<string, string | null> = {};
      for (const c of t.columns) if (c.field || c.source === 'ignored') if (c.header !== '') mapping[c.header] = c.field;
      await saveRemembered(ctx.db, state.underOrgId, state.kind, t.headers, mapping, ctx.now);
    }
  }
  // The batch's one audit row stands for the records it created (they get none each): how many rows
  // of each kind, which undo checks against the rows still carrying the batch id.
  await ctx.audit('importBatch', batchId, null, { kind: state.kind, files, senderOrgId: state.underOrgId, counts, createdRecords: w.createdCounts() }, batchId);
  ctx.progress('commit', state.rows.length, state.rows.length);
  // The transaction commits as the handler returns.
  faultPoint('import.commit.beforeCommit');
  return { batchId, created: w.created, updated: w.updated, skipped: plan.skip, unchanged: plan.unchanged };
}
