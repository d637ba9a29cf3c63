/**
 * Runs readFiles over files in a child process with a bounded heap and a deadline per file, so a
 * hang or a blow-up fails a test instead of killing the test runner. The child is
 * read-child-main.ts bundled by esbuild (everything inside, so it runs from a temp folder). A file
 * that hangs or crashes the child is recorded as such and the next child goes on from the file
 * after it.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { build } from 'esbuild';
import type { ReadLimits } from '../../electron/core/imports/types.js';

export interface ReadChildJob {
  files: { name: string; path: string }[];
  from: number;
  limits?: Partial<ReadLimits>;
  /** Report the peak RSS each read added (Linux: VmHWM reset before each file). */
  measure?: boolean;
  /** Read odd-numbered files from bytes in memory instead of their path. */
  alternate?: boolean;
}

export type ReadChildLine =
  | { i: number; started: true }
  | { i: number; rows: number[]; issues: string[]; namesFile: boolean; addedPeakMB?: number }
  | { i: number; exception: string };

export type ReadOutcome =
  | { name: string; rows: number[]; issues: string[]; namesFile: boolean; addedPeakMB?: number }
  | { name: string; failure: 'hang' | 'crash' | 'exception'; detail: string };

let bundled: Promise<string> | null = null;
let bundleDir: string | null = null;
let jobs = 0;

/** Removes the bundle and job files (call in afterAll: test workers do not always exit normally). */
export function disposeReadChild(): void {
  if (bundleDir !== null) rmSync(bundleDir, { recursive: true, force: true });
  bundleDir = null;
  bundled = null;
}

/** The child script, bundled once per test process. */
function childScript(): Promise<string> {
  bundled ??= (async () => {
    bundleDir = mkdtempSync(join(tmpdir(), 'read-child-'));
    const out = join(bundleDir, 'read-child.mjs');
    await build({
      entryPoints: [join(import.meta.dirname, 'read-child-main.ts')],
      outfile: out,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node22',
      logLevel: 'warning',
      banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
    });
    return out;
  })();
  return bundled;
}

export interface ReadChildOptions {
  /** --max-old-space-size of the child, in MB. */
  heapMB: number;
  /** Longest a single file may take before it counts as a hang. */
  deadlineMs: number;
  limits?: Partial<ReadLimits>;
  measure?: boolean;
  alternate?: boolean;
}

/** Reads every file in children; one outcome per file, in order. */
export async function readInChild(files: ReadChildJob['files'], opts: ReadChildOptions): Promise<ReadOutcome[]> {
  const script = await childScript();
  const out: ReadOutcome[] = [];
  let from = 0;
  while (from < files.length) from = await runChild(script, { files, from, limits: opts.limits, measure: opts.measure, alternate: opts.alternate }, opts, out);
  return out;
}

/** One child from job.from on; returns where the next one starts. */
function runChild(script: string, job: ReadChildJob, opts: ReadChildOptions, out: ReadOutcome[]): Promise<number> {
  return new Promise((resolve, reject) => {
    // The job goes by file: a thousand paths would pass the limit of one environment variable.
    const jobFile = join(dirname(script), `job-${jobs++}.json`);
    writeFileSync(jobFile, JSON.stringify(job));
    const child = spawn(process.execPath, [`--max-old-space-size=${opts.heapMB}`, '--max-semi-space-size=1', '--expose-gc', script], {
      env: { ...process.env, READ_CHILD_JOB: jobFile },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let current = -1;
    let timer: NodeJS.Timeout | undefined;
    let hung = false;
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      stderr = (stderr + d.toString()).slice(-4000);
    });
    createInterface({ input: child.stdout }).on('line', (text) => {
      const line = JSON.parse(text) as ReadChildLine;
      const name = job.files[line.i]!.name;
      if ('started' in line) {
        current = line.i;
        timer = setTimeout(() => {
          hung = true;
          child.kill('SIGKILL');
        }, opts.deadlineMs);
        return;
      }
      clearTimeout(timer);
      current = -1;
      if ('exception' in line) out[line.i] = { name, failure: 'exception', detail: line.exception };
      else {
        const { i, ...result } = line;
        out[i] = { name, ...result };
      }
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (current < 0) {
        if (code !== 0) return reject(new Error(`read child exited with ${code ?? signal} between files: ${stderr}`));
        return resolve(job.files.length);
      }
      const name = job.files[current]!.name;
      out[current] = hung
        ? { name, failure: 'hang', detail: `no result within ${opts.deadlineMs} ms` }
        : { name, failure: 'crash', detail: `child ended by ${signal ?? `exit ${code}`}: ${stderr.slice(-600)}` };
      resolve(current + 1);
    });
  });
}
