import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core.js';
import { LedgerError } from '../../shared/contract/index.js';
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
 * How a clerk of 甲乡 transfers a member to 乙乡 (DOMAIN.md §3): one action, 转出 + 转入 on the same
 * day. The sender names the receiving organisation (member.receivingOrgs lists the ledger's
 * organisations by name, no members); afterwards the member is 乙乡's: 乙乡 sees the member and the
 * whole history, 甲乡 no longer reads the record, and each side's figures move on that date.
 */
describe('a transfer between townships', () => {
  const tmp = tempDir();
  let core: Core;
  let t: TwoTownships;
  let admin: ReturnType<typeof caller>;
  let clerkA: ReturnType<typeof caller>;
  let clerkB: ReturnType<typeof caller>;

  beforeAll(async () => {
    const made = await createCore(tmp.dir);
    core = made.core;
    admin = caller(core, made.adminId);
    t = await buildTwoTownships(core, made.adminId, made.rootId);
    clerkA = caller(core, t.clerkA.id);
    clerkB = caller(core, t.clerkB.id);
  });
  afterAll(async () => {
    await core.close();
    tmp.cleanup();
  });

  const total = async (under: string, asOf: string) => (await admin('stats.report', { definitionId: 'member.summary', under, asOf })).rows.find((x) => x.key === 'total')!.values[0];

  it('甲乡 clerk names 乙乡\'s branch; 乙乡 then holds the member and the history; 甲乡 reads it no more', async () => {
    const m = await clerkA('member.create', { idNumber: idFor('1986-08-08'), name: '调动党员', category: 'formal', joinedOn: '2010-07-01', confirmedOn: '2011-07-01', orgId: t.A.village.id });
    const targets = await clerkA('member.receivingOrgs', { text: '乙村' });
    expect(targets.map((o) => [o.name, o.under])).toContainEqual([t.B.village.name, '中共乙乡委员会']);
    const inEvent = await clerkA('member.transfer', { memberId: m.id, onDate: '2024-09-01', toOrgId: targets.find((o) => o.id === t.B.village.id)!.id, note: '工作调动' });
    expect(inEvent).toMatchObject({ kind: 'transfer-in', orgId: t.B.village.id, otherParty: t.A.village.name });

    // 乙乡 sees the member in its list, with the 转出 + 转入 pair in the history.
    expect((await clerkB('member.list', { orgId: t.B.town.id })).rows.map((r) => r.name)).toContain('调动党员');
    const record = await clerkB('member.record', { id: m.id });
    expect(record.events.map((e) => [e.kind, e.onDate, e.orgId === t.A.village.id ? '甲' : e.orgId === t.B.village.id ? '乙' : '?'])).toEqual([
      ['admitted', '2010-07-01', '甲'],
      ['confirmed', '2011-07-01', '甲'],
      ['transfer-out', '2024-09-01', '甲'],
      ['transfer-in', '2024-09-01', '乙'],
    ]);
    // 甲乡 no longer reads or changes the record, and is told nothing about where it went.
    for (const err of [await refusal(clerkA('member.get', { id: m.id })), await refusal(clerkA('member.addEvent', { memberId: m.id, kind: 'deceased', onDate: '2024-10-01' }))]) {
      expect(err).toMatchObject({ code: 'FORBIDDEN', message: '该党员不在您的管理范围内' });
    }
    // Figures on both sides move on the date; the county's total does not.
    expect([await total(t.A.town.id, '2024-08-31'), await total(t.A.town.id, '2024-09-01')]).toEqual([2, 1]);
    expect([await total(t.B.town.id, '2024-08-31'), await total(t.B.town.id, '2024-09-01')]).toEqual([1, 2]);
    const change = async (under?: string) => Object.fromEntries((await admin('stats.report', { definitionId: 'member.change', ...(under ? { under } : {}), from: '2024-01-01', to: '2024-12-31' })).rows.map((r) => [r.key, r.values[0]]));
    expect(await change(t.A.town.id)).toMatchObject({ transferOut: 1, transferIn: 0 });
    expect(await change(t.B.town.id)).toMatchObject({ transferOut: 0, transferIn: 1 });
    expect(await change()).toMatchObject({ transferOut: 0, transferIn: 0 });
    // One audit row: from 甲村 to 乙村; it belongs where the record now is (audit-org.ts reads the after-image first).
    const log = await admin('audit.list', { method: 'member.transfer', limit: 10 });
    expect(log.rows.map((r) => [r.entityId, r.orgId, r.before, r.after])).toEqual([[m.id, t.B.village.id, { orgId: t.A.village.id }, expect.objectContaining({ orgId: t.B.village.id, event: 'transfer', onDate: '2024-09-01' })]]);
  });

  it('to a place outside the county: one 转出 with where to; the member has left', async () => {
    const m = await clerkA('member.create', { idNumber: idFor('1987-08-08'), name: '县外调动', category: 'formal', joinedOn: '2010-07-01', confirmedOn: '2011-07-01', orgId: t.A.village.id });
    const out = await clerkA('member.transfer', { memberId: m.id, onDate: '2024-09-01', toPlace: '乌鲁木齐市某局机关党支部' });
    expect(out).toMatchObject({ kind: 'transfer-out', otherParty: '乌鲁木齐市某局机关党支部', data: expect.objectContaining({ outsideCounty: true }) });
    expect(await clerkA('member.get', { id: m.id })).toMatchObject({ status: 'left', leftReason: 'transfer-out', leftOn: '2024-09-01' });
    // It may come back (转入 from 已转出), into the township's branch.
    await clerkA('member.addEvent', { memberId: m.id, kind: 'transfer-in', onDate: '2025-01-10', otherParty: '乌鲁木齐市某局机关党支部', orgId: t.A.village.id });
    expect(await clerkA('member.get', { id: m.id })).toMatchObject({ status: 'active', category: 'formal', leftOn: null });
  });

  it('coming back through the new-member form (转入 from outside the county) continues the same record and its history', async () => {
    const idNumber = idFor('1986-06-06');
    const m = await clerkA('member.create', { idNumber, name: '去而复返', category: 'formal', joinedOn: '2009-07-01', confirmedOn: '2010-07-01', orgId: t.A.village.id });
    await clerkA('member.transfer', { memberId: m.id, onDate: '2024-03-01', toPlace: '昌吉市某镇党委' });
    const back = await clerkA('member.create', {
      idNumber, name: '去而复返', category: 'formal', joinedOn: '2009-07-01', confirmedOn: '2010-07-01', orgId: t.A.village.id,
      entry: { kind: 'transfer-in', onDate: '2025-02-01', otherParty: '昌吉市某镇党委' },
    });
    expect(back).toMatchObject({ id: m.id, status: 'active', category: 'formal', joinedOn: '2009-07-01', confirmedOn: '2010-07-01' });
    expect((await clerkA('member.events', { memberId: m.id })).map((e) => [e.kind, e.onDate])).toEqual([
      ['admitted', '2009-07-01'], ['confirmed', '2010-07-01'], ['transfer-out', '2024-03-01'], ['transfer-in', '2025-02-01'],
    ]);
    // 乙乡's clerk cannot take 甲乡's record this way: the number is simply taken (naming nobody).
    await clerkA('member.transfer', { memberId: m.id, onDate: '2025-06-01', toPlace: '昌吉市某镇党委' });
    const e = await refusal(clerkB('member.create', { idNumber, name: '去而复返', category: 'formal', joinedOn: '2009-07-01', confirmedOn: '2010-07-01', orgId: t.B.village.id, entry: { kind: 'transfer-in', onDate: '2025-08-01', otherParty: '昌吉市某镇党委' } }));
    expect(e.code).toBe('CONFLICT');
    expect(e.message).not.toContain('去而复返');
  });

  it('refused: a 党小组 or a dissolved organisation as the receiver, the same branch, both or neither of branch and place', async () => {
    const m = await clerkA('member.create', { idNumber: idFor('1988-08-08'), name: '待调动', category: 'formal', joinedOn: '2010-07-01', confirmedOn: '2011-07-01', orgId: t.A.village.id });
    const group = await admin('org.create', { parentId: t.B.village.id, name: '乙村第一党小组', kind: 'group' });
    expect((await refusal(clerkA('member.transfer', { memberId: m.id, onDate: '2024-09-01', toOrgId: group.id }))).message).toMatch(/是党小组/);
    const gone = await admin('org.create', { parentId: t.B.town.id, name: '中共乙乡撤并村支部委员会', kind: 'branch' });
    await admin('org.dissolve', { id: gone.id, onDate: '2024-01-01', reason: '撤并' });
    expect((await refusal(clerkA('member.transfer', { memberId: m.id, onDate: '2024-09-01', toOrgId: gone.id }))).message).toMatch(/已于2024-01-01撤销/);
    expect((await clerkA('member.receivingOrgs', { text: '撤并' })).length).toBe(0);
    expect((await refusal(clerkA('member.transfer', { memberId: m.id, onDate: '2024-09-01', toOrgId: t.A.village.id }))).message).toMatch(/相同/);
    expect((await refusal(clerkA('member.transfer', { memberId: m.id, onDate: '2024-09-01' }))).message).toMatch(/二者选一/);
    // A viewer records nothing; a clerk of 乙乡 cannot send 甲乡's member anywhere.
    expect((await refusal(caller(core, t.viewerA.id)('member.transfer', { memberId: m.id, onDate: '2024-09-01', toOrgId: t.B.village.id }))).code).toBe('FORBIDDEN');
    expect(await refusal(clerkB('member.transfer', { memberId: m.id, onDate: '2024-09-01', toOrgId: t.B.village.id }))).toMatchObject({ code: 'FORBIDDEN', message: '该党员不在您的管理范围内' });
  });
});
