import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeBigRoster } from '../../../../test/fixtures/import/make-messy.js';
import { readFiles } from './read-files.js';

// A 1,000,000-row roster (5 columns), written with exceljs's streaming WorkbookWriter. Slow-ish on
// purpose (about a minute on 2 cores); READ_BIG=0 skips it.
const ROWS = 1_000_000;
const skip = process.env.READ_BIG === '0';
let dir: string;
let file: string;

describe.skipIf(skip)('1,000,000-row xlsx', () => {
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'read-big-'));
    file = join(dir, '百万行.xlsx');
    await writeBigRoster(file, ROWS, 5);
  }, 600_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads within bounded time, every row numbered', async () => {
    const t0 = performance.now();
    let last = 0;
    const r = await readFiles([{ name: '百万行.xlsx', path: file }], { onProgress: (d) => (last = d) });
    const secs = (performance.now() - t0) / 1000;
    console.log(`1M rows: ${secs.toFixed(1)} s, file ${(statSync(file).size / 1048576).toFixed(1)} MB, maxRSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`);
    expect(r.issues).toEqual([]);
    const t = r.tables[0]!;
    expect(t.headerRow).toBe(2);
    expect(t.rows).toHaveLength(ROWS);
    expect(t.rows[0]!.rowNumber).toBe(3);
    expect(t.rows.at(-1)!.rowNumber).toBe(ROWS + 2);
    expect(last).toBe(ROWS + 2);
    expect(secs).toBeLessThan(300);
  }, 600_000);

  it('a lower row cap stops early with TOO_MANY_ROWS', async () => {
    const t0 = performance.now();
    const r = await readFiles([{ name: '百万行.xlsx', path: file }], { limits: { maxRows: 100_000 } });
    expect(r.tables).toEqual([]);
    expect(r.issues).toMatchObject([{ code: 'TOO_MANY_ROWS', severity: 'error', file: '百万行.xlsx', sheet: '党员' }]);
    expect(r.issues[0]!.message).toContain('已读取 100001 行');
    // Stopping at the cap, not reading the million.
    expect(performance.now() - t0).toBeLessThan(60_000);
  }, 600_000);
});
