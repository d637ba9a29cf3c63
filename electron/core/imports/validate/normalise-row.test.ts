import { describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../../../shared/domain/idcard.js';
import { MEMBER_CATALOGUE, PIPELINE_CATALOGUE, type Catalogue } from '../../../../shared/import/index.js';
import { fieldColumns, suggestMapping } from '../map/suggest.js';
import type { RowState, TableState } from '../plan/state.js';
import type { RawCell } from '../types.js';
import { normaliseRow } from './normalise-row.js';

const TODAY = '2026-11-22';

function table(cat: Catalogue, headers: string[]): TableState {
  const letters = headers.map((_, i) => String.fromCharCode(65 + i));
  const columns = suggestMapping(cat, headers, letters);
  return { file: 'f.xlsx', sheet: 'S', kind: cat.kind, headerRow: 1, headers, letters, columns, fieldCol: fieldColumns(columns) };
}

function row(t: TableState, values: RawCell[], numeric: boolean[] = []): RowState {
  const r: RowState = { table: t, row: 2, cells: values.map((value, i) => ({ value, numeric: numeric[i] ?? typeof value === 'number' })), values: {}, refs: {}, cellIssues: [], dbIssues: [], action: 'skip' };
  normaliseRow(r, TODAY);
  return r;
}

const codes = (r: RowState) => r.cellIssues.map((i) => i.code).sort();
const ID = makeIdNumber('652923', '1990-01-05', 11);
const members = table(MEMBER_CATALOGUE, ['姓名', '性别', '民族', '身份证号', '出生日期', '学历', '入党时间', '转正时间', '党员类别', '所在支部', '手机']);

describe('normalising and checking a 党员 row', () => {
  it('normalises names, dates in clerk forms, codes through aliases, ID numbers', () => {
    const r = row(members, ['艾则孜•吾术尔', '男性', '维族', ` ${ID.slice(0, 17)}${ID[17]!.toLowerCase()} `, '1990.1.5', '大专', '2015年7月', '20160701', '正式', '红旗村党支部', '138 0013 8000']);
    expect(codes(r)).toEqual([]);
    expect(r.values).toMatchObject({ name: '艾则孜·吾术尔', gender: '1', ethnicity: '05', idNumber: ID, birthDate: '1990-01-05', education: '30', joinedOn: '2015-07', confirmedOn: '2016-07-01', category: 'formal' });
  });

  it('flags ID numbers stored as numbers, bad check characters and mismatches with 出生日期 / 性别', () => {
    expect(codes(row(members, ['甲', '男', '汉族', 652923199001050000, '', '', '', '', '正式党员', '某支部']))).toEqual(['ID_PRECISION_LOST']);
    const bad = ID.slice(0, 17) + (ID[17] === '0' ? '1' : '0');
    expect(codes(row(members, ['甲', '男', '汉族', bad, '', '', '', '', '正式党员', '某支部']))).toEqual(['ID_CHECKSUM']);
    expect(codes(row(members, ['甲', '女', '汉族', ID, '1990-02-05', '', '', '', '正式党员', '某支部']))).toEqual(['ID_BIRTH_MISMATCH', 'ID_SEX_MISMATCH']);
  });

  it('takes 出生日期 and 性别 from the ID number when blank', () => {
    const r = row(members, ['甲', '', '汉族', ID, '', '', '', '', '正式党员', '某支部']);
    expect(r.values).toMatchObject({ birthDate: '1990-01-05', gender: '1' });
  });

  it('checks dates: invalid, future, order, under 18; unknown codes; required; phone', () => {
    expect(codes(row(members, ['甲', '男', '汉族', ID, '', '', '2019.02.30', '', '正式党员', '某支部']))).toEqual(['DATE_INVALID']);
    expect(codes(row(members, ['甲', '男', '汉族', ID, '', '', '2030-01-01', '', '正式党员', '某支部']))).toEqual(['DATE_FUTURE']);
    expect(codes(row(members, ['甲', '男', '汉族', ID, '', '', '2015-01-01', '2010-01-01', '正式党员', '某支部']))).toEqual(['DATE_ORDER']);
    expect(codes(row(members, ['甲', '男', '汉族', ID, '', '', '2007-01-01', '', '正式党员', '某支部']))).toEqual(['AGE_UNDER_18']);
    expect(codes(row(members, ['甲', '男', '火星族', ID, '', '大学肄业啦', '', '', '正式党员', '某支部']))).toEqual(['CODE_UNKNOWN', 'CODE_UNKNOWN']);
    expect(codes(row(members, ['', '男', '汉族', '', '', '', '', '', '正式党员', '']))).toEqual(['REQUIRED_MISSING', 'REQUIRED_MISSING', 'REQUIRED_MISSING']);
    expect(codes(row(members, ['甲', '男', '汉族', ID, '', '', '', '', '正式党员', '某支部', '12345']))).toEqual(['PHONE_FORMAT']);
  });

  it('reports a 转正 before the probation year is over as PIPELINE_RULE R12', () => {
    const r = row(members, ['甲', '男', '汉族', ID, '', '', '2015-07-01', '2016-01-01', '正式党员', '某支部']);
    expect(r.cellIssues).toHaveLength(1);
    expect(r.cellIssues[0]).toMatchObject({ code: 'PIPELINE_RULE', ruleId: 'R12', severity: 'warning', column: '转正时间' });
  });

  it('derives 人员类别 from 转正日期 when blank', () => {
    expect(row(members, ['甲', '男', '汉族', ID, '', '', '2015-07-01', '2016-07-01', '', '某支部']).values.category).toBe('formal');
    expect(row(members, ['甲', '男', '汉族', ID, '', '', '2026-07-01', '', '', '某支部']).values.category).toBe('probationary');
    expect(codes(row(members, ['甲', '男', '汉族', ID, '', '', '2015-07-01', '', '', '某支部']))).toEqual(['REQUIRED_MISSING']);
  });
});

describe('a 发展党员 row', () => {
  const t = table(PIPELINE_CATALOGUE, ['姓名', '身份证号', '所在党支部', '申请入党日期', '谈话日期', '确定积极分子日期', '确定发展对象日期']);
  it('raises the development rules it can decide, with their ids', () => {
    const r = row(t, ['乙', ID, '某支部', '2020-01-01', '2020-03-15', '2020-06-01', '2020-12-01']);
    expect(r.cellIssues.map((i) => i.ruleId).sort()).toEqual(['R2', 'R4']);
    expect(r.cellIssues.every((i) => i.code === 'PIPELINE_RULE')).toBe(true);
  });
  it('AGE_UNDER_18 on the application date (not also R1)', () => {
    const young = makeIdNumber('652923', '2010-01-05', 12);
    const r = row(t, ['丙', young, '某支部', '2026-01-01', '', '', '']);
    expect(codes(r)).toContain('AGE_UNDER_18');
    expect(r.cellIssues.some((i) => i.ruleId === 'R1')).toBe(false);
  });
});
