import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { Page, Request } from 'playwright-core';
import { openBrowser, screenshot, serve, type Browsing, type Served } from './harness.js';
import { completeFirstRun, pageCall } from './wizard.js';
import { tempDir } from '../helpers/ledger.js';

import { FIXTURES } from '../helpers/paths.js';
const ORG_FILE = join(FIXTURES, '示例乡党组织.xlsx');
const MEMBER_FILE = join(FIXTURES, '示例乡党员名册.xlsx');
const expected = JSON.parse(readFileSync(join(FIXTURES, '示例乡党员名册.expected.json'), 'utf8')) as { dataRows: number; defects: { sheet: string; row: number; code: string }[] };

const text = async (p: Page, testId: string) => ((await p.getByTestId(testId).textContent()) ?? '').replace(/\s+/g, '');

/**
 * A clerk's import day in the real UI through the real `ledger serve`: the township's organisation
 * tree from its xlsx, then its member roster with the seven planted defects — the preview shows them
 * where they are, one is fixed in the grid, the rest are left out, and the members page has the rows.
 */
describe('import through the UI: preview, fix in place, commit', () => {
  const tmp = tempDir('ledger-e2e-import-');
  let srv: Served;
  let b: Browsing;
  let townId = '';

  beforeAll(async () => {
    srv = await serve(join(tmp.dir, 'import.ledger'));
    b = await openBrowser();
  });
  afterAll(async () => {
    await b?.close();
    await srv?.stop();
    tmp.cleanup();
  });

  const shotOnFailure = (name: string) => onTestFailed(async () => void (await screenshot(b.page, `failure-import-${name}`)));

  it('a fresh ledger through the wizard, with the township to import under', async () => {
    shotOnFailure('wizard');
    const p = b.page;
    await completeFirstRun(p, srv.url);
    const tree = await pageCall<{ id: string }[]>(p, 'org.tree', {});
    const town = await pageCall<{ id: string }>(p, 'org.create', { parentId: tree[0]!.id, name: '中共示例乡委员会', shortName: '示例乡党委', kind: 'committee', unitCategory: 'township', canApprove: true });
    townId = town.id;
  });

  it('imports the organisation tree from 示例乡党组织.xlsx', async () => {
    shotOnFailure('orgs');
    const p = b.page;
    await p.getByTestId('nav-import').click();
    await p.getByTestId('import-form').waitFor();
    await p.getByTestId('import-files').setInputFiles(ORG_FILE);
    await p.getByTestId('import-under').selectOption(townId);
    await p.getByTestId('import-kind').selectOption('orgs');
    await p.getByTestId('import-start').click();
    await p.getByTestId('import-preview').waitFor({ timeout: 30_000 });
    expect(await text(p, 'count-total')).toBe('共6行');
    expect(await text(p, 'count-errors')).toBe('有错误0');
    expect(await text(p, 'plan-create')).toBe('新增6');
    expect(await p.getByTestId('mapping-summary').textContent()).toContain('表头在第 1 行');
    expect(await p.getByTestId('import-commit').textContent()).toBe('确认导入：导入 6 行');
    await p.getByTestId('import-commit').click();
    await expect.poll(() => text(p, 'import-result'), { timeout: 30_000 }).toContain('新增6条');
    const tree = await pageCall<{ name: string; parentId: string | null }[]>(p, 'org.tree', {});
    expect(tree.map((o) => o.name)).toEqual(expect.arrayContaining(['中共红旗村支部委员会', '新华社区第一网格1号楼党小组']));
    expect(tree).toHaveLength(8);
  });

  it('a check in progress shows its progress and can be cancelled; its late answer is dropped; nothing is written', async () => {
    shotOnFailure('cancel');
    const p = b.page;
    // Hold the preview call in the browser until the test lets it go: the progress panel stays up
    // as long as needed, and the answer comes only after the cancel.
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    let holding!: (r: Request) => void;
    const held = new Promise<Request>((r) => (holding = r));
    await p.route('**/api/call', async (route) => {
      if ((route.request().postData() ?? '').includes('"import.preview"')) {
        holding(route.request());
        await released;
      }
      await route.continue();
    });
    // Counts the preview answers the page has read (call.ts reads every answer with res.json()).
    await p.evaluate(() => {
      const w = window as unknown as { previewsRead: number; plainJson: () => Promise<unknown> };
      w.previewsRead = 0;
      w.plainJson = Response.prototype.json;
      Response.prototype.json = async function (this: Response) {
        const v = (await w.plainJson.call(this)) as { ok?: boolean; value?: { previewId?: string } };
        if (v?.ok && v.value?.previewId) w.previewsRead++;
        return v;
      };
    });
    await p.getByTestId('import-again').click();
    await p.getByTestId('import-files').setInputFiles(MEMBER_FILE);
    await p.getByTestId('import-under').selectOption(townId);
    await p.getByTestId('import-start').click();
    const request = await held;
    await p.getByTestId('import-progress').waitFor();
    await screenshot(p, 'import-progress');
    await p.getByTestId('import-cancel').click();
    expect(await p.getByTestId('import-notice').textContent()).toContain('已取消检查');
    expect(await p.getByTestId('import-progress').count()).toBe(0);
    // The abandoned answer arrives now and is read, then dropped: the form stays, no preview appears
    // (looked at after two frames, by when React has shown whatever that answer caused).
    release();
    await (await request.response())!.finished();
    await expect.poll(() => p.evaluate(() => (window as unknown as { previewsRead: number }).previewsRead), { timeout: 15_000 }).toBe(1);
    await p.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    expect(await p.getByTestId('import-preview').count()).toBe(0);
    expect(await p.getByTestId('import-form').count()).toBe(1);
    await p.evaluate(() => {
      Response.prototype.json = (window as unknown as { plainJson: () => Promise<unknown> }).plainJson;
    });
    await p.unroute('**/api/call');
    const members = await pageCall<{ total: number }>(p, 'member.list', {});
    expect(members.total).toBe(0);
  });

  it('previews 示例乡党员名册.xlsx: 60 rows and the seven planted defects where they are', async () => {
    shotOnFailure('preview');
    const p = b.page;
    await p.getByTestId('import-files').setInputFiles(MEMBER_FILE);
    await p.getByTestId('import-under').selectOption(townId);
    await p.getByTestId('import-kind').selectOption('auto');
    await p.getByTestId('import-start').click();
    await p.getByTestId('import-preview').waitFor({ timeout: 30_000 });

    expect(expected.dataRows).toBe(60);
    expect(await text(p, 'count-total')).toBe('共60行');
    expect(await text(p, 'count-valid')).toBe('可导入53');
    expect(await text(p, 'count-warnings')).toBe('有警告0');
    expect(await text(p, 'count-errors')).toBe('有错误7');
    expect(await text(p, 'plan-create')).toBe('新增53');
    expect(await text(p, 'plan-update')).toBe('更新0');
    expect(await text(p, 'plan-skip')).toBe('跳过7');
    expect(await text(p, 'plan-unchanged')).toBe('无变化0');
    expect(await p.getByTestId('mapping-summary').textContent()).toContain('表头在第 2 行，数据 60 行');
    await expect.poll(() => p.getByTestId('mapping-select-公民身份号码').inputValue()).toBe('idNumber');

    // Each planted code once, in its group and in the list with its sheet row.
    expect(await p.getByTestId('issue-row').count()).toBe(7);
    for (const d of expected.defects) {
      expect(await text(p, `issue-count-${d.code}`)).toBe('1');
      const row = p.locator(`[data-testid="issue-row"][data-code="${d.code}"]`);
      expect(await row.getAttribute('data-row')).toBe(String(d.row));
      expect(await row.locator('td').nth(2).textContent()).toBe(d.sheet);
    }
    expect(await p.locator('[data-testid="issue-row"][data-code="ORG_UNKNOWN"] td').nth(4).textContent()).toBe('所在党组织');

    // Clicking a group filters the list.
    await p.getByTestId('issue-group-DATE_ORDER').click();
    expect(await p.getByTestId('issue-row').count()).toBe(1);
    await p.getByTestId('issue-group-all').click();
    expect(await p.getByTestId('issue-row').count()).toBe(7);

    // The grid holds the seven problem rows; the CODE_UNKNOWN cell is red with the message as tooltip.
    const rowNumbers = await p.locator('[data-testid="import-grid"] .ag-row [col-id="_row"]').allTextContents();
    expect(rowNumbers.map(Number).sort((a, c) => a - c)).toEqual(expected.defects.map((d) => d.row).sort((a, c) => a - c));
    const cell = gridCell(p, 36, '民族');
    expect(await cell.textContent()).toBe('未知族');
    expect(await cell.getAttribute('class')).toContain('cell-error');
    await pageShot(p, 'import-preview');
  });

  it('fixes the unknown 民族 in place: the row becomes importable and the counts update', async () => {
    shotOnFailure('fix');
    const p = b.page;
    const cell = gridCell(p, 36, '民族');
    await cell.dblclick();
    const editor = cell.locator('input');
    await editor.fill('汉族');
    await editor.press('Enter');
    await expect.poll(() => text(p, 'count-errors'), { timeout: 15_000 }).toBe('有错误6');
    expect(await text(p, 'count-valid')).toBe('可导入54');
    expect(await text(p, 'plan-create')).toBe('新增54');
    expect(await text(p, 'plan-skip')).toBe('跳过6');
    expect(await p.getByTestId('fix-notice').textContent()).toContain('该行可以导入');
    expect(await p.getByTestId('issue-group-CODE_UNKNOWN').count()).toBe(0);
    expect(await p.getByTestId('issue-row').count()).toBe(6);
    const fixed = gridCell(p, 36, '民族');
    expect(await fixed.textContent()).toBe('汉族');
    expect(await fixed.getAttribute('class')).not.toContain('cell-error');
    expect(await p.getByTestId('import-commit').textContent()).toBe('确认导入：导入 54 行，跳过 6 行有错误的行');

    // The rejection report for the township: the six rows still in error.
    const [download] = await Promise.all([p.waitForEvent('download'), p.getByTestId('import-report').click()]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    await pageShot(p, 'import-preview-fixed');
  });

  it('commits 54 rows, skips 6; the members page shows 54 members', async () => {
    shotOnFailure('commit');
    const p = b.page;
    await p.getByTestId('import-commit').click();
    await expect.poll(() => text(p, 'import-result'), { timeout: 30_000 }).toBe('党员导入完成：新增54条，更新0条，无变化0条，跳过6行。');
    await pageShot(p, 'import-committed');

    await p.getByTestId('import-show-batches').click();
    await expect.poll(() => p.getByTestId('batch-row').count()).toBe(2);
    expect(await p.getByTestId('batch-row').first().textContent()).toContain('示例乡党员名册.xlsx');

    await p.getByTestId('nav-members').click();
    await expect.poll(() => p.getByTestId('members-count').textContent(), { timeout: 15_000 }).toBe('共 54 人');
    const names = await pageCall<{ total: number; rows: { name: string; ethnicity: string }[] }>(p, 'member.list', { filter: { name: '韩国梅' } });
    expect(names.total).toBe(1);
    expect(names.rows[0]!.ethnicity).toBe('01');
    const [download] = await Promise.all([p.waitForEvent('download'), p.getByTestId('members-export').click()]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    await expect.poll(() => p.getByTestId('members-saved').textContent(), { timeout: 15_000 }).toContain('已导出 54 名党员');
    await screenshot(p, 'members-after-import');
  });

  it('模板与导出 gives a template and a roster of the township', async () => {
    shotOnFailure('exports');
    const p = b.page;
    await p.getByTestId('nav-exports').click();
    await p.getByTestId('export-under').selectOption(townId);
    const [template] = await Promise.all([p.waitForEvent('download'), p.getByTestId('template-members').click()]);
    expect(template.suggestedFilename()).toMatch(/\.xlsx$/);
    await p.getByTestId('export-kind').selectOption('members');
    const [roster] = await Promise.all([p.waitForEvent('download'), p.getByTestId('export-roster').click()]);
    expect(roster.suggestedFilename()).toMatch(/\.xlsx$/);
    await expect.poll(() => p.getByTestId('export-notice').textContent(), { timeout: 15_000 }).toContain('已导出 54 行');
  });

  it('导入记录: an undo the core refuses is shown as it is; the administrator forces it', async () => {
    shotOnFailure('undo');
    const p = b.page;
    // A member of the batch edited since the import: a plain undo is refused with the name.
    const m = await pageCall<{ rows: { id: string; updatedAt: string }[] }>(p, 'member.list', { filter: { name: '韩国梅' } });
    await pageCall(p, 'member.update', { id: m.rows[0]!.id, patch: { phone: '13900000000' } });
    await p.getByTestId('nav-import').click();
    await p.getByTestId('tab-batches').click();
    const memberBatch = p.getByTestId('batch-row').first();
    // Who committed it, and 撤销 where the core allows it (an administrator: every batch here).
    expect(await memberBatch.getByTestId('batch-user').textContent()).toBe('王芳（admin）');
    expect(await p.getByTestId('batch-undo').count()).toBe(await p.getByTestId('batch-row').count());
    await memberBatch.getByTestId('batch-undo').click();
    await p.getByTestId('undo-confirm').click();
    await expect.poll(() => p.getByTestId('undo-error').textContent(), { timeout: 15_000 }).toContain('韩国梅');
    await p.getByTestId('undo-force').click();
    await expect.poll(() => p.getByTestId('batches-notice').textContent(), { timeout: 30_000 }).toContain('已强制撤销');
    await expect.poll(() => p.getByTestId('batch-row').first().getAttribute('data-status')).toBe('undone');
    expect(await p.getByTestId('batch-row').first().getByTestId('batch-undo').count()).toBe(0);
    await screenshot(p, 'import-batches');
    await p.getByTestId('nav-members').click();
    await expect.poll(() => p.getByTestId('members-count').textContent(), { timeout: 15_000 }).toBe('共 0 人');
  });

  it('no request left 127.0.0.1', () => {
    expect(b.offHost).toEqual([]);
  });
});

/** The grid cell of a sheet row (the pinned 行 column) and a column header. */
function gridCell(p: Page, sheetRow: number, header: string) {
  const row = p.locator('[data-testid="import-grid"] .ag-row').filter({ has: p.locator(`[col-id="_row"]:text-is("${sheetRow}")`) });
  return row.locator(`[col-id="${header}"]`);
}

/** The import pages scroll inside the frame: grow the window to the content for a whole-page shot. */
async function pageShot(p: Page, name: string) {
  const size = p.viewportSize()!;
  const height = await p.evaluate(() => {
    const el = document.querySelector('.page-scroll');
    return el ? el.scrollHeight + 120 : document.body.scrollHeight;
  });
  await p.setViewportSize({ width: size.width, height: Math.max(size.height, Math.min(height, 6000)) });
  await screenshot(p, name);
  await p.setViewportSize(size);
}
