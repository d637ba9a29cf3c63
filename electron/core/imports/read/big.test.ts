import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeBigRoster } from '../../../../test/fixtures/import/make-messy.js';
import { readFiles } from './read-files.js';

// A 1,000,000-row roster (5 columns), written with exceljs's streaming WorkbookWriter. Slow-ish on
// purpose (about a minute on 2 cores); READ_BIG=0 skips it. How fast a read is belongs to the
// bench (npm run bench: import, readPeak), not here.
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

  it('reads every row, numbered as Excel shows them', async () => {
    let last = 0;
    const r = await readFiles([{ name: '百万行.xlsx', path: file }], { onProgress: (d) => (last = d) });
    expect(r.issues).toEqual([]);
    const t = r.tables[0]!;
    expect(t.headerRow).toBe(2);
    expect(t.rows).toHaveLength(ROWS);
    expect(t.rows[0]!.rowNumber).toBe(3);
    expect(t.rows.at(-1)!.rowNumber).toBe(ROWS + 2);
    expect(last).toBe(ROWS + 2);
  }, 600_000);

  it('a lower row cap stops early with TOO_MANY_ROWS', async () => {
    let last = 0;
    const r = await readFiles([{ name: '百万行.xlsx', path: file }], { limits: { maxRows: 100_000 }, onProgress: (d) => (last = d) });
    expect(r.tables).toEqual([]);
    expect(r.issues).toMatchObject([{ code: 'TOO_MANY_ROWS', severity: 'error', file: '百万行.xlsx', sheet: '党员' }]);
    expect(r.issues[0]!.message).toContain('已读取 100001 行');
    // Stopped at the cap, not after reading the million: no row past it was ever counted.
    expect(last).toBe(100_001);
  }, 600_000);
});
