import { describe, expect, it } from 'vitest';
import { cleanCell, NAME_DOT, normaliseName, normaliseSpaces, removeSpaces, toHalfWidth } from './text.js';

describe('toHalfWidth', () => {
  it('maps full-width ASCII and the ideographic space', () => {
    expect(toHalfWidth('６５２９２３　ＡＢｃ（１）')).toBe('652923 ABc(1)');
  });
  it('leaves Chinese text and U+00B7 alone', () => {
    expect(toHalfWidth('艾则孜·吾术尔')).toBe('艾则孜·吾术尔');
  });
});

describe('normaliseSpaces / removeSpaces', () => {
  it('collapses every kind of space and drops zero-width characters', () => {
    expect(normaliseSpaces('\u00a0 张\u3000\u3000三\u200b \t')).toBe('张 三');
    expect(removeSpaces(' 6529 2319\u3000900101\u00a01234 ')).toBe('65292319900101' + '1234');
  });
});

describe('normaliseName', () => {
  it.each([
    ['艾则孜•吾术尔'],
    ['艾则孜．吾术尔'],
    ['艾则孜・吾术尔'],
    ['艾则孜‧吾术尔'],
    ['艾则孜·吾术尔'],
    ['艾则孜.吾术尔'],
    [' 艾则孜 · 吾术尔 '],
    ['艾则孜··吾术尔'],
    ['艾则孜•·吾术尔'],
  ])('%s → 艾则孜·吾术尔', (raw) => {
    expect(normaliseName(raw)).toBe(`艾则孜${NAME_DOT}吾术尔`);
  });
  it('removes spaces inside Han names', () => {
    expect(normaliseName(' 张  三 ')).toBe('张三');
  });
});

describe('cleanCell', () => {
  it('handles empty, numbers and full-width text', () => {
    expect(cleanCell(null)).toBe('');
    expect(cleanCell(undefined)).toBe('');
    expect(cleanCell(5)).toBe('5');
    expect(cleanCell(Number.NaN)).toBe('');
    expect(cleanCell('  ０５ ')).toBe('05');
  });
});
