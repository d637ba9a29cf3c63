import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { openBrowser, screenshot, serve, type Browsing, type Served } from './harness.js';
import { completeFirstRun, pageCall } from './wizard.js';
import { idFor, tempDir } from '../helpers/ledger.js';
import { addMonths, todayIso } from '../../shared/domain/dates.js';

/** The last full month before today, and the month before it ('YYYY-MM'). */
const TODAY = todayIso();
const LAST = addMonths(TODAY.slice(0, 7), -1);

/** Pastes text the way Excel puts a block on the clipboard, into the focused grid cell. */
async function paste(p: Page, text: string): Promise<void> {
  await p.evaluate((t) => {
    const dt = new DataTransfer();
    dt.setData('text/plain', t);
    document.activeElement!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
  }, text);
}

/** A month cell of a cadre's row (names are in the pinned columns, months in the centre: same row-index). */
async function cell(p: Page, name: string, month: string) {
  const grid = p.getByTestId('month-grid');
  const index = await grid.locator('.ag-row', { has: p.locator('.ag-cell[col-id="name"]', { hasText: name }) }).first().getAttribute('row-index');
  return grid.locator(`.ag-row[row-index="${index}"] .ag-cell[col-id="${month}"]`);
}

/**
 * 驻村工作队 and 组织生活 in the real UI: a first secretary who does not meet the conditions is
 * warned before saving; a month of days pasted for three cadres; the below-required list, where
 * approved leave counts; a meeting recorded with attendance takes its branch off the missed list.
 */
describe('first secretaries, the month grid and organisational life in the browser', () => {
  const tmp = tempDir('ledger-e2e-village-');
  let srv: Served;
  let b: Browsing;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    srv = await serve(join(tmp.dir, 'village.ledger'));
    b = await openBrowser();
    const p = b.page;
    await completeFirstRun(p, srv.url);
    const root = (await pageCall<{ id: string }[]>(p, 'org.tree', {}))[0]!.id;
    const town = await pageCall(p, 'org.create', { parentId: root, name: '中共红星乡委员会', shortName: '红星乡党委', kind: 'committee', unitCategory: 'township' });
    const village = await pageCall(p, 'org.create', { parentId: town.id, name: '中共东风村支部委员会', shortName: '东风村党支部', kind: 'branch', unitCategory: 'village', foundedOn: '2000-01-01' });
    ids.village = village.id;
    for (const [name, birth] of [['李明', '1980-03-01'], ['王红', '1985-07-07'], ['张强', '1990-01-10']] as const) {
      await pageCall(p, 'member.create', { idNumber: idFor(birth), name, category: 'formal', joinedOn: '2010-07-01', confirmedOn: '2011-07-01', orgId: village.id });
    }
    const probationary = await pageCall(p, 'member.create', { idNumber: idFor('1995-05-05'), name: '赵预备', category: 'probationary', joinedOn: addMonths(TODAY, -3), orgId: village.id });
    ids.probationaryId = probationary.idNumber;
    for (const [name, role] of [['陈队长', 'leader'], ['刘队员', 'member']] as const) {
      await pageCall(p, 'team.create', { villageOrgId: village.id, name, role, fromDate: addMonths(TODAY, -12), toDate: addMonths(TODAY, 12) });
    }
  }, 240_000);
  afterAll(async () => {
    await b?.close();
    await srv?.stop();
    tmp.cleanup();
  });

  const shotOnFailure = (name: string) => onTestFailed(async () => void (await screenshot(b.page, `failure-village-${name}`)));

  it('records a first secretary: a probationary member is warned, and saved only once the clerk confirms', async () => {
    shotOnFailure('team-form');
    const p = b.page;
    await p.getByTestId('nav-teams').click();
    await p.getByTestId('team-create').click();
    await p.getByTestId('team-form-village').selectOption(ids.village!);
    await p.getByTestId('team-form-idnumber').fill(ids.probationaryId!);
    await p.getByTestId('team-form-from').fill(addMonths(TODAY, -11));
    await p.getByTestId('team-form-to').fill(addMonths(TODAY, 13));
    await p.getByTestId('team-form-work').fill('2015-07-01');
    await p.getByTestId('team-form-unit').fill('县财政局');
    await p.getByTestId('team-form-level').selectOption('county');
    const warning = p.locator('[data-testid="team-form-eligibility"][data-eligible="false"]');
    await warning.waitFor();
    expect(await warning.textContent()).toMatch(/不符合第一书记任职条件.*预备党员/);
    expect(await p.getByTestId('team-form-name').inputValue()).toBe('赵预备');
    await screenshot(p, 'village-team-warning');
    await p.getByTestId('team-form-submit').click();
    expect(await p.getByTestId('team-form').getByTestId('error-message').textContent()).toMatch(/请确认后再保存/);
    await p.getByTestId('team-form-confirm').check();
    await p.getByTestId('team-form-submit').click();
    await p.getByTestId('team-notice').filter({ hasText: '赵预备' }).waitFor();
    const row = p.locator('[data-testid="team-table"] tr[data-name="赵预备"]');
    expect(await row.locator('.tag.bad').textContent()).toBe('不符合条件');
    await screenshot(p, 'village-team-list');
  });

  it('pastes a month of days for three cadres; the below-required list counts approved leave', async () => {
    shotOnFailure('month-grid');
    const p = b.page;
    await p.getByTestId('team-tab-months').click();
    await p.locator('[data-testid="month-grid"][data-loaded="true"]').waitFor();
    // A refused block saves nothing: 35 days cannot be.
    await (await cell(p, '赵预备', LAST)).click();
    await paste(p, '22\r\n35\r\n15\r\n');
    expect(await p.getByTestId('month-grid-problem').textContent()).toMatch(/本次未保存任何数据.*不能超过/);
    expect((await (await cell(p, '赵预备', LAST)).textContent())?.trim()).toBe('');
    // Rows are the first secretary, the leader, the member: one column of the month for the three.
    await (await cell(p, '赵预备', LAST)).click();
    await paste(p, '22\r\n18\r\n15\r\n');
    await p.getByTestId('team-notice').filter({ hasText: '已粘贴 3 格' }).waitFor();
    await expect.poll(async () => (await (await cell(p, '刘队员', LAST)).textContent())?.trim()).toBe('15');
    expect(await (await cell(p, '刘队员', LAST)).getAttribute('class')).toContain('month-below');
    expect(await (await cell(p, '陈队长', LAST)).getAttribute('class')).toContain('month-below');
    await screenshot(p, 'village-month-grid');

    await p.getByTestId('team-tab-below').click();
    const below = (name: string) => p.locator(`[data-testid="below-table"] tr[data-status="below"]:has(td:text-is("${name}"))`);
    await below('陈队长').waitFor();
    expect(await below('刘队员').count()).toBe(1);
    expect(await below('赵预备').count()).toBe(0);

    // 陈队长 was on approved leave for 2 days of the month: 18 + 2 = 20, no longer below.
    await p.getByTestId('team-tab-people').click();
    await p.locator('[data-testid="team-table"] tr[data-name="陈队长"] button.link').click();
    await p.getByTestId('leave-from').fill(`${LAST}-10`);
    await p.getByTestId('leave-to').fill(`${LAST}-11`);
    await p.getByTestId('leave-reason').fill('病假');
    await p.getByTestId('leave-approver').fill('红星乡党委书记');
    await p.getByTestId('leave-approved-on').fill(`${LAST}-09`);
    await p.getByTestId('leave-add').click();
    await p.getByTestId('team-detail-notice').filter({ hasText: '已登记请假' }).waitFor();
    expect(await p.getByTestId('team-leaves').textContent()).toContain('红星乡党委书记');
    await screenshot(p, 'village-team-detail');
    await p.getByTestId('team-detail').getByRole('button', { name: '关闭' }).click();
    await p.getByTestId('team-tab-below').click();
    await below('刘队员').waitFor();
    expect(await below('陈队长').count()).toBe(0);
    await screenshot(p, 'village-below-list');
  });

  it('records a meeting with attendance, and the branch leaves the missed-meetings list', async () => {
    shotOnFailure('meeting');
    const p = b.page;
    await p.getByTestId('nav-life').click();
    await p.getByTestId('life-tab-missed').click();
    await p.getByTestId('missed-month').fill(LAST);
    const missing = p.locator('[data-testid="missed-table"] tr[data-org="东风村党支部"][data-kind="theme-day"]');
    await missing.waitFor();
    await screenshot(p, 'village-missed-before');

    await p.getByTestId('life-tab-records').click();
    await p.getByTestId('life-create').click();
    await p.getByTestId('meeting-form-org').selectOption(ids.village!);
    await p.getByTestId('meeting-form-kind').selectOption('theme-day');
    await p.getByTestId('meeting-form-date').fill(`${LAST}-15`);
    await p.getByTestId('meeting-form-topic').fill('学习党的二十届四中全会精神主题党日');
    const absent = p.locator('[data-testid="meeting-form-attendance"] [data-name="张强"]');
    await absent.getByTestId('attendance-present').uncheck();
    await p.getByTestId('meeting-form-submit').click();
    expect(await p.getByTestId('meeting-form').getByTestId('error-message').textContent()).toContain('请填写张强缺席的原因');
    await absent.getByTestId('attendance-reason').fill('外出务工');
    expect(await p.getByTestId('meeting-form-counts').textContent()).toMatch(/应到 4 人，实到 3 人，缺席 1 人/);
    await screenshot(p, 'village-meeting-form');
    await p.getByTestId('meeting-form-submit').click();
    await p.getByTestId('life-notice').filter({ hasText: '实到 3 人，缺席 1 人' }).waitFor();
    await screenshot(p, 'village-meeting-list');

    await p.getByTestId('life-tab-missed').click();
    await p.getByTestId('missed-month').fill(LAST);
    await p.locator('[data-testid="missed-summary"][data-loaded="true"]').waitFor();
    await expect.poll(() => missing.count()).toBe(0);
    await screenshot(p, 'village-missed-after');
  });

  it('shows the teams and organisational-life dashboards with the figures of stats.compute, and prints them', async () => {
    shotOnFailure('stats');
    const p = b.page;
    const s = await pageCall(p, 'stats.compute', {});
    const figure = async (id: string) => Number(((await p.getByTestId(id).locator('.stats-figure-value').textContent()) ?? '').trim());
    await p.getByTestId('nav-stats').click();
    await p.getByTestId('stats-tab-teams').click();
    await p.locator('[data-testid="stats-domain-teams"][data-loaded="true"]').waitFor({ timeout: 60_000 });
    const below = Object.values(s.teams.belowRequiredByMonth as Record<string, number>).reduce((a, x) => a + x, 0);
    expect(below).toBeGreaterThan(0);
    expect(await figure('figure-team.belowByMonth-total-below')).toBe(below);
    expect(await figure('figure-team.inPost-total-total')).toBe(s.teams.inPost);
    await screenshot(p, 'village-stats-teams');
    await p.getByTestId('stats-tab-life').click();
    await p.locator('[data-testid="stats-domain-life"][data-loaded="true"]').waitFor({ timeout: 60_000 });
    expect(await figure('figure-life.missed-theme-day-missed')).toBe(s.life.branchesMissing['theme-day']);
    await screenshot(p, 'village-stats-life');
    await p.getByTestId('stats-print-page').click();
    await p.locator('[data-testid="print-preview"][data-ready="true"]').waitFor({ timeout: 30_000 });
    await screenshot(p, 'village-stats-life-print');
    await p.getByTestId('print-close').click();
    expect(b.offHost).toEqual([]);
  });
});
