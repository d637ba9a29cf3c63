import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { openBrowser, screenshot, serve, type Browsing, type Served } from './harness.js';
import { completeFirstRun, pageCall } from './wizard.js';
import { idFor, tempDir } from '../helpers/ledger.js';
import { ageOn, todayIso } from '../../shared/domain/dates.js';

/** Pastes text the way Excel puts a block on the clipboard, into the focused grid cell. */
async function paste(p: Page, text: string): Promise<void> {
  await p.evaluate((t) => {
    const dt = new DataTransfer();
    dt.setData('text/plain', t);
    document.activeElement!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
  }, text);
}

const SURNAMES = ['李', '王', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐'];
const GIVEN = ['明', '红', '强', '丽', '军', '芳'];

/**
 * 党员 at work in Chromium: the one search box (name fragment, pinyin initials, ID prefix), the
 * filters, a sort, the organisation picker, the column chooser, a 20-row block pasted from a
 * copied sheet (a bad cell refuses the whole block and is listed), an undo, a bulk grid registration.
 */
describe('the roster in the browser', () => {
  const tmp = tempDir('ledger-e2e-roster-');
  let srv: Served;
  let b: Browsing;
  const shotOnFailure = (name: string) => onTestFailed(async () => void (await screenshot(b.page, `roster-failed-${name}`)));
  let branchA = '';
  let zyxIdNumber = '';
  let gridId = '';

  const count = (p: Page) => p.getByTestId('members-count').textContent();
  const names = async (p: Page) => (await p.locator('[data-testid="members-grid"] .ag-cell[col-id="name"]').allTextContents()).map((t) => t.trim());
  /** Waits until the grid has painted a new answer after `act`. */
  const painted = async (p: Page, act: () => Promise<unknown>) => {
    const before = Number((await p.getByTestId('members-grid').getAttribute('data-painted')) ?? 0);
    await act();
    await expect.poll(async () => Number((await p.getByTestId('members-grid').getAttribute('data-painted')) ?? 0), { timeout: 15_000 }).toBeGreaterThan(before);
  };

  beforeAll(async () => {
    srv = await serve(join(tmp.dir, 'roster.ledger'));
    b = await openBrowser();
    const p = b.page;
    await completeFirstRun(p, srv.url);
    const root = (await pageCall<{ id: string }[]>(p, 'org.tree', {}))[0]!.id;
    const town = await pageCall(p, 'org.create', { parentId: root, name: '中共红星乡委员会', shortName: '红星乡党委', kind: 'committee', unitCategory: 'township' });
    const a = await pageCall(p, 'org.create', { parentId: town.id, name: '中共东风村支部委员会', shortName: '东风村党支部', kind: 'branch', unitCategory: 'village' });
    const bb = await pageCall(p, 'org.create', { parentId: town.id, name: '中共西岭村支部委员会', shortName: '西岭村党支部', kind: 'branch', unitCategory: 'village' });
    branchA = a.id;
    // 张雨欣 first and the others from the youngest: the order of entry is never the order of birth.
    zyxIdNumber = idFor('1998-03-15', false);
    await pageCall(p, 'member.create', { idNumber: zyxIdNumber, birthDate: '1998-03-15', name: '张雨欣', gender: '2', category: 'probationary', joinedOn: '2025-07-01', orgId: bb.id });
    // 24 members in 东风村 (born 1960…1983, half of them women), 4 in 西岭村, and 张雨欣.
    for (let i = 23; i >= 0; i--) {
      const birth = `${1960 + i}-03-0${(i % 9) + 1}`;
      await pageCall(p, 'member.create', { idNumber: idFor(birth, i % 2 === 0), birthDate: birth, name: SURNAMES[i % 10]! + GIVEN[i % 6]! + (i < 10 ? '' : '一'), gender: i % 2 === 0 ? '1' : '2', category: 'formal', joinedOn: '2005-07-01', confirmedOn: '2006-07-01', orgId: a.id });
    }
    for (let i = 0; i < 4; i++) {
      await pageCall(p, 'member.create', { idNumber: idFor(`199${i}-05-05`), birthDate: `199${i}-05-05`, name: `孙西${GIVEN[i]}`, gender: '1', category: 'formal', joinedOn: '2015-07-01', confirmedOn: '2016-07-01', orgId: bb.id });
    }
    gridId = (await pageCall(p, 'grid.create', { parentId: null, name: '东风村第一网格', kind: 'community', foundedOn: '2020-01-01', orgId: a.id })).id;
    await p.reload();
    await p.getByTestId('nav-members').click();
    await p.getByText('共 29 人').waitFor({ timeout: 15_000 });
  }, 240_000);
  afterAll(async () => {
    await b?.close();
    await srv?.stop();
    tmp.cleanup();
  });

  it('one search box finds a name fragment, pinyin initials or an ID-number prefix', async () => {
    shotOnFailure('search');
    const p = b.page;
    const search = p.getByTestId('members-search');
    await painted(p, () => search.fill('zyx'));
    await expect.poll(() => count(p)).toBe('共 1 人');
    await expect.poll(() => names(p)).toEqual(['张雨欣']);
    await screenshot(p, 'roster-search-initials');
    await painted(p, () => search.fill('雨欣'));
    await expect.poll(() => names(p)).toEqual(['张雨欣']);
    await painted(p, () => search.fill(zyxIdNumber.slice(0, 14)));
    await expect.poll(() => names(p)).toEqual(['张雨欣']);
    await painted(p, () => search.fill('孙西'));
    await expect.poll(() => count(p)).toBe('共 4 人');
    await painted(p, () => search.fill(''));
    await expect.poll(() => count(p)).toBe('共 29 人');
  });

  it('filters, a sort by a column and the organisation picker narrow the roster in the core', async () => {
    shotOnFailure('filters');
    const p = b.page;
    await painted(p, () => p.getByTestId('filter-gender').selectOption('2'));
    await expect.poll(() => count(p)).toBe('共 13 人');
    await painted(p, () => p.getByTestId('filter-category').selectOption('probationary'));
    await expect.poll(() => count(p)).toBe('共 1 人');
    await painted(p, () => p.getByTestId('filter-clear').click());
    await expect.poll(() => count(p)).toBe('共 29 人');

    // Oldest first, then youngest first, by the 出生日期 header.
    const header = p.locator('[data-testid="members-grid"] .ag-header-cell[col-id="birthDate"]');
    await painted(p, () => header.click());
    await expect.poll(async () => (await names(p))[0]).toBe('李明');
    await painted(p, () => header.click());
    await expect.poll(async () => (await names(p))[0]).toBe('张雨欣');
    await screenshot(p, 'roster-sorted');
    await painted(p, () => header.click());

    // The picker: pinyin initials of 西岭村党支部, the path shown above the hit.
    const picker = p.getByTestId('members-org');
    await picker.fill('xlc');
    const option = p.getByTestId('members-org-option').filter({ hasText: '西岭村' });
    await expect.poll(() => option.count(), { timeout: 10_000 }).toBe(1);
    expect(await option.textContent()).toContain('红星乡');
    await screenshot(p, 'roster-org-picker');
    await painted(p, () => option.click());
    await expect.poll(() => count(p)).toBe('共 5 人');
    await painted(p, () => p.getByTestId('filter-age').selectOption('31-35'));
    const births = ['1998-03-15', '1990-05-05', '1991-05-05', '1992-05-05', '1993-05-05'];
    const inBand = births.filter((d) => ageOn(d, todayIso()) >= 31 && ageOn(d, todayIso()) <= 35).length;
    await expect.poll(() => count(p)).toBe(`共 ${inBand} 人`);
    await screenshot(p, 'roster-org-and-age');
    await painted(p, () => p.getByTestId('filter-age').selectOption(''));
    await picker.click();
    await painted(p, () => p.getByTestId('members-org-option').filter({ hasText: '全部组织' }).click());
    await expect.poll(() => count(p)).toBe('共 29 人');
  });

  it('the column chooser hides a column and a saved view brings the choice back', async () => {
    shotOnFailure('columns');
    const p = b.page;
    const idHeader = p.locator('[data-testid="members-grid"] .ag-header-cell[col-id="idNumber"]');
    await expect(idHeader.count()).resolves.toBe(1);
    await p.getByTestId('columns-button').click();
    await p.getByTestId('column-idNumber').uncheck();
    await expect.poll(() => idHeader.count()).toBe(0);
    await screenshot(p, 'roster-columns');
    await p.getByTestId('columns-button').click();
    await p.getByTestId('views-save').click();
    await p.getByTestId('views-name').fill('无身份证号');
    await p.getByTestId('views-name-save').click();
    await p.getByTestId('columns-button').click();
    await p.getByTestId('column-idNumber').check();
    await p.getByTestId('columns-button').click();
    await expect.poll(() => idHeader.count()).toBe(1);
    await p.getByTestId('views-select').selectOption('无身份证号');
    await expect.poll(() => idHeader.count()).toBe(0);
    await p.getByTestId('columns-button').click();
    await p.getByTestId('column-idNumber').check();
    await p.getByTestId('columns-button').click();
    await expect.poll(() => idHeader.count()).toBe(1);
  });

  it('a block of 20 rows pasted from a copied sheet is saved whole, and one bad cell saves nothing', async () => {
    shotOnFailure('paste');
    const p = b.page;
    await p.getByTestId('members-org').fill('dfc');
    const option = p.getByTestId('members-org-option').filter({ hasText: '东风村' });
    await expect.poll(() => option.count(), { timeout: 10_000 }).toBe(1);
    await painted(p, () => option.click());
    await expect.poll(() => count(p)).toBe('共 24 人');
    const before = await pageCall<{ rows: { id: string; phone: string | null; jobCategory: string | null }[] }>(p, 'member.list', { orgId: branchA, limit: 100 });

    const firstJob = p.locator('[data-testid="members-grid"] .ag-row[row-index="0"] [col-id="jobCategory"]');
    await firstJob.click();
    const bad = Array.from({ length: 20 }, (_, i) => `农民\t139${String(i).padStart(8, '0')}`);
    bad[7] = '宇航员\t13900000007';
    await paste(p, bad.join('\r\n') + '\r\n');
    await expect.poll(() => p.getByTestId('refused-list').textContent()).toContain('宇航员');
    expect(await p.getByTestId('error-message').textContent()).toContain('未保存任何数据');
    await screenshot(p, 'roster-paste-refused');
    const unchanged = await pageCall<{ rows: { phone: string | null }[] }>(p, 'member.list', { orgId: branchA, limit: 100 });
    expect(unchanged.rows.map((r) => r.phone)).toEqual(before.rows.map((r) => r.phone));

    await firstJob.click();
    const good = Array.from({ length: 20 }, (_, i) => `农民\t139${String(i).padStart(8, '0')}`);
    await painted(p, () => paste(p, good.join('\r\n') + '\r\n'));
    await expect.poll(() => p.getByTestId('members-saved').textContent()).toContain('修改了 20 名党员');
    await expect.poll(() => p.locator('[data-testid="members-grid"] .ag-row[row-index="19"] [col-id="phone"]').textContent()).toBe('13900000019');
    await screenshot(p, 'roster-pasted');
    const after = await pageCall<{ rows: { id: string; phone: string | null; jobCategory: string | null }[] }>(p, 'member.list', { orgId: branchA, limit: 100 });
    expect(after.rows.filter((r) => r.jobCategory === '02')).toHaveLength(20);

    // 撤销: the paste as a whole, as a change of its own.
    await p.getByTestId('undo-button').click();
    const item = p.getByTestId('undo-item').first();
    await expect.poll(() => item.textContent()).toContain('20 条记录');
    await screenshot(p, 'roster-undo-menu');
    await painted(p, () => p.getByTestId('undo-item-button').first().click());
    await expect.poll(() => p.getByTestId('members-saved').textContent()).toContain('已撤销');
    const undone = await pageCall<{ rows: { id: string; phone: string | null; jobCategory: string | null }[] }>(p, 'member.list', { orgId: branchA, limit: 100 });
    expect(undone.rows.map((r) => [r.id, r.phone, r.jobCategory])).toEqual(before.rows.map((r) => [r.id, r.phone, r.jobCategory]));
    await screenshot(p, 'roster-undone');
  });

  it('members chosen by their boxes are registered with a grid in one action, and their registrations ended in one', async () => {
    shotOnFailure('bulk-grid');
    const p = b.page;
    for (const i of [0, 1, 2]) await p.locator(`[data-testid="members-grid"] .ag-row[row-index="${i}"] .ag-selection-checkbox input`).check();
    await expect.poll(() => p.getByTestId('selection-count').textContent()).toBe('已选 3 人');
    await p.getByTestId('bulk-grid').click();
    await p.getByTestId('grid-register-select').selectOption(gridId);
    await screenshot(p, 'roster-grid-dialog');
    await painted(p, () => p.getByTestId('grid-register-submit').click());
    await expect.poll(() => p.getByTestId('members-saved').textContent()).toContain('已将 3 名党员登记到网格“东风村第一网格”');
    await painted(p, () => p.getByTestId('filter-grid').selectOption('yes'));
    await expect.poll(() => count(p)).toBe('共 3 人');
    for (const i of [0, 1, 2]) await p.locator(`[data-testid="members-grid"] .ag-row[row-index="${i}"] .ag-selection-checkbox input`).check();
    await p.getByTestId('bulk-grid').click();
    await painted(p, () => p.getByTestId('grid-register-clear').click());
    await expect.poll(() => count(p)).toBe('共 0 人');
    await painted(p, () => p.getByTestId('filter-grid').selectOption(''));
  });

  it('a double click on 人员类别 opens the member event dialog; the cell is not edited in place', async () => {
    shotOnFailure('event-edit');
    const p = b.page;
    await p.getByTestId('members-org').click();
    await painted(p, () => p.getByTestId('members-org-option').filter({ hasText: '全部组织' }).click());
    await painted(p, () => p.getByTestId('members-search').fill('zyx'));
    const category = p.locator('[data-testid="members-grid"] .ag-row[row-index="0"] [col-id="category"]');
    await expect.poll(() => category.textContent()).toBe('预备党员');
    await category.dblclick();
    await p.getByTestId('member-event-dialog').waitFor();
    await screenshot(p, 'roster-event-dialog');
    await p.getByTestId('member-event-dialog').getByRole('button', { name: '关闭' }).click();
    expect(await category.textContent()).toBe('预备党员');
    await painted(p, () => p.getByTestId('members-search').fill(''));
  });

  it('members chosen by their boxes are transferred to another branch, each as dated events', async () => {
    shotOnFailure('bulk-transfer');
    const p = b.page;
    await painted(p, () => p.getByTestId('members-search').fill('孙西'));
    await expect.poll(() => count(p)).toBe('共 4 人');
    for (const i of [0, 1]) await p.locator(`[data-testid="members-grid"] .ag-row[row-index="${i}"] .ag-selection-checkbox input`).check();
    await p.getByTestId('bulk-transfer').click();
    await p.getByTestId('bulk-transfer-org').fill('dfc');
    const option = p.getByTestId('bulk-transfer-org-option').filter({ hasText: '东风村' });
    await expect.poll(() => option.count(), { timeout: 10_000 }).toBe(1);
    await option.click();
    await screenshot(p, 'roster-transfer-dialog');
    await painted(p, () => p.getByTestId('bulk-transfer-submit').click());
    await expect.poll(() => p.getByTestId('members-saved').textContent()).toContain('已将 2 名党员的组织关系');
    const moved = await pageCall<{ rows: { orgId: string }[] }>(p, 'member.list', { filter: { text: '孙西' } });
    expect(moved.rows.filter((r) => r.orgId === branchA)).toHaveLength(2);
    await screenshot(p, 'roster-transferred');
    await painted(p, () => p.getByTestId('members-search').fill(''));
  });
});
