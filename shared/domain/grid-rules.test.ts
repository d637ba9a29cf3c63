import { describe, expect, it } from 'vitest';
import { compareUnitNames } from './grid-rules.js';

describe('grid unit names in counting order', () => {
  it('orders 第一 … 第十二 and 2号楼 … 10号楼 as clerks count them, other names by the collation', () => {
    const names = ['第十二网格', '第二网格', '第十网格', '第一网格', '第三网格', '10号楼', '2号楼', '东方社区', '安居社区'];
    expect([...names].sort(compareUnitNames)).toEqual(['2号楼', '10号楼', '安居社区', '第一网格', '第二网格', '第三网格', '第十网格', '第十二网格', '东方社区']);
  });
});
