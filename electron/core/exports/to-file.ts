import { createWriteStream, renameSync, rmSync } from 'node:fs';
import { finished } from 'node:stream/promises';
import { LedgerError } from '../../../shared/contract/envelope.js';
import type { RosterKind } from '../../../shared/import/columns.js';
import type { Core } from '../core.js';
import { assertOrgInScope } from '../auth/scope.js';
import { writeRoster } from './roster.js';

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
  const user = await core.db
    .selectFrom('users as u')
    .innerJoin('orgs as o', 'o.id', 'u.scopeOrgId')
    .selectAll('u')
    .select('o.path as scopePath')
    .where('u.id', '=', job.userId)
    .executeTakeFirst();
  if (!user || user.active !== 1) throw new LedgerError('UNAUTHENTICATED', '登录已失效，请重新登录');
  const { scopePath, ...rest } = user;
  const ctx = { db: core.db, actor: { user: rest, scopePath } } as Parameters<typeof assertOrgInScope>[0];
  const rootPath = job.under ? await assertOrgInScope(ctx, job.under) : scopePath;
  const tmp = `${job.target}.${process.pid}.part`;
  const out = createWriteStream(tmp, { mode: 0o600 });
  try {
    const r = await writeRoster(core.db, { kind: job.kind, rootPath, status: 'active' }, out, (done) =>
      core.env.onProgress?.({ jobId: `export-${started}`, phase: 'export', done, total: null }),
    );
    await finished(out);
    renameSync(tmp, job.target);
    return { file: job.target, rows: r.rows, bytes: out.bytesWritten, ms: Date.now() - started };
  } catch (err) {
    out.destroy();
    rmSync(tmp, { force: true });
    throw err;
  }
}

