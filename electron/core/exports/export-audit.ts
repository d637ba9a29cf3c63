import type { Ctx } from '../context.js';
import { writeAudit } from '../audit/audit.js';

/** What an export carried, as its audit row's after-image says. */
export interface ExportRecord {
  /** Roster kind, or 'grid' / 'importReport'. */
  kind: string;
  rows: number;
  fileName: string;
  [detail: string]: unknown;
}

/**
 * The audit row of an export of personal data (等保: every export is audited): who (the caller), what
 * kind, which subtree (`orgId`, the row's organisation), how many rows, which file.
 *
 * Exports are reads: Core.dispatch runs them outside a transaction and audits only writes. So the
 * export writes its one row itself, a single INSERT that is atomic on its own, once the file is
 * complete and before it is handed over: no file leaves without its row, and a failed export
 * leaves none.
 */
export function auditExport(ctx: Pick<Ctx, 'db' | 'actor' | 'method' | 'now'>, orgId: string, what: ExportRecord): Promise<void> {
  return writeAudit(ctx.db, { actor: ctx.actor, method: ctx.method, at: ctx.now }, 'export', null, null, what, null, orgId);
}
