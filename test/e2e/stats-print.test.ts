import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { openBrowser, screenshot, serve, SHOTS, type Browsing, type Served } from './harness.js';
import { tempDir } from '../helpers/ledger.js';
import { ledger } from '../helpers/cli.js';

const PW = 'stats-e2e-pass-2024';
/** PDFs and the PNG pages looked at (test-results/, not committed). */
const OUT = join(SHOTS, 'stats-print');

/** A contract call with the page's own session, as the renderer makes it. */
function pageCall<T = any>(p: Page, method: string, input: unknown): Promise<T> {
  return p.evaluate(
    async ({ method, input }) => {
      const r = await fetch('/api/call', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ method, input }) });
      const env = (await r.json()) as { ok: boolean; value?: unknown; error?: { message: string } };
      if (!env.ok) throw new Error(env.error?.message);
      return env.value;
    },
    { method, input },
  ) as Promise<T>;
}

/** pdftotext may drop or add spaces between CJK glyphs and digits. */
const squeeze = (s: string) => s.replace(/\s+/g, '');

const num = async (p: Page, testId: string): Promise<number> => Number(((await p.getByTestId(testId).locator('.stats-figure-value').textContent()) ?? '').trim());

async function waitLoaded(p: Page, domain: string): Promise<void> {
  await p.locator(`[data-testid="stats-domain-${domain}"][data-loaded="true"]`).waitFor({ timeout: 60_000 });
}

/** Prints the open preview to PDF the way Chromium's print does (print media, CSS page size). */
async function printPdf(p: Page, name: string): Promise<{ file: string; text: string; pages: number; sheets: number }> {
  const preview = p.locator('[data-testid="print-preview"][data-ready="true"]');
  await preview.waitFor({ timeout: 30_000 });
  const sheets = Number(await preview.getAttribute('data-pages'));
  mkdirSync(OUT, { recursive: true });
  const file = join(OUT, `${name}.pdf`);
  await p.emulateMedia({ media: 'print' });
  await p.pdf({ path: file, format: 'A4', preferCSSPageSize: true, printBackground: true });
  await p.emulateMedia({ media: 'screen' });
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
  // PNG pages to look at (60 dpi), replaced on every run.
  for (const f of readdirSync(OUT).filter((f) => f.startsWith(`${name}-`) && f.endsWith('.png'))) rmSync(join(OUT, f));
  execFileSync('pdftoppm', ['-png', '-r', '60', file, join(OUT, name)]);
  return { file, text, pages, sheets };
}

/**
 * 统计 in the real UI over a generated county: the 党员 dashboard's figures equal stats.compute, a
 * figure's list has as many people as the figure says, and the print view becomes an A4 PDF with
 * real text: title, unit, figures, page numbers — one PDF page per laid-out sheet.
 */
describe('statistics dashboards and printing', () => {
  const tmp = tempDir('ledger-stats-e2e-');
  let srv: Served;
  let b: Browsing;

  beforeAll(async () => {
    const db = join(tmp.dir, 'county.ledger');
    const r = ledger(['demo', '--db', db, '--members', '3000', '--json'], { LEDGER_PASSWORD: PW }, 180_000);
    expect(r.code, r.stderr).toBe(0);
    srv = await serve(db);
    b = await openBrowser();
  }, 240_000);
  afterAll(async () => {
    await b?.close();
    await srv?.stop();
    tmp.cleanup();
  });

  const shotOnFailure = (name: string) => onTestFailed(async () => void (await screenshot(b.page, `failure-stats-${name}`)));

  it('logs in and shows the 党员 dashboard with the figures stats.compute gives', async () => {
    shotOnFailure('members');
    const p = b.page;
    await p.goto(srv.url);
    await p.getByTestId('login-page').waitFor();
    await p.getByTestId('login-username').fill('admin');
    await p.getByTestId('login-password').fill(PW);
    await p.getByTestId('login-submit').click();
    await p.getByTestId('header-user').waitFor();
    await p.getByTestId('nav-stats').click();
    await p.getByTestId('stats-tab-members').click();
    await waitLoaded(p, 'members');

    const computed = await pageCall<{ members: Record<string, number>; under: { name: string } }>(p, 'stats.compute', {});
    expect(computed.members['total']).toBeGreaterThan(2500);
    expect(await num(p, 'figure-member.summary-total-total')).toBe(computed.members['total']);
    expect(await num(p, 'figure-member.summary-total-female')).toBe(computed.members['female']);
    expect(await num(p, 'figure-member.summary-total-probationary')).toBe(computed.members['probationary']);
    expect(await num(p, 'figure-member.summary-partyAge50-total')).toBe(computed.members['partyAge50']);
    // Charts are SVG (no canvas anywhere), and the 5-year trend arrives.
    await p.getByTestId('chart-member.age').locator('svg').waitFor();
    await p.getByTestId('trend-chart').locator('svg').waitFor({ timeout: 60_000 });
    expect(await p.locator('canvas').count()).toBe(0);
    await screenshot(p, 'stats-members');
  });

  it('drills into figures: the list has as many entries as the figure', async () => {
    shotOnFailure('drill');
    const p = b.page;
    const female = await num(p, 'figure-member.summary-total-female');
    await p.getByTestId('figure-member.summary-total-female').click();
    const dialog = p.getByTestId('drill-dialog');
    await expect.poll(async () => (await dialog.getByTestId('drill-total').textContent())?.trim(), { timeout: 30_000 }).toBe(String(female));
    expect(await dialog.locator('tbody tr').count()).toBe(Math.min(100, female));
    await screenshot(p, 'stats-drill');
    await dialog.getByRole('button', { name: '关闭' }).click();

    // A table cell: 31至35岁, women.
    const cell = p.getByTestId('cell-member.age-31-35-female');
    const figure = Number((await cell.textContent())?.trim());
    expect(figure).toBeGreaterThan(0);
    await cell.click();
    await expect.poll(async () => (await p.getByTestId('drill-dialog').getByTestId('drill-total').textContent())?.trim(), { timeout: 30_000 }).toBe(String(figure));
    await p.getByTestId('drill-dialog').getByRole('button', { name: '关闭' }).click();
  });

  it('prints one report to an A4 PDF with real text, header, figures and page numbers', async () => {
    shotOnFailure('print-report');
    const p = b.page;
    const unit = ((await p.getByTestId('header-unit').textContent()) ?? '').trim();
    const report = await pageCall<{ rows: { key: string; values: number[] }[]; under: { name: string } }>(p, 'stats.report', { definitionId: 'member.age' });
    await p.getByTestId('print-preview-member.age').click();
    await p.locator('[data-testid="print-preview"][data-ready="true"]').waitFor();
    await screenshot(p, 'stats-print-preview-age');
    const pdf = await printPdf(p, 'member-age');
    expect(pdf.pages).toBe(pdf.sheets);
    expect(squeeze(pdf.text)).toContain('党员年龄');
    expect(squeeze(pdf.text)).toContain(unit);
    expect(squeeze(pdf.text)).toContain(report.under.name);
    expect(squeeze(pdf.text)).toMatch(/第1页\/共\d+页/);
    expect(pdf.text).toContain('打印时间');
    const total = report.rows.find((r) => r.key === 'total')!;
    const band = report.rows.find((r) => r.key === '31-35')!;
    for (const v of [total.values[0], total.values[1], band.values[0], band.values[1]]) expect(pdf.text).toMatch(new RegExp(`(^|\\s)${v}(\\s|$)`, 'm'));
    await p.getByTestId('print-close').click();
  });

  it('prints the whole 党员 page: several pages, each with its own page number, table rows whole', async () => {
    shotOnFailure('print-page');
    const p = b.page;
    await p.getByTestId('stats-print-page').click();
    await p.locator('[data-testid="print-preview"][data-ready="true"]').waitFor();
    await screenshot(p, 'stats-print-preview-members');
    const pdf = await printPdf(p, 'members-page');
    expect(pdf.pages).toBe(pdf.sheets);
    expect(pdf.pages).toBeGreaterThan(1);
    for (let i = 1; i <= pdf.pages; i++) expect(squeeze(pdf.text)).toContain(`第${i}页/共${pdf.pages}页`);
    for (const t of ['党员统计', '党员基本情况', '党员学历', '党员工作岗位', '党员入党时间', '党员总数（各年末）']) expect(squeeze(pdf.text)).toContain(t);
    // Landscape reports come out on landscape pages.
    const sizes = execFileSync('pdfinfo', ['-f', '1', '-l', String(pdf.pages), pdf.file], { encoding: 'utf8' });
    expect(sizes).toMatch(/841\.\d+ x 59[45]\.\d+/);
    expect(sizes).toMatch(/59[45]\.\d+ x 841\.\d+/);
    await p.getByTestId('print-close').click();
  });

  it('shows every dashboard page', async () => {
    shotOnFailure('dashboards');
    const p = b.page;
    // Tall enough that a full-page screenshot shows the whole scrolled area.
    await p.setViewportSize({ width: 1400, height: 2600 });
    for (const d of ['organisations', 'change', 'development', 'reserves', 'teams', 'grids']) {
      await p.getByTestId(`stats-tab-${d}`).click();
      await waitLoaded(p, d);
      expect(await p.locator('.stats-figure').count()).toBeGreaterThan(3);
      await screenshot(p, `stats-${d}`);
      // Every page prints: one PDF page per laid-out sheet (nothing overflows onto an extra sheet).
      await p.getByTestId('stats-print-page').click();
      const pdf = await printPdf(p, `${d}-page`);
      expect(pdf.pages, d).toBe(pdf.sheets);
      expect(squeeze(pdf.text)).toContain(`第${pdf.pages}页/共${pdf.pages}页`);
      await p.getByTestId('print-close').click();
    }
    // The change identity as the page shows it.
    await p.getByTestId('stats-tab-change').click();
    await waitLoaded(p, 'change');
    const v = async (k: string) => num(p, `figure-member.change-${k}-count`);
    const suspended = Number((await p.getByTestId('cell-member.change-suspended-count').textContent())?.trim());
    expect((await v('start')) + (await v('admitted')) + (await v('transferIn')) + (await v('restored')) - (await v('expelled')) - (await v('transferOut')) - suspended - (await v('deceased'))).toBe(await v('end'));
  });
});
