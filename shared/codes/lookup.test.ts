import { describe, expect, it } from 'vitest';
import {
  EDUCATION,
  ETHNICITY,
  GENDER,
  JOB_CATEGORY,
  MEMBER_EVENT,
  ORG_KIND,
  POLITICAL_STATUS,
  RESERVE_SOURCE,
  UNIT_CATEGORY,
} from './tables.js';
import { educationBucket, isCollegeOrAbove, isMinority, lookupCode, nameOf } from './lookup.js';

const code = (r: { code: string } | null) => r?.code ?? null;

describe('lookupCode', () => {
  it('resolves ethnicity by code, name and alias', () => {
    expect(lookupCode(ETHNICITY, '05')).toEqual({ code: '05', name: '维吾尔族' });
    expect(code(lookupCode(ETHNICITY, '维吾尔族'))).toBe('05');
    expect(code(lookupCode(ETHNICITY, '维吾尔'))).toBe('05');
    expect(code(lookupCode(ETHNICITY, '维族'))).toBe('05');
    expect(code(lookupCode(ETHNICITY, ' 汉族 '))).toBe('01');
    expect(code(lookupCode(ETHNICITY, '汉 族'))).toBe('01');
    expect(code(lookupCode(ETHNICITY, '哈族'))).toBe('17');
  });
  it('accepts 57/58 for 97/98 and re-pads codes from number cells', () => {
    expect(code(lookupCode(ETHNICITY, '57'))).toBe('97');
    expect(code(lookupCode(ETHNICITY, 58))).toBe('98');
    expect(code(lookupCode(ETHNICITY, 5))).toBe('05');
    expect(code(lookupCode(ETHNICITY, '５'))).toBe('05');
    expect(code(lookupCode(POLITICAL_STATUS, 1))).toBe('01');
  });
  it('resolves education the way clerks write it', () => {
    expect(code(lookupCode(EDUCATION, '大专'))).toBe('30');
    expect(code(lookupCode(EDUCATION, '专科'))).toBe('30');
    expect(code(lookupCode(EDUCATION, '大学专科毕业'))).toBe('31');
    expect(code(lookupCode(EDUCATION, '中专'))).toBe('40');
    expect(code(lookupCode(EDUCATION, '高中'))).toBe('60');
    expect(code(lookupCode(EDUCATION, '初中'))).toBe('70');
    expect(code(lookupCode(EDUCATION, '小学'))).toBe('80');
    expect(code(lookupCode(EDUCATION, '本科'))).toBe('20');
    expect(code(lookupCode(EDUCATION, '本科毕业'))).toBe('21');
    expect(code(lookupCode(EDUCATION, '研究生'))).toBe('10');
    expect(code(lookupCode(EDUCATION, '中技'))).toBe('47');
  });
  it('resolves gender, political status and latin case-insensitively', () => {
    expect(code(lookupCode(GENDER, '男性'))).toBe('1');
    expect(code(lookupCode(GENDER, '女'))).toBe('2');
    expect(code(lookupCode(GENDER, 'Ｍ'))).toBe('1');
    expect(code(lookupCode(GENDER, 'FEMALE'))).toBe('2');
    expect(code(lookupCode(GENDER, 1))).toBe('1');
    expect(code(lookupCode(POLITICAL_STATUS, '中共党员'))).toBe('01');
    expect(code(lookupCode(POLITICAL_STATUS, '党员'))).toBe('01');
    expect(code(lookupCode(POLITICAL_STATUS, '预备党员'))).toBe('02');
    expect(code(lookupCode(POLITICAL_STATUS, '共青团员'))).toBe('03');
    expect(code(lookupCode(POLITICAL_STATUS, '群众'))).toBe('13');
  });
  it('resolves our own lists', () => {
    expect(code(lookupCode(ORG_KIND, '党总支'))).toBe('general-branch');
    expect(code(lookupCode(ORG_KIND, 'BRANCH'))).toBe('branch');
    expect(code(lookupCode(UNIT_CATEGORY, '农村'))).toBe('village');
    expect(code(lookupCode(UNIT_CATEGORY, '社区(居委会)'))).toBe('community');
    expect(code(lookupCode(UNIT_CATEGORY, '社区（居委会）'))).toBe('community');
    expect(code(lookupCode(UNIT_CATEGORY, '非公企业'))).toBe('private');
    expect(code(lookupCode(MEMBER_EVENT, '转正'))).toBe('confirmed');
    expect(code(lookupCode(JOB_CATEGORY, '农民'))).toBe('02');
    expect(code(lookupCode(RESERVE_SOURCE, '退伍军人'))).toBe('03');
  });
  it('returns null for unknown or empty values instead of guessing', () => {
    expect(lookupCode(ETHNICITY, '火星族')).toBeNull();
    expect(lookupCode(ETHNICITY, '')).toBeNull();
    expect(lookupCode(ETHNICITY, '   ')).toBeNull();
    expect(lookupCode(ETHNICITY, null)).toBeNull();
    expect(lookupCode(ETHNICITY, 99)).toBeNull();
    expect(lookupCode(EDUCATION, '大')).toBeNull();
    expect(lookupCode(GENDER, '01')).toBeNull();
  });
});

describe('helpers', () => {
  it('nameOf', () => {
    expect(nameOf(ETHNICITY, '05')).toBe('维吾尔族');
    expect(nameOf(ORG_KIND, 'branch')).toBe('党支部');
    expect(nameOf(ETHNICITY, '99')).toBeNull();
    expect(nameOf(ETHNICITY, null)).toBeNull();
  });
  it('educationBucket and isCollegeOrAbove', () => {
    expect(educationBucket('14')).toBe(1);
    expect(educationBucket('21')).toBe(2);
    expect(educationBucket('31')).toBe(3);
    expect(educationBucket('41')).toBe(4);
    expect(educationBucket('47')).toBe(5);
    expect(educationBucket('71')).toBe(6);
    expect(educationBucket('99')).toBeNull();
    expect(isCollegeOrAbove('31')).toBe(true);
    expect(isCollegeOrAbove('10')).toBe(true);
    expect(isCollegeOrAbove('41')).toBe(false);
    expect(isCollegeOrAbove(undefined)).toBe(false);
  });
  it('isMinority', () => {
    expect(isMinority('01')).toBe(false);
    expect(isMinority('05')).toBe(true);
    expect(isMinority('97')).toBe(true);
    expect(isMinority('')).toBe(false);
    expect(isMinority('99')).toBe(false);
    expect(isMinority(null)).toBe(false);
  });
});
