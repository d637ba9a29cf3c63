import { createWriteStream, renameSync, rmSync } from 'node:fs';
import { finished } from 'node:stream/promises';
import type { RosterKind } from '../../../shared/import/columns.js';
import type { Core } from '../core.js';
import { assertOrgInScope } from '../auth/scope.js';
import { writeRoster } from './roster.js';
import { auditExport } from './export-audit.js';
import { localToday } from '../util/time.js';

/** The audit log's action for a roster streamed into a file by a host (the CLI's `ledger export`). */
export const EXPORT_TO_FILE = 'export.toFile';

export interface ExportToFileJob {
  userId: string;
  kind: RosterKind;
  under?: string | undefined;
  target: string;
}

export interface ExportToFileResult {
  file: string;
  rows: number;
  bytes: number;
  ms: number;
}

/**
 * The CLI's export: streams the roster straight into a file (no base64 through the envelope), as
 * the given user with that user's subtree. Written beside the target and renamed when complete, so
 * an interrupted export never leaves a half file under the requested name.
 */
export async function exportRosterToFile(core: Core, job: ExportToFileJob): Promise<ExportToFileResult> {
  const started = Date.now();
  const actor = await core.actorFor(job.userId);
  const ctx = { db: core.db, actor, method: EXPORT_TO_FILE, now: new Date(started).toISOString() };
  const rootPath = job.under ? await assertOrgInScope(ctx as Parameters<typeof assertOrgInScope>[0], job.under) : actor.scopePath;
  const tmp = `${job.target}.${process.pid}.part`;
  const out = createWriteStream(tmp, { mode: 0o600 });
  try {
    const r = await writeRoster(core.db, { kind: job.kind, rootPath, status: 'active', today: localToday() }, out, (done) =>
      core.env.onProgress?.({ jobId: `export-${started}`, phase: 'export', done, total: null }),
    );
    await finished(out);
    // Complete but not yet under its name: audited now, so the file never exists unaudited.
    await auditExport(ctx, job.under ?? actor.user.scopeOrgId, { kind: job.kind, rows: r.rows, fileName: job.target, status: 'active' });
    renameSync(tmp, job.target);
    return { file: job.target, rows: r.rows, bytes: out.bytesWritten, ms: Date.now() - started };
  } catch (err) {
    out.destroy();
    rmSync(tmp, { force: true });
    throw err;
  }
}

