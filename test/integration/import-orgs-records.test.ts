import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core.js';
import { caller, createCore, tempDir } from '../helpers/ledger.js';

const csv = (lines: string[]) => Buffer.from('\uFEFF' + lines.join('\r\n') + '\r\n').toString('base64');
const HEAD = '党组织名称,简称,组织类别,上级党组织,单位类别,审批权限,本届选举日期,任期年数';

/**
 * The 党组织 import writes 换届 as election records (not columns), adds a later election without
 * losing the earlier one, flags approval rights its kind cannot hold, and is undone as a batch.
 */
describe('importing organisations: elections as records, approval rights flagged', () => {
  const tmp = tempDir();
  let core: Core;
  let call: ReturnType<typeof caller>;
  let town: string;

  beforeAll(async () => {
    const made = await createCore(tmp.dir);
    core = made.core;
    call = caller(core, made.adminId);
    town = (await call('org.create', { parentId: made.rootId, name: '中共甲乡委员会', shortName: '甲乡党委', kind: 'committee', unitCategory: 'township', canApprove: true })).id;
  });
  afterAll(async () => {
    await core.close();
    tmp.cleanup();
  });

  const importRows = async (lines: string[]) => {
    const p = await call('import.preview', { files: [{ name: '党组织.csv', dataBase64: csv([HEAD, ...lines]) }], kind: 'orgs', underOrgId: town });
    return { preview: p, committed: await call('import.commit', { previewId: p.previewId }) };
  };
  const electionsOf = async (name: string) => {
    const org = await core.db.selectFrom('orgs').select('id').where('name', '=', name).executeTakeFirstOrThrow();
    return (await call('org.elections', { orgId: org.id })).map((e) => [e.electedOn, e.termYears]);
  };

  it('creates organisations with their election; a 党总支 claiming approval rights is flagged, imported, and listed', async () => {
    const { preview, committed } = await importRows([
      '中共一村总支部委员会,一村党总支,党总支,甲乡党委,农村,是,2021-05-10,',
      '中共一村第一支部委员会,一村第一党支部,党支部,一村党总支,农村,否,2021-05-12,5',
      '中共一村第一党小组,,党小组,一村第一党支部,农村,,2021-05-12,',
    ]);
    const flagged = preview.issues.filter((i) => i.code === 'ORG_APPROVAL_RIGHTS');
    expect(flagged).toEqual([expect.objectContaining({ row: 2, column: '审批权限', severity: 'warning', message: expect.stringContaining('党总支没有审批预备党员的权限') })]);
    expect(preview.issues.filter((i) => i.code === 'ORG_NO_TERM').map((i) => i.row)).toEqual([4]);
    expect(committed.created).toBe(3);
    // Term length from the rule where the file leaves it blank (村 5 years).
    expect(await electionsOf('中共一村总支部委员会')).toEqual([['2021-05-10', 5]]);
    expect(await electionsOf('中共一村第一党小组')).toEqual([]);
    const warned = await call('org.warnings', { rootId: town });
    expect(warned.find((r) => r.name === '中共一村总支部委员会')?.warnings.map((w) => w.code)).toEqual(['approval-rights']);
  });

  it('a later 换届 in a later file adds an election; the earlier stays; undo takes the new one away', async () => {
    const { preview, committed } = await importRows(['中共一村总支部委员会,一村党总支,党总支,甲乡党委,农村,否,2026-04-20,']);
    expect(preview.rows).toMatchObject({ total: 1 });
    expect(committed.updated).toBe(1);
    expect(await electionsOf('中共一村总支部委员会')).toEqual([['2021-05-10', 5], ['2026-04-20', 5]]);
    // The roster shows the latest term (and re-imports without a change).
    const roster = await call('export.roster', { kind: 'orgs', under: town });
    const again = await call('import.preview', { files: [{ name: 'roster.xlsx', dataBase64: roster.dataBase64 }], kind: 'orgs', underOrgId: town });
    expect(again.plan).toMatchObject({ create: 0, unchanged: 3 });
    await call('import.undo', { batchId: committed.batchId });
    expect(await electionsOf('中共一村总支部委员会')).toEqual([['2021-05-10', 5]]);
    expect((await call('org.get', { id: (await core.db.selectFrom('orgs').select('id').where('name', '=', '中共一村总支部委员会').executeTakeFirstOrThrow()).id })).org.canApprove).toBe(true);
  });
});
