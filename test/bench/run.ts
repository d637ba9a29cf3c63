// `npm run bench`: figures as JSON on stdout (and in bench-results/), never as timed tests.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchMembers } from './members-bench.js';
import { benchStatistics } from './stats-bench.js';
import { benchImport, importBenchChild } from './import-bench.js';

// The import bench runs its measured steps in child processes of this same bundle.
if (await importBenchChild()) process.exit(0);

const here = dirname(fileURLToPath(import.meta.url));
const workerFile = join(here, 'core-worker.mjs');
// BENCH_ONLY=stats runs the statistics part alone; BENCH_ONLY=import the import part alone.
const only = process.env.BENCH_ONLY ?? '';
const sizes = only === 'stats' || only === 'import' ? [] : (process.env.BENCH_SIZES ?? '25000,250000').split(',').map(Number);
const importRows = Number(process.env.BENCH_IMPORT_ROWS ?? 50_000);
const dir = mkdtempSync(join(tmpdir(), 'ledger-bench-'));
try {
  const results = [];
  for (const n of sizes) {
    process.stderr.write(`bench: ${n} members…\n`);
    results.push(await benchMembers(dir, n, workerFile));
  }
  const report = {
    at: new Date().toISOString(),
    node: process.version,
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, memoryGiB: Math.round(totalmem() / 2 ** 30) },
    foundation: results,
    statistics: only === 'import' ? null : await benchStatistics(dir, Number(process.env.STATS_BENCH_MEMBERS ?? 250_000)),
    import: importRows > 0 && only !== 'stats' ? await benchImport(dir, workerFile, importRows) : null,
  };
  const json = JSON.stringify(report, null, 2);
  mkdirSync('bench-results', { recursive: true });
  writeFileSync(join('bench-results', 'bench.json'), json + '\n');
  process.stdout.write(json + '\n');
} finally {
  rmSync(dir, { recursive: true, force: true });
}
