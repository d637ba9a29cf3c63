import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import * as XLSX from '@e965/xlsx';
import type { Core } from '../../electron/core/core.js';
import type { ImportPreview } from '../../shared/contract/imports.js';
import { addMonths, todayIso } from '../../shared/domain/dates.js';
import { caller, createCore, idFor, tempDir } from '../helpers/ledger.js';

const TODAY = todayIso();
/** Two complete months before the current one, as a header names them ("2026年9月"). */
const M1 = addMonths(TODAY.slice(0, 7), -2);
const M2 = addMonths(TODAY.slice(0, 7), -1);
const header = (m: string, what = '') => `${m.slice(0, 4)}年${Number(m.slice(5))}月${what}`;

async function xlsx(rows: (string | number | null)[][]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('驻村干部');
  ws.addRow(['某乡第一书记和驻村工作队驻村情况统计表']);
  ws.mergeCells(1, 1, 1, 6);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

const codes = (p: ImportPreview) => p.issues.map((i) => `${i.row ?? '-'}:${i.code}`).sort();

/**
 * Imports of 驻村工作队 (with the month grid) and 组织生活 as township clerks send them — xlsx with
 * a title row, GB18030 csv, legacy xls — through preview, commit and undo, and exports that
 * re-import without issues. Real encrypted ledger, real files.
 */
describe('imports of teams and meetings', () => {
  const tmp = tempDir();
  let core: Core;
  let call: ReturnType<typeof caller>;
  const o: Record<string, string> = {};
  const idOf: Record<string, string> = {};

  beforeAll(async () => {
    const made = await createCore(tmp.dir);
    core = made.core;
    call = caller(core, made.adminId);
    o.T = (await call('org.create', { parentId: made.rootId, name: '中共红星乡委员会', shortName: '红星乡党委', kind: 'committee', unitCategory: 'township' })).id;
    o.U = (await call('org.create', { parentId: made.rootId, name: '中共白云乡委员会', shortName: '白云乡党委', kind: 'committee', unitCategory: 'township' })).id;
    o.East = (await call('org.create', { parentId: o.T, name: '中共东风村支部委员会', shortName: '东风村党支部', kind: 'branch', unitCategory: 'village', foundedOn: '2000-01-01' })).id;
    o.West = (await call('org.create', { parentId: o.T, name: '中共西山村支部委员会', shortName: '西山村党支部', kind: 'branch', unitCategory: 'village', foundedOn: '2000-01-01' })).id;
    o.North = (await call('org.create', { parentId: o.U, name: '中共北坡村支部委员会', shortName: '北坡村党支部', kind: 'branch', unitCategory: 'village' })).id;
    const m = await call('member.create', { idNumber: idFor('1983-03-03'), name: '周书记', category: 'formal', joinedOn: '2008-07-01', confirmedOn: '2009-07-01', orgId: o.East });
    idOf.member = m.idNumber;
    for (const name of ['张三', '李四', '王五']) await call('member.create', { idNumber: idFor('1970-01-01'), name, category: 'formal', joinedOn: '1995-07-01', confirmedOn: '1996-07-01', orgId: o.East });
    idOf.outsider = idFor('1986-06-06');
    idOf.elsewhere = idFor('1982-02-02');
    await call('team.create', { villageOrgId: o.North, name: '吴外乡', idNumber: idOf.elsewhere, role: 'member', fromDate: addMonths(TODAY, -10), toDate: addMonths(TODAY, 10) });
  });
  afterAll(async () => {
    await core.close();
    tmp.cleanup();
  });

  describe('teams (xlsx with the month grid)', () => {
    const from = addMonths(TODAY, -8);
    const to = addMonths(TODAY, 16);
    let file: { name: string; dataBase64: string };
    beforeAll(async () => {
      file = {
        name: '红星乡驻村干部.xlsx',
        dataBase64: await xlsx([
          ['序号', '姓名', '公民身份号码', '身份', '所驻村', '派出单位', '派出单位级别', '任职开始日期', '任职结束日期', '参加工作时间', header(M1), header(M2), header(M2, '走访农户'), '1月'],
          [1, '（按党员信息）', idOf.member!, '第一书记', '东风村党支部', '县财政局', '县级', from, to, '2006-07-01', 22, 21, 30, 5],
          [2, '郑省派', idOf.outsider!, '第一书记', '东风村党支部', '省农业农村厅', '省级', from, to, null, 20, 19, null, null],
          [3, '陈队员', null, '队员', '中共东风村支部委员会', '县农业农村局', '县级', from, to, null, 35, 20, null, null],
          [4, '吴外乡', idOf.elsewhere!, '队员', '西山村党支部', '县水利局', '县级', from, to, null, 20, 20, null, null],
          [5, '何某', null, '队员', '不存在村', null, null, from, to, null, null, null, null, null],
          [6, '郑省派', idOf.outsider!, '队员', '西山村党支部', null, null, from, to, null, null, null, null, null],
          ['合计', null, null, null, null, null, null, null, null, null, 97, 80, 30, null],
        ]),
      };
    });

    it('previews with the issue codes of IMPORT.md, links the member, warns on eligibility and maps the month columns', async () => {
      const p = await call('import.preview', { files: [file], underOrgId: o.T!, kind: 'auto' });
      expect(p.kind).toBe('teams');
      expect(p.files[0]!.mapping).toMatchObject({ [header(M1)]: `days.${M1}`, [header(M2)]: `days.${M2}`, [header(M2, '走访农户')]: `visits.${M2}`, 所驻村: 'villageOrgId' });
      const yearless = p.issues.find((i) => i.column === '1月')!;
      expect(yearless).toMatchObject({ code: 'COLUMN_UNMAPPED' });
      expect(yearless.message).toMatch(/没有写年份/);
      expect(codes(p)).toEqual(['2:COLUMN_UNMAPPED', '4:TEAM_ELIGIBILITY', '5:VALUE_INVALID', '6:EXISTS_ELSEWHERE', '7:ORG_UNKNOWN', '8:DUPLICATE_IN_FILE']);
      expect(p.issues.find((i) => i.code === 'TEAM_ELIGIBILITY')!.message).toMatch(/无法核实.*转正日期.*参加工作日期/);
      expect(p.issues.find((i) => i.code === 'VALUE_INVALID')!.message).toMatch(/只有 \d+ 天，驻村天数不能是 35/);
      expect(p.issues.find((i) => i.code === 'EXISTS_ELSEWHERE')!.message).toMatch(/其他单位/);
      expect(p.plan).toMatchObject({ create: 2, update: 0, skip: 4 });
    });

    it('commits one batch (postings and months), re-imports unchanged, and undoes as a whole', async () => {
      const p = await call('import.preview', { files: [file], underOrgId: o.T!, kind: 'teams' });
      const c = await call('import.commit', { previewId: p.previewId });
      expect(c).toMatchObject({ created: 2, skipped: 4 });
      const list = await call('team.list', { orgId: o.T! });
      const secretary = list.rows.find((r) => r.idNumber === idOf.member)!;
      expect(secretary).toMatchObject({ name: '周书记', role: 'first-secretary', dispatchingLevel: 'county', workStartedOn: '2006-07-01' });
      expect(secretary.memberId).not.toBeNull();
      expect(secretary.eligibility?.eligible).toBe(true);
      const grid = await call('team.months', { orgId: o.T!, from: M1, to: M2 });
      expect(grid.rows.find((r) => r.teamMemberId === secretary.id)!.cells[M2]).toMatchObject({ days: 21, visitCount: 30 });

      const again = await call('import.preview', { files: [file], underOrgId: o.T!, kind: 'teams' });
      expect(again.updates).toEqual([]);
      expect(again.plan).toMatchObject({ create: 0, update: 2, unchanged: 2 });

      await call('import.undo', { batchId: c.batchId });
      expect((await call('team.list', { orgId: o.T! })).total).toBe(0);
      expect(await core.db.selectFrom('teamMonths').select('id').execute()).toHaveLength(0);
    });

    it('a changed month in a later file updates only that month, and undo restores it', async () => {
      const first = await call('import.preview', { files: [file], underOrgId: o.T!, kind: 'teams' });
      await call('import.commit', { previewId: first.previewId });
      const changed = {
        name: '更正.xlsx',
        dataBase64: await xlsx([
          ['姓名', '公民身份号码', '身份', '所驻村', '任职开始日期', header(M2)],
          ['周书记', idOf.member!, '第一书记', '东风村党支部', from, 18],
        ]),
      };
      const p = await call('import.preview', { files: [changed], underOrgId: o.T!, kind: 'teams' });
      expect(p.updates).toEqual([expect.objectContaining({ entity: 'teamMember', before: { [`days.${M2}`]: 21 }, after: { [`days.${M2}`]: 18 } })]);
      const c = await call('import.commit', { previewId: p.previewId });
      expect(c).toMatchObject({ created: 0, updated: 1 });
      const days = async () => (await core.db.selectFrom('teamMonths').select('daysInVillage').where('month', '=', M2).where('daysInVillage', '<', 20).execute()).map((r) => r.daysInVillage);
      expect(await days()).toEqual([18, 19]);
      await call('import.undo', { batchId: c.batchId });
      expect(await days()).toEqual([19]);
    });
  });

  it('teams from a GB18030 csv, as Chinese Excel saves it', async () => {
    const csv = iconv.encode(['姓名,身份证号,驻村身份,驻村,派出单位,驻村开始日期', `冯队长,${idFor('1988-08-08')},队长,西山村党支部,县交通局,${addMonths(TODAY, -3)}`].join('\r\n') + '\r\n', 'gb18030');
    const p = await call('import.preview', { files: [{ name: '西山村.csv', dataBase64: csv.toString('base64') }], underOrgId: o.T!, kind: 'auto' });
    expect(p.kind).toBe('teams');
    expect(p.issues).toEqual([]);
    await call('import.commit', { previewId: p.previewId });
    expect((await call('team.list', { orgId: o.West!, text: '冯' })).rows[0]).toMatchObject({ role: 'leader', villageName: '西山村党支部' });
  });

  describe('meetings (legacy xls)', () => {
    const last = addMonths(TODAY.slice(0, 7), -1);
    const xls = () => {
      const ws = XLSX.utils.aoa_to_sheet([
        ['红星乡组织生活开展情况登记表'],
        ['党组织', '会议类型', '召开日期', '会议主题', '实到人数', '缺席人数', '缺席人员及原因'],
        ['东风村党支部', '主题党日活动', `${last}-12`, '学习党章', 3, 2, '张三（病假）、赵六（外出）'],
        ['东风村党支部', '党员大会', `${last}-20`, '发展党员', 4, 0, null],
        ['东风村党支部', '主题党日', `${last}-12`, '重复一行', 3, 1, null],
        ['西山村党支部', '党课', '2099-01-01', '未来', 5, 0, null],
        ['北坡村党支部', '党课', `${last}-05`, '外乡', 5, 0, null],
      ]);
      const wb = XLSX.utils.book_new();
      XLSX.utils.book_append_sheet(wb, ws, '组织生活');
      return { name: '红星乡组织生活.xls', dataBase64: Buffer.from(XLSX.write(wb, { type: 'buffer', bookType: 'biff8' }) as Buffer).toString('base64') };
    };

    it('previews, commits with absences resolved to members, and the missed list takes it into account', async () => {
      const before = await call('meeting.missed', { orgId: o.T!, span: 'month', at: last });
      expect(before.rows.some((r) => r.orgId === o.East && r.kind === 'theme-day')).toBe(true);
      const p = await call('import.preview', { files: [xls()], underOrgId: o.T!, kind: 'auto' });
      expect(p.kind).toBe('meetings');
      expect(codes(p)).toEqual(['3:MEMBER_UNKNOWN', '5:DUPLICATE_IN_FILE', '6:DATE_FUTURE', '7:ORG_UNKNOWN']);
      expect(p.issues.find((i) => i.code === 'MEMBER_UNKNOWN')!.message).toContain('赵六');
      const c = await call('import.commit', { previewId: p.previewId });
      expect(c).toMatchObject({ created: 2, skipped: 3 });
      const m = (await call('meeting.list', { orgId: o.East!, kind: 'theme-day' })).rows[0]!;
      expect(m).toMatchObject({ attendees: 3, absentees: 2, topic: '学习党章' });
      expect((await call('meeting.get', { id: m.id })).attendance).toEqual([{ memberId: expect.any(String), name: '张三', present: false, reason: '病假' }]);
      const after = await call('meeting.missed', { orgId: o.T!, span: 'month', at: last });
      expect(after.rows.some((r) => r.orgId === o.East && r.kind === 'theme-day')).toBe(false);
      expect(after.rows.some((r) => r.orgId === o.West && r.kind === 'theme-day')).toBe(true);
    });

    it('exports of meetings and teams, and their templates, re-import without issues', async () => {
      for (const kind of ['meetings', 'teams'] as const) {
        const out = await call('export.roster', { kind, under: o.T! });
        expect(out.rows).toBeGreaterThan(0);
        const p = await call('import.preview', { files: [{ name: out.fileName, dataBase64: out.dataBase64 }], underOrgId: o.T!, kind });
        expect(p.issues.map((i) => `${i.code} ${i.column}: ${i.message}`), kind).toEqual([]);
        expect(p.plan, kind).toMatchObject({ create: 0, update: out.rows, unchanged: out.rows, skip: 0 });
        const template = await call('export.template', { kind, under: o.T! });
        const t = await call('import.preview', { files: [{ name: template.fileName, dataBase64: template.dataBase64 }], underOrgId: o.T!, kind });
        expect(t.issues.filter((i) => i.severity === 'error'), kind).toEqual([]);
        expect(t.issues.filter((i) => i.code === 'COLUMN_UNMAPPED'), kind).toEqual([]);
      }
    });
  });
});
