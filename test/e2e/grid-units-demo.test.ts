import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { openBrowser, screenshot, serve, type Browsing, type Served } from './harness.js';
import { pageCall } from './wizard.js';
import { ledger } from '../helpers/cli.js';
import { tempDir } from '../helpers/ledger.js';

const PW = 'grids-e2e-pass-2024';

/**
 * The 网格 page over a generated county: the tree of places and grids loads, a community opens to
 * its grids in the sheet, and the coverage views count what the statistics' grids block counts.
 */
describe('the 网格 page over a generated county', () => {
  const tmp = tempDir('ledger-grids-demo-e2e-');
  let srv: Served;
  let b: Browsing;

  beforeAll(async () => {
    const db = join(tmp.dir, 'county.ledger');
    const r = ledger(['demo', '--db', db, '--members', '3000', '--json'], { LEDGER_PASSWORD: PW }, 300_000);
    expect(r.code, r.stderr).toBe(0);
    srv = await serve(db);
    b = await openBrowser();
  }, 360_000);
  afterAll(async () => {
    await b?.close();
    await srv?.stop();
    tmp.cleanup();
  });

  it('shows the register and its coverage with the figures of stats.compute', async () => {
    onTestFailed(async () => void (await screenshot(b.page, 'failure-grids-demo')));
    const p = b.page;
    await p.goto(srv.url);
    await p.getByTestId('login-username').fill('admin');
    await p.getByTestId('login-password').fill(PW);
    await p.getByTestId('login-submit').click();
    await p.getByTestId('header-user').waitFor();
    await p.getByTestId('nav-grids').click();
    await p.getByTestId('unit-node').first().waitFor({ timeout: 60_000 });
    await screenshot(p, 'grids-demo-tree');

    const s = await pageCall<{ grids: Record<string, number> }>(p, 'stats.compute', {});
    const places = s.grids['communities']! + s.grids['villages']!;
    expect(await p.getByTestId('unit-top').locator('.org-count').textContent()).toBe(String(places));

    // A community opens to its grids in the sheet, with their 网格长 and 户数.
    const community = p.locator('[data-testid="unit-node"]', { has: p.locator('.org-kind', { hasText: /^社区$/ }) }).first();
    await community.locator('.org-name').click();
    await p.getByTestId('unit-sheet').locator('.ag-row').first().waitFor();
    await screenshot(p, 'grids-demo-sheet');

    await p.getByTestId('unit-tab-coverage').click();
    await p.locator('[data-testid="coverage"][data-loaded="true"]').waitFor({ timeout: 60_000 });
    const count = async (v: string) => Number(await p.getByTestId(`coverage-${v}-count`).textContent());
    expect(await count('grids')).toBe(s.grids['gridsWithoutOrg']);
    expect(await count('buildings')).toBe(s.grids['buildingsWithoutGroup']);
    expect(await count('places')).toBe(s.grids['communitiesWithoutOrg']! + s.grids['villagesWithoutOrg']!);
    expect(await count('places')).toBeGreaterThan(0);
    await screenshot(p, 'grids-demo-coverage');
    await p.getByTestId('coverage-registered').click();
    await screenshot(p, 'grids-demo-registered');
  }, 180_000);
});
