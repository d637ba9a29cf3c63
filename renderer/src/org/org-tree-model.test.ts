import { describe, expect, it } from 'vitest';
import type { OrgTreeNode } from '../../../shared/types/records.js';
import { buildTree, withPaths } from './org-tree-model.js';

const node = (id: string, parentId: string | null, name: string, shortName: string | null = null): OrgTreeNode => ({
  id, parentId, name, shortName, kind: 'branch', unitCategory: null, dissolvedOn: null, depth: parentId ? 1 : 0, memberCount: 1, term: null, warnings: [],
});
const model = buildTree([
  node('root', null, '中共示例县委员会'),
  node('jc', 'root', '中共嘉城镇委员会', '嘉城镇党委'),
  node('hx', 'jc', '中共红星村支部委员会', '红星村党支部'),
  node('hq', 'root', '中共红旗乡委员会', '红旗乡党委'),
]);

// The matching itself is the core's (org.search, stored initials): test/integration and the e2e org page.
describe('tree search hits', () => {
  it('shows each hit with the path above it, once', () => {
    expect([...withPaths(model, ['hx'])].sort()).toEqual(['hx', 'jc', 'root']);
    expect([...withPaths(model, ['hq', 'hx', 'jc'])].sort()).toEqual(['hq', 'hx', 'jc', 'root']);
  });
  it('leaves out hits the tree does not hold (another scope, a dissolved organisation not shown)', () => {
    expect(withPaths(model, ['elsewhere']).size).toBe(0);
    expect([...withPaths(model, ['elsewhere', 'hq'])].sort()).toEqual(['hq', 'root']);
  });
});
