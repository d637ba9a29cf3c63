/**
 * 1,200 hostile files from a seeded generator (test/fixtures/import/hostile-corpus.ts: damaged and
 * forged xlsx, xls and csv, and mutations of the shared fixtures), read in a child process with a
 * bounded heap and a deadline per file: every file ends in rows or in issues that name it; none
 * hangs, blows the heap, or throws out of readFiles.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostileCorpus } from '../../../../test/fixtures/import/hostile-corpus.js';
import { FIXTURES } from '../../../../test/helpers/paths.js';
import { disposeReadChild, readInChild, type ReadOutcome } from '../../../../test/helpers/read-child.js';

const SEED = Number(process.env.CORPUS_SEED ?? 20_251_104);
const COUNT = Number(process.env.CORPUS_COUNT ?? 1_200);

describe(`hostile corpus (seed ${SEED}, ${COUNT} files)`, () => {
  let dir: string;
  const files: { name: string; path: string; family: string }[] = [];
  let results: ReadOutcome[];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'read-corpus-'));
    const base = (f: string) => readFileSync(join(FIXTURES, f));
    const bases = { xlsx: [base('示例乡党员名册.xlsx'), base('示例乡党组织.xlsx')], xls: [base('示例村级后备力量.xls')], csv: [base('示例社区网格.csv')] };
    for (const f of hostileCorpus(SEED, COUNT, bases)) {
      const path = join(dir, f.name);
      writeFileSync(path, f.bytes);
      files.push({ name: f.name, path, family: f.family });
    }
    results = await readInChild(files, { heapMB: 1024, deadlineMs: 60_000, alternate: true });
  }, 600_000);
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
    disposeReadChild();
  });

  it('no hang, no crash, no exception out of readFiles', () => {
    const failed = results.flatMap((r, i) => ('failure' in r ? [`${r.name} (${files[i]!.family}): ${r.failure} ${r.detail.slice(0, 300)}`] : []));
    expect(failed).toEqual([]);
  });

  it('every file ends in rows or in issues naming it', () => {
    const silent: string[] = [];
    const unnamed: string[] = [];
    for (const r of results) {
      if ('failure' in r) continue;
      if (r.rows.length === 0 && r.issues.length === 0) silent.push(r.name);
      if (!r.namesFile) unnamed.push(r.name);
    }
    expect(silent).toEqual([]);
    expect(unnamed).toEqual([]);
  });

  it('covers every family, and both outcomes', () => {
    const families = new Set(files.map((f) => f.family));
    expect(families.size).toBeGreaterThanOrEqual(19);
    const ok = results.filter((r) => !('failure' in r));
    expect(ok.some((r) => 'rows' in r && r.rows.length > 0)).toBe(true);
    expect(ok.some((r) => 'rows' in r && r.rows.length === 0)).toBe(true);
  });
});
