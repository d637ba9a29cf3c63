import { describe, expect, it } from 'vitest';
import { orgApi } from './org.js';

describe('org.update refuses what has its own history-keeping call', () => {
  const issues = (patch: object) => orgApi['org.update'].input.safeParse({ id: 'x', patch }).error?.issues.map((i) => i.message) ?? [];
  it('a name, with the call to use instead', () => {
    expect(issues({ name: '新名称', phone: '0998-1234567' })).toEqual(['组织名称请用“更名”修改（原名称保留为曾用名）']);
  });
  it('the in-place term, rating and secretary fields of old', () => {
    expect(issues({ stars: 4, secretaryMemberId: 'm1' }).join('；')).toMatch(/星级请在“星级与整顿”中按年度评定.*书记请在“班子成员”中登记/);
  });
  it('an unknown field by name', () => {
    expect(issues({ colour: 'red' })).toEqual(['不能修改字段“colour”']);
  });
  it('accepts the in-place fields', () => {
    expect(issues({ phone: '0998-1234567', kind: 'general-branch', changedOn: '2024-05-01' })).toEqual([]);
  });
});
