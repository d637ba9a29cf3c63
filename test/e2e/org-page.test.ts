import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { openBrowser, screenshot, serve, type Browsing, type Served } from './harness.js';
import { completeFirstRun, pageCall } from './wizard.js';
import { idFor, tempDir } from '../helpers/ledger.js';

/** Polls with a deadline that allows for a busy machine (the default is one second). */
const poll = <T>(fn: () => Promise<T>) => expect.poll(fn, { timeout: 20_000 });
const node = (p: Page, name: string) => p.locator(`[data-testid="org-node"][data-name="${name}"]`);
const select = async (p: Page, name: string) => {
  await node(p, name).locator('.org-name').click();
  await poll(() => p.getByTestId('org-detail-name').textContent()).toBe(name);
};
const tab = (p: Page, id: string) => p.getByTestId(`org-tab-${id}`).click();

/**
 * The 组织 page in the real UI: a clerk builds a township (committee, three branches), names a
 * secretary, records an election and a rating, renames a branch (曾用名, the old name on an earlier
 * date), moves one to another township, dissolves one, and reads the term list and the structure
 * warnings; the tree finds organisations by pinyin initials.
 */
describe('组织 page', () => {
  const tmp = tempDir('ledger-org-e2e-');
  let srv: Served;
  let b: Browsing;
  const shotOnFailure = (name: string) => onTestFailed(async () => void (await screenshot(b.page, `failure-org-${name}`)));

  beforeAll(async () => {
    srv = await serve(join(tmp.dir, 'county.ledger'));
    b = await openBrowser();
  }, 60_000);
  afterAll(async () => {
    await b?.close();
    await srv?.stop();
    tmp.cleanup();
  });

  it('builds and maintains a township, with its history, term list and warnings', { timeout: 240_000 }, async () => {
    shotOnFailure('walk');
    const p = b.page;
    await completeFirstRun(p, srv.url);
    await p.getByTestId('nav-orgs').click();
    await poll(() => p.getByTestId('org-detail-name').textContent()).toBe('中共示例县委员会');

    // The township committee under the county, then its branches, each through 新建下级组织.
    const create = async (name: string, shortName: string, kind: string, unit: string) => {
      await p.getByTestId('org-action-create').click();
      const d = p.getByTestId('org-create');
      await d.getByTestId('org-create-name').fill(name);
      await d.getByTestId('org-create-short').fill(shortName);
      await d.getByTestId('org-create-kind').selectOption(kind);
      await d.getByTestId('org-create-unit').selectOption(unit);
      await d.getByTestId('org-create-submit').click();
      await poll(() => p.getByTestId('org-notice').textContent()).toBe(`已新建：${name}`);
    };
    await create('中共红旗乡委员会', '红旗乡党委', 'committee', 'township');
    await select(p, '中共红旗乡委员会');
    for (const v of ['东风村', '向阳村', '红星村']) await create(`中共${v}支部委员会`, `${v}党支部`, 'branch', 'village');
    await poll(() => p.getByTestId('org-children').locator('[data-testid="child-open"]').count()).toBe(3);
    await screenshot(p, 'org-township-built');

    // A 党小组 may only sit under a 党支部: the township offers no such kind.
    await p.getByTestId('org-action-create').click();
    expect(await p.getByTestId('org-create-kind').locator('option', { hasText: '党小组' }).count()).toBe(0);
    await p.getByTestId('org-create').getByRole('button', { name: '取消' }).click();

    // Members to choose leaders from (set-up, not what this test is about).
    const tree = await pageCall<{ id: string; name: string }[]>(p, 'org.tree', {});
    const idOf = (name: string) => tree.find((o) => o.name === name)!.id;
    const dongfeng = idOf('中共东风村支部委员会');
    await pageCall(p, 'member.create', { idNumber: idFor('1975-03-02'), name: '张建国', gender: '1', category: 'formal', joinedOn: '2000-07-01', confirmedOn: '2001-07-01', orgId: dongfeng });
    await pageCall(p, 'member.create', { idNumber: idFor('1980-05-06', false), name: '李秀兰', gender: '2', category: 'formal', joinedOn: '2005-07-01', confirmedOn: '2006-07-01', orgId: dongfeng });

    // 班子成员: 张建国 secretary from 2021-01-05.
    await select(p, '中共东风村支部委员会');
    await tab(p, 'officers');
    await p.getByTestId('officer-search').fill('张建国');
    await poll(() => p.getByTestId('officer-member').locator('option').count()).toBe(2);
    await p.getByTestId('officer-post').selectOption('secretary');
    await p.getByTestId('officer-from').fill('2021-01-05');
    await p.getByTestId('officer-add').click();
    await poll(() => p.getByTestId('org-secretary').textContent()).toBe('张建国');
    await poll(() => p.locator('[data-testid="officer-row"][data-post="secretary"]').count()).toBe(1);
    await screenshot(p, 'org-officers');

    // 换届: elected 2021-01-05, a 村 term is 5 years → 届满 2026-01-05; today it is past, no extension.
    await tab(p, 'terms');
    await p.getByTestId('election-date').fill('2021-01-05');
    await p.getByTestId('election-add').click();
    await poll(() => p.getByTestId('election-row').count()).toBe(1);
    expect(await p.getByTestId('election-row').first().textContent()).toContain('2026-01-05');
    await poll(() => p.getByTestId('org-term-status').textContent()).toBe('超期未换届');
    await screenshot(p, 'org-elections');

    // 星级: 2024 four stars; 2025 weak, with its 整顿.
    await tab(p, 'ratings');
    const rate = async (year: string, stars: string, weak: boolean) => {
      await p.getByTestId('rating-year').fill(year);
      await p.getByTestId('rating-stars').selectOption(stars);
      await p.getByTestId('rating-weak').setChecked(weak);
      await p.getByTestId('rating-save').click();
      await poll(() => p.locator(`[data-testid="rating-row"][data-year="${year}"]`).count()).toBe(1);
    };
    await rate('2024', '4', false);
    await rate('2025', '2', true);
    const rect = p.getByTestId('rectification-form');
    await rect.getByTestId('rectification-cause-04').check();
    await rect.getByTestId('rectification-leader').fill('王县长');
    await rect.getByTestId('rectification-startedOn').fill('2025-03-01');
    await rect.getByTestId('rectification-measures').fill('选派第一书记，规范三会一课');
    await rect.getByTestId('rectification-save').click();
    await poll(() => p.getByTestId('rectification-status').textContent()).toBe('整顿中');
    await screenshot(p, 'org-ratings');

    // 更名 on 2026-03-01: the old name is a 曾用名, and on an earlier date the branch had it.
    await p.getByTestId('org-action-rename').click();
    await p.getByTestId('org-rename-name').fill('中共东风社区支部委员会');
    await p.getByTestId('org-rename-short').fill('东风社区党支部');
    await p.getByTestId('org-rename-date').fill('2026-03-01');
    await p.getByTestId('org-rename-submit').click();
    await poll(() => p.getByTestId('org-detail-name').textContent()).toBe('中共东风社区支部委员会');
    expect(await p.getByTestId('org-former-names').textContent()).toContain('中共东风村支部委员会');
    await tab(p, 'history');
    await p.getByTestId('state-on-date').fill('2025-06-30');
    await poll(() => p.getByTestId('state-on-name').textContent()).toBe('中共东风村支部委员会');
    expect(await p.getByTestId('state-on-secretary').textContent()).toBe('张建国');
    expect(await p.getByTestId('history-entry').allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining('更名')]));
    await screenshot(p, 'org-history');

    // 移动: 红星村 to a second township; the tree shows it there.
    await select(p, '中共示例县委员会');
    await create('中共嘉城镇委员会', '嘉城镇党委', 'committee', 'township');
    const otherId = (await pageCall<{ id: string; name: string }[]>(p, 'org.tree', {})).find((o) => o.name === '中共嘉城镇委员会')!.id;
    await p.getByTestId('org-search').fill('hxc'); // 红星村 by its pinyin initials
    await poll(() => node(p, '中共红星村支部委员会').count()).toBe(1);
    await select(p, '中共红星村支部委员会');
    await p.getByTestId('org-action-move').click();
    await p.getByTestId('org-move-parent').selectOption(otherId);
    await p.getByTestId('org-move-submit').click();
    await poll(() => p.getByTestId('org-notice').textContent()).toContain('移至“中共嘉城镇委员会”');
    // A search shows the matches with their path: 红星村 now sits under 嘉城镇, no longer under 红旗乡.
    await p.getByTestId('org-search').fill('hxc');
    await poll(() => node(p, '中共嘉城镇委员会').count()).toBe(1);
    expect(await node(p, '中共红旗乡委员会').count()).toBe(0);
    await screenshot(p, 'org-search-hxc');
    await p.getByTestId('org-search').fill('jcz');
    await poll(() => node(p, '中共红星村支部委员会').count()).toBe(0);
    expect(await node(p, '中共嘉城镇委员会').count()).toBe(1);
    await p.getByTestId('org-search').fill('');

    // 撤销 向阳村 (no members, no children): gone from the tree unless asked for.
    await select(p, '中共向阳村支部委员会');
    await p.getByTestId('org-action-dissolve').click();
    await p.getByTestId('org-dissolve-reason').fill('并村');
    await p.getByTestId('org-dissolve-submit').click();
    await poll(() => p.getByTestId('org-notice').textContent()).toContain('已撤销');
    await poll(() => node(p, '中共向阳村支部委员会').count()).toBe(0);
    await p.getByTestId('org-show-dissolved').check();
    await poll(() => node(p, '中共向阳村支部委员会').count()).toBe(1);
    await p.getByTestId('org-show-dissolved').uncheck();

    // Dissolving the township with live members below is refused in Chinese.
    await select(p, '中共红旗乡委员会');
    await poll(() => p.getByTestId('org-children').locator('[data-testid="child-open"]').count()).toBe(1);
    await screenshot(p, 'org-township-after');
    await p.getByTestId('org-action-dissolve').click();
    await p.getByTestId('org-dissolve-reason').fill('试撤销');
    await p.getByTestId('org-dissolve-children').selectOption('dissolve');
    await p.getByTestId('org-dissolve-submit').click();
    await poll(() => p.getByTestId('org-dissolve').getByTestId('error-message').textContent()).toMatch(/党员/);
    await p.getByTestId('org-dissolve').getByRole('button', { name: '取消' }).click();

    // 换届名单 of the county: the renamed branch is 超期未换届; the tree carries the badge.
    await p.getByTestId('org-view-terms').click();
    await poll(() => p.locator('[data-testid="term-row"][data-name="中共东风社区支部委员会"]').getAttribute('data-status')).toBe('overdue');
    expect(await node(p, '中共东风社区支部委员会').getByTestId('org-term-badge').textContent()).toBe('超期');
    await screenshot(p, 'org-term-list');
    await p.getByTestId('term-print').click();
    await p.locator('[data-testid="print-preview"][data-ready="true"]').waitFor();
    expect(await p.getByTestId('print-sheet').first().textContent()).toContain('中共东风社区支部委员会');
    await screenshot(p, 'org-term-print');
    await p.getByTestId('print-close').click();

    // 组织设置提醒: 2 正式党员 in a 党支部 (not a 联合党支部).
    await p.getByTestId('org-view-warnings').click();
    await poll(() => p.locator('[data-testid="warning-row"][data-name="中共东风社区支部委员会"] [data-code="too-few-formal"]').count()).toBe(1);
    await screenshot(p, 'org-warning-list');

    // Children grid: 联系人 typed into a cell is saved (audited update).
    await p.locator('[data-testid="warning-row"] button.link').first().click();
    await select(p, '中共红旗乡委员会');
    const cell = p.getByTestId('org-children').locator('.ag-row .ag-cell[col-id="contactPerson"]').first();
    await cell.dblclick();
    await p.keyboard.type('赵敏');
    await p.keyboard.press('Enter');
    await poll(() => p.getByTestId('org-notice').textContent()).toContain('联系人');
    const detail = await pageCall<{ org: { contactPerson: string } }>(p, 'org.get', { id: dongfeng });
    expect(detail.org.contactPerson).toBe('赵敏');

    // 合并: 东风社区 into 红星村; its two members move with dated events, and it is dissolved as merged.
    await select(p, '中共东风社区支部委员会');
    await p.getByTestId('org-action-merge').click();
    const hongxing = (await pageCall<{ id: string; name: string }[]>(p, 'org.tree', {})).find((o) => o.name === '中共红星村支部委员会')!.id;
    expect(await p.getByTestId('org-merge-into').locator('option').allTextContents()).not.toContain(expect.stringContaining('红旗乡'));
    await p.getByTestId('org-merge-into').selectOption(hongxing);
    await p.getByTestId('org-merge-reason').fill('两村合并');
    await screenshot(p, 'org-merge');
    await p.getByTestId('org-merge-submit').click();
    await poll(() => p.getByTestId('org-notice').textContent()).toContain('2 名党员随之转入');
    await poll(() => p.getByTestId('org-detail-name').textContent()).toBe('中共红星村支部委员会');
    expect(await p.getByTestId('org-summary').textContent()).toContain('党员 2 名');
    await poll(() => node(p, '中共东风社区支部委员会').count()).toBe(0);
    const zhang = (await pageCall<{ rows: { id: string; name: string }[] }>(p, 'member.list', { filter: { text: '张建国' } })).rows[0]!;
    expect((await pageCall<{ kind: string }[]>(p, 'member.events', { memberId: zhang.id })).map((e) => e.kind)).toEqual(expect.arrayContaining(['transfer-out', 'transfer-in']));
    expect(b.offHost).toEqual([]);
  });
});
