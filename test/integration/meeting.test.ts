import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core.js';
import { LedgerError } from '../../shared/contract/index.js';
import { caller, createCore, idFor, tempDir } from '../helpers/ledger.js';

async function refusal(p: Promise<unknown>): Promise<LedgerError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof LedgerError) return e;
    throw e;
  }
  throw new Error('expected the call to be refused');
}

/**
 * 组织生活 on hand-built data: records with attendance (counts from the list, corrections audited,
 * every member id scope-checked), and the branches that missed a required meeting on the
 * boundaries of months, quarters and years.
 */
describe('organisational life (三会一课)', () => {
  const tmp = tempDir();
  let core: Core;
  let call: ReturnType<typeof caller>;
  let clerk: ReturnType<typeof caller>;
  const o: Record<string, string> = {};
  const members: string[] = [];

  beforeAll(async () => {
    const made = await createCore(tmp.dir);
    core = made.core;
    call = caller(core, made.adminId);
    const org = async (key: string, parentId: string, name: string, kind: 'committee' | 'branch' | 'group', extra: Record<string, unknown> = {}) => {
      o[key] = (await call('org.create', { parentId, name, kind, unitCategory: kind === 'committee' ? 'township' : 'village', ...extra })).id;
    };
    await org('T', made.rootId, '中共甲乡委员会', 'committee');
    await org('U', made.rootId, '中共乙乡委员会', 'committee');
    // Big: 7 正式党员 (one confirmed only in May) and a 党小组; Small: 3 members, no groups; New: founded mid-February.
    await org('Big', o.T!, '中共东村支部委员会', 'branch', { foundedOn: '2000-01-01' });
    await org('G', o.Big!, '东村第一党小组', 'group');
    await org('Small', o.T!, '中共西村支部委员会', 'branch', { foundedOn: '2000-01-01' });
    await org('New', o.T!, '中共南村支部委员会', 'branch', { foundedOn: '2024-02-15' });
    await org('Other', o.U!, '中共北村支部委员会', 'branch', { foundedOn: '2000-01-01' });
    for (let i = 0; i < 7; i++) {
      const m = await call('member.create', { idNumber: idFor('1975-01-01'), name: `东村党员${i + 1}`, category: 'formal', joinedOn: '2000-01-01', confirmedOn: i === 6 ? '2024-05-10' : '2001-01-01', orgId: o.Big! });
      members.push(m.id);
    }
    members.push((await call('member.create', { idNumber: idFor('1976-01-01'), name: '北村党员', category: 'formal', joinedOn: '2000-01-01', confirmedOn: '2001-01-01', orgId: o.Other! })).id);
    const clerkUser = await call('user.create', { username: 'clerk_t', displayName: '甲乡录入员', role: 'clerk', scopeOrgId: o.T!, password: 'clerk-pass-2024' });
    clerk = caller(core, clerkUser.id);
  });
  afterAll(async () => {
    await core.close();
    tmp.cleanup();
  });

  it('records a meeting with attendance: counts come from the list; a correction is audited with the list', async () => {
    const m = await clerk('meeting.create', {
      orgId: o.Big!, kind: 'member-congress', heldOn: '2024-03-31', topic: '第一季度党员大会',
      attendance: [
        { memberId: members[0]!, present: true },
        { memberId: members[1]!, present: true },
        { memberId: members[2]!, present: false, reason: '外出务工' },
      ],
    });
    expect(m).toMatchObject({ attendees: 2, absentees: 1, orgName: '中共东村支部委员会' });
    const fixed = await clerk('meeting.update', { id: m.id, patch: { attendance: [{ memberId: members[0]!, present: true }, { memberId: members[2]!, present: true }] } });
    expect(fixed).toMatchObject({ attendees: 2, absentees: 0 });
    const detail = await clerk('meeting.get', { id: m.id });
    expect(detail.attendance.map((a) => [a.name, a.present])).toEqual([['东村党员1', true], ['东村党员3', true]]);
    const audit = await core.db.selectFrom('auditLog').select(['before', 'after']).where('entityId', '=', m.id).where('method', '=', 'meeting.update').executeTakeFirstOrThrow();
    expect(JSON.parse(audit.before!)).toMatchObject({ absentees: 1, attendance: expect.arrayContaining([expect.objectContaining({ name: '东村党员3', present: false, reason: '外出务工' })]) });
    expect(JSON.parse(audit.after!)).toMatchObject({ absentees: 0 });
  });

  it('refuses an attendance list naming a member of another township, and a date after today', async () => {
    expect((await refusal(clerk('meeting.create', { orgId: o.Big!, kind: 'lecture', heldOn: '2024-04-02', attendance: [{ memberId: members[7]!, present: true }] }))).code).toBe('FORBIDDEN');
    expect((await refusal(clerk('meeting.create', { orgId: o.Big!, kind: 'lecture', heldOn: '2099-01-01' }))).code).toBe('VALIDATION');
    expect((await refusal(clerk('meeting.list', { orgId: o.Other! }))).code).toBe('FORBIDDEN');
  });

  it('a quarter: a meeting on its last day counts for it; branches existing part of it are not judged', async () => {
    await clerk('meeting.create', { orgId: o.Small!, kind: 'member-congress', heldOn: '2024-04-01' });
    const q1 = await clerk('meeting.missed', { span: 'quarter', at: '2024-Q1', asOf: '2024-12-31' });
    const congress = (id: string) => q1.rows.find((r) => r.orgId === id && r.kind === 'member-congress');
    expect(congress(o.Big!)).toBeUndefined();
    expect(congress(o.Small!)).toMatchObject({ missed: ['2024-Q1'], lastHeldOn: null });
    expect(congress(o.New!)).toBeUndefined();
    const q2 = await clerk('meeting.missed', { span: 'quarter', at: '2024-Q2', asOf: '2024-12-31' });
    expect(q2.rows.find((r) => r.orgId === o.Small! && r.kind === 'member-congress')).toBeUndefined();
    expect(q2.rows.find((r) => r.orgId === o.Big! && r.kind === 'member-congress')).toMatchObject({ missed: ['2024-Q2'], lastHeldOn: '2024-03-31' });
    expect(q2.rows.find((r) => r.orgId === o.New! && r.kind === 'member-congress')).toMatchObject({ missed: ['2024-Q2'] });
    // Another township's branch is never listed for this clerk.
    expect(q2.rows.some((r) => r.orgId === o.Other!)).toBe(false);
  });

  it('支委会 are due once the branch has 7 正式党员; 党小组会 where it has groups (a group’s meeting counts)', async () => {
    await clerk('meeting.create', { orgId: o.G!, kind: 'group', heldOn: '2024-05-31' });
    const may = await clerk('meeting.missed', { span: 'month', at: '2024-05', asOf: '2024-12-31' });
    const kinds = (id: string) => may.rows.filter((r) => r.orgId === id).map((r) => r.kind).sort();
    expect(kinds(o.Big!)).toEqual(['committee', 'theme-day']);
    expect(kinds(o.Small!)).toEqual(['theme-day']);
    const april = await clerk('meeting.missed', { span: 'month', at: '2024-04', asOf: '2024-12-31' });
    expect(april.rows.filter((r) => r.orgId === o.Big!).map((r) => r.kind).sort()).toEqual(['group', 'theme-day']);
  });

  it('a month not yet over, or a year in a quarter’s view, is not judged', async () => {
    const early = await clerk('meeting.missed', { span: 'month', at: '2024-06', asOf: '2024-06-29' });
    expect(early.rows).toEqual([]);
    const year = await clerk('meeting.missed', { span: 'year', at: '2024', asOf: '2024-12-31' });
    expect(year.rows.find((r) => r.orgId === o.Small! && r.kind === 'life-meeting')).toMatchObject({ due: ['2024'], missed: ['2024'] });
    const q4 = await clerk('meeting.missed', { span: 'quarter', at: '2024-Q4', asOf: '2024-12-31' });
    expect(q4.rows.some((r) => r.kind === 'life-meeting')).toBe(false);
  });

  it('the required frequencies are settings: a kind set to none is never listed', async () => {
    await call('settings.update', { meetingFrequencies: { 'theme-day': 'none' } });
    const may = await clerk('meeting.missed', { span: 'month', at: '2024-05', asOf: '2024-12-31' });
    expect(may.rows.some((r) => r.kind === 'theme-day')).toBe(false);
    await call('settings.update', { meetingFrequencies: {} });
  });

  it('a meeting recorded moves its branch off the list; removing it (with a reason, audited) puts it back', async () => {
    const list = async () => (await clerk('meeting.missed', { span: 'month', at: '2024-05', asOf: '2024-12-31' })).rows.filter((r) => r.orgId === o.Small!).map((r) => r.kind);
    expect(await list()).toEqual(['theme-day']);
    const m = await clerk('meeting.create', { orgId: o.Small!, kind: 'theme-day', heldOn: '2024-05-10', topic: '主题党日' });
    expect(await list()).toEqual([]);
    await clerk('meeting.remove', { id: m.id, reason: '日期登记错误' });
    expect(await list()).toEqual(['theme-day']);
    const audit = await core.db.selectFrom('auditLog').select(['before', 'after']).where('entityId', '=', m.id).where('method', '=', 'meeting.remove').executeTakeFirstOrThrow();
    expect(JSON.parse(audit.after!)).toEqual({ removed: true, reason: '日期登记错误' });
  });
});
