import type { HandlerMap } from '../handler-types.js';
import { buildPreview } from './plan/build-preview.js';
import { getPreview, dropPreview } from './plan/store.js';
import { fixCell } from './plan/fix-cell.js';
import { filterRows, gridRow } from './plan/summary.js';
import { commitPreview } from './commit/commit.js';
import { undoBatch } from './commit/undo.js';
import { listBatches } from './commit/batches.js';
import { buildReport } from './commit/report.js';
import { auditExport } from '../exports/export-audit.js';

export const importHandlers: HandlerMap<'import.'> = {
  async 'import.preview'(ctx, input) {
    return buildPreview(ctx, input);
  },

  async 'import.cancel'(ctx, input) {
    return { cancelled: ctx.env.jobs.cancel(input.jobId, ctx.actor.user.id) };
  },

  async 'import.rows'(ctx, input) {
    const state = await getPreview(ctx, input.previewId);
    const rows = filterRows(state, input.only);
    return { total: rows.length, rows: rows.slice(input.offset, input.offset + input.limit).map(gridRow) };
  },

  async 'import.fixCell'(ctx, input) {
    const state = await getPreview(ctx, input.previewId);
    return fixCell(ctx, state, input);
  },

  async 'import.commit'(ctx, input) {
    const state = await getPreview(ctx, input.previewId);
    const result = await commitPreview(ctx, state, input.rememberMapping);
    // The transaction commits after this returns; a preview is committed once.
    dropPreview(state.id);
    return result;
  },

  async 'import.undo'(ctx, input) {
    return undoBatch(ctx, input.batchId, input.force);
  },

  async 'import.batches'(ctx, input) {
    return listBatches(ctx, input.orgId, input.offset, input.limit);
  },

  async 'import.report'(ctx, input) {
    const state = await getPreview(ctx, input.previewId);
    const report = await buildReport(state);
    // The rejected rows carry ID numbers: an export of personal data (see auditExport).
    await auditExport(ctx, state.underOrgId, {
      kind: 'importReport',
      rows: report.rows,
      fileName: report.fileName,
      files: [...new Set(state.fileNames)],
    });
    return report;
  },
};
