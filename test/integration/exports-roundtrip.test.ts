import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core.js';
import { buildTwoTownships, type TwoTownships } from '../helpers/county.js';
import { caller, createCore, idFor, tempDir } from '../helpers/ledger.js';

/** An exported roster goes back through the import engine with nothing to say about it. */
describe('exported rosters re-import with no issues', () => {
  const tmp = tempDir();
  let core: Core;
  let t: TwoTownships;
  let call: ReturnType<typeof caller>;

  beforeAll(async () => {
    const made = await createCore(tmp.dir);
    core = made.core;
    call = caller(core, made.adminId);
    t = await buildTwoTownships(core, made.adminId, made.rootId);
    // The importer fills an empty 出生日期 from the ID number and reports that as a change
    // (EXISTS_DIFFERENT), so the fixture's member gets the birth date its ID number carries.
    await call('member.update', { id: t.A.member.id, patch: { birthDate: '1980-03-02', gender: '1' } });
    const m = await call('member.create', {
      idNumber: idFor('1990-04-05', false), name: '古丽米拉·买买提', gender: '2', ethnicity: '05', birthDate: '1990-04-05', education: '31',
      category: 'probationary', joinedOn: '2024-06-30', orgId: t.A.village.id, jobCategory: '02', phone: '13899912345',
    });
    await call('member.addEvent', { memberId: m.id, kind: 'mobile', onDate: '2024-08-01', otherParty: '乌鲁木齐市' });
  });
  afterAll(async () => {
    await core.close();
    tmp.cleanup();
  });

  it('members', async () => {
    const file = await call('export.roster', { kind: 'members', under: t.A.town.id });
    const p = await call('import.preview', { files: [{ name: file.fileName, dataBase64: file.dataBase64 }], kind: 'members', underOrgId: t.A.town.id });
    expect(p.issues).toEqual([]);
    expect(p.rows).toMatchObject({ total: 2, withErrors: 0, withWarnings: 0 });
    expect(p.plan).toMatchObject({ create: 0, skip: 0 });
  });

  /** Text cells of the first sheet, as a clerk's spreadsheet holds them. */
  async function sheetTexts(base64: string): Promise<unknown[]> {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(base64, 'base64') as never);
    const out: unknown[] = [];
    wb.worksheets[0]!.eachRow((row) => row.eachCell((c) => void out.push(c.value)));
    return out;
  }

  it('formula-like text is exported quoted (OWASP) and comes back exactly as it was', async () => {
    const values = { name: '=HYPERLINK("http://x","点我")', phone: '+86 13912345678', employerPost: '-1', residence: '@某小区' };
    const before = await call('member.update', { id: t.A.member.id, patch: values });
    const file = await call('export.roster', { kind: 'members', under: t.A.town.id });
    const texts = await sheetTexts(file.dataBase64);
    for (const v of Object.values(values)) {
      expect(texts).toContain(`'${v}`);
      expect(texts).not.toContain(v);
    }
    // An ID number is never touched.
    expect(texts).toContain(before.idNumber);

    const p = await call('import.preview', { files: [{ name: file.fileName, dataBase64: file.dataBase64 }], kind: 'members', underOrgId: t.A.town.id });
    expect(p.issues).toEqual([]);
    expect(p.updates).toEqual([]);
    expect(p.plan).toMatchObject({ create: 0, skip: 0, unchanged: 2 });
    await call('import.commit', { previewId: p.previewId });
    const after = await call('member.get', { id: t.A.member.id });
    expect(after).toMatchObject(values);
  });

  it('a grid view: text quoted, numbers stay numbers (a negative one too)', async () => {
    const file = await call('export.grid', {
      title: '表',
      columns: [{ header: '说明', field: 'note', type: 'text' }, { header: '数', field: 'n', type: 'number' }],
      rows: [{ note: '-1', n: -1 }, { note: '=1+1', n: 2 }],
    });
    const texts = await sheetTexts(file.dataBase64);
    expect(texts).toEqual(expect.arrayContaining(["'-1", -1, "'=1+1", 2]));
    expect(texts).not.toContain('=1+1');
  });
});
