import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core.js';
import { caller, createCore, idFor, tempDir } from '../helpers/ledger.js';
import { addSteps, type StepTuple } from '../helpers/pipeline.js';
import type { ReportResult } from '../../shared/reports/types.js';

/**
 * What falls due in the 发展党员 pipeline (DOMAIN.md §4, STATISTICS.md "due and overdue steps") and
 * the 整顿 status of 软弱涣散 organisations, over hand-built data entered through the core: every
 * figure checked on both sides of its boundary, and every drill list as long as its figure.
 */
describe('statistics: pipeline steps due / overdue, 整顿 status', () => {
  const tmp = tempDir();
  let core: Core;
  let call: ReturnType<typeof caller>;
  let rootId: string;
  const o: Record<string, string> = {};
  const p: Record<string, string> = {};

  beforeAll(async () => {
    const made = await createCore(tmp.dir);
    core = made.core;
    rootId = made.rootId;
    call = caller(core, made.adminId);
    const org = async (key: string, parentId: string, name: string, kind: 'committee' | 'branch', extra: Record<string, unknown> = {}) => {
      o[key] = (await call('org.create', { parentId, name, kind, unitCategory: kind === 'committee' ? 'township' : 'village', ...extra })).id;
    };
    await org('T1', rootId, '中共甲乡委员会', 'committee');
    await org('T2', rootId, '中共乙乡委员会', 'committee');
    await org('V1', o.T1!, '中共一村支部委员会', 'branch');
    await org('V2', o.T2!, '中共二村支部委员会', 'branch');
    // 软弱涣散 in 2024 with each 整顿 status on 2024-06-15 (from the rectification's dates), one
    // rectified only after that day, one without a rectification record, one weak only in 2023.
    for (const [key, name] of [['W1', '三'], ['W2', '四'], ['W3', '五'], ['W4', '六'], ['W5', '七'], ['W6', '八'], ['W7', '九'], ['W8', '十']] as const) {
      await org(key, o.T1!, `中共${name}村支部委员会`, 'branch');
      await call('org.setRating', { orgId: o[key]!, year: 2024, stars: null, weak: key !== 'W7' && key !== 'W8' });
    }
    await call('org.setRating', { orgId: o.W7!, year: 2023, stars: 2, weak: true });
    const rect = (key: string, year: number, dates: { startedOn?: string; rectifiedOn?: string; closedOn?: string }) => call('org.setRectification', { orgId: o[key]!, year, causes: ['04'], ...dates });
    await rect('W1', 2024, { startedOn: '2024-03-01' });
    await rect('W2', 2024, {});
    await rect('W3', 2024, { startedOn: '2024-03-01', rectifiedOn: '2024-05-01' });
    await rect('W4', 2024, { rectifiedOn: '2024-04-01', closedOn: '2024-05-20' });
    await rect('W5', 2024, { startedOn: '2024-03-01', rectifiedOn: '2024-08-01' });
    await rect('W7', 2023, { startedOn: '2023-03-01', rectifiedOn: '2023-09-01', closedOn: '2023-11-01' });

    let birth = 1980;
    /** A person with dated steps (the first is the application). */
    const person = async (key: string, orgKey: string, steps: readonly (readonly [string, string, Record<string, unknown>?])[]) => {
      const [[, appliedOn], ...rest] = steps as [readonly [string, string], ...(readonly [string, string, Record<string, unknown>?])[]];
      const b = `${birth++}-03-01`;
      p[key] = (await call('pipeline.create', { idNumber: idFor(b), name: `发展${key}`, orgId: o[orgKey]!, appliedOn, birthDate: b })).id;
      await addSteps(call, p[key]!, rest as unknown as StepTuple[]);
    };
    const toCandidate = [['applied', '2020-01-01'], ['talked', '2020-01-10'], ['activist', '2020-06-01'], ['candidate', '2021-07-01']] as const;
    // 谈话 (R2: within 1 month of the application).
    await person('a1', 'V1', [['applied', '2024-05-15']]); // due 2024-06-15
    await person('a2', 'V1', [['applied', '2024-05-10'], ['talked', '2024-05-20']]); // talked: nothing due
    await person('a3', 'V1', [['applied', '2024-04-01']]); // due 2024-05-01: overdue in June
    await person('a4', 'V1', [['applied', '2024-06-01']]); // due 2024-07-01: next month
    await person('a5', 'V1', [['applied', '2024-05-01'], ['talked', '2024-06-20']]); // due 06-01, talk only on 06-20
    await person('e1', 'V1', [['applied', '2024-04-01'], ['cancelled', '2024-05-01', { reason: '本人申请终止培养' }]]); // stopped
    // 积极分子 reaching 1 year (R4).
    await person('b1', 'V1', [['applied', '2023-01-01'], ['talked', '2023-01-10'], ['activist', '2023-06-20']]); // 1 year on 2024-06-20
    await person('b2', 'V1', [['applied', '2022-09-01'], ['talked', '2022-09-10'], ['activist', '2023-03-01']]); // 1 year on 2024-03-01
    await person('b3', 'V1', [['applied', '2023-01-01'], ['talked', '2023-01-10'], ['activist', '2023-07-01']]); // 1 year on 2024-07-01
    await person('b4', 'V1', toCandidate); // 发展对象 without a branch meeting: nothing dated
    // 党委审批 (R11: within 3 months of the branch meeting).
    await person('c1', 'V1', [...toCandidate, ['branch-meeting', '2024-03-15']]); // due 2024-06-15
    await person('c2', 'V1', [...toCandidate, ['branch-meeting', '2024-02-01']]); // due 2024-05-01
    await person('c3', 'V1', [...toCandidate, ['branch-meeting', '2024-03-14'], ['approved', '2024-05-01']]); // probation to 2025-03-14
    // 预备期 (R12, R13) and 转正审批 (R14).
    await person('d1', 'V1', [...toCandidate, ['branch-meeting', '2023-06-20'], ['approved', '2023-08-01']]); // ends 2024-06-20
    await person('d2', 'V1', [...toCandidate, ['branch-meeting', '2023-07-05'], ['approved', '2023-08-01']]); // ends 2024-07-05
    await person('d3', 'V1', [...toCandidate, ['branch-meeting', '2023-06-14'], ['approved', '2023-07-01']]); // ends 2024-06-14
    await person('d4', 'V1', [...toCandidate, ['branch-meeting', '2022-12-20'], ['approved', '2023-02-01'], ['probation-extended', '2023-12-25', { months: 6, reason: '预备期间表现未达到党员条件' }]]); // ends 2024-06-20 (2023-12-20 before the extension)
    await person('d5', 'V1', [...toCandidate, ['branch-meeting', '2023-05-01'], ['approved', '2023-06-01'], ['confirm-meeting', '2024-05-05']]); // 转正审批 by 2024-08-05
    await person('d6', 'V1', [...toCandidate, ['branch-meeting', '2023-01-05'], ['approved', '2023-02-01'], ['confirm-meeting', '2024-01-10']]); // 转正审批 by 2024-04-10
    await person('d7', 'V1', [...toCandidate, ['branch-meeting', '2023-01-01'], ['approved', '2023-02-01'], ['confirm-meeting', '2024-01-03'], ['confirmed', '2024-02-01']]); // 正式党员
    // Another township: an overdue talk that only the county sees.
    await person('x1', 'V2', [['applied', '2024-01-01']]);
  });
  afterAll(async () => {
    await core.close();
    tmp.cleanup();
  });

  const table = (r: ReportResult) => Object.fromEntries(r.rows.map((x) => [x.key, Object.fromEntries(r.columns.map((c, i) => [c.key, x.values[i]]))]));
  const due = (asOf: string, under = o.T1!) => call('stats.report', { definitionId: 'development.due', under, asOf });
  /** [本月到期, 已逾期] of a row. */
  const pair = (r: ReportResult, row: string) => {
    const t = table(r)[row]!;
    return [t.dueThisMonth, t.overdue];
  };
  /** Names in one cell's drill list, which must be as long as its figure. */
  const names = async (r: ReportResult, row: string, col: string) => {
    const x = r.rows.find((y) => y.key === row)!;
    const ci = r.columns.findIndex((c) => c.key === col);
    const d = await call('stats.drill', { ...x.drill![ci]!.filter, limit: 1000 });
    expect(d.total, `${r.asOf} ${row}/${col}`).toBe(x.values[ci]);
    expect(d.rows).toHaveLength(d.total);
    return d.rows.map((y) => y.name.replace('发展', '')).sort();
  };

  it('as of 2024-06-15: every kind, who is due this month and who is overdue', async () => {
    const r = await due('2024-06-15');
    expect(r.columns.map((c) => c.label)).toEqual(['人数', '本月到期', '已逾期']);
    expect(table(r)).toEqual({
      total: { total: 11, dueThisMonth: 5, overdue: 6 },
      talk: { total: 3, dueThisMonth: 1, overdue: 2 },
      activistYear: { total: 2, dueThisMonth: 1, overdue: 1 },
      approval: { total: 2, dueThisMonth: 1, overdue: 1 },
      probation: { total: 3, dueThisMonth: 2, overdue: 1 },
      confirmApproval: { total: 1, dueThisMonth: 0, overdue: 1 },
    });
    expect(await names(r, 'talk', 'dueThisMonth')).toEqual(['a1']);
    expect(await names(r, 'talk', 'overdue')).toEqual(['a3', 'a5']);
    expect(await names(r, 'activistYear', 'dueThisMonth')).toEqual(['b1']);
    expect(await names(r, 'activistYear', 'overdue')).toEqual(['b2']);
    expect(await names(r, 'approval', 'dueThisMonth')).toEqual(['c1']);
    expect(await names(r, 'approval', 'overdue')).toEqual(['c2']);
    expect(await names(r, 'probation', 'dueThisMonth')).toEqual(['d1', 'd4']);
    expect(await names(r, 'probation', 'overdue')).toEqual(['d3']);
    expect(await names(r, 'confirmApproval', 'overdue')).toEqual(['d6']);
    expect(await names(r, 'total', 'total')).toEqual(['a1', 'a3', 'a5', 'b1', 'b2', 'c1', 'c2', 'd1', 'd3', 'd4', 'd6']);
    // Every cell's list has as many rows as its figure.
    for (const row of r.rows) for (const c of r.columns) await names(r, row.key, c.key);
    // The stage table beside it is unchanged by the split.
    const stages = await call('stats.report', { definitionId: 'development.pipeline', under: o.T1!, asOf: '2024-06-15' });
    expect(Object.fromEntries(stages.rows.map((x) => [x.key, x.values[0]]))).toEqual({ applicant: 5, activist: 3, candidate: 3, probationary: 7 });
    for (const row of stages.rows) await names(stages, row.key, 'count');
  });

  it('talk: due on the day 1 month after the application, overdue the day after; a later talk does not count yet', async () => {
    // 05-31: a3 overdue (limit 05-01); a1's and a5's limits fall in June; e1 stopped; a4 has not applied.
    const may31 = await due('2024-05-31');
    expect(pair(may31, 'talk')).toEqual([0, 1]);
    expect(await names(may31, 'talk', 'overdue')).toEqual(['a3']);
    const june1 = await due('2024-06-01');
    expect(await names(june1, 'talk', 'dueThisMonth')).toEqual(['a1', 'a5']); // a5's limit is 06-01 itself
    expect(await names(june1, 'talk', 'overdue')).toEqual(['a3']);
    expect(await names(await due('2024-06-02'), 'talk', 'overdue')).toEqual(['a3', 'a5']);
    expect(await names(await due('2024-06-15'), 'talk', 'dueThisMonth')).toEqual(['a1']);
    expect(await names(await due('2024-06-16'), 'talk', 'overdue')).toEqual(['a1', 'a3', 'a5']);
    // a5 talked on 06-20; a4's limit 07-01 falls in July.
    expect(await names(await due('2024-06-20'), 'talk', 'overdue')).toEqual(['a1', 'a3']);
    const july1 = await due('2024-07-01');
    expect(await names(july1, 'talk', 'dueThisMonth')).toEqual(['a4']);
    expect(await names(await due('2024-07-02'), 'talk', 'overdue')).toEqual(['a1', 'a3', 'a4']);
  });

  it('activists: 1 year reached this month, or earlier while not yet 发展对象', async () => {
    expect(pair(await due('2024-05-31'), 'activistYear')).toEqual([0, 1]); // b2 since 03-01
    expect(pair(await due('2024-06-01'), 'activistYear')).toEqual([1, 1]);
    expect(pair(await due('2024-06-20'), 'activistYear')).toEqual([1, 1]);
    expect(pair(await due('2024-06-21'), 'activistYear')).toEqual([0, 2]);
    expect(pair(await due('2024-06-30'), 'activistYear')).toEqual([0, 2]); // b3 reaches it on 07-01
    expect(pair(await due('2024-07-01'), 'activistYear')).toEqual([1, 2]);
    expect(pair(await due('2024-02-29'), 'activistYear')).toEqual([0, 0]);
    expect(pair(await due('2024-03-01'), 'activistYear')).toEqual([1, 0]);
  });

  it('党委审批: 3 months after the branch meeting; overdue by one day', async () => {
    expect(pair(await due('2024-05-01'), 'approval')).toEqual([1, 0]); // c2's last day
    expect(pair(await due('2024-05-02'), 'approval')).toEqual([0, 1]);
    expect(await names(await due('2024-06-15'), 'approval', 'dueThisMonth')).toEqual(['c1']);
    expect(await names(await due('2024-06-16'), 'approval', 'overdue')).toEqual(['c1', 'c2']);
    // c3 was approved in time: a 预备党员, nothing due. Before its meeting, nothing is dated.
    expect(pair(await due('2024-03-13'), 'approval')).toEqual([0, 0]);
  });

  it('预备期: ending in the as-of month vs the next month, overdue by one day, an extended probation', async () => {
    expect(pair(await due('2024-05-31'), 'probation')).toEqual([0, 0]);
    const june14 = await due('2024-06-14');
    expect(await names(june14, 'probation', 'dueThisMonth')).toEqual(['d1', 'd3', 'd4']); // d2 ends 07-05: next month
    expect(await names(june14, 'probation', 'overdue')).toEqual([]);
    expect(await names(await due('2024-06-15'), 'probation', 'overdue')).toEqual(['d3']);
    expect(await names(await due('2024-06-21'), 'probation', 'overdue')).toEqual(['d1', 'd3', 'd4']);
    const july = await due('2024-07-01');
    expect(await names(july, 'probation', 'dueThisMonth')).toEqual(['d2']);
    expect(await names(await due('2024-07-06'), 'probation', 'overdue')).toEqual(['d1', 'd2', 'd3', 'd4']);
    // d4: the year ended 2023-12-20; the 6-month extension recorded on 12-25 moves it to 2024-06-20.
    expect(await names(await due('2023-12-20'), 'probation', 'dueThisMonth')).toEqual(['d4']);
    expect(await names(await due('2023-12-21'), 'probation', 'overdue')).toEqual(['d4']);
    expect(pair(await due('2023-12-25'), 'probation')).toEqual([0, 0]);
    // d5, d6, d7 had their 转正 meeting: the 转正审批 is what is due (d7 is approved).
    expect(pair(await due('2024-04-10'), 'confirmApproval')).toEqual([1, 0]);
    expect(pair(await due('2024-04-11'), 'confirmApproval')).toEqual([0, 1]);
    expect(pair(await due('2024-08-01'), 'confirmApproval')).toEqual([1, 1]);
    expect(pair(await due('2024-08-06'), 'confirmApproval')).toEqual([0, 2]);
  });

  it('stats.compute carries the figures; the scope counts only its own people', async () => {
    const s = await call('stats.compute', { under: o.T1!, asOf: '2024-06-15' });
    expect((s.development as { due: unknown }).due).toEqual({
      dueThisMonth: 5, overdue: 6, talkDue: 1, talkOverdue: 2, activistYear: 2, activistYearThisMonth: 1,
      approvalDue: 1, approvalOverdue: 1, probationEnding: 2, probationOverdue: 1, confirmApprovalDue: 0, confirmApprovalOverdue: 1,
    });
    expect(pair(await due('2024-06-15', o.T2!), 'talk')).toEqual([0, 1]);
    expect(pair(await due('2024-06-15', rootId), 'talk')).toEqual([1, 3]);
    expect(await names(await due('2024-06-15', rootId), 'total', 'overdue')).toEqual(['a3', 'a5', 'b2', 'c2', 'd3', 'd6', 'x1']);
  });

  it('the pipeline page\'s due list names the same people, with the same kind and status, as the figure', async () => {
    for (const asOf of ['2024-05-31', '2024-06-15', '2024-07-01']) {
      for (const under of [o.T1!, rootId]) {
        const r = await due(asOf, under);
        const list = await call('pipeline.due', { orgId: under, asOf });
        const fromFigure: string[] = [];
        for (const row of r.rows.filter((x) => x.key !== 'total')) {
          for (const col of ['dueThisMonth', 'overdue'] as const) {
            for (const n of await names(r, row.key, col)) fromFigure.push(`${n}|${row.key}|${col === 'overdue' ? 'overdue' : 'due'}`);
          }
        }
        const fromList = list.rows.map((x) => `${x.name.replace('发展', '')}|${x.kind}|${x.status}`);
        expect(fromList.sort(), `${asOf} ${under === rootId ? 'county' : '甲乡'}`).toEqual(fromFigure.sort());
        // Overdue first.
        expect(list.rows.map((x) => x.status)).toEqual([...list.rows.map((x) => x.status)].sort((a, b) => (a === b ? 0 : a === 'overdue' ? -1 : 1)));
      }
    }
    // The county's list holds 乙乡's overdue talk too.
    expect((await call('pipeline.due', { asOf: '2024-06-15' })).rows.some((x) => x.name === '发展x1' && x.status === 'overdue')).toBe(true);
  });

  it('软弱涣散 by 整顿 status on the date: 整顿中 + 已整顿 + 未登记 = 软弱涣散', async () => {
    const r = await call('stats.report', { definitionId: 'org.stars', under: o.T1!, asOf: '2024-06-15' });
    const c = Object.fromEntries(r.rows.map((x) => [x.key, x.values[0]]));
    expect(c).toMatchObject({ weak: 6, 'weak-rectifying': 3, 'weak-done': 2, 'weak-pending': 1, 'weak-closed': 1, 'weak-unknown': 1 });
    expect(c['weak-rectifying']! + c['weak-done']! + c['weak-unknown']!).toBe(c.weak);
    const orgNames = async (row: string) => {
      const x = r.rows.find((y) => y.key === row)!;
      const d = await call('stats.drill', { ...x.drill![0]!.filter, limit: 100 });
      expect(d.total).toBe(x.values[0]);
      return d.rows.map((y) => y.name).sort();
    };
    expect(await orgNames('weak-rectifying')).toEqual(['中共三村支部委员会', '中共四村支部委员会', '中共七村支部委员会'].sort());
    expect(await orgNames('weak-done')).toEqual(['中共五村支部委员会', '中共六村支部委员会'].sort());
    expect(await orgNames('weak-unknown')).toEqual(['中共八村支部委员会']);
    for (const row of r.rows) await orgNames(row.key);
    const s = await call('stats.compute', { under: o.T1!, asOf: '2024-06-15' });
    const orgs = s.organisations as { weak: number; rectification: unknown; stars: Record<string, number> };
    expect(orgs.weak).toBe(6);
    expect(orgs.rectification).toEqual({ rectifying: 3, rectified: 2, pendingAcceptance: 1, closed: 1, unknown: 1 });
    expect(Object.keys(orgs.stars).every((k) => k.startsWith('stars-'))).toBe(true);
    // The year's rating is in force for that year: in 2023 only 九村 was weak, closed by 2023-12-31.
    const last = (await call('stats.compute', { under: o.T1!, asOf: '2023-12-31' })).organisations as { weak: number; rectification: unknown };
    expect(last.weak).toBe(1);
    expect(last.rectification).toEqual({ rectifying: 0, rectified: 1, pendingAcceptance: 0, closed: 1, unknown: 0 });
    // Later on W5 counts as rectified (its 整顿完成 date has come).
    const later = (await call('stats.compute', { under: o.T1!, asOf: '2024-09-01' })).organisations as { rectification: { rectified: number } };
    expect(later.rectification.rectified).toBe(3);
  });
});
