import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readFiles } from './read-files.js';

import { FIXTURES } from '../../../../test/helpers/paths.js';

const FIX = FIXTURES + '/';
const expected = JSON.parse(readFileSync(FIX + '示例乡党员名册.expected.json', 'utf8')) as {
  dataRows: number;
  defects: { sheet: string; row: number; code: string }[];
};

describe('shared fixtures', () => {
  it('members xlsx: title row above the header, 60 rows numbered as Excel shows them', async () => {
    const { tables, issues } = await readFiles([{ name: '示例乡党员名册.xlsx', path: FIX + '示例乡党员名册.xlsx' }]);
    expect(issues).toEqual([]);
    expect(tables).toHaveLength(1);
    const t = tables[0]!;
    // exceljs alone would call it "Sheet1" (its rels use absolute targets); the tab is 党员.
    expect(t.sheet).toBe('党员');
    expect(t.headerRow).toBe(2);
    expect(t.headers).toEqual(['姓名', '性别', '民族', '公民身份号码', '出生日期', '学历', '入党日期', '转正日期', '人员类别', '所在党组织', '工作岗位', '手机号码']);
    expect(t.columnLetters).toEqual(['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J', 'K', 'L']);
    expect(t.rows).toHaveLength(expected.dataRows);
    expect(t.rows[0]!.rowNumber).toBe(3);
    expect(t.rows.at(-1)!.rowNumber).toBe(62);
    expect(t.skipped).toEqual([{ rowNumber: 1, reason: 'title' }]);
    // The defects' row numbers are sheet rows: each must be a data row of this table.
    const byRow = new Map(t.rows.map((r) => [r.rowNumber, r]));
    for (const d of expected.defects) {
      expect(d.sheet).toBe(t.sheet);
      expect(byRow.has(d.row), `row ${d.row}`).toBe(true);
    }
    // Row 12 holds the ID typed into a number cell: it stays a number, flagged numeric.
    const id12 = byRow.get(12)!.cells[3]!;
    expect(id12.numeric).toBe(true);
    expect(typeof id12.value).toBe('number');
    expect(byRow.get(5)!.cells[3]).toEqual({ value: expect.any(String), numeric: false });
    // Excel date cells arrive as Date.
    const birth = t.rows[0]!.cells[4]!;
    expect(birth.value).toBeInstanceOf(Date);
    expect((birth.value as Date).toISOString().slice(0, 10)).toBe('1958-06-12');
  });

  it('orgs xlsx', async () => {
    const { tables, issues } = await readFiles([{ name: '示例乡党组织.xlsx', bytes: readFileSync(FIX + '示例乡党组织.xlsx') }]);
    expect(issues).toEqual([]);
    expect(tables[0]!.headerRow).toBe(1);
    expect(tables[0]!.headers).toEqual(['党组织名称', '组织类别', '上级党组织', '单位类别', '成立日期']);
    expect(tables[0]!.rows).toHaveLength(6);
    expect(tables[0]!.rows[5]!.cells[0]!.value).toBe('新华社区第一网格1号楼党小组');
  });

  it('GB18030 community CSV', async () => {
    const { tables, issues } = await readFiles([{ name: '示例社区网格.csv', path: FIX + '示例社区网格.csv' }]);
    expect(issues).toEqual([]);
    const t = tables[0]!;
    expect(t.sheet).toBe('示例社区网格');
    expect(t.headers).toEqual(['社区', '网格', '楼栋', '网格长', '户数']);
    expect(t.rows).toHaveLength(8);
    expect(t.rows[0]!.rowNumber).toBe(2);
    expect(t.rows[0]!.cells.map((c) => c.value)).toEqual(['新华社区', '新华社区第1网格', '11号楼', '苏比努尔·尼亚孜', '34']);
    expect(t.rows.every((r) => r.cells.every((c) => !c.numeric))).toBe(true);
  });

  it('legacy xls of 12 reserves', async () => {
    const { tables, issues } = await readFiles([{ name: '示例村级后备力量.xls', path: FIX + '示例村级后备力量.xls' }]);
    expect(issues).toEqual([]);
    const t = tables[0]!;
    expect(t.sheet).toBe('后备力量');
    expect(t.headerRow).toBe(1);
    expect(t.headers).toEqual(['姓名', '性别', '身份证号', '学历', '所在村', '来源类别', '培养方向', '入库时间', '是否进入两委']);
    expect(t.rows).toHaveLength(12);
    expect(t.rows[0]!.rowNumber).toBe(2);
    expect(t.rows[0]!.cells[2]).toEqual({ value: '652923199107219481', numeric: false });
  });
});
