// `npm run bench`: figures as JSON on stdout (and in bench-results/), never as timed tests.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchMembers } from './members-bench.js';
import { benchStatistics } from './stats-bench.js';
import { benchImport, importBenchChild } from './import-bench.js';
import { benchAudit } from './audit-bench.js';
import { benchOrgs } from './org-bench.js';

// The import bench runs its measured steps in child processes of this same bundle.
if (await importBenchChild()) process.exit(0);

const here = dirname(fileURLToPath(import.meta.url));
const workerFile = join(here, 'core-worker.mjs');
// BENCH_ONLY=stats runs the statistics part alone; BENCH_ONLY=import the import part alone; BENCH_ONLY=audit the audit log;
// BENCH_ONLY=members the members pages and roster searches alone (at BENCH_SIZES); BENCH_ONLY=orgs the 组织 page.
const only = process.env.BENCH_ONLY ?? '';
const sizes = only !== '' && only !== 'members' ? [] : (process.env.BENCH_SIZES ?? '25000,250000').split(',').map(Number);
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
    statistics: only === '' || only === 'stats' ? await benchStatistics(dir, Number(process.env.STATS_BENCH_MEMBERS ?? 250_000)) : null,
    import: importRows > 0 && (only === '' || only === 'import') ? await benchImport(dir, workerFile, importRows) : null,
    orgs: only === '' || only === 'orgs' ? await benchOrgs(dir, Number(process.env.ORG_BENCH_MEMBERS ?? 250_000), workerFile) : null,
    audit: only === '' || only === 'audit' ? await benchAudit(dir, Number(process.env.AUDIT_BENCH_MEMBERS ?? 250_000), Number(process.env.AUDIT_BENCH_ROWS ?? 1_000_000)) : null,
  };
  const json = JSON.stringify(report, null, 2);
  mkdirSync('bench-results', { recursive: true });
  writeFileSync(join('bench-results', 'bench.json'), json + '\n');
  process.stdout.write(json + '\n');
} finally {
  rmSync(dir, { recursive: true, force: true });
}
