import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { openBrowser, screenshot, serve, type Browsing, type Served } from './harness.js';
import { completeFirstRun, pageCall } from './wizard.js';
import { idFor, tempDir } from '../helpers/ledger.js';

/** Pastes text the way Excel puts a block on the clipboard, into the focused grid cell. */
async function paste(p: Page, text: string): Promise<void> {
  await p.evaluate((t) => {
    const dt = new DataTransfer();
    dt.setData('text/plain', t);
    document.activeElement!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
  }, text);
}

const sheet = (p: Page) => p.getByTestId('unit-sheet');
/** A cell by row index, or by the unit's name (rows are sorted by name: the pinned name column and the others share row-index). */
async function cell(p: Page, row: number | string, col: string) {
  const index = typeof row === 'number' ? row : await sheet(p).locator('.ag-row', { has: p.locator('.ag-cell[col-id="name"]', { hasText: row }) }).first().getAttribute('row-index');
  return sheet(p).locator(`.ag-row[row-index="${index}"] .ag-cell[col-id="${col}"]`);
}
const cellText = async (p: Page, row: number | string, col: string) => ((await (await cell(p, row, col)).textContent()) ?? '').trim();
const node = (p: Page, name: string) => p.locator(`[data-testid="unit-node"][data-name="${name}"]`);

/**
 * The 网格 page in the real UI: places and grids built by pasting blocks copied from a spreadsheet
 * (a block with a bad cell saves nothing and lists it), a cell edited in place and undone, a member
 * registered with a grid, a dated rename read back as of an earlier day, the coverage views, and a
 * grid dissolved.
 */
describe('the 网格 page in the browser', () => {
  const tmp = tempDir('ledger-e2e-grids-');
  let srv: Served;
  let b: Browsing;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    srv = await serve(join(tmp.dir, 'grids.ledger'));
    b = await openBrowser();
    const p = b.page;
    await completeFirstRun(p, srv.url);
    const root = (await pageCall<{ id: string }[]>(p, 'org.tree', {}))[0]!.id;
    const street = await pageCall(p, 'org.create', { parentId: root, name: '中共红星街道工作委员会', shortName: '红星街道党工委', kind: 'working-committee', unitCategory: 'street', foundedOn: '2005-01-01' });
    ids.street = street.id;
    const community = await pageCall(p, 'org.create', { parentId: street.id, name: '中共新华社区委员会', shortName: '新华社区党委', kind: 'committee', unitCategory: 'community', foundedOn: '2005-01-01' });
    await pageCall(p, 'org.create', { parentId: community.id, name: '中共新华社区第一网格支部委员会', shortName: '第一网格党支部', kind: 'branch', unitCategory: 'community', foundedOn: '2010-01-01' });
    await pageCall(p, 'member.create', { idNumber: idFor('1982-04-01'), name: '周在职', category: 'formal', joinedOn: '2008-07-01', confirmedOn: '2009-07-01', orgId: community.id });
  }, 240_000);
  afterAll(async () => {
    await b?.close();
    await srv?.stop();
    tmp.cleanup();
  });

  const shotOnFailure = (name: string) => onTestFailed(async () => void (await screenshot(b.page, `failure-grids-${name}`)));

  it('registers places and grids by pasting blocks; a block with a bad cell saves nothing and lists it', async () => {
    shotOnFailure('paste');
    const p = b.page;
    await p.getByTestId('nav-grids').click();
    await p.getByTestId('sheet-date').fill('2020-01-01');
    // The places: a community its party committee covers, and a village no organisation covers,
    // which a county-wide clerk must place in a township or street first.
    await p.getByTestId('sheet-add-row').click();
    await (await cell(p, 0, 'name')).click();
    await paste(p, '新华社区\t社区\t新华社区党委\r\n红旗村\t村\t\r\n');
    expect(await p.getByTestId('sheet-problem').textContent()).toMatch(/本次未保存任何数据.*红旗村（所属单位）：请选择该社区或村所在的乡镇（街道）/);
    expect(await p.getByTestId('unit-node').count()).toBe(0);
    await p.getByTestId('sheet-owner').selectOption(ids.street!);
    await (await cell(p, 0, 'name')).click();
    await paste(p, '新华社区\t社区\t新华社区党委\r\n红旗村\t村\t\r\n');
    await p.getByTestId('unit-notice').filter({ hasText: '新增 2 个' }).waitFor();
    await node(p, '红旗村').waitFor();
    expect(await node(p, '红旗村').locator('.unit-gap').count()).toBe(1);
    expect(await node(p, '新华社区').locator('.unit-gap').count()).toBe(0);

    // Its grids: one pasted row has 户数 that is no number, so nothing is saved.
    await node(p, '新华社区').locator('.org-name').click();
    await p.getByTestId('sheet-add-row').click();
    await (await cell(p, 0, 'name')).click();
    const block = (third: string) => `第一网格\t网格\t第一网格党支部\t王网格\t李一、李二\t\t320\t860\r\n第二网格\t网格\t\t陈网格\t\t\t${third}\t\r\n第三网格\t网格\t\t\t\t\t150\t\r\n`;
    await paste(p, block('约两百'));
    const problem = p.getByTestId('sheet-problem');
    expect(await problem.textContent()).toMatch(/本次未保存任何数据.*第 2 行第 7 列（新增行 户数）：户数“约两百”不是非负整数/);
    await screenshot(p, 'grids-paste-refused');
    expect(await node(p, '第一网格').count()).toBe(0);
    await (await cell(p, 0, 'name')).click();
    await paste(p, block('210'));
    await p.getByTestId('unit-notice').filter({ hasText: '已粘贴 24 格：新增 3 个' }).waitFor();
    await expect.poll(() => cellText(p, '第二网格', 'households')).toBe('210');
    expect(await cellText(p, '第一网格', 'org')).toBe('第一网格党支部');
    expect(await (await cell(p, '第二网格', 'org')).getAttribute('class')).toContain('unit-gap-cell');
    await screenshot(p, 'grids-sheet');
  });

  it('edits a cell in place and undoes it; the undo is a compensating write', async () => {
    shotOnFailure('undo');
    const p = b.page;
    await (await cell(p, '第三网格', 'households')).dblclick();
    await p.keyboard.press('Control+A');
    await p.keyboard.type('1,80O');
    await p.keyboard.press('Enter');
    expect(await p.getByTestId('sheet-problem').textContent()).toContain('户数“1,80O”不是非负整数');
    await (await cell(p, '第三网格', 'households')).dblclick();
    await p.keyboard.press('Control+A');
    await p.keyboard.type('180');
    await p.keyboard.press('Enter');
    await p.getByTestId('unit-notice').filter({ hasText: '已保存 第三网格 的户数' }).waitFor();
    await expect.poll(() => cellText(p, '第三网格', 'households')).toBe('180');
    expect(await p.getByTestId('sheet-undo').textContent()).toContain('（3）');
    // Ctrl+Z on the sheet, as in a spreadsheet.
    await (await cell(p, '第三网格', 'name')).click();
    await p.keyboard.press('Control+Z');
    await p.getByTestId('unit-notice').filter({ hasText: '已撤销：已保存 第三网格 的户数' }).waitFor();
    expect(await p.getByTestId('sheet-undo').textContent()).toContain('（2）');
    await expect.poll(() => cellText(p, '第三网格', 'households')).toBe('150');
    // One audit row per unit written: 2 places, 3 grids, the edit, and the undo writing the old 户数 back.
    const audit = await pageCall<{ rows: { before: unknown; after: unknown }[]; total: number }>(p, 'audit.list', { method: 'grid.saveRows' });
    expect(audit.total).toBe(7);
    expect(audit.rows[0]).toMatchObject({ before: { households: 180 }, after: { households: 150 } });
  });

  it('registers a member with a grid, renames a grid from a date and reads the register as of an earlier day', async () => {
    shotOnFailure('detail');
    const p = b.page;
    await node(p, '第一网格').locator('.org-name').click();
    await p.getByTestId('unit-tab-members').click();
    await p.getByTestId('register-search').fill('周在职');
    await expect.poll(() => p.getByTestId('register-member').inputValue()).not.toBe('');
    await p.getByTestId('register-date').fill('2023-03-01');
    await p.getByTestId('register-submit').click();
    await p.locator('[data-testid="unit-members-table"] tr[data-name="周在职"]').waitFor();
    await screenshot(p, 'grids-members');

    await node(p, '第三网格').locator('.org-name').click();
    await p.getByTestId('unit-tab-detail').click();
    await p.getByTestId('unit-rename').click();
    await p.getByTestId('unit-change-name').fill('幸福网格');
    await p.getByTestId('unit-change-date').fill('2024-06-01');
    await p.getByTestId('unit-change-submit').click();
    await p.getByTestId('unit-notice').filter({ hasText: '自 2024-06-01 起更名为“幸福网格”' }).waitFor();
    await p.locator('[data-testid="unit-history"] tr[data-kind="rename"]').filter({ hasText: '幸福网格' }).waitFor();
    await screenshot(p, 'grids-detail');

    await p.getByTestId('unit-asof').fill('2024-01-01');
    await p.getByTestId('unit-past').waitFor();
    await node(p, '第三网格').waitFor();
    expect(await node(p, '幸福网格').count()).toBe(0);
    await screenshot(p, 'grids-as-of');
    await p.getByTestId('unit-asof').fill('2019-12-31');
    await expect.poll(() => p.getByTestId('unit-node').count()).toBe(0);
  });

  it('shows the coverage views: grids and places without an organisation, registered members per grid', async () => {
    shotOnFailure('coverage');
    const p = b.page;
    await p.getByTestId('unit-asof').fill(await p.getByTestId('unit-asof').getAttribute('max') ?? '');
    await p.getByTestId('unit-tab-coverage').click();
    await p.locator('[data-testid="coverage"][data-loaded="true"]').waitFor();
    const listed = async () => (await p.locator('[data-testid="coverage-table"] tbody tr[data-name]').evaluateAll((rs) => rs.map((r) => r.getAttribute('data-name')))).sort();
    expect(await listed()).toEqual(['幸福网格', '第二网格']);
    await screenshot(p, 'grids-coverage');
    await p.getByTestId('coverage-places').click();
    expect(await listed()).toEqual(['红旗村']);
    await p.getByTestId('coverage-registered').click();
    expect(await p.locator('[data-testid="coverage-table"] tr[data-name="第一网格"] [data-testid="coverage-registered-cell"]').textContent()).toBe('1');
    await screenshot(p, 'grids-coverage-registered');
    // The page and the statistics agree.
    const s = await pageCall(p, 'stats.compute', {});
    expect(s.grids.grids).toBe(3);
    expect(s.grids.gridsWithoutOrg).toBe(2);
  });

  it('dissolves a grid with a reason (gone from the tree and the coverage, kept with its history) and moves another to a village', async () => {
    shotOnFailure('dissolve');
    const p = b.page;
    await node(p, '第二网格').locator('.org-name').click();
    await p.getByTestId('unit-tab-detail').click();
    await p.getByTestId('unit-dissolve').click();
    await p.getByTestId('unit-change-reason').fill('并入第一网格');
    await p.getByTestId('unit-change-submit').click();
    await p.getByTestId('unit-notice').filter({ hasText: '已撤销“第二网格”' }).waitFor();
    await expect.poll(() => node(p, '第二网格').count()).toBe(0);
    await p.getByTestId('unit-dissolved').check();
    await node(p, '第二网格').waitFor();
    expect(await node(p, '第二网格').getAttribute('class')).toContain('unit-dissolved');
    await node(p, '第二网格').locator('.org-name').click();
    await p.getByTestId('unit-tab-detail').click();
    await p.locator('[data-testid="unit-history"] tr[data-kind="dissolve"]').filter({ hasText: '并入第一网格' }).waitFor();
    await screenshot(p, 'grids-dissolved');
    await p.getByTestId('unit-tab-coverage').click();
    await p.locator('[data-testid="coverage"][data-loaded="true"]').waitFor();
    expect(await p.getByTestId('coverage-grids-count').textContent()).toBe('1');
    expect((await pageCall(p, 'stats.compute', {})).grids.gridsWithoutOrg).toBe(1);

    // 幸福网格 moves to the village: under it in the tree, a dated 调整隶属 in its history.
    await node(p, '幸福网格').locator('.org-name').click();
    await p.getByTestId('unit-tab-detail').click();
    await p.getByTestId('unit-move').click();
    const village = await p.getByTestId('unit-change-parent').locator('option', { hasText: '红旗村' }).getAttribute('value');
    await p.getByTestId('unit-change-parent').selectOption(village!);
    await p.getByTestId('unit-change-submit').click();
    await p.getByTestId('unit-notice').filter({ hasText: '已调整“幸福网格”的隶属' }).waitFor();
    await p.locator('[data-testid="unit-history"] tr[data-kind="move"]').filter({ hasText: '调整到“红旗村”之下' }).waitFor();
    expect(await p.getByTestId('unit-scope').textContent()).toBe('红旗村 / 幸福网格');
    expect(b.offHost).toEqual([]);
  });
});
