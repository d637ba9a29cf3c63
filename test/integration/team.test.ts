import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core.js';
import { LedgerError } from '../../shared/contract/index.js';
import type { RefusedCell } from '../../shared/contract/team.js';
import { caller, createCore, idFor, tempDir } from '../helpers/ledger.js';
import { buildTwoTownships, type TwoTownships } from '../helpers/county.js';

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
 * 第一书记 / 工作队 on hand-built data: eligibility from the member record or the facts entered, the
 * month grid (a refused cell saves nothing), below the required days with and without approved
 * leave, grades and the end of a posting — through Core.dispatch, on a real encrypted ledger.
 */
describe('first secretaries and village work teams', () => {
  const tmp = tempDir();
  let core: Core;
  let t: TwoTownships;
  let admin: ReturnType<typeof caller>;
  let clerk: ReturnType<typeof caller>;
  let villageA: string;

  beforeAll(async () => {
    const made = await createCore(tmp.dir);
    core = made.core;
    admin = caller(core, made.adminId);
    t = await buildTwoTownships(core, made.adminId, made.rootId);
    clerk = caller(core, t.clerkA.id);
    villageA = t.A.village.id;
  });
  afterAll(async () => {
    await core.close();
    tmp.cleanup();
  });

  it('a member of the ledger is checked from the member record on the appointment date', async () => {
    const m = await admin('member.create', { idNumber: idFor('1984-02-02'), name: '赵书记', category: 'formal', joinedOn: '2022-03-01', confirmedOn: '2023-03-01', orgId: t.A.village.id });
    const ok = await clerk('team.create', { villageOrgId: villageA, name: '（按党员信息）', role: 'first-secretary', memberId: m.id, fromDate: '2024-03-01', toDate: '2026-02-28', workStartedOn: '2008-07-01', dispatchingLevel: 'county' });
    expect(ok.name).toBe('赵书记');
    expect(ok.eligibility).toMatchObject({ eligible: true, source: 'member' });
    // One day short of a year of 党龄: warned, still saved (a person decides).
    const m2 = await admin('member.create', { idNumber: idFor('1986-02-02'), name: '钱书记', category: 'formal', joinedOn: '2022-03-02', confirmedOn: '2023-03-02', orgId: t.A.village.id });
    const short = await clerk('team.create', { villageOrgId: t.A.spare.id, name: 'x', role: 'first-secretary', memberId: m2.id, fromDate: '2024-03-01', workStartedOn: '2008-07-01' });
    expect(short.eligibility?.eligible).toBe(false);
    expect(short.eligibility?.checks.find((c) => c.rule === 'partyAge')).toMatchObject({ status: 'fail' });
    // The same check before saving, found by ID number.
    const pre = await clerk('team.checkEligibility', { idNumber: ok.idNumber, appointedOn: '2023-06-01', workStartedOn: '2008-07-01' });
    expect(pre.member).toEqual({ id: m.id, name: '赵书记' });
    expect(pre.eligibility.checks.map((c) => [c.rule, c.status])).toEqual([['formal', 'ok'], ['partyAge', 'fail'], ['work', 'ok']]);
  });

  it('a cadre from outside the county is checked on the facts entered, and says which it could not verify', async () => {
    const e = await clerk('team.create', { villageOrgId: villageA, name: '孙队长', idNumber: idFor('1980-08-08'), role: 'first-secretary', dispatchingLevel: 'province', fromDate: '2024-04-01', partyCategory: 'formal' });
    expect(e.memberId).toBeNull();
    expect(e.eligibility).toMatchObject({ eligible: null, source: 'entered' });
    expect(e.eligibility!.checks.filter((c) => c.status === 'unknown').map((c) => c.rule)).toEqual(['partyAge', 'work']);
    const member = await clerk('team.create', { villageOrgId: villageA, name: '队员甲', role: 'member', fromDate: '2024-04-01' });
    expect(member.eligibility).toBeNull();
  });

  it('never links, names or reads a member outside the caller’s scope', async () => {
    const b = await admin('member.get', { id: t.B.member.id });
    const e = await clerk('team.create', { villageOrgId: villageA, name: '外乡干部', idNumber: b.idNumber, role: 'member', fromDate: '2024-01-01' });
    expect(e.memberId).toBeNull();
    expect(e.name).toBe('外乡干部');
    expect((await refusal(clerk('team.create', { villageOrgId: villageA, name: 'x', role: 'member', memberId: t.B.member.id }))).code).toBe('FORBIDDEN');
    expect((await refusal(clerk('team.checkEligibility', { memberId: t.B.member.id }))).code).toBe('FORBIDDEN');
    expect((await clerk('team.checkEligibility', { idNumber: b.idNumber })).member).toBeNull();
  });

  it('refuses a second posting of the same person with an overlapping term', async () => {
    const id = idFor('1979-09-09');
    await clerk('team.create', { villageOrgId: villageA, name: '李队员', idNumber: id, role: 'member', fromDate: '2023-03-01', toDate: '2025-02-28' });
    const err = await refusal(clerk('team.create', { villageOrgId: t.A.spare.id, name: '李队员', idNumber: id, role: 'member', fromDate: '2025-01-01' }));
    expect(err.code).toBe('CONFLICT');
    expect(err.message).toMatch(/任职期不能重叠/);
    await expect(clerk('team.create', { villageOrgId: t.A.spare.id, name: '李队员', idNumber: id, role: 'member', fromDate: '2025-03-01' })).resolves.toBeDefined();
  });

  describe('the month grid', () => {
    let a: string;
    let b: string;
    let c: string;
    beforeAll(async () => {
      a = (await clerk('team.create', { villageOrgId: villageA, name: '周一', role: 'first-secretary', fromDate: '2024-01-10', toDate: '2025-12-31' })).id;
      b = (await clerk('team.create', { villageOrgId: villageA, name: '吴二', role: 'leader', fromDate: '2023-03-01', toDate: '2025-12-31' })).id;
      c = (await clerk('team.create', { villageOrgId: villageA, name: '郑三', role: 'member', fromDate: '2023-03-01', toDate: '2025-12-31' })).id;
    });

    it('a refused cell saves nothing, and every refused cell is listed', async () => {
      const err = await refusal(clerk('team.recordMonths', {
        entries: [
          { teamMemberId: b, month: '2024-02', daysInVillage: 21 },
          { teamMemberId: b, month: '2024-03', daysInVillage: 32 },
          { teamMemberId: c, month: '2024-02', daysInVillage: 30 },
          { teamMemberId: a, month: '2023-12', daysInVillage: 20 },
        ],
      }));
      expect(err.code).toBe('VALIDATION');
      // 32 is refused by the schema before the handler runs; send it as 31 to see the calendar check too.
      const err2 = await refusal(clerk('team.recordMonths', {
        entries: [
          { teamMemberId: b, month: '2024-02', daysInVillage: 21 },
          { teamMemberId: c, month: '2024-02', daysInVillage: 30 },
          { teamMemberId: a, month: '2023-12', daysInVillage: 20 },
        ],
      }));
      const refused = (err2.details as { refused: RefusedCell[] }).refused;
      expect(refused.map((r) => [r.teamMemberId, r.month])).toEqual([[c, '2024-02'], [a, '2023-12']]);
      expect(refused[0]!.message).toMatch(/只有 29 天/);
      expect(refused[1]!.message).toMatch(/不在任职期内/);
      const grid = await clerk('team.months', { orgId: villageA, from: '2024-02', to: '2024-02' });
      expect(grid.rows.find((r) => r.teamMemberId === b)!.cells['2024-02']!.days).toBeNull();
      expect(err.message).toMatch(/31/);
    });

    it('below the required days, with and without approved leave; months part in post are not judged', async () => {
      const r = await clerk('team.recordMonths', {
        entries: [
          { teamMemberId: a, month: '2024-01', daysInVillage: 12 },
          { teamMemberId: a, month: '2024-02', daysInVillage: 19, logCount: 18, visitCount: 30 },
          { teamMemberId: b, month: '2024-02', daysInVillage: 17 },
          { teamMemberId: c, month: '2024-02', daysInVillage: 20 },
        ],
      });
      expect(r).toEqual({ saved: 4, unchanged: 0 });
      // 吴二: 17 days + 3 approved days of leave = 20; leave not approved does not count.
      await clerk('team.saveLeave', { teamMemberId: b, fromDate: '2024-02-27', toDate: '2024-03-02', reason: '病假', approvedBy: '甲乡党委书记', approvedOn: '2024-02-25' });
      await clerk('team.saveLeave', { teamMemberId: a, fromDate: '2024-02-05', toDate: '2024-02-07', reason: '事假' });
      const below = await clerk('team.below', { orgId: villageA, from: '2024-01', to: '2024-03' });
      const rows = below.rows.filter((x) => [a, b, c].includes(x.teamMemberId));
      expect(below.requiredDays).toBe(20);
      // 周一 came on 10 January: January is not judged. 吴二 is 17 + 3 approved = 20 in February.
      expect(rows.map((x) => [x.name, x.month, x.status, x.days, x.approvedLeave])).toEqual([
        ['吴二', '2024-01', 'notRecorded', null, 0],
        ['郑三', '2024-01', 'notRecorded', null, 0],
        ['周一', '2024-02', 'below', 19, 0],
        ['周一', '2024-03', 'notRecorded', null, 0],
        ['吴二', '2024-03', 'notRecorded', null, 2],
        ['郑三', '2024-03', 'notRecorded', null, 0],
      ]);
      const grid = await clerk('team.months', { orgId: villageA, from: '2024-01', to: '2024-02' });
      const one = grid.rows.find((x) => x.teamMemberId === a)!;
      expect(one.cells['2024-01']).toMatchObject({ days: 12, status: 'notJudged' });
      expect(one.cells['2024-02']).toMatchObject({ days: 19, logCount: 18, visitCount: 30, approvedLeave: 0, status: 'below' });
      expect(grid.rows.find((x) => x.teamMemberId === b)!.cells['2024-02']).toMatchObject({ days: 17, approvedLeave: 3, status: 'ok' });
    });

    it('the required days are a setting of the county administrator', async () => {
      expect((await refusal(clerk('settings.update', { teamRequiredDays: 18 }))).code).toBe('FORBIDDEN');
      await admin('settings.update', { teamRequiredDays: 19 });
      const below = await clerk('team.below', { orgId: villageA, from: '2024-02', to: '2024-02' });
      expect(below.rows.filter((x) => x.teamMemberId === a)).toEqual([]);
      await admin('settings.update', { teamRequiredDays: 20 });
    });

    it('an emptied cell removes the month, audited; an unchanged one writes nothing', async () => {
      const before = await core.db.selectFrom('auditLog').select((eb) => eb.fn.countAll<number>().as('n')).where('entity', '=', 'teamMonth').executeTakeFirstOrThrow();
      const r = await clerk('team.recordMonths', { entries: [{ teamMemberId: c, month: '2024-02', daysInVillage: null }, { teamMemberId: b, month: '2024-02', daysInVillage: 17 }] });
      expect(r).toEqual({ saved: 1, unchanged: 1 });
      const after = await core.db.selectFrom('auditLog').selectAll().where('entity', '=', 'teamMonth').orderBy('id', 'desc').execute();
      expect(after.length).toBe(Number(before.n) + 1);
      expect(JSON.parse(after[0]!.before!)).toMatchObject({ teamMemberId: c, month: '2024-02', daysInVillage: 20 });
      expect(after[0]!.after).toBeNull();
    });

    it('a failure half way through a paste leaves none of its cells (one transaction)', async () => {
      const entries = ['2024-05', '2024-06', '2024-07', '2024-08'].map((month) => ({ teamMemberId: c, month, daysInVillage: 21 }));
      const audits = async () => Number((await core.db.selectFrom('auditLog').select((eb) => eb.fn.countAll<number>().as('n')).where('entity', '=', 'teamMonth').executeTakeFirstOrThrow()).n);
      const before = await audits();
      process.env.LEDGER_FAULT = 'team.recordMonths.afterHalf';
      process.env.LEDGER_FAULT_MODE = 'throw';
      try {
        await expect(clerk('team.recordMonths', { entries })).rejects.toThrow();
      } finally {
        delete process.env.LEDGER_FAULT;
        delete process.env.LEDGER_FAULT_MODE;
      }
      expect(await core.db.selectFrom('teamMonths').select('month').where('teamMemberId', '=', c).where('month', '>=', '2024-05').execute()).toEqual([]);
      expect(await audits()).toBe(before);
      await expect(clerk('team.recordMonths', { entries })).resolves.toEqual({ saved: 4, unchanged: 0 });
    });

    it('refuses cells of another township’s cadres', async () => {
      const err = await refusal(clerk('team.recordMonths', { entries: [{ teamMemberId: t.B.team.id, month: '2024-02', daysInVillage: 20 }] }));
      expect(err.code).toBe('FORBIDDEN');
      expect((await refusal(clerk('team.saveLeave', { id: t.B.leave.id, teamMemberId: a, fromDate: '2024-05-01', toDate: '2024-05-02' }))).code).toBe('FORBIDDEN');
    });
  });

  it('in post on a day: to the last day of the term (a month-only end to the month’s last day)', async () => {
    const day = await clerk('team.create', { villageOrgId: t.A.spare.id, name: '期满甲', role: 'member', fromDate: '2022-03-16', toDate: '2024-03-15' });
    const month = await clerk('team.create', { villageOrgId: t.A.spare.id, name: '期满乙', role: 'member', fromDate: '2022-04', toDate: '2024-03' });
    const on = async (d: string) => (await clerk('team.list', { orgId: t.A.spare.id, inPostOn: d })).rows.map((r) => r.id);
    expect(await on('2024-03-15')).toEqual(expect.arrayContaining([day.id, month.id]));
    expect(await on('2024-03-20')).toEqual(expect.arrayContaining([month.id]));
    expect(await on('2024-03-20')).not.toContain(day.id);
    expect(await on('2024-04-01')).not.toContain(month.id);
    expect(await on('2022-03-31')).not.toContain(month.id);
  });

  it('grades are yearly records inside the term; recall ends the posting and is corrected by recording it again', async () => {
    const p = await clerk('team.create', { villageOrgId: villageA, name: '王考核', role: 'member', fromDate: '2023-03-01', toDate: '2025-02-28' });
    expect((await refusal(clerk('team.setGrade', { teamMemberId: p.id, year: 2022, grade: '优秀' }))).message).toMatch(/不在.*任职期内/);
    await clerk('team.setGrade', { teamMemberId: p.id, year: 2023, grade: '称职' });
    await clerk('team.setGrade', { teamMemberId: p.id, year: 2023, grade: '优秀', note: '更正' });
    await clerk('team.end', { id: p.id, kind: 'recall', onDate: '2024-06-01', reason: '工作不力' });
    const corrected = await clerk('team.end', { id: p.id, kind: 'rotation', onDate: '2024-07-01', reason: '期中轮换' });
    expect(corrected).toMatchObject({ endedOn: '2024-07-01', endKind: 'rotation' });
    expect((await refusal(clerk('team.setGrade', { teamMemberId: p.id, year: 2025, grade: '称职' }))).code).toBe('VALIDATION');
    const detail = await clerk('team.get', { id: p.id });
    expect(detail.grades).toEqual([{ teamMemberId: p.id, year: 2023, grade: '优秀', note: '更正' }]);
    const audit = await core.db.selectFrom('auditLog').select(['entity', 'before', 'after']).where('entityId', '=', p.id).orderBy('id').execute();
    expect(audit.map((x) => JSON.parse(x.after ?? '{}').endKind).filter(Boolean)).toEqual(['recall', 'rotation']);
    // Not in post from the day of the end on.
    expect((await clerk('team.list', { orgId: villageA, inPostOn: '2024-06-30' })).rows.map((r) => r.id)).toContain(p.id);
    expect((await clerk('team.list', { orgId: villageA, inPostOn: '2024-07-01' })).rows.map((r) => r.id)).not.toContain(p.id);
  });
});
