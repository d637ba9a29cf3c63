import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Core } from '../../electron/core/core.js';
import { keyringPathFor } from '../../electron/core/keyring/keyring.js';
import { EXPORT_TO_FILE, exportRosterToFile } from '../../electron/core/exports/to-file.js';
import { ledger } from '../helpers/cli.js';
import { buildTwoTownships, type TwoTownships } from '../helpers/county.js';
import { caller, createCore, idFor, tempDir } from '../helpers/ledger.js';

describe('exports of personal data are audited: who, kind, subtree, rows, file', () => {
  const tmp = tempDir();
  let core: Core;
  let t: TwoTownships;
  let dbFile: string;
  let dataKey: Buffer;
  let adminId: string;

  const exportRows = (method: string) =>
    core.db.selectFrom('auditLog').selectAll().where('entity', '=', 'export').where('method', '=', method).orderBy('at').orderBy('id').execute();

  beforeAll(async () => {
    const made = await createCore(tmp.dir);
    ({ core, dbFile, dataKey, adminId } = made);
    t = await buildTwoTownships(core, made.adminId, made.rootId);
  });
  afterAll(async () => {
    await core.close();
    tmp.cleanup();
  });

  it('export.roster by a viewer: one row under the exported subtree, with its row count and file name', async () => {
    const out = await caller(core, t.viewerA.id)('export.roster', { kind: 'members', under: t.A.village.id, filter: { category: 'formal' } });
    const rows = await exportRows('export.roster');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ userId: t.viewerA.id, username: 'viewer_a', orgId: t.A.village.id, before: null });
    expect(JSON.parse(rows[0]!.after!)).toEqual({ kind: 'members', rows: out.rows, fileName: out.fileName, status: 'active', filter: { category: 'formal' } });
    expect(out.rows).toBe(1);
    // Without `under`: the caller's whole scope.
    await caller(core, t.viewerA.id)('export.roster', { kind: 'reserves' });
    expect((await exportRows('export.roster'))[1]).toMatchObject({ orgId: t.A.town.id });
  });

  it('export.grid and the import’s rejected-rows report are audited too', async () => {
    const g = await caller(core, t.clerkA.id)('export.grid', { title: '党员名单', columns: [{ header: '姓名', field: 'name' }], rows: [{ name: '甲党员' }, { name: '某某' }] });
    const grid = await exportRows('export.grid');
    expect(grid).toHaveLength(1);
    expect(grid[0]).toMatchObject({ userId: t.clerkA.id, orgId: t.A.town.id });
    expect(JSON.parse(grid[0]!.after!)).toMatchObject({ kind: 'grid', rows: 2, fileName: g.fileName, title: '党员名单' });

    const csv = `\uFEFF姓名,公民身份号码,所在党组织,人员类别,入党日期\r\n错号党员,652302198001010000,${t.A.village.shortName},预备党员,2024-07-01\r\n好党员,${idFor('1990-03-03')},${t.A.village.shortName},预备党员,2024-07-01\r\n`;
    const p = await caller(core, t.clerkA.id)('import.preview', { files: [{ name: '甲乡党员.csv', dataBase64: Buffer.from(csv).toString('base64') }], underOrgId: t.A.town.id });
    const report = await caller(core, t.clerkA.id)('import.report', { previewId: p.previewId });
    const rows = await exportRows('import.report');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ userId: t.clerkA.id, orgId: t.A.town.id });
    expect(JSON.parse(rows[0]!.after!)).toEqual({ kind: 'importReport', rows: 1, fileName: report.fileName, files: ['甲乡党员.csv'] });
  });

  it('a file export whose audit row cannot be written leaves no file', async () => {
    const target = join(tmp.dir, 'refused.xlsx');
    await sql`CREATE TEMP TRIGGER refuse_export BEFORE INSERT ON audit_log WHEN NEW.entity = 'export' BEGIN SELECT RAISE(ABORT, 'refused'); END`.execute(core.db);
    try {
      await expect(exportRosterToFile(core, { userId: adminId, kind: 'members', target })).rejects.toThrow(/refused/);
    } finally {
      await sql`DROP TRIGGER refuse_export`.execute(core.db);
    }
    expect(existsSync(target)).toBe(false);
    expect(readdirSync(tmp.dir).filter((f) => f.includes('refused'))).toEqual([]);
  });

  it('the CLI’s `ledger export` (the host’s exportTo) writes its row with the file’s path', async () => {
    await core.close();
    const target = join(tmp.dir, '甲乡党员.xlsx');
    const r = ledger(['export', '--db', dbFile, '--kind', 'members', '--under', '甲乡党委', '--out', target, '--json'], { LEDGER_USER: 'clerk_a', LEDGER_PASSWORD: 'clerk-pass-2024' });
    expect(r.code, r.stderr).toBe(0);
    expect(existsSync(target)).toBe(true);
    core = await Core.open({ dbFile, keyringPath: keyringPathFor(dbFile), dataKey });
    const rows = await exportRows(EXPORT_TO_FILE);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ userId: t.clerkA.id, username: 'clerk_a', orgId: t.A.town.id });
    expect(JSON.parse(rows[0]!.after!)).toEqual({ kind: 'members', rows: JSON.parse(r.stdout).rows, fileName: target, status: 'active' });
  });
});
