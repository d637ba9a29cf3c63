/**
 * The child side of read-child.ts: reads each file of the job with readFiles, one at a time, and
 * prints a JSON line before (so the parent can arm its deadline) and after each (what came out,
 * and the peak memory the read added). Files are read from their path; with `alternate`, odd
 * ones from bytes in memory, so both sources are exercised.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { readFiles } from '../../electron/core/imports/read/index.js';
import type { ReadChildJob, ReadChildLine } from './read-child.js';

const job = JSON.parse(readFileSync(process.env.READ_CHILD_JOB!, 'utf8')) as ReadChildJob;
const say = (line: ReadChildLine): void => void process.stdout.write(JSON.stringify(line) + '\n');

const statusKB = (key: string): number => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? NaN);
/** Resets VmHWM to the current RSS (Linux ≥ 4.0); false where that is not possible. */
function resetPeak(): boolean {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
}
const gc = (globalThis as { gc?: () => void }).gc;

// Warm up (modules, code tables) so the first file's figure is its own.
await readFiles([{ name: 'warm.csv', bytes: Buffer.from('姓名,性别\n张三,男\n') }]);

for (let i = job.from; i < job.files.length; i++) {
  const f = job.files[i]!;
  say({ i, started: true });
  gc?.();
  const measured = job.measure === true && resetPeak();
  const baseKB = statusKB('VmRSS');
  try {
    const input = !job.alternate || i % 2 === 0 ? { name: f.name, path: f.path } : { name: f.name, bytes: readFileSync(f.path) };
    const r = await readFiles([input], { limits: job.limits });
    const peakKB = measured ? statusKB('VmHWM') : NaN;
    say({
      i,
      rows: r.tables.map((t) => t.rows.length),
      issues: r.issues.map((x) => x.code),
      namesFile: r.issues.every((x) => x.file === f.name && x.message.includes(f.name)),
      ...(measured ? { addedPeakMB: Math.round((peakKB - baseKB) / 102.4) / 10 } : {}),
    });
  } catch (err) {
    say({ i, exception: err instanceof Error ? (err.stack ?? err.message) : String(err) });
  }
}
