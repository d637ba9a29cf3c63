import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { openBrowser, screenshot, serve, type Browsing, type Served } from './harness.js';
import { completeFirstRun, pageCall } from './wizard.js';
import { tempDir } from '../helpers/ledger.js';
import { makeIdNumber } from '../../shared/domain/idcard.js';

/** The 书记后备 cell and the list of villages without one, as the board shows them. */
const secretaryCell = (p: Page, village: string) => p.locator(`[data-testid="board-village"][data-village="${village}"] [data-testid="board-secretary"]`);
const withoutList = (p: Page) => p.getByTestId('no-secretary-list').locator('li');
/** Polls with a deadline that allows for a busy machine (the default is one second). */
const poll = <T>(fn: () => Promise<T>) => expect.poll(fn, { timeout: 20_000 });

/**
 * 后备力量 in the real UI: a reserve added to a village, moved 推荐 → 考察 → 入库培养 (the age check
 * warns on the 41st birthday and the clerk records a reason), a training measure, then 进入两委
 * with date and post; the board and the villages-without-a-secretary-reserve list follow each step.
 */
describe('village reserve cadres walk', () => {
  const tmp = tempDir('ledger-reserve-e2e-');
  let srv: Served;
  let b: Browsing;
  const shotOnFailure = (name: string) => onTestFailed(async () => void (await screenshot(b.page, `failure-reserve-${name}`)));

  beforeAll(async () => {
    srv = await serve(join(tmp.dir, 'county.ledger'));
    b = await openBrowser();
  }, 60_000);
  afterAll(async () => {
    await b?.close();
    await srv?.stop();
    tmp.cleanup();
  });

  it('adds a reserve, moves it through the stages into 两委, and the board follows', async () => {
    shotOnFailure('walk');
    const p = b.page;
    await completeFirstRun(p, srv.url);
    const root = (await pageCall<{ id: string; parentId: string | null }[]>(p, 'org.tree', {})).find((o) => o.parentId === null)!;
    const town = await pageCall<{ id: string }>(p, 'org.create', { parentId: root.id, name: '中共红旗乡委员会', shortName: '红旗乡党委', kind: 'committee', unitCategory: 'township' });
    for (const v of ['东风村', '向阳村']) await pageCall(p, 'org.create', { parentId: town.id, name: `中共${v}支部委员会`, shortName: `${v}党支部`, kind: 'branch', unitCategory: 'village' });

    await p.getByTestId('nav-reserves').click();
    await p.getByTestId('reserve-board').waitFor();
    await poll(() => withoutList(p).count()).toBe(2);
    await poll(() => secretaryCell(p, '东风村党支部').textContent()).toBe('无');
    await screenshot(p, 'reserve-board-empty');

    // 推荐: born 1985-05-01, so 40 at 考察 (2026-03-01) and 41 at 入库培养 (2026-06-01).
    await p.getByTestId('reserve-create-button').click();
    const form = p.getByTestId('reserve-form');
    await form.getByTestId('reserve-form-idnumber').fill(makeIdNumber('652302', '1985-05-01', 123));
    await form.getByTestId('reserve-form-name').fill('张建国');
    await form.getByTestId('reserve-form-education').selectOption('21');
    await form.getByTestId('reserve-form-village').selectOption({ label: '中共东风村支部委员会' });
    await form.getByTestId('reserve-form-source').selectOption('01');
    await form.getByTestId('reserve-form-direction').selectOption('secretary');
    await form.getByTestId('reserve-form-date').fill('2026-01-10');
    await screenshot(p, 'reserve-create');
    await form.getByTestId('reserve-form-submit').click();

    const detail = p.getByTestId('reserve-detail');
    await poll(() => detail.getByTestId('reserve-stage').textContent()).toBe('推荐');
    const move = async (to: string, date: string, extra?: () => Promise<void>) => {
      await detail.getByTestId('reserve-move-to').selectOption({ label: to });
      await detail.getByTestId('reserve-move-date').fill(date);
      await extra?.();
      await detail.getByTestId('reserve-move-submit').click();
    };
    await move('考察', '2026-03-01');
    await poll(() => detail.getByTestId('reserve-stage').textContent()).toBe('考察');

    await move('入库培养', '2026-06-01');
    const warnings = detail.getByTestId('rule-warnings');
    await warnings.waitFor();
    expect(await warnings.textContent()).toContain('村党组织书记后备人选年龄不超过40岁');
    expect(await detail.getByTestId('reserve-stage').textContent()).toBe('考察');
    await screenshot(p, 'reserve-check-warns');
    await detail.getByTestId('rule-reason').fill('致富带头人，群众基础好，经乡党委研究放宽年龄');
    await detail.getByTestId('reserve-move-submit').click();
    await poll(() => detail.getByTestId('reserve-stage').textContent()).toBe('入库培养');
    await poll(() => detail.getByTestId('reserve-records').textContent()).toContain('经乡党委研究放宽年龄');

    await detail.getByTestId('reserve-record-kind').selectOption({ label: '培养措施' });
    await detail.getByTestId('reserve-record-date').fill('2026-07-01');
    await detail.getByTestId('reserve-record-content').fill('参加乡镇后备干部集中培训3天');
    await detail.getByTestId('reserve-record-submit').click();
    await poll(() => detail.getByTestId('reserve-records').textContent()).toContain('培养措施：参加乡镇后备干部集中培训3天');
    await screenshot(p, 'reserve-detail-pooled');
    await detail.getByRole('button', { name: '关闭' }).click();

    // In the pool for the secretary post: 东风村 leaves the list.
    await poll(() => secretaryCell(p, '东风村党支部').textContent()).toBe('1');
    await poll(() => withoutList(p).allTextContents()).toEqual(['向阳村党支部']);
    await screenshot(p, 'reserve-board-pooled');

    await p.locator('.ag-row', { hasText: '张建国' }).dblclick();
    await move('进入两委', '2026-11-01', () => detail.getByTestId('reserve-move-post').fill('村党支部委员'));
    // Still over 40 on the day: the check warns again and asks for the reason again.
    await detail.getByTestId('rule-warnings').waitFor();
    await detail.getByTestId('rule-reason').fill('经乡党委研究放宽年龄，补选为支部委员');
    await detail.getByTestId('reserve-move-submit').click();
    await poll(() => detail.getByTestId('reserve-stage').textContent()).toBe('进入两委');
    expect(await detail.getByTestId('reserve-move-form').count()).toBe(0);
    await screenshot(p, 'reserve-detail-entered');
    await detail.getByRole('button', { name: '关闭' }).click();

    // Out of the pool again: both villages lack a secretary reserve; 2026 converted 1 of 1.
    await poll(() => withoutList(p).count()).toBe(2);
    const y2026 = p.getByTestId('board-years').locator('tr[data-year="2026"] td');
    await poll(() => y2026.allTextContents()).toEqual(['2026', '1', '1', '100.0%']);
    await poll(() => p.locator('.ag-row', { hasText: '张建国' }).textContent()).toContain('进入两委 2026-11-01');
    await screenshot(p, 'reserve-board-entered');
    expect(b.offHost).toEqual([]);
  }, 120_000);
});
