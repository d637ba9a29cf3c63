import { describe, expect, it } from 'vitest';
import { makeIdNumber } from '../idcard.js';
import { dateOrderProblems, futureProblem, idAgreementProblems, memberCrossProblems, memberFieldProblems, memberOrgProblem, memberRecordProblems, normalisePersonName, personNameProblem, phoneProblem, realDateProblem, underAgeProblem } from './index.js';

const TODAY = '2025-06-15';
const fields = (v: Parameters<typeof memberRecordProblems>[0], complete = false) => memberRecordProblems(v, { today: TODAY, complete }).map((p) => p.field);

describe('field rules (shared by the contract, the forms, the grid and the import)', () => {
  it('real calendar dates: 2023-02-31 and month 13 are refused with the reason; month precision where allowed', () => {
    expect(realDateProblem('2023-02-31', false)).toBe('日期不存在：2023-02-31（2023年2月没有31日）');
    expect(realDateProblem('2024-02-29', false)).toBeNull();
    expect(realDateProblem('2023-13-01', false)).toMatch(/月份不存在/);
    expect(realDateProblem('2023-05', false)).toMatch(/日期格式/);
    expect(realDateProblem('2023-05', true)).toBeNull();
    expect(realDateProblem('0023-05-01', true)).toMatch(/年份不合理/);
  });

  it('not in the future: a death dated 2099 is refused; a month is future only once it starts after today', () => {
    expect(futureProblem('2099-01-01', TODAY, '日期')).toMatch(/晚于今天/);
    expect(futureProblem('2025-06', TODAY, '日期')).toBeNull();
    expect(futureProblem('2025-07', TODAY, '日期')).not.toBeNull();
  });

  it('date order with month precision: only a surely-earlier date is a breach', () => {
    const chain = [{ field: 'a', label: '入党日期' }, { field: 'b', label: '转正日期' }];
    expect(dateOrderProblems({ a: '2000-05', b: '2000-05-01' }, chain)).toEqual([]);
    expect(dateOrderProblems({ a: '2000-05-02', b: '2000-05-01' }, chain)).toEqual([{ field: 'b', message: '转正日期2000-05-01早于入党日期2000-05-02，日期先后顺序不对' }]);
  });

  it('18 on the day, whatever day a month stands for', () => {
    expect(underAgeProblem('2000-06-15', '2018-06-15', '入党日期')).toBeNull();
    expect(underAgeProblem('2000-06-15', '2018-06-14', '入党日期')).toMatch(/未满18周岁/);
    expect(underAgeProblem('2000-06', '2018-06', '入党日期')).toBeNull();
    expect(underAgeProblem('2000-06', '2018-05', '入党日期')).toMatch(/未满18周岁/);
  });

  it('sex and birth date against the ID number', () => {
    const id = { birthDate: '1980-03-02', gender: '1' as const };
    expect(idAgreementProblems(id, '1980-03-02', '1')).toEqual([]);
    expect(idAgreementProblems(id, '1980-03', '1')).toEqual([]);
    expect(idAgreementProblems(id, '1980-03-03', '2').map((p) => p.field)).toEqual(['birthDate', 'gender']);
  });

  it('names: every look-alike of "·" becomes "·", spaces go; a name cannot start or end with it', () => {
    expect(normalisePersonName(' 艾则孜 • 吾术尔 ')).toBe('艾则孜·吾术尔');
    expect(normalisePersonName('艾则孜．吾术尔')).toBe('艾则孜·吾术尔');
    expect(normalisePersonName('艾则孜・吾术尔')).toBe('艾则孜·吾术尔');
    expect(personNameProblem('·吾术尔')).toMatch(/首尾/);
    expect(personNameProblem('')).toMatch(/不能为空/);
  });

  it('phones: mobile or landline with area code; "abc" is refused', () => {
    expect(phoneProblem('13912345678')).toBeNull();
    expect(phoneProblem('0994-3221234')).toBeNull();
    expect(phoneProblem('abc')).toMatch(/不是有效的手机号码/);
  });

  it('a 党小组 does not hold a member, nor a dissolved organisation', () => {
    expect(memberOrgProblem({ kind: 'group', name: '第一党小组' })).toMatch(/党小组/);
    expect(memberOrgProblem({ kind: 'branch', name: '某支部', dissolvedOn: '2020-01-01' })).toMatch(/撤销/);
    expect(memberOrgProblem({ kind: 'branch', name: '某支部', dissolvedOn: null })).toBeNull();
  });
});

describe('a member record by the same rules', () => {
  const id = makeIdNumber('652302', '1931-04-01', 11);

  it('入党 1920 for someone born 1931, 转正 before 入党, a phone "abc": each refused on its field', () => {
    expect(fields({ idNumber: id, birthDate: '1931-04-01', joinedOn: '1920-01-01', category: 'formal', confirmedOn: '1921-01-01' })).toEqual(['joinedOn', 'confirmedOn', 'joinedOn']);
    expect(fields({ idNumber: id, birthDate: '1931-04-01', joinedOn: '1960-01-01', confirmedOn: '1959-12-01', category: 'formal' })).toEqual(['confirmedOn']);
    expect(fields({ idNumber: id, phone: 'abc' })).toEqual(['phone']);
  });

  it('a 正式党员 typed in the ledger needs 入党日期 and 转正日期; a 预备党员 has no 转正日期', () => {
    expect(fields({ idNumber: id, category: 'formal' }, true)).toEqual(['joinedOn', 'confirmedOn']);
    expect(fields({ idNumber: id, category: 'probationary', joinedOn: '1960-01-01', confirmedOn: '1961-01-01' })).toEqual(['confirmedOn']);
    // A roster row may leave them blank.
    expect(fields({ idNumber: id, category: 'formal' })).toEqual([]);
  });

  it('birth date and sex that disagree with the ID number, a date after today, 2023-02-31', () => {
    expect(memberCrossProblems({ idNumber: id, birthDate: '1931-04-02', gender: '2' }, { today: TODAY }).map((p) => p.code)).toEqual(['ID_BIRTH_MISMATCH', 'ID_SEX_MISMATCH']);
    expect(memberFieldProblems({ joinedOn: '2099-01-01' }, TODAY).map((p) => p.code)).toEqual(['DATE_FUTURE']);
    expect(memberFieldProblems({ birthDate: '2023-02-31' }, TODAY).map((p) => p.message)).toEqual(['出生日期：日期不存在：2023-02-31（2023年2月没有31日）']);
  });
});
