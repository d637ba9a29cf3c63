import { describe, expect, it } from 'vitest';
import { looksLikeInitials, pinyinInitials } from './pinyin.js';

describe('pinyinInitials', () => {
  it('gives the initials clerks type for places and organisations', () => {
    expect(pinyinInitials('嘉城镇')).toBe('jcz');
    expect(pinyinInitials('中共嘉城镇第1党支部')).toBe('zgjczd1dzb');
    expect(pinyinInitials('乐山')).toBe('ls');
  });
  it('reads a person\'s first character as a surname', () => {
    expect(pinyinInitials('张雨欣', { person: true })).toBe('zyx');
    expect(pinyinInitials('单雄信', { person: true })).toBe('sxx');
    expect(pinyinInitials('曾国藩', { person: true })).toBe('zgf');
  });
  it('drops the middle dot and other marks, keeps Latin letters and digits', () => {
    expect(pinyinInitials('艾则孜·吾术尔', { person: true })).toBe('azzwse');
    expect(pinyinInitials('ABC（一）')).toBe('abcy');
  });
  it('tells initials from other search texts', () => {
    expect(looksLikeInitials('jcz')).toBe(true);
    expect(looksLikeInitials('嘉城')).toBe(false);
    expect(looksLikeInitials('6523')).toBe(false);
    expect(looksLikeInitials('j')).toBe(false);
  });
});
