import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';

/** The built `ledger` (npm run build). */
export const CLI = join(import.meta.dirname, '../../dist-node/cli.mjs');

export interface CliResult {
  code: number | null;
  /** Set when the process was killed (SIGKILL at a fault point). */
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs the built `ledger` as a real process, with only the variables given (no inherited password). */
export function ledger(args: string[], env: Record<string, string> = {}, timeout = 120_000): CliResult {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    encoding: 'utf8',
    timeout,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
  });
  return { code: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

/** The same, without blocking: for several `ledger` processes running at once. */
export function ledgerAsync(args: string[], env: Record<string, string> = {}): Promise<CliResult & { signal: NodeJS.Signals | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.once('error', reject);
    child.once('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}
