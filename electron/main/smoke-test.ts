import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LedgerHost } from '../core/host/ledger-host.js';

/**
 * `party-ledger --smoke-test[=REPORT.json]`: for release checks on a packaged build, where
 * ELECTRON_RUN_AS_NODE is fused off. Creates a throwaway encrypted ledger in a temp folder and goes
 * through set-up, a check, a backup and a restore, so the native binding is loaded both in the core
 * worker (started from inside app.asar) and in the main process (restore verifies the copy there).
 * Prints one JSON line (and writes it to REPORT.json if given); the exit code says pass/fail.
 */
export async function runSmokeTest(workerFile: string): Promise<{ ok: boolean; report: Record<string, unknown> }> {
  const dir = mkdtempSync(join(tmpdir(), 'party-ledger-smoke-'));
  const report: Record<string, unknown> = { electron: process.versions.electron, node: process.versions.node, platform: `${process.platform}-${process.arch}`, workerFile };
  const host = new LedgerHost({ dbFile: join(dir, 'smoke.ledger'), workerFile });
  const session = 'smoke';
  try {
    const setup = await host.handle(session, 'app.setup', {
      unitName: '冒烟测试县委组织部',
      adminUsername: 'admin',
      adminDisplayName: '管理员',
      password: 'smoke-test-2024',
    });
    if (!setup.ok) throw new Error(`app.setup: ${setup.error.message}`);
    const check = await host.check(session);
    report.check = check;
    const copy = await host.backupTo(session, join(dir, 'copy.ledger'));
    report.backupBytes = copy.size;
    await host.restore(session, copy.file, { via: 'smoke' });
    // A restore ends every session: logging in again opens the restored file.
    const again = await host.handle(session, 'app.login', { username: 'admin', password: 'smoke-test-2024' });
    if (!again.ok) throw new Error(`app.login after restore: ${again.error.message}`);
    const status = await host.handle(session, 'app.status', {});
    if (!status.ok) throw new Error(`app.status: ${status.error.message}`);
    report.status = status.value;
    report.ok = true;
  } catch (err) {
    report.ok = false;
    report.error = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  } finally {
    await host.close().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
  return { ok: report.ok === true, report };
}

export function smokeTestArg(argv: readonly string[]): { report: string | null } | null {
  const a = argv.find((x) => x === '--smoke-test' || x.startsWith('--smoke-test='));
  if (!a) return null;
  return { report: a.includes('=') ? a.slice(a.indexOf('=') + 1) || null : null };
}

export function writeSmokeReport(report: Record<string, unknown>, file: string | null): void {
  const line = JSON.stringify(report);
  console.log(line);
  if (file) writeFileSync(file, line + '\n');
}
