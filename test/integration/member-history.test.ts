import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core.js';
import { LedgerError } from '../../shared/contract/index.js';
import { addDays, todayIso } from '../../shared/domain/dates.js';
import type { ReportResult } from '../../shared/reports/types.js';
import { buildTwoTownships, type TwoTownships } from '../helpers/county.js';
import { caller, createCore, idFor, tempDir } from '../helpers/ledger.js';

async function refusal(p: Promise<unknown>): Promise<LedgerError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof LedgerError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
}

/**
 * A member's past through the real core on an encrypted ledger: every event checked against the
 * state on its date, the current record what the events say, 更正 as its own kind, and the figures
 * "as of" a date that do not change when later events come.
 */
describe('member history: dated events are the only way the record changes', () => {
  const tmp = tempDir();
  let core: Core;
  let admin: ReturnType<typeof caller>;
  let clerk: ReturnType<typeof caller>;
  let t: TwoTownships;
  const today = todayIso();
  let n = 0;
  /** A 正式党员 of 甲村 since 2006 (发展 2005-07-01). */
  const formal = async (name = `党员${++n}`) =>
    admin('member.create', { idNumber: idFor('1980-03-02'), name, category: 'formal', joinedOn: '2005-07-01', confirmedOn: '2006-07-01', orgId: t.A.village.id });
  const total = async (under: string, asOf: string) => {
    const r: ReportResult = await admin('stats.report', { definitionId: 'member.summary', under, asOf });
    return r.rows.find((x) => x.key === 'total')!.values[0];
  };

  beforeAll(async () => {
    const made = await createCore(tmp.dir);
    core = made.core;
    admin = caller(core, made.adminId);
    t = await buildTwoTownships(core, made.adminId, made.rootId);
    clerk = caller(core, t.clerkA.id);
  });
  afterAll(async () => {
    await core.close();
    tmp.cleanup();
  });

  it('a new record begins with its events: 建档 gives 发展 and 转正 on the dates typed; 转入 from outside on its date', async () => {
    const m = await formal();
    expect((await admin('member.events', { memberId: m.id })).map((e) => [e.kind, e.onDate])).toEqual([['admitted', '2005-07-01'], ['confirmed', '2006-07-01']]);
    const x = await admin('member.create', { idNumber: idFor('1975-01-01'), name: '转入党员', category: 'formal', joinedOn: '1998-07-01', confirmedOn: '1999-07-01', orgId: t.A.village.id, entry: { kind: 'transfer-in', onDate: '2024-03-01', otherParty: '昌吉市某局机关党支部' } });
    expect((await admin('member.events', { memberId: x.id })).map((e) => [e.kind, e.onDate, e.otherParty])).toEqual([['transfer-in', '2024-03-01', '昌吉市某局机关党支部']]);
    expect(x).toMatchObject({ category: 'formal', joinedOn: '1998-07-01', confirmedOn: '1999-07-01', status: 'active' });
    // 甲党员 of the helper, then m; x from 2024-03-01.
    expect(await total(t.A.village.id, '2024-02-29')).toBe(2);
    expect(await total(t.A.village.id, '2024-03-01')).toBe(3);
  });

  it('the new-member rules: a 15-digit number is upgraded, names with "•" are stored with "·", sex and birth date come from the number', async () => {
    const m = await admin('member.create', { idNumber: '652302800302115', name: '艾则孜 • 吾术尔', category: 'formal', joinedOn: '2005-07-01', confirmedOn: '2006-07-01', orgId: t.A.village.id });
    expect(m).toMatchObject({ idNumber: '652302198003021155'.slice(0, 17) + m.idNumber.slice(17), name: '艾则孜·吾术尔', gender: '1', birthDate: '1980-03-02' });
    expect(m.idNumber).toHaveLength(18);
  });

  it.each([
    ['2023-02-31 as 入党日期', { joinedOn: '2023-02-31', category: 'probationary' }, /joinedOn：日期不存在：2023-02-31/],
    ['a 正式党员 without 入党日期', { category: 'formal', confirmedOn: '2006-07-01' }, /joinedOn：请填写入党日期/],
    ['入党 1920 for someone born 1931', { idNumber: idFor('1931-04-01'), joinedOn: '1920-01-01', confirmedOn: '1951-01-01' }, /joinedOn：入党日期1920-01-01早于出生日期1931-04-01/],
    ['转正 before 入党', { joinedOn: '2006-07-01', confirmedOn: '2005-07-01' }, /confirmedOn：转正日期2005-07-01早于入党日期2006-07-01/],
    ['a phone "abc"', { phone: 'abc', joinedOn: '2005-07-01', confirmedOn: '2006-07-01' }, /phone：联系电话“abc”不是有效的手机号码/],
    ['a birth date the ID number does not have', { idNumber: idFor('1980-03-02'), birthDate: '1980-03-03', joinedOn: '2005-07-01', confirmedOn: '2006-07-01' }, /birthDate：出生日期1980-03-03与身份证号中的出生日期1980-03-02不一致/],
    ['入党日期 after today', { joinedOn: '2099-01-01', category: 'probationary' }, /joinedOn：日期2099-01-01晚于今天/],
  ])('member.create refuses %s, on its field', async (_what, patch, message) => {
    const err = await refusal(admin('member.create', { idNumber: idFor('1980-03-02'), name: '新党员', category: 'formal', orgId: t.A.village.id, ...patch } as never));
    expect(err.code).toBe('VALIDATION');
    expect(err.message).toMatch(message);
  });

  it('member.create refuses a 党小组 as the member\'s organisation', async () => {
    const group = await admin('org.create', { parentId: t.A.village.id, name: '第一党小组', kind: 'group' });
    const err = await refusal(admin('member.create', { idNumber: idFor('1980-03-02'), name: '新党员', category: 'formal', joinedOn: '2005-07-01', confirmedOn: '2006-07-01', orgId: group.id }));
    expect(err).toMatchObject({ code: 'VALIDATION', message: expect.stringMatching(/是党小组，党员的组织关系应在党支部/) });
  });

  it('member.update refuses 人员类别, 入党/转正日期, the branch and the flags: the event dialog is the way', async () => {
    const m = await formal();
    for (const patch of [{ category: 'probationary' }, { joinedOn: '2004-07-01' }, { confirmedOn: '2007-07-01' }, { orgId: t.A.spare.id }, { mobile: true }]) {
      const err = await refusal(admin('member.update', { id: m.id, patch } as never));
      expect(err.code).toBe('VALIDATION');
      expect(err.message).toMatch(/只能通过登记变动/);
    }
    // Other fields by the same rules as everywhere.
    expect((await refusal(admin('member.update', { id: m.id, patch: { birthDate: '1981-01-01' } }))).message).toMatch(/与身份证号中的出生日期/);
    expect((await refusal(admin('member.update', { id: m.id, patch: { phone: 'abc' } }))).message).toMatch(/联系电话/);
    expect(await admin('member.update', { id: m.id, patch: { name: '张 • 三', phone: '0994 3221234' } })).toMatchObject({ name: '张·三', phone: '0994 3221234' });
  });

  it('impossible histories are refused with the reason: 恢复 after 死亡, a death in 2099, a transfer of one who left, out of order', async () => {
    const m = await formal();
    await admin('member.addEvent', { memberId: m.id, kind: 'deceased', onDate: '2024-05-10' });
    expect((await refusal(admin('member.addEvent', { memberId: m.id, kind: 'restored', onDate: '2024-06-01' }))).message).toBe('2024-06-01 恢复党籍：该党员已于2024-05-10去世，之后不能再登记任何变动');
    const other = await formal();
    expect((await refusal(admin('member.addEvent', { memberId: other.id, kind: 'deceased', onDate: '2099-01-01' }))).message).toMatch(/onDate：日期.*晚于今天/);
    await admin('member.addEvent', { memberId: other.id, kind: 'self-left', onDate: '2023-01-01' });
    expect((await refusal(admin('member.transfer', { memberId: other.id, onDate: '2024-01-01', toOrgId: t.A.spare.id }))).message).toMatch(/转出组织关系只能用于预备党员、正式党员，该党员当时是“已出党”/);
    // Before the 发展 (2005) nothing can happen; a 停止党籍 dated before the 转正 it needs is refused.
    const third = await formal();
    expect((await refusal(admin('member.addEvent', { memberId: third.id, kind: 'mobile', onDate: '2004-01-01', otherParty: '乌鲁木齐市' }))).message).toMatch(/尚未入党或转入/);
    expect((await refusal(admin('member.addEvent', { memberId: third.id, kind: 'suspended', onDate: '2006-01-01' }))).message).toMatch(/停止党籍只能用于正式党员，该党员当时是“预备党员”/);
    // Inserted among later events, it must keep them possible: a 死亡 before a 流动 already recorded.
    await admin('member.addEvent', { memberId: third.id, kind: 'mobile', onDate: '2020-01-01', otherParty: '乌鲁木齐市' });
    expect((await refusal(admin('member.addEvent', { memberId: third.id, kind: 'deceased', onDate: '2019-01-01' }))).message).toMatch(/^与已有记录矛盾：2020-01-01 外出流动：该党员已于2019-01-01去世/);
    // Nothing was written by the refusals.
    expect((await admin('member.events', { memberId: third.id })).map((e) => e.kind)).toEqual(['admitted', 'confirmed', 'mobile']);
  });

  it('every recorded kind, allowed from its state, sets the record as the events say', async () => {
    const p = await admin('member.create', { idNumber: idFor('1995-01-01'), name: '预备甲', category: 'probationary', joinedOn: '2023-03-01', orgId: t.A.village.id });
    const ext = await admin('member.addEvent', { memberId: p.id, kind: 'probation-extended', onDate: '2024-03-05', months: 6, note: '表现未达到党员条件' });
    expect(ext.data).toMatchObject({ months: 6 });
    expect((await refusal(admin('member.addEvent', { memberId: p.id, kind: 'probation-extended', onDate: '2024-04-01', months: 6 }))).message).toMatch(/只能延长一次/);
    // 转正 before the extended probation ends is allowed with the R12 warning.
    const early = await admin('member.addEvent', { memberId: p.id, kind: 'confirmed', onDate: '2024-06-01' });
    expect(early.warnings[0]).toMatch(/^R12：预备期自入党日期2023-03-01起（延长6个月）至2024-09-01期满/);
    expect(await admin('member.get', { id: p.id })).toMatchObject({ category: 'formal', confirmedOn: '2024-06-01' });

    const m = await formal();
    const seq: [string, Record<string, unknown>, Record<string, unknown>][] = [
      ['mobile', { otherParty: '乌鲁木齐市' }, { mobile: true, mobileSince: '2020-01-01', mobilePlace: '乌鲁木齐市' }],
      ['returned', {}, { mobile: false, mobileSince: null }],
      ['lost-contact', { note: '外出务工失联' }, { lostContact: true, lostCircumstance: '外出务工失联' }],
      ['contact-restored', {}, { lostContact: false, lostSince: null }],
      ['suspended', {}, { status: 'left', leftReason: 'suspended' }],
      ['restored', {}, { status: 'active', leftOn: null, leftReason: null }],
      ['withdrawn', {}, { status: 'left', leftReason: 'withdrawn' }],
    ];
    let day = '2020-01-01';
    for (const [kind, extra, expected] of seq) {
      await admin('member.addEvent', { memberId: m.id, kind: kind as never, onDate: day, ...extra });
      expect(await admin('member.get', { id: m.id }), kind).toMatchObject(expected);
      day = addDays(day, 40);
    }
    // Cancelled probation and 不予承认 leave the party; a clerk may record them.
    const q = await admin('member.create', { idNumber: idFor('1996-01-01'), name: '预备乙', category: 'probationary', joinedOn: '2024-03-01', orgId: t.A.village.id });
    await clerk('member.addEvent', { memberId: q.id, kind: 'probation-cancelled', onDate: '2025-03-10' });
    expect(await admin('member.get', { id: q.id })).toMatchObject({ status: 'left', leftReason: 'probation-cancelled', leftOn: '2025-03-10' });
  });

  it('as of a date: counts before and after a death, a 停止/恢复 and a transfer, and last year\'s stay as they were', async () => {
    const town = await admin('org.create', { parentId: t.A.town.id, name: '中共丙村支部委员会', kind: 'branch', unitCategory: 'village' });
    const other = await admin('org.create', { parentId: t.A.town.id, name: '中共丁村支部委员会', kind: 'branch', unitCategory: 'village' });
    const make = async () => (await admin('member.create', { idNumber: idFor('1970-01-01'), name: `丙村${++n}`, category: 'formal', joinedOn: '2000-07-01', confirmedOn: '2001-07-01', orgId: town.id })).id;
    const [a, b, c] = [await make(), await make(), await make()];
    const lastYear = await total(town.id, '2023-12-31');
    expect(lastYear).toBe(3);
    await admin('member.addEvent', { memberId: a, kind: 'deceased', onDate: '2024-02-10' });
    await admin('member.addEvent', { memberId: b, kind: 'suspended', onDate: '2024-03-01' });
    await admin('member.addEvent', { memberId: b, kind: 'restored', onDate: '2024-09-01' });
    await admin('member.transfer', { memberId: c, onDate: '2024-05-01', toOrgId: other.id });
    expect(await total(town.id, '2023-12-31')).toBe(lastYear);
    expect([await total(town.id, '2024-02-09'), await total(town.id, '2024-02-10')]).toEqual([3, 2]);
    expect([await total(town.id, '2024-02-29'), await total(town.id, '2024-03-01')]).toEqual([2, 1]);
    expect([await total(town.id, '2024-04-30'), await total(town.id, '2024-05-01')]).toEqual([1, 0]);
    expect([await total(other.id, '2024-04-30'), await total(other.id, '2024-05-01')]).toEqual([0, 1]);
    expect([await total(town.id, '2024-08-31'), await total(town.id, '2024-09-01')]).toEqual([0, 1]);
    const change = await admin('stats.report', { definitionId: 'member.change', under: town.id, from: '2024-01-01', to: '2024-12-31' });
    expect(Object.fromEntries(change.rows.map((r) => [r.key, r.values[0]]))).toEqual({ start: 3, admitted: 0, transferIn: 0, restored: 1, expelled: 0, transferOut: 1, suspended: 1, deceased: 1, end: 1 });
  });

  it('更正: an administrator mends a wrong date or removes a wrong death; kept as its own kind in the history and the audit log', async () => {
    const m = await formal();
    const death = await admin('member.addEvent', { memberId: m.id, kind: 'deceased', onDate: '2024-05-10' });
    // A clerk may not correct; an impossible correction is refused with the reason.
    expect((await refusal(clerk('member.correct', { memberId: m.id, eventId: death.id, remove: true, reason: '登记错了人' }))).code).toBe('FORBIDDEN');
    expect((await refusal(admin('member.correct', { memberId: m.id, eventId: death.id, event: { onDate: '2005-01-01' }, reason: '日期录错' }))).message).toMatch(/^更正后记录前后矛盾：/);
    expect((await refusal(admin('member.correct', { memberId: m.id, eventId: death.id, event: { onDate: '2024-05-10' }, reason: '日期录错' }))).message).toMatch(/无需更正/);
    await admin('member.correct', { memberId: m.id, eventId: death.id, event: { onDate: '2024-06-10' }, reason: '死亡日期录错' });
    expect(await admin('member.get', { id: m.id })).toMatchObject({ status: 'left', leftOn: '2024-06-10' });
    const fixed = await admin('member.correct', { memberId: m.id, eventId: death.id, remove: true, reason: '登记错了人' });
    expect(fixed.member).toMatchObject({ status: 'active', leftOn: null, leftReason: null });
    const record = await admin('member.record', { id: m.id });
    const corrections = record.events.filter((e) => e.kind === 'corrected');
    expect(corrections.map((e) => (e.data as { reason: string }).reason)).toEqual(['死亡日期录错', '登记错了人']);
    expect(corrections[1]!.data).toMatchObject({ target: 'event', before: [{ kind: 'deceased', onDate: '2024-06-10' }], after: null });
    expect(record.events.filter((e) => e.kind !== 'corrected').map((e) => e.kind)).toEqual(['admitted', 'confirmed']);
    const log = await admin('audit.list', { method: 'member.correct', entityId: m.id, limit: 10 });
    expect(log.rows).toHaveLength(2);
    expect(log.rows.map((r) => (r.after as { correction: { reason: string } }).correction.reason).sort()).toEqual(['死亡日期录错', '登记错了人']);
    // The 入党日期 of a record whose history began before the ledger is mended as its opening.
    const legacy = await formal();
    await core.db.deleteFrom('memberEvents').where('memberId', '=', legacy.id).execute();
    const mended = await admin('member.correct', { memberId: legacy.id, opening: { joinedOn: '2004-07-01', confirmedOn: '2005-07-01' }, reason: '按档案更正入党日期' });
    expect(mended.member).toMatchObject({ joinedOn: '2004-07-01', confirmedOn: '2005-07-01' });
  });

  it('a refused or failed write leaves nothing: the event, the record and the audit row are one transaction', async () => {
    const m = await formal();
    const count = async () => [(await admin('member.events', { memberId: m.id })).length, (await admin('audit.list', { entityId: m.id, limit: 50 })).total];
    const before = await count();
    process.env.LEDGER_FAULT = 'member.event.afterInsert';
    process.env.LEDGER_FAULT_MODE = 'throw';
    try {
      await expect(admin('member.addEvent', { memberId: m.id, kind: 'deceased', onDate: '2024-05-10' })).rejects.toThrow(/injected fault at member.event.afterInsert/);
    } finally {
      delete process.env.LEDGER_FAULT;
      delete process.env.LEDGER_FAULT_MODE;
    }
    expect(await count()).toEqual(before);
    expect(await admin('member.get', { id: m.id })).toMatchObject({ status: 'active', leftOn: null });
  });

  it('the member record: the places, the events in order, the state (预备期 end) for the page and the print', async () => {
    const p = await admin('member.create', { idNumber: idFor('1998-02-02', false), name: '预备丙', category: 'probationary', joinedOn: '2024-11-01', orgId: t.A.village.id, gridId: t.A.grid.id });
    const r = await clerk('member.record', { id: p.id });
    expect(r.orgPath.map((o) => o.name)).toEqual(['中共测试县委员会', '中共甲乡委员会', '中共甲村支部委员会']);
    expect(r.gridPath).toEqual(['甲社区']);
    expect(r.state).toEqual({ status: 'probationary', extensionMonths: 0, probationEnds: '2025-11-01' });
    expect(r.member.birthDate).toBe('1998-02-02');
    expect(r.today).toBe(today);
    // 乙乡's member is not 甲乡's clerk's to read.
    expect((await refusal(clerk('member.record', { id: t.B.member.id }))).message).toBe('该党员不在您的管理范围内');
  });
});
