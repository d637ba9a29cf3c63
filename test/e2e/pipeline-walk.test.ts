import { join } from 'node:path';
import type { Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { openBrowser, screenshot, serve, type Browsing, type Served } from './harness.js';
import { completeFirstRun, pageCall } from './wizard.js';
import { tempDir } from '../helpers/ledger.js';
import { makeIdNumber } from '../../shared/domain/idcard.js';

/** Polls with a deadline that allows for a busy machine (the default is one second). */
const poll = <T>(fn: () => Promise<T>) => expect.poll(fn, { timeout: 20_000 });

type Fill = Record<string, string | string[]>;

/**
 * 发展党员 in the real UI: a person registered as 入党申请人 and taken step by step to 正式党员
 * through the record's step form; the rules run live (a late talk warns under R2 and goes ahead with
 * a reason, kept in the record); the board follows the stage; the due list as of an earlier day
 * shows the year as activist falling due, and prints.
 */
describe('发展党员 walk', () => {
  const tmp = tempDir('ledger-pipeline-e2e-');
  let srv: Served;
  let b: Browsing;
  const shotOnFailure = (name: string) => onTestFailed(async () => void (await screenshot(b.page, `failure-pipeline-${name}`)));

  beforeAll(async () => {
    srv = await serve(join(tmp.dir, 'county.ledger'));
    b = await openBrowser();
  }, 60_000);
  afterAll(async () => {
    await b?.close();
    await srv?.stop();
    tmp.cleanup();
  });

  /** Records one step through the form: picks it, types the date and facts, waits for the rule check. */
  async function step(record: Locator, label: string, date: string, fill: Fill = {}, reasons: Record<string, string> = {}) {
    const form = record.getByTestId('step-form');
    await form.getByTestId('step-code').selectOption({ label });
    await form.getByTestId('step-date').fill(date);
    for (const [k, v] of Object.entries(fill)) {
      if (Array.isArray(v)) {
        for (const [i, name] of v.entries()) await form.getByTestId(`step-${k}-${i}`).fill(name);
      } else if (k === 'passed') await form.getByTestId(`step-${k}`).selectOption(v);
      else await form.getByTestId(`step-${k}`).fill(v);
    }
    if (Object.keys(reasons).length > 0) {
      await form.getByTestId('rule-warnings').waitFor();
      for (const [rule, reason] of Object.entries(reasons)) await form.getByTestId(`rule-reason-${rule}`).fill(reason);
    } else {
      await form.getByTestId('rule-ok').waitFor();
    }
    await form.getByTestId('step-submit').click();
    await poll(() => record.getByTestId('record-notice').textContent()).toContain(`${date}`);
  }

  it('takes an applicant to full membership, step by step, with the rules run live', async () => {
    shotOnFailure('walk');
    const p = b.page;
    await completeFirstRun(p, srv.url);
    const root = (await pageCall<{ id: string; parentId: string | null }[]>(p, 'org.tree', {})).find((o) => o.parentId === null)!;
    const town = await pageCall<{ id: string }>(p, 'org.create', { parentId: root.id, name: '中共红旗乡委员会', shortName: '红旗乡党委', kind: 'committee', unitCategory: 'township', canApprove: true });
    const branch = await pageCall<{ id: string }>(p, 'org.create', { parentId: town.id, name: '中共东风村支部委员会', shortName: '东风村党支部', kind: 'branch', unitCategory: 'village' });

    await p.getByTestId('nav-pipeline').click();
    await p.getByTestId('pipeline-board').waitFor();
    await screenshot(p, 'pipeline-board-empty');

    await p.getByTestId('applicant-create').click();
    const form = p.getByTestId('applicant-form');
    await form.getByTestId('applicant-idnumber').fill(makeIdNumber('652302', '1995-06-10', 321));
    await form.getByTestId('applicant-name').fill('李红梅');
    await form.getByTestId('applicant-org').selectOption(branch.id);
    await form.getByTestId('applicant-applied').fill('2024-01-10');
    await form.getByTestId('applicant-education').selectOption('21');
    await screenshot(p, 'pipeline-applicant-form');
    await form.getByTestId('applicant-submit').click();

    const record = p.getByTestId('pipeline-record');
    await poll(() => record.getByTestId('record-stage').textContent()).toBe('入党申请人');
    // The talk 41 days after the application: R2 warns; the reason goes in with the step.
    await step(record, '入党谈话', '2024-02-20', { talker: '王书记' }, { R2: '申请人外出务工，返乡后即谈话' });
    await poll(() => record.getByTestId('record-steps').textContent()).toContain('申请人外出务工，返乡后即谈话');
    await screenshot(p, 'pipeline-record-talk-warned');
    await step(record, '确定为入党积极分子（阶段变更）', '2024-03-01', { contacts: ['张志强', '刘芳'] });
    await step(record, '积极分子半年考察', '2024-08-20', { result: '表现良好' });
    await step(record, '积极分子半年考察', '2025-02-10', { result: '表现良好' });
    await step(record, '确定为发展对象（阶段变更）', '2025-03-05', { introducers: ['张志强', '刘芳'] });
    await poll(() => record.getByTestId('record-stage').textContent()).toBe('发展对象');
    await step(record, '政治审查', '2025-04-10', { passed: 'yes', conclusion: '合格' });
    await step(record, '集中培训', '2025-04-17', { from: '2025-04-15', days: '3', hours: '24' });
    await step(record, '上级党委预审', '2025-05-01');
    await step(record, '支部大会讨论接收', '2025-05-10', { due: '20', present: '15', yes: '14' });
    // The approving body defaults to the nearest 党委 with the right to approve.
    await record.getByTestId('step-form').getByTestId('step-code').selectOption({ label: '党委审批（阶段变更）' });
    await record.getByTestId('step-form').getByTestId('step-date').fill('2025-06-15');
    await record.getByTestId('step-form').getByTestId('rule-ok').waitFor();
    await screenshot(p, 'pipeline-record-approval');
    await record.getByTestId('step-form').getByTestId('step-submit').click();
    await poll(() => record.getByTestId('record-stage').textContent()).toBe('预备党员');
    // The approval made the member record, in the same call.
    expect(await record.getByTestId('record-member').textContent()).toBe('已记入党员名册');
    await step(record, '转正支部大会', '2026-05-12', { due: '20', present: '16', yes: '16' });
    await step(record, '转正审批（阶段变更）', '2026-06-20');
    await poll(() => record.getByTestId('record-stage').textContent()).toBe('正式党员');
    const steps = await record.getByTestId('record-steps').locator('tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-step')));
    expect(steps).toEqual(['applied', 'talked', 'activist', 'activist-review', 'activist-review', 'candidate', 'political-review', 'training', 'pre-review', 'branch-meeting', 'approved', 'confirm-meeting', 'confirmed']);
    expect(await record.getByTestId('record-steps').textContent()).toContain('审批党委：中共红旗乡委员会');
    expect(await record.getByTestId('record-steps').textContent()).toContain('转正日期：2026-05-10');
    await screenshot(p, 'pipeline-record-formal');
    const [member] = (await pageCall<{ rows: { name: string; category: string; joinedOn: string; confirmedOn: string }[] }>(p, 'member.list', { filter: { name: '李红梅' } })).rows;
    expect([member?.category, member?.joinedOn, member?.confirmedOn]).toEqual(['formal', '2025-05-10', '2026-05-10']);
    await record.getByRole('button', { name: '关闭' }).click();

    // A second applicant waits on the board; the formal member has left it.
    await pageCall(p, 'pipeline.create', { idNumber: makeIdNumber('652302', '1998-03-01', 555), name: '王小军', orgId: branch.id, appliedOn: '2026-11-20' });
    await p.getByRole('button', { name: '刷新' }).click();
    await poll(() => p.getByTestId('board-total-applicant').textContent()).toBe('1 人');
    expect(await p.getByTestId('board-total-probationary').textContent()).toBe('0 人');
    await screenshot(p, 'pipeline-board');

    // The due list as of 2025-03-01: 李红梅's year as activist fell due that day.
    await p.getByTestId('pipeline-tab-due').click();
    await p.getByTestId('due-asof').fill('2025-03-01');
    await poll(() => p.locator('[data-testid="due-table"] tr[data-person="李红梅"]').getAttribute('data-kind')).toBe('activistYear');
    await screenshot(p, 'pipeline-due');
    await p.getByTestId('due-print').click();
    await p.locator('[data-testid="print-preview"][data-ready="true"]').waitFor({ timeout: 30_000 });
    await screenshot(p, 'pipeline-due-print');
    await p.getByTestId('print-close').click();

    await p.getByTestId('pipeline-tab-list').click();
    await poll(() => p.getByTestId('pipeline-count').textContent()).toBe('共 2 人');
    await screenshot(p, 'pipeline-list');

    // The rules switched on and the working-day calendar, in settings.
    await p.getByTestId('nav-settings').click();
    await p.getByTestId('calendar-holidays').fill('2026-10-01\n2026-10-02');
    await p.getByTestId('calendar-workdays').fill('2026-09-27');
    await p.getByTestId('rule-switch-L2').check();
    await p.getByTestId('pipeline-settings-save').click();
    await poll(() => p.getByTestId('pipeline-settings-saved').textContent()).toContain('节假日 2 天，调休上班日 1 天');
    await screenshot(p, 'pipeline-settings');
    expect(b.offHost).toEqual([]);
  }, 240_000);
});
