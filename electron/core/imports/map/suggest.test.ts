import { describe, expect, it } from 'vitest';
import { MEMBER_CATALOGUE, ORG_CATALOGUE, PIPELINE_CATALOGUE } from '../../../../shared/import/index.js';
import { suggestMapping } from './suggest.js';
import { detectKind } from './detect-kind.js';
import { headerSignature } from './remembered.js';

const letters = (n: number) => Array.from({ length: n }, (_, i) => String.fromCharCode(65 + i));
const map = (headers: string[], opts = {}) => {
  const cols = suggestMapping(MEMBER_CATALOGUE, headers, letters(headers.length), opts);
  return Object.fromEntries(cols.map((c) => [c.header, c.field]));
};

describe('column mapping', () => {
  it('maps the header variants clerks use by alias', () => {
    for (const h of ['公民身份号码', '身份证号', '身份证号码', '公民身份证号']) expect(map([h])[h]).toBe('idNumber');
    for (const h of ['入党时间', '入党日期', '加入党组织日期']) expect(map([h])[h]).toBe('joinedOn');
    for (const h of ['所在党支部', '所在支部', '党组织', '所在党组织']) expect(map([h])[h]).toBe('orgId');
    for (const h of ['学历', '文化程度']) expect(map([h])[h]).toBe('education');
    for (const h of ['人员类别', '党员类别']) expect(map([h])[h]).toBe('category');
  });

  it('normalises headers (spaces, full width, notes in brackets, required marks) and falls back on similarity', () => {
    const cols = suggestMapping(MEMBER_CATALOGUE, ['姓　名', '*公民身份号码（18位）', '出生日期(yyyy-mm-dd)', '入党介绍日期时间', '联系手机号码'], letters(5));
    expect(cols.map((c) => c.field)).toEqual(['name', 'idNumber', 'birthDate', null, 'phone']);
    expect(cols[4]!.source).toBe('similar');
    expect(cols[4]!.confidence).toBeGreaterThanOrEqual(0.6);
    expect(cols[4]!.confidence).toBeLessThan(1);
  });

  it('ignores 序号 and leaves unknown columns unmapped', () => {
    const cols = suggestMapping(MEMBER_CATALOGUE, ['序号', '姓名', '备注说明'], letters(3));
    expect(cols[0]).toMatchObject({ field: null, source: 'ignored' });
    expect(cols[2]).toMatchObject({ field: null, source: 'none' });
  });

  it('gives a field to one column only; overrides and remembered mappings win', () => {
    const cols = suggestMapping(MEMBER_CATALOGUE, ['身份证号', '公民身份号码'], letters(2));
    expect(cols.filter((c) => c.field === 'idNumber')).toHaveLength(1);
    expect(map(['工作单位'], { overrides: { 工作单位: null } })['工作单位']).toBeNull();
    expect(map(['编码'], { remembered: { 编码: 'idNumber' } })['编码']).toBe('idNumber');
    expect(map(['姓名', '身份证'], { overrides: { 身份证: 'idNumber' }, remembered: { 姓名: 'idNumber' } })).toEqual({ 姓名: null, 身份证: 'idNumber' });
  });

  it('detects the kind of a sheet from its headers', () => {
    expect(detectKind(['姓名', '性别', '公民身份号码', '入党日期', '转正日期', '所在党支部'])).toBe('members');
    expect(detectKind(['姓名', '身份证号', '申请入党日期', '确定积极分子日期', '所在党支部'])).toBe('pipeline');
    expect(detectKind(['党组织名称', '组织类别', '上级党组织', '单位类别'])).toBe('orgs');
    expect(detectKind(['社区', '网格', '楼栋', '网格长', '户数'])).toBe('grids');
    expect(detectKind(['甲', '乙'])).toBeNull();
  });

  it('has one signature per header set, whatever the spacing', () => {
    expect(headerSignature(['姓 名', '身份证号'])).toBe(headerSignature(['姓名', '身份证号']));
    expect(headerSignature(['姓名', '身份证号'])).not.toBe(headerSignature(['姓名', '身份证号码']));
  });

  it('catalogues have unique keys and labels', () => {
    for (const cat of [MEMBER_CATALOGUE, PIPELINE_CATALOGUE, ORG_CATALOGUE]) {
      const keys = cat.fields.map((f) => f.key);
      expect(new Set(keys).size).toBe(keys.length);
    }
  });
});
