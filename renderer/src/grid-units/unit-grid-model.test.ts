import { describe, expect, it } from 'vitest';
import type { GridNode } from '../../../shared/contract/grid.js';
import { draftRow, orgByName, parseCell, planSave, rowOf } from './unit-grid-model.js';

const unit = (over: Partial<GridNode>): GridNode => ({
  id: 'g1', parentId: 'c1', path: '/c1/g1/', name: '第一网格', kind: 'grid', orgId: null, ownerOrgId: 't1', leader: '王网格', workers: null, households: 120, population: null,
  buildingLeader: null, foundedOn: '2020-01-01', dissolvedOn: null, dissolvedReason: null, createdAt: '', updatedAt: '', orgName: null, orgKind: null, ownerName: '红星街道', initials: 'dywg', registered: 0,
  ...over,
});
const orgs = [
  { id: 'o1', name: '中共新华社区第一网格支部委员会', shortName: '第一网格党支部' },
  { id: 'o2', name: '中共新华社区第二网格支部委员会', shortName: '网格党支部' },
  { id: 'o3', name: '中共东风社区网格支部委员会', shortName: '网格党支部' },
];

describe('the 网格 sheet model', () => {
  it('reads cells by the shared field rules: counts as clerks type them, organisations by full or short name, kinds only for new rows', () => {
    const row = rowOf(unit({}));
    expect(parseCell(row, 'households', '1,200户', orgs, ['grid'])).toEqual({ ok: true, value: 1200 });
    expect(parseCell(row, 'population', '约300', orgs, ['grid'])).toEqual({ ok: false, message: '人口“约300”不是非负整数' });
    expect(parseCell(row, 'org', '第一网格党支部', orgs, ['grid'])).toEqual({ ok: true, value: 'o1' });
    expect(parseCell(row, 'org', '', orgs, ['grid'])).toEqual({ ok: true, value: null });
    expect(orgByName(orgs, '网格党支部')).toEqual({ ok: false, message: '有 2 个组织名为“网格党支部”，请填写全称' });
    expect(parseCell(row, 'org', '不存在支部', orgs, ['grid']).ok).toBe(false);
    expect(parseCell(row, 'kind', '楼栋', orgs, ['grid'])).toEqual({ ok: false, message: '已有单元的类别不能修改；类别不同的单元请新建' });
    expect(parseCell(draftRow('n1', 'building'), 'kind', '巷道', orgs, ['building', 'lane'])).toEqual({ ok: true, value: 'lane' });
    expect(parseCell(draftRow('n1', 'building'), 'kind', '社区', orgs, ['building', 'lane'])).toEqual({ ok: false, message: '此处只能新建楼栋、巷道' });
    expect(parseCell(row, 'name', ' ', orgs, ['grid'])).toEqual({ ok: false, message: '名称不能为空' });
    expect(parseCell(row, 'leader', '张'.repeat(33), orgs, ['grid'])).toEqual({ ok: false, message: '网格长不能超过 32 个字' });
  });

  it('plans one save: changed cells of units with their old values for undo, named drafts created, unnamed drafts kept', () => {
    const a = rowOf(unit({}));
    const b = rowOf(unit({ id: 'g2', name: '第二网格', households: 80 }));
    const named = draftRow('n1', 'grid');
    const unnamed = draftRow('n2', 'grid');
    const plan = planSave([
      { row: a, column: 'households', value: 130 },
      { row: a, column: 'org', value: 'o1' },
      { row: b, column: 'households', value: 80 },
      { row: named, column: 'name', value: '第三网格' },
      { row: named, column: 'leader', value: '李四' },
      { row: unnamed, column: 'leader', value: '赵六' },
    ]);
    expect(plan.rows).toEqual([{ id: 'g1', households: 130, orgId: 'o1' }, { name: '第三网格', kind: 'grid', leader: '李四' }]);
    expect(plan.undoRows).toEqual([{ id: 'g1', households: 120, orgId: null }]);
    expect(plan.pendingDrafts.map((d) => [d.key, d.cells.leader])).toEqual([['n2', '赵六']]);
  });
});
