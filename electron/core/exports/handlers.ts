import { PassThrough } from 'node:stream';
import type { HandlerMap } from '../handler-types.js';
import { listRootPath } from '../auth/scope.js';
import { gridInScope } from '../auth/records.js';
import { readSetting } from '../settings/settings.js';
import { ROSTER_KIND_NAMES } from '../../../shared/import/columns.js';
import { fileName } from './book.js';
import { buildGridXlsx } from './grid-view.js';
import { rosterTitle, writeRoster } from './roster.js';
import { buildTemplate } from './template.js';
import { templateLists } from './template-lists.js';
import { auditExport } from './export-audit.js';

/** Collects a stream's bytes (the renderer receives the file through the envelope). */
function collect(): { stream: PassThrough; done: Promise<Buffer> } {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
  return { stream, done };
}

export const exportHandlers: HandlerMap<'export.'> = {
  async 'export.roster'(ctx, input) {
    const rootPath = await listRootPath(ctx, input.under);
    if (input.kind === 'members' && input.filter?.gridId) await gridInScope(ctx, input.filter.gridId);
    const sink = collect();
    const r = await writeRoster(
      ctx.db,
      { kind: input.kind, rootPath, status: input.status, filter: input.kind === 'members' ? input.filter : undefined, today: ctx.today },
      sink.stream,
      (done) => ctx.progress('export', done, null),
    );
    const bytes = await sink.done;
    const file = fileName(rosterTitle(input.kind, r.rootName), ctx.today);
    const filter = input.kind === 'members' && input.filter && Object.keys(input.filter).length > 0 ? { filter: input.filter } : {};
    await auditExport(ctx, input.under ?? ctx.actor.user.scopeOrgId, { kind: input.kind, rows: r.rows, fileName: file, status: input.status, ...filter });
    return { fileName: file, dataBase64: bytes.toString('base64'), rows: r.rows };
  },

  async 'export.template'(ctx, input) {
    const rootPath = await listRootPath(ctx, input.under);
    const lists = await templateLists(ctx.db, rootPath, input.kind);
    const unitName = lists.root?.shortName ?? lists.root?.name ?? String((await readSetting(ctx.db, 'unitName')) ?? '');
    const bytes = await buildTemplate({ kind: input.kind, unitName, orgLabels: lists.orgLabels, gridNames: lists.gridNames, today: ctx.today });
    return { fileName: fileName(`${unitName}${ROSTER_KIND_NAMES[input.kind]}信息采集表`, ctx.today), dataBase64: bytes.toString('base64'), rows: 0 };
  },

  async 'export.grid'(ctx, input) {
    const unitName = String((await readSetting(ctx.db, 'unitName')) ?? '');
    const bytes = await buildGridXlsx(input, unitName);
    const file = fileName(input.title, ctx.today);
    // The core cannot tell what a grid view carries (its columns are the page's), so every one is
    // audited as a possible export of personal data, under the exporting user's scope.
    await auditExport(ctx, ctx.actor.user.scopeOrgId, { kind: 'grid', rows: input.rows.length, fileName: file, title: input.title });
    return { fileName: file, dataBase64: bytes.toString('base64'), rows: input.rows.length };
  },
};
