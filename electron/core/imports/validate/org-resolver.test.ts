import { describe, expect, it } from 'vitest';
import { orgKey } from './org-names.js';
import { OrgResolver } from './org-resolver.js';

describe('organisation names', () => {
  it('gives the ways clerks write one organisation the same key', () => {
    const k = orgKey('玉奇吾斯塘村党支部');
    expect(orgKey('玉奇吾斯塘村支部')).toBe(k);
    expect(orgKey('中共玉奇吾斯塘村支部委员会')).toBe(k);
    expect(orgKey('中国共产党玉奇吾斯塘村支部委员会')).toBe(k);
    expect(orgKey(' 中共玉奇吾斯塘村 支部委员会 ')).toBe(k);
    expect(orgKey('中共新华社区委员会')).toBe(orgKey('新华社区党委'));
    expect(orgKey('红旗村党总支')).toBe(orgKey('中共红旗村总支部委员会'));
    // The kind word stays: a 村党委 is not a 村党支部.
    expect(orgKey('红旗村党委')).not.toBe(orgKey('红旗村党支部'));
  });

  const resolver = new OrgResolver([
    { id: 'a', name: '中共红旗村支部委员会', shortName: null, kind: 'branch', path: '/r/a/' },
    { id: 'b', name: '中共胜利村支部委员会', shortName: '胜利村党支部', kind: 'branch', path: '/r/b/' },
    { id: 'c', name: '中共红星村第一支部委员会', shortName: '第一党支部', kind: 'branch', path: '/r/c/' },
    { id: 'd', name: '中共红光村第一支部委员会', shortName: '第一党支部', kind: 'branch', path: '/r/d/' },
  ]);

  it('resolves by full or short name', () => {
    expect(resolver.resolve('红旗村党支部')).toMatchObject({ ok: true, org: { id: 'a' } });
    expect(resolver.resolve('胜利村支部')).toMatchObject({ ok: true, org: { id: 'b' } });
  });

  it('reports two matches as ambiguous and unknown names with up to three suggestions', () => {
    const amb = resolver.resolve('第一党支部');
    expect(amb).toMatchObject({ ok: false, code: 'ORG_AMBIGUOUS' });
    const unk = resolver.resolve('红旗村党小组');
    expect(unk.ok).toBe(false);
    if (!unk.ok && unk.code === 'ORG_UNKNOWN') {
      expect(unk.suggestions[0]).toBe('中共红旗村支部委员会');
      expect(unk.suggestions.length).toBeLessThanOrEqual(3);
    } else throw new Error('expected ORG_UNKNOWN');
  });
});
