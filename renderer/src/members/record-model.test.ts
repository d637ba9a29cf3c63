import { describe, expect, it } from 'vitest';
import type { Member, MemberEvent, MemberRecord } from '../../../shared/types/records.js';
import { partyAgeText } from '../../../shared/domain/member-derived.js';
import { infoSections, openingLine, timeline } from './record-model.js';
import { normaliseCell } from './member-edits.js';

const member: Member = {
  id: 'm1', idNumber: '652302197301010011', name: '王建国', gender: '1', ethnicity: '01', birthDate: '1973-01-01', nativePlace: null, education: '21',
  degree: null, category: 'formal', joinedOn: '1974-07-01', confirmedOn: '1975-07-01', orgId: 'b2', orgName: '西村党支部', partyPost: null, jobCategory: null,
  employerPost: null, techTitle: null, newStratum: null, migrantWorker: false, phone: null, householdReg: null, residence: null, gridId: null, dutyPost: null,
  modelHousehold: false, mobile: true, mobilePlace: '乌鲁木齐市', mobileSince: '2025-03-01', lostContact: false, lostSince: null, lostCircumstance: null,
  hardship: false, partyAgeAdjustMonths: 0, status: 'active', leftOn: null, leftReason: null, createdAt: '2024-01-01T00:00:00.000Z', updatedAt: '2024-01-01T00:00:00.000Z',
};
const ev = (id: string, kind: string, onDate: string, orgId: string, extra: Partial<MemberEvent> = {}): MemberEvent => ({
  id, memberId: 'm1', kind, onDate, orgId, otherParty: null, note: null, createdAt: `${onDate}T08:00:00.000Z`, data: null, ...extra,
});

function recordWith(m: Partial<Member>, events: MemberEvent[], today = '2025-07-01'): MemberRecord {
  return {
    member: { ...member, ...m },
    orgPath: [{ id: 'c', name: '示例县委' }, { id: 't2', name: '乙乡党委' }, { id: 'b2', name: '西村党支部' }],
    gridPath: ['西村社区', '第一网格'],
    events,
    orgNames: { b1: '东村党支部', b2: '西村党支部' },
    opening: { status: 'none', category: 'formal', joinedOn: null, confirmedOn: null },
    state: { status: 'formal', extensionMonths: 0, probationEnds: null },
    warnings: [],
    problem: null,
    today,
  };
}
const value = (r: MemberRecord, label: string) => infoSections(r).flatMap((s) => s.rows).find((x) => x.label === label)?.value;

describe('the member record page model', () => {
  it('counts 党龄 from 转正 with the 党龄校正值, and 光荣在党50年 from the day 党龄 reaches 50 years', () => {
    expect(value(recordWith({}, [], '2025-06-30'), '党龄')).toBe('49年11个月');
    expect(value(recordWith({}, [], '2025-06-30'), '光荣在党50年')).toBe('不符合');
    expect(value(recordWith({}, [], '2025-07-01'), '光荣在党50年')).toBe('符合（党龄满50年）');
    expect(value(recordWith({ partyAgeAdjustMonths: 1 }, [], '2025-06-30'), '党龄')).toBe('50年（含党龄校正+1个月）');
    expect(value(recordWith({ category: 'probationary', confirmedOn: null }, []), '党龄')).toBe('—（尚未转正）');
    expect(value(recordWith({}, []), '年龄')).toBe('52岁');
    expect(value(recordWith({}, []), '所在网格')).toBe('西村社区 › 第一网格');
    expect(value(recordWith({}, []), '流动党员')).toBe('是（2025-03-01起，外出地点：乌鲁木齐市）');
    expect(partyAgeText(0)).toBe('不满1个月');
    expect(partyAgeText(12)).toBe('1年');
  });

  it('shows the history in words: the 发展 dated by approval, a transfer, and a 更正 as its own kind', () => {
    const lines = timeline(
      recordWith({}, [
        ev('e1', 'admitted', '1974-08-15', 'b1', { data: { joinedOn: '1974-07-01' } }),
        ev('e2', 'transfer-out', '2020-05-01', 'b1', { otherParty: '西村党支部' }),
        ev('e3', 'transfer-in', '2020-05-01', 'b2', { otherParty: '东村党支部' }),
        ev('e4', 'corrected', '2020-05-01', 'b2', {
          createdAt: '2024-03-02T09:00:00.000Z',
          data: { reason: '据档案核实', target: 'event', before: [{ kind: 'confirmed', onDate: '1975-06-01' }], after: [{ kind: 'confirmed', onDate: '1975-07-01' }] },
        }),
      ]),
    );
    expect(lines.map((l) => [l.date, l.what, l.org, l.detail])).toEqual([
      ['1974-08-15', '接收为预备党员', '东村党支部', '党委审批；入党日期（支部大会）1974-07-01'],
      ['2020-05-01', '转出组织关系', '东村党支部', '转往西村党支部'],
      ['2020-05-01', '转入组织关系', '西村党支部', '自东村党支部转入'],
      ['2024-03-02', '更正（管理员）', '西村党支部', '“1975-06-01 转为正式党员”改为“1975-07-01 转为正式党员”。原因：据档案核实'],
    ]);
    expect(openingLine(recordWith({}, []))).toBeNull();
    const opened = { ...recordWith({}, []), opening: { status: 'formal', category: 'formal', joinedOn: '1974-07-01', confirmedOn: '1975-07-01' } };
    expect(openingLine(opened)).toBe('建档时：正式党员，入党日期1974-07-01，转正日期1975-07-01（此前的经历未在台账中登记）');
  });

  it('grid cells use the shared field rules: names normalised, a bad phone refused, history fields not editable', () => {
    expect(normaliseCell('name', ' 艾则孜•吾术尔 ')).toEqual({ ok: true, value: '艾则孜·吾术尔' });
    expect(normaliseCell('name', '·阿依')).toMatchObject({ ok: false });
    expect(normaliseCell('phone', 'abc')).toEqual({ ok: false, message: '联系电话“abc”不是有效的手机号码或带区号的固定电话' });
    expect(normaliseCell('phone', ' 13912345678 ')).toEqual({ ok: true, value: '13912345678' });
    expect(normaliseCell('phone', '')).toEqual({ ok: true, value: null });
  });
});
