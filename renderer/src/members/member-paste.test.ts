import { describe, expect, it } from 'vitest';
import type { Member } from '../../../shared/types/records.js';
import { planPaste } from './member-paste.js';

const row = (id: string, name: string): Member => ({ id, name, updatedAt: `2024-01-0${id}T00:00:00.000Z` }) as Member;
const ROWS = [row('1', '李明'), row('2', '王红'), row('3', '张强')];
const COLUMNS = ['name', 'category', 'jobCategory', 'phone'];

describe('a block pasted over the roster', () => {
  it('turns the cells into one patch per row (codes by name or alias), each row with the version it was read at', () => {
    const plan = planPaste('农民\t13900000001\r\n工人\t\r\n', ROWS, COLUMNS, 0, 2);
    expect(plan.refused).toEqual([]);
    expect(plan.cells).toBe(4);
    expect(plan.rows).toEqual([
      { id: '1', expectedUpdatedAt: '2024-01-01T00:00:00.000Z', patch: { jobCategory: '02', phone: '13900000001' } },
      { id: '2', expectedUpdatedAt: '2024-01-02T00:00:00.000Z', patch: { jobCategory: '01', phone: null } },
    ]);
  });

  it('lists every refused cell with its place in the copied block and the reason: unknown codes, bad phones, event fields, cells past the grid', () => {
    const plan = planPaste('宇航员\t123\r\n农民\t13900000002\r\n农民\t13900000003\r\n农民\t13900000004\r\n', ROWS, COLUMNS, 0, 2);
    expect(plan.refused).toEqual([
      '复制内容第 1 行第 1 列（李明，工作岗位）：工作岗位“宇航员”不在代码表中',
      expect.stringMatching(/^复制内容第 1 行第 2 列（李明，联系电话）：联系电话“123”/),
      '有 2 格超出表格范围（行或列不够）',
    ]);
    const events = planPaste('正式党员', ROWS, COLUMNS, 0, 1);
    expect(events.refused).toEqual(['复制内容第 1 行第 1 列（李明，人员类别）：“人员类别”列不能粘贴（通过状态变化记录修改）']);
    expect(planPaste('王 芳', ROWS, COLUMNS, 1, 0).rows).toEqual([{ id: '2', expectedUpdatedAt: '2024-01-02T00:00:00.000Z', patch: { name: '王芳' } }]);
  });
});
