import type { Page } from 'playwright-core';
import { openBrowser, serve } from '../e2e/harness.js';
import { summarise } from './stats.js';

/**
 * What a person sees: Chromium against `ledger serve` on the bench's county, from a click on a sort
 * header, a filter or Enter in the search box to the rows painted (the grid host's data-painted
 * attribute, set on the animation frame after the rows arrive). Timed inside the page.
 */
export async function benchRosterInBrowser(dbFile: string, username: string, password: string, cliFile: string) {
  const srv = await serve(dbFile, {}, cliFile);
  const b = await openBrowser();
  try {
    const p = b.page;
    await p.goto(srv.url);
    await p.getByTestId('login-username').fill(username);
    await p.getByTestId('login-password').fill(password);
    await p.getByTestId('login-submit').click();
    await p.getByTestId('nav-members').click();
    await p.locator('[data-testid="members-grid"][data-painted]').waitFor({ timeout: 120_000 });

    const sort: number[] = [];
    for (let i = 0; i < 11; i++) sort.push(await timed(p, `document.querySelector('[data-testid="members-grid"] .ag-header-cell[col-id="birthDate"] .ag-header-cell-label').click()`));
    const filter: number[] = [];
    for (let i = 0; i < 10; i++) {
      const v = i % 2 === 0 ? '2' : '';
      filter.push(await timed(p, `(() => { const s = document.querySelector('[data-testid="filter-gender"]'); Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, 'value').set.call(s, '${v}'); s.dispatchEvent(new Event('change', { bubbles: true })); })()`));
    }
    const search: number[] = [];
    const texts = ['王', 'zyx', '6523', '李明', 'wf', '张', 'ljh', '65230219', '刘', 'cxy'];
    for (const t of texts) {
      search.push(
        await timed(
          p,
          `(() => { const s = document.querySelector('[data-testid="members-search"]'); Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set.call(s, '${t}'); s.dispatchEvent(new Event('input', { bubbles: true })); s.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true })); })()`,
        ),
      );
    }
    // The first sort warms the page; the figures are of the ten after it.
    return { clickSortToPainted: summarise(sort.slice(1)), filterToPainted: summarise(filter), enterSearchToPainted: summarise(search) };
  } finally {
    await b.close();
    await srv.stop();
  }
}

/** Runs `act` in the page and waits for the next paint of rows; milliseconds in between. */
function timed(p: Page, act: string): Promise<number> {
  return p.evaluate(
    (act) =>
      new Promise<number>((resolve, reject) => {
        const host = document.querySelector('[data-testid="members-grid"]')!;
        const t0 = performance.now();
        const seen = host.getAttribute('data-painted');
        const timer = setTimeout(() => reject(new Error('no rows painted within 60 s')), 60_000);
        new MutationObserver((_, o) => {
          if (host.getAttribute('data-painted') === seen) return;
          o.disconnect();
          clearTimeout(timer);
          resolve(performance.now() - t0);
        }).observe(host, { attributes: true, attributeFilter: ['data-painted'] });
        (0, eval)(act);
      }),
    act,
  );
}
