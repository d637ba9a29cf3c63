import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core.js';
import type { Org } from '../../shared/types/records.js';
import { LedgerError } from '../../shared/contract/envelope.js';
import { addDays, addMonths, todayIso } from '../../shared/domain/dates.js';
import { caller, createCore, idFor, tempDir } from '../helpers/ledger.js';

/**
 * An organisation's dated records (issue 8 items 3–6): 班子成员 with dates and the secretary they
 * make, 换届 with its term states on the boundary days and approved extensions, yearly 星级 and
 * 软弱涣散 with 整顿, the term list and the structure warnings, and the scope of every id.
 */
describe('officers, elections, ratings and structure warnings', () => {
  const tmp = tempDir();
  let core: Core;
  let call: ReturnType<typeof caller>;
  let rootId: string;
  const o: Record<string, Org> = {};
  const people: Record<string, string> = {};

  const refusal = async (p: Promise<unknown>): Promise<{ code: string; message: string }> => {
    try {
      await p;
    } catch (e) {
      if (e instanceof LedgerError) return { code: e.code, message: e.message };
      throw e;
    }
    throw new Error('expected a refusal');
  };
  const member = async (key: string, orgId: string, category: 'formal' | 'probationary' = 'formal') => {
    const m = await call('member.create', { idNumber: idFor('1975-05-05'), name: `党员${key}`, gender: '1', category, joinedOn: '2000-07-01', ...(category === 'formal' ? { confirmedOn: '2001-07-01' } : {}), orgId });
    people[key] = m.id;
    return m.id;
  };

  beforeAll(async () => {
    const made = await createCore(tmp.dir);
    core = made.core;
    rootId = made.rootId;
    call = caller(core, made.adminId);
    const org = async (key: string, parentId: string, name: string, kind: string, unitCategory: string) => {
      o[key] = await call('org.create', { parentId, name, kind: kind as never, unitCategory: unitCategory as never, foundedOn: '2000-01-01' });
    };
    await org('A', rootId, '中共甲乡委员会', 'committee', 'township');
    await org('B', rootId, '中共乙乡委员会', 'committee', 'township');
    await org('V', o.A!.id, '中共一村支部委员会', 'branch', 'village');
    await org('S', o.A!.id, '中共甲乡中学支部委员会', 'branch', 'school');
    await org('G', o.V!.id, '中共一村第一党小组', 'group', 'village');
    await org('W', o.B!.id, '中共乙村支部委员会', 'branch', 'village');
    for (const k of ['v1', 'v2', 'v3', 'v4', 'v5', 'v6', 'v7']) await member(k, o.V!.id);
    await member('p1', o.V!.id, 'probationary');
    await member('w1', o.W!.id);
  });
  afterAll(async () => {
    await core.close();
    tmp.cleanup();
  });

  it('班子成员 are dated: who was secretary on a date, one secretary at a time, a 党小组 has a 组长', async () => {
    const first = await call('org.addOfficer', { orgId: o.V!.id, memberId: people.v1!, post: 'secretary', fromDate: '2021-01-01' });
    expect(await refusal(call('org.addOfficer', { orgId: o.V!.id, memberId: people.v2!, post: 'secretary', fromDate: '2023-01-01' }))).toEqual({ code: 'CONFLICT', message: '该组织自 2021-01-01 起已有书记 党员v1，请先登记其离任日期' });
    expect((await refusal(call('org.addOfficer', { orgId: o.V!.id, memberId: people.v1!, post: 'organisation', fromDate: '2022-01-01' }))).message).toBe('党员v1 在该期间已任书记，一人在同一组织同一时间只登记一个职务');
    await call('org.endOfficer', { id: first.id, toDate: '2023-06-30', reason: '届满' });
    await call('org.addOfficer', { orgId: o.V!.id, memberId: people.v2!, post: 'secretary', fromDate: '2023-07-01' });
    expect((await call('org.stateOn', { id: o.V!.id, date: '2023-06-30' })).secretary).toEqual({ memberId: people.v1!, name: '党员v1' });
    expect((await call('org.stateOn', { id: o.V!.id, date: '2023-07-01' })).secretary).toEqual({ memberId: people.v2!, name: '党员v2' });
    expect((await call('org.stateOn', { id: o.V!.id, date: '2020-12-31' })).secretary).toBeNull();
    // The secretary shown everywhere comes from these records.
    expect((await call('org.get', { id: o.V!.id })).secretary?.name).toBe('党员v2');
    expect((await call('org.children', { id: o.A!.id })).find((r) => r.id === o.V!.id)?.secretary).toBe('党员v2');
    // A correction that would overlap the successor is refused.
    expect((await refusal(call('org.updateOfficer', { id: first.id, patch: { toDate: '2023-07-15' } }))).message).toContain('已有书记 党员v2');
    expect((await refusal(call('org.addOfficer', { orgId: o.G!.id, memberId: people.v3!, post: 'secretary', fromDate: '2023-01-01' }))).message).toBe('党小组只设组长');
    await call('org.addOfficer', { orgId: o.G!.id, memberId: people.v3!, post: 'group-leader', fromDate: '2023-01-01' });
    expect((await refusal(call('org.addOfficer', { orgId: o.V!.id, memberId: people.v3!, post: 'group-leader', fromDate: '2023-01-01' }))).message).toBe('党小组组长只能在党小组中登记');
    expect((await refusal(call('org.addOfficer', { orgId: o.V!.id, memberId: people.v4!, post: 'member', fromDate: addDays(todayIso(), 1) }))).message).toContain('不能晚于今天');
    const history = await call('org.history', { id: o.V!.id });
    expect(history.filter((h) => h.kind.startsWith('officer')).map((h) => h.text)).toEqual(['党员v1 任书记', '党员v1 离任书记（届满）', '党员v2 任书记']);
  });

  it('a member of another township cannot be named, and a 乙乡 clerk cannot touch 甲乡 records', async () => {
    const clerk = await call('user.create', { username: 'clerk_a', displayName: '甲乡录入员', role: 'clerk', scopeOrgId: o.A!.id, password: 'clerk-pass-2024' });
    const asA = caller(core, clerk.id);
    expect(await refusal(asA('org.addOfficer', { orgId: o.V!.id, memberId: people.w1!, post: 'member', fromDate: '2024-01-01' }))).toEqual({ code: 'FORBIDDEN', message: '该党员不在您的管理范围内' });
    const clerkB = await call('user.create', { username: 'clerk_b', displayName: '乙乡录入员', role: 'clerk', scopeOrgId: o.B!.id, password: 'clerk-pass-2024' });
    const asB = caller(core, clerkB.id);
    const officer = (await call('org.officers', { orgId: o.V!.id }))[0]!;
    expect(await refusal(asB('org.endOfficer', { id: officer.id, toDate: '2024-01-01' }))).toEqual({ code: 'FORBIDDEN', message: '该班子成员记录不在您的管理范围内' });
    expect(await refusal(asB('org.setRating', { orgId: o.V!.id, year: 2024, stars: 5, weak: false }))).toEqual({ code: 'FORBIDDEN', message: '该组织不在您的管理范围内' });
    // The county committee above 甲乡 may approve a 甲乡 branch's extension; 乙乡 may not.
    const e = await asA('org.addElection', { orgId: o.S!.id, electedOn: '2015-09-01' });
    expect(await refusal(asA('org.updateElection', { id: e.id, patch: { extendedTo: '2018-12-31', extensionApprovedBy: o.B!.id, extensionApprovedOn: '2018-08-01' } }))).toEqual({ code: 'FORBIDDEN', message: '该组织不在您的管理范围内' });
    expect((await asA('org.updateElection', { id: e.id, patch: { extendedTo: '2018-12-31', extensionApprovedBy: rootId, extensionApprovedOn: '2018-08-01' } })).extensionApprovedByName).toBe('中共测试县委员会');
  });

  it('换届 states on the boundary days: due on the expiry day, overdue the next; an extension counts from its approval', async () => {
    // A school branch: 3 years. The record above: elected 2015-09-01, due 2018-09-01, extended to 2018-12-31 (approved 2018-08-01).
    const state = async (d: string) => (await call('org.stateOn', { id: o.S!.id, date: d })).term?.status ?? null;
    expect(await state('2015-08-31')).toBeNull();
    expect(await state('2018-08-31')).toBe('ok');
    expect(await state('2018-09-01')).toBe('due');
    expect(await state('2018-12-31')).toBe('due');
    expect(await state('2019-01-01')).toBe('overdue');
    // An extension approved after expiry does not count before its approval date.
    const [e] = await call('org.elections', { orgId: o.S!.id });
    await call('org.updateElection', { id: e!.id, patch: { extensionApprovedOn: '2018-10-01' } });
    expect(await state('2018-09-30')).toBe('overdue');
    expect(await state('2018-10-01')).toBe('due');
    // A new election starts the next term; the old one stays in the list.
    await call('org.addElection', { orgId: o.S!.id, electedOn: '2019-03-15' });
    expect(await state('2019-03-14')).toBe('overdue');
    expect(await state('2019-03-15')).toBe('ok');
    expect((await call('org.elections', { orgId: o.S!.id })).map((x) => [x.electedOn, x.termYears, x.dueOn])).toEqual([['2015-09-01', 3, '2018-09-01'], ['2019-03-15', 3, '2022-03-15']]);
    // Village: 5 years by default; refusals say why.
    expect((await call('org.addElection', { orgId: o.V!.id, electedOn: '2021-05-01' })).termYears).toBe(5);
    expect((await refusal(call('org.addElection', { orgId: o.G!.id, electedOn: '2021-05-01' }))).message).toBe('党工委、临时党支部和党小组不实行换届选举');
    expect((await refusal(call('org.addElection', { orgId: o.V!.id, electedOn: '2021-05-01' }))).message).toBe('已登记 2021-05-01 的换届选举');
    const [, second] = await call('org.elections', { orgId: o.S!.id });
    expect((await refusal(call('org.updateElection', { id: second!.id, patch: { extendedTo: '2023-01-31' } }))).message).toBe('延期换届须经上级党组织批准：请填写批准机关和批准日期');
    expect((await refusal(call('org.updateElection', { id: second!.id, patch: { extendedTo: '2022-03-01', extensionApprovedBy: o.A!.id, extensionApprovedOn: '2022-01-10' } }))).message).toBe('延期至（2022-03-01）应晚于任期届满日 2022-03-15');
    expect((await refusal(call('org.updateElection', { id: second!.id, patch: { extendedTo: '2023-01-31', extensionApprovedBy: o.S!.id, extensionApprovedOn: '2022-01-10' } }))).message).toBe('批准延期的应是该组织的上级党组织');
  });

  it('the grace window is a setting (default none), and the statistics follow it', async () => {
    const county = async (asOf: string) => (await call('stats.compute', { asOf })).organisations as { termDue: number; termOverdue: number };
    // The school's second term ended 2022-03-15 without an extension.
    expect(await county('2022-03-16')).toMatchObject({ termDue: 0, termOverdue: 1 });
    await call('settings.update', { termGraceMonths: 3 });
    expect(await county('2022-03-16')).toMatchObject({ termDue: 1, termOverdue: 0 });
    expect(await county('2022-06-16')).toMatchObject({ termDue: 0, termOverdue: 1 });
    await call('settings.update', { termGraceMonths: 0 });
    expect(await county('2022-03-16')).toMatchObject({ termDue: 0, termOverdue: 1 });
  });

  it('the term list: due within N months, 应换届, 超期未换届, unrecorded, by subtree and kind', async () => {
    const today = todayIso();
    // A branch elected so that its term ends in two months, one whose term ends today.
    const soon = await call('org.create', { parentId: o.A!.id, name: '中共甲乡卫生院支部委员会', kind: 'branch', unitCategory: 'institution' });
    const due = await call('org.create', { parentId: o.A!.id, name: '中共甲乡农技站支部委员会', kind: 'branch', unitCategory: 'institution' });
    // Without an election recorded (the 党小组 holds none, so it is not listed).
    expect((await call('org.terms', { rootId: o.A!.id, statuses: ['unknown'] })).map((r) => r.name)).toEqual(['中共甲乡农技站支部委员会', '中共甲乡卫生院支部委员会']);
    await call('org.addElection', { orgId: soon.id, electedOn: addMonths(addMonths(today, 2), -36) });
    await call('org.addElection', { orgId: due.id, electedOn: addMonths(today, -36) });
    const list = await call('org.terms', { rootId: o.A!.id, withinMonths: 3 });
    // Most urgent first: overdue (the village's 2021 term ran out 2026-05-01), due, then by expiry.
    expect(list.map((r) => [r.name, r.termStatus])).toEqual([
      ['中共甲乡中学支部委员会', 'overdue'],
      ['中共一村支部委员会', 'overdue'],
      ['中共甲乡农技站支部委员会', 'due'],
      ['中共甲乡卫生院支部委员会', 'ok'],
    ]);
    expect(list[0]).toMatchObject({ pathNames: ['中共甲乡委员会'], electedOn: '2019-03-15', dueOn: '2022-03-15' });
    expect((await call('org.terms', { rootId: o.A!.id, withinMonths: 1 })).map((r) => r.name)).not.toContain('中共甲乡卫生院支部委员会');
    expect((await call('org.terms', { rootId: o.A!.id, kinds: ['committee'] }))).toEqual([]);
    // The tree's badges say the same.
    const tree = await call('org.tree', { rootId: o.A!.id });
    expect(tree.find((n) => n.id === o.S!.id)?.term).toBe('overdue');
    expect(tree.find((n) => n.id === due.id)?.term).toBe('due');
    expect(tree.find((n) => n.id === soon.id)?.term).toBeNull();
  });

  it('星级 and 软弱涣散 are yearly records; 整顿 needs the year\'s designation; the figures of a past date never change', async () => {
    const stars = async (asOf: string) => ((await call('stats.compute', { under: o.A!.id, asOf })).organisations as { stars: Record<string, number>; weak: number });
    await call('org.setRating', { orgId: o.V!.id, year: 2022, stars: 3, weak: false });
    const before = await stars('2022-12-31');
    expect(before).toMatchObject({ stars: { 'stars-3': 1 }, weak: 0 });
    expect((await refusal(call('org.setRectification', { orgId: o.V!.id, year: 2023, causes: ['01'] }))).message).toBe('该组织 2023 年度未评定为软弱涣散，请先在年度评定中标记');
    await call('org.setRating', { orgId: o.V!.id, year: 2023, stars: 1, weak: true });
    await call('org.setRectification', { orgId: o.V!.id, year: 2023, causes: ['04', '01', '04'], measures: '选派第一书记', leader: '王副县长', startedOn: '2023-03-01', rectifiedOn: '2023-11-01', closedOn: '2024-01-15' });
    expect((await call('org.ratings', { orgId: o.V!.id })).rectifications[0]).toMatchObject({ year: 2023, causes: ['01', '04'] });
    expect((await refusal(call('org.setRating', { orgId: o.V!.id, year: 2023, stars: 2, weak: false }))).message).toBe('2023 年度已登记整顿，不能取消软弱涣散；如登记有误，请先更正整顿记录');
    expect((await refusal(call('org.setRectification', { orgId: o.V!.id, year: 2023, causes: ['01'], rectifiedOn: '2023-11-01', closedOn: '2023-10-01' }))).message).toBe('验收销号日期早于整顿完成日期');
    // 2022's figures are what they were; 2023 in force in 2023 and until 2024's rating.
    expect(await stars('2022-12-31')).toEqual(before);
    expect(await stars('2023-06-30')).toMatchObject({ stars: { 'stars-1': 1 }, weak: 1 });
    const state = await call('org.stateOn', { id: o.V!.id, date: '2023-12-31' });
    expect(state.rating).toEqual({ year: 2023, stars: 1, weak: true, note: null });
    expect(state.rectification?.status).toBe('pending-acceptance');
    expect((await call('org.stateOn', { id: o.V!.id, date: '2024-02-01' })).rectification?.status).toBe('closed');
    await call('org.setRating', { orgId: o.V!.id, year: 2024, stars: 4, weak: false });
    expect(await stars('2024-06-30')).toMatchObject({ stars: { 'stars-4': 1 }, weak: 0 });
    expect(await stars('2023-06-30')).toMatchObject({ stars: { 'stars-1': 1 }, weak: 1 });
    expect((await refusal(call('org.setRating', { orgId: o.V!.id, year: Number(todayIso().slice(0, 4)) + 1, stars: 5, weak: false }))).message).toContain('尚未到来');
  });

  it('structure warnings: 7 正式党员 without a committee, fewer than 3, more than 50, approval rights', async () => {
    const codes = async (id: string) => (await call('org.get', { id })).warnings.map((w) => w.code);
    // 一村: 7 正式党员 (v1…v7), a secretary only.
    expect(await codes(o.V!.id)).toEqual(['no-committee']);
    await call('org.addOfficer', { orgId: o.V!.id, memberId: people.v4!, post: 'organisation', fromDate: '2024-01-01' });
    await call('org.addOfficer', { orgId: o.V!.id, memberId: people.v5!, post: 'propaganda', fromDate: '2024-01-01' });
    expect(await codes(o.V!.id)).toEqual([]);
    // The school branch has no member: fewer than 3.
    expect(await codes(o.S!.id)).toEqual(['too-few-formal']);
    const big = await call('org.create', { parentId: o.A!.id, name: '中共甲乡工业园区联合支部委员会', kind: 'joint-branch', unitCategory: 'private' });
    for (let i = 0; i < 51; i++) await member(`big${i}`, big.id, i < 45 ? 'formal' : 'probationary');
    for (const [k, post] of [['big0', 'secretary'], ['big1', 'organisation'], ['big2', 'propaganda']] as const) await call('org.addOfficer', { orgId: big.id, memberId: people[k]!, post, fromDate: '2024-01-01' });
    expect((await call('org.get', { id: big.id })).warnings).toEqual([{ code: 'too-many-members', message: '党员51名（超过50名），可考虑分设党支部或成立党总支' }]);
    // Approval rights that came in by import (the page refuses them): flagged.
    await core.db.updateTable('orgs').set({ canApprove: 1 }).where('id', '=', o.V!.id).execute();
    expect(await codes(o.V!.id)).toEqual(['approval-rights']);
    const list = await call('org.warnings', { rootId: o.A!.id });
    expect(list.map((r) => [r.name, r.warnings.map((w) => w.code)])).toEqual([
      ['中共一村支部委员会', ['approval-rights']],
      ['中共甲乡中学支部委员会', ['too-few-formal']],
      ['中共甲乡农技站支部委员会', ['too-few-formal']],
      ['中共甲乡卫生院支部委员会', ['too-few-formal']],
      ['中共甲乡工业园区联合支部委员会', ['too-many-members']],
    ]);
    expect((await call('org.tree', { rootId: o.A!.id })).find((n) => n.id === big.id)?.warnings).toEqual(['too-many-members']);
    expect((await call('org.warnings', { rootId: o.A!.id, kinds: ['joint-branch'] })).map((r) => r.name)).toEqual(['中共甲乡工业园区联合支部委员会']);
  });
});
