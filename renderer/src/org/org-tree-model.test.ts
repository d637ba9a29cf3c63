import { describe, expect, it } from 'vitest';
import type { OrgTreeNode } from '../../../shared/types/records.js';
import { buildTree, matchingIds } from './org-tree-model.js';

const node = (id: string, parentId: string | null, name: string, shortName: string | null = null): OrgTreeNode => ({
  id, parentId, name, shortName, kind: 'branch', unitCategory: null, dissolvedOn: null, depth: parentId ? 1 : 0, memberCount: 1, term: null, warnings: [],
});
const model = buildTree([
  node('root', null, '中共示例县委员会'),
  node('jc', 'root', '中共嘉城镇委员会', '嘉城镇党委'),
  node('hx', 'jc', '中共红星村支部委员会', '红星村党支部'),
  node('hq', 'root', '中共红旗乡委员会', '红旗乡党委'),
]);

describe('tree search', () => {
  it('finds by pinyin initials of the full or short name, with the path above', () => {
    expect([...matchingIds(model, 'jcz')].sort()).toEqual(['jc', 'root']);
    expect([...matchingIds(model, 'HXC')].sort()).toEqual(['hx', 'jc', 'root']);
  });
  it('finds by a fragment of the name, and nothing for a fragment no name has', () => {
    expect([...matchingIds(model, '红旗')].sort()).toEqual(['hq', 'root']);
    expect(matchingIds(model, 'xyz').size).toBe(0);
  });
});
