import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { Core } from '../../electron/core/core.js';
import { LedgerError } from '../../shared/contract/index.js';
import { COLUMNS, ROSTER_KINDS, type RosterKind } from '../../shared/import/columns.js';
import { buildTemplate, GUIDE_SHEET, LIST_SHEET, TEMPLATE_HEADER_ROW } from '../../electron/core/exports/template.js';
import { labelNodes } from '../../electron/core/exports/labels.js';
import { buildTwoTownships, type TwoTownships } from '../helpers/county.js';
import { caller, createCore, idFor, tempDir } from '../helpers/ledger.js';

async function open(base64: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(base64, 'base64') as never);
  return wb;
}

const headerTexts = (ws: ExcelJS.Worksheet, row: number): string[] => {
  const out: string[] = [];
  ws.getRow(row).eachCell({ includeEmpty: false }, (c) => out.push(String(c.value)));
  return out;
};

const colOf = (kind: RosterKind, key: string): number => COLUMNS[kind].findIndex((c) => c.key === key) + 1;
const validation = (ws: ExcelJS.Worksheet, row: number, col: number) =>
  (ws as unknown as { dataValidations: { model: Record<string, ExcelJS.DataValidation | undefined> } }).dataValidations.model[ws.getCell(row, col).address];

describe('templates and exports', () => {
  const tmp = tempDir();
  let core: Core;
  let t: TwoTownships;
  let adminId: string;
  let call: ReturnType<typeof caller>;
  const uyghurId = idFor('1990-04-05', false);

  beforeAll(async () => {
    const made = await createCore(tmp.dir);
    core = made.core;
    adminId = made.adminId;
    call = caller(core, adminId);
    t = await buildTwoTownships(core, adminId, made.rootId);
    // A second 第一网格 elsewhere and a member with every kind of value.
    const grid = await call('grid.create', { parentId: t.A.grid.id, name: '第一网格', kind: 'grid', households: 120 });
    await call('grid.create', { parentId: grid.id, name: '1号楼', kind: 'building', population: 80 });
    await call('grid.create', { parentId: t.B.grid.id, name: '第一网格', kind: 'grid' });
    const m = await call('member.create', {
      idNumber: uyghurId, name: '古丽米拉·买买提', gender: '2', ethnicity: '05', birthDate: '1990-04', education: '31',
      category: 'probationary', joinedOn: '2024-06-30', orgId: t.A.village.id, jobCategory: '02', phone: '0994-3221234',
    });
    await call('member.addEvent', { memberId: m.id, kind: 'mobile', onDate: '2024-08-01', otherParty: '乌鲁木齐市' });
    await call('pipeline.addStep', { personId: t.A.dev.id, step: 'talked', onDate: '2024-03-20' });
    await call('pipeline.addStep', { personId: t.A.dev.id, step: 'activist', onDate: '2024-09-01' });
  });
  afterAll(async () => {
    await core.close();
    tmp.cleanup();
  });

  describe.each(ROSTER_KINDS)('template %s', (kind) => {
    let wb: ExcelJS.Workbook;
    let data: ExcelJS.Worksheet;
    beforeAll(async () => {
      const r = await call('export.template', { kind, under: t.A.town.id });
      expect(r.fileName).toMatch(/信息采集表_\d{4}-\d{2}-\d{2}\.xlsx$/);
      wb = await open(r.dataBase64);
      data = wb.worksheets[0]!;
    });

    it('has the data sheet first, the Chinese instructions, and the lists on a very hidden sheet', () => {
      expect(wb.creator).toBe('基层党建台账');
      expect(data.state).toBe('visible');
      const guide = wb.getWorksheet(GUIDE_SHEET)!;
      const text: string[] = [];
      guide.eachRow((r) => r.eachCell((c) => text.push(String(c.value))));
      const all = text.join('\n');
      expect(all).toContain('请勿修改');
      expect(all).toMatch(/一行一(人|个单位)/);
      expect(all).toContain('2024年5月1日');
      if (COLUMNS[kind].some((c) => c.kind === 'idNumber')) expect(all).toContain('文本');
      for (const c of COLUMNS[kind]) expect(text).toContain(c.label);
      expect(wb.getWorksheet(LIST_SHEET)!.state).toBe('veryHidden');
    });

    it('has the title, the 填报 line and the canonical header, frozen', () => {
      expect(String(data.getCell('A1').value)).toContain('信息采集表');
      expect(String(data.getCell('A2').value)).toMatch(/填报单位.*填报人.*填报日期/);
      const headers = headerTexts(data, TEMPLATE_HEADER_ROW);
      expect(headers.slice(0, COLUMNS[kind].length)).toEqual(COLUMNS[kind].map((c) => c.label));
      // Teams carry the month grid of the current year after the roster's columns.
      const year = new Date().getFullYear();
      expect(headers.slice(COLUMNS[kind].length)).toEqual(kind === 'teams' ? Array.from({ length: 12 }, (_, i) => `${year}年${i + 1}月`) : []);
      expect(data.views[0]).toMatchObject({ state: 'frozen', ySplit: TEMPLATE_HEADER_ROW });
      const required = COLUMNS[kind].findIndex((c) => c.required) + 1;
      if (required > 0) expect(data.getCell(TEMPLATE_HEADER_ROW, required).font?.color?.argb).toBe('FFC00000');
    });

    it('puts dropdowns from the code tables and the unit on the right columns, by defined name', () => {
      const row = TEMPLATE_HEADER_ROW + 1;
      const names = new Map(wb.definedNames.model.map((d) => [d.name, d.ranges]));
      COLUMNS[kind].forEach((c, i) => {
        const v = validation(data, row, i + 1);
        if (c.kind === 'code' || c.kind === 'choice' || c.kind === 'boolean' || c.kind === 'orgRef') {
          expect(v?.type, c.label).toBe('list');
          const name = String(v!.formulae[0]);
          expect(name).toMatch(/^L_/);
          expect(names.get(name)?.[0]).toContain(LIST_SHEET);
        }
        if (c.kind === 'date') expect(v?.prompt, c.label).toContain('2024-05');
      });
      // The same validation reaches far down the sheet.
      const firstList = COLUMNS[kind].findIndex((c) => c.kind === 'code' || c.kind === 'choice' || c.kind === 'orgRef') + 1;
      expect(validation(data, 5000, firstList)?.type).toBe('list');
    });

    it('formats ID numbers and dates as text', () => {
      COLUMNS[kind].forEach((c, i) => {
        if (c.kind === 'idNumber' || c.kind === 'date') expect(data.getColumn(i + 1).numFmt, c.label).toBe('@');
      });
    });
  });

  it('lists the unit’s own organisations (and not the neighbour’s) in the organisation dropdown', async () => {
    const wb = await open((await call('export.template', { kind: 'members', under: t.A.town.id })).dataBase64);
    const lists = wb.getWorksheet(LIST_SHEET)!;
    const values: string[] = [];
    lists.eachRow((r) => r.eachCell((c) => values.push(String(c.value))));
    expect(values).toContain('中共甲村支部委员会');
    expect(values).not.toContain('中共乙村支部委员会');
    for (const n of ['男', '女', '维吾尔族', '大学本科毕业', '正式党员', '预备党员', '农牧渔民', '是', '否']) expect(values).toContain(n);
    const ethnicity = wb.definedNames.model.find((d) => d.name === 'L_ethnicity')!;
    // 58 entries: far beyond Excel's 255-character inline list.
    expect(ethnicity.ranges[0]).toMatch(/\$A\$1:\$A\$58|\$[A-Z]+\$1:\$[A-Z]+\$58/);
  });

  it('builds a template without a ledger (no organisation list)', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await buildTemplate({ kind: 'members', unitName: '', orgLabels: [], gridNames: {}, today: '2025-01-01' })) as never);
    const data = wb.worksheets[0]!;
    expect(validation(data, TEMPLATE_HEADER_ROW + 1, colOf('members', 'orgId'))).toBeUndefined();
    expect(validation(data, TEMPLATE_HEADER_ROW + 1, colOf('members', 'gender'))?.type).toBe('list');
  });

  it('exports members with canonical headers, names for codes, text IDs and dates', async () => {
    const r = await call('export.roster', { kind: 'members', under: t.A.town.id });
    expect(r.rows).toBe(2);
    expect(r.fileName).toMatch(/党员花名册_/);
    const wb = await open(r.dataBase64);
    expect(wb.creator).toBe('基层党建台账');
    const ws = wb.worksheets[0]!;
    expect(ws.name).toBe('党员');
    expect(headerTexts(ws, 1)).toEqual(COLUMNS.members.map((c) => c.label));
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.autoFilter).toBeTruthy();
    const rows = new Map<string, ExcelJS.Row>();
    ws.eachRow((row, n) => {
      if (n > 1) rows.set(String(row.getCell(colOf('members', 'idNumber')).value), row);
    });
    const g = rows.get(uyghurId)!;
    const cell = (key: string) => g.getCell(colOf('members', key)).value;
    expect(cell('idNumber')).toBe(uyghurId);
    expect(typeof cell('idNumber')).toBe('string');
    expect(cell('name')).toBe('古丽米拉·买买提');
    expect(cell('gender')).toBe('女');
    expect(cell('ethnicity')).toBe('维吾尔族');
    expect(cell('birthDate')).toBe('1990-04');
    expect(cell('education')).toBe('大学专科毕业');
    expect(cell('category')).toBe('预备党员');
    expect(cell('joinedOn')).toBe('2024-06-30');
    expect(cell('orgId')).toBe('中共甲村支部委员会');
    expect(cell('jobCategory')).toBe('农牧渔民');
    expect(cell('phone')).toBe('0994-3221234');
    expect(cell('mobile')).toBe('是');
    expect(cell('hardship')).toBe('否');
    expect(ws.getColumn(colOf('members', 'idNumber')).numFmt).toBe('@');
    // The neighbour's member is not there.
    expect([...rows.values()].some((row) => row.getCell(colOf('members', 'name')).value === '乙党员')).toBe(false);
  });

  it('applies member.list’s filter to the export', async () => {
    const r = await call('export.roster', { kind: 'members', under: t.A.town.id, filter: { category: 'probationary' } });
    expect(r.rows).toBe(1);
  });

  it('exports orgs (one row per org with its parent), grids (ancestor columns), pipeline, reserves, teams', async () => {
    const read = async (kind: RosterKind) => {
      const wb = await open((await call('export.roster', { kind, under: t.A.town.id })).dataBase64);
      const ws = wb.worksheets[0]!;
      expect(headerTexts(ws, 1)).toEqual(COLUMNS[kind].map((c) => c.label));
      const out: Record<string, unknown>[] = [];
      ws.eachRow((row, n) => {
        if (n === 1) return;
        const rec: Record<string, unknown> = {};
        COLUMNS[kind].forEach((c, i) => (rec[c.key] = row.getCell(i + 1).value ?? null));
        out.push(rec);
      });
      return out;
    };
    const orgs = await read('orgs');
    expect(orgs.map((o) => o.name).sort()).toEqual(['中共甲村支部委员会', '中共甲村第二支部委员会']);
    expect(orgs[0]).toMatchObject({ kind: '党支部', parentId: '中共甲乡委员会', unitCategory: '建制村' });

    const grids = await read('grids');
    expect(grids).toHaveLength(3);
    expect(grids).toContainEqual(expect.objectContaining({ 'level.community': '甲社区', 'level.grid': '第一网格', 'level.building': '1号楼', population: 80 }));
    expect(grids).toContainEqual(expect.objectContaining({ 'level.community': '甲社区', 'level.grid': '第一网格', 'level.building': null, households: 120 }));

    const dev = await read('pipeline');
    expect(dev).toEqual([expect.objectContaining({ name: '甲申请人', appliedOn: '2024-03-01', talkedOn: '2024-03-20', activistOn: '2024-09-01', orgId: '中共甲村支部委员会' })]);

    const reserves = await read('reserves');
    expect(reserves).toEqual([expect.objectContaining({ name: '甲后备', source: '致富带头人', villageOrgId: '中共甲村支部委员会', stage: '推荐' })]);

    const teams = await read('teams');
    expect(teams).toEqual([expect.objectContaining({ name: '甲第一书记', role: '第一书记', dispatchingUnit: '县财政局' })]);
  });

  it('lets a viewer export within the subtree and refuses another township', async () => {
    const viewer = caller(core, t.viewerA.id);
    await expect(viewer('export.roster', { kind: 'members' })).resolves.toMatchObject({ rows: 2 });
    await expect(viewer('export.template', { kind: 'members' })).resolves.toBeDefined();
    const err = await viewer('export.roster', { kind: 'members', under: t.B.town.id }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LedgerError);
    expect((err as LedgerError).code).toBe('FORBIDDEN');
  });

  it('saves any grid view as xlsx (text IDs, numbers, 是/否) and caps the size', async () => {
    const r = await call('export.grid', {
      title: '甲乡党员（筛选）',
      columns: [
        { header: '姓名', field: 'name', type: 'text' },
        { header: '公民身份号码', field: 'idNumber', type: 'id' },
        { header: '党龄', field: 'partyAge', type: 'int' },
        { header: '流动党员', field: 'mobile', type: 'bool' },
      ],
      rows: [{ name: '甲党员', idNumber: '652302198003020011', partyAge: 18, mobile: false }, { name: '空行', idNumber: null }],
    });
    expect(r.rows).toBe(2);
    const ws = (await open(r.dataBase64)).worksheets[0]!;
    expect(ws.getCell('A1').value).toBe('甲乡党员（筛选）');
    expect(headerTexts(ws, 2)).toEqual(['姓名', '公民身份号码', '党龄', '流动党员']);
    expect(ws.getCell('B3').value).toBe('652302198003020011');
    expect(ws.getCell('C3').value).toBe(18);
    expect(ws.getCell('D3').value).toBe('否');
    const tooMany = { title: 'x', columns: [{ header: 'a', field: 'a' }], rows: Array.from({ length: 100_001 }, () => ({ a: 1 })) };
    await expect(call('export.grid', tooMany)).rejects.toMatchObject({ code: 'VALIDATION' });
  });
});

describe('labels for organisation and grid cells', () => {
  it('uses the name when unique and the shortest distinguishing chain otherwise', () => {
    const nodes = [
      { id: 'a', parentId: null, name: '甲社区' },
      { id: 'b', parentId: null, name: '乙社区' },
      { id: 'a1', parentId: 'a', name: '第一网格' },
      { id: 'b1', parentId: 'b', name: '第一网格' },
      { id: 'a2', parentId: 'a', name: '第二网格' },
    ];
    const l = labelNodes(nodes);
    expect(l.get('a2')).toBe('第二网格');
    expect(l.get('a1')).toBe('甲社区/第一网格');
    expect(l.get('b1')).toBe('乙社区/第一网格');
  });
});
