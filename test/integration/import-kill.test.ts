import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../shared/domain/idcard.js';
import { ledger } from '../helpers/cli.js';
import { tempDir } from '../helpers/ledger.js';

const CLI = join(import.meta.dirname, '../../dist-node/cli.mjs');
const ENV = { LEDGER_PASSWORD: 'kill-test-pass-2024' };
const ROWS = 12_000;

/** A big members roster (GB18030 not needed: UTF-8 with BOM) whose every row is valid. */
function bigRoster(file: string): void {
  const lines = ['\uFEFF姓名,性别,公民身份号码,所在党组织,人员类别,入党日期,转正日期'];
  for (let i = 0; i < ROWS; i++) {
    const year = 1950 + (i % 50);
    const birth = `${year}-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`;
    const id = makeIdNumber(String(650000 + Math.floor(i / 1000)).padStart(6, '0'), birth, (i % 1000));
    lines.push(`党员${i},${(i % 1000) % 2 === 1 ? '男' : '女'},${id},中共测试县委员会,正式党员,${year + 25}-07-01,${year + 26}-07-01`);
  }
  writeFileSync(file, lines.join('\r\n') + '\r\n');
}

function check(db: string) {
  const r = ledger(['check', '--db', db, '--json'], ENV);
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as { integrity: string; foreignKeyViolations: number; counts: Record<string, number> };
}

describe('a commit killed mid-way leaves the ledger exactly as before', () => {
  const tmp = tempDir('ledger-kill-');
  afterAll(() => tmp.cleanup());

  it('SIGKILL during import --commit: same counts, integrity ok, and the same import then succeeds', async () => {
    const db = join(tmp.dir, 'kill.ledger');
    expect(ledger(['init', '--db', db, '--unit', '测试县委组织部', '--root', '中共测试县委员会'], ENV).code).toBe(0);
    const roster = join(tmp.dir, 'big.csv');
    bigRoster(roster);
    const before = check(db);
    expect(before.integrity).toBe('ok');

    const child = spawn(process.execPath, [CLI, 'import', '--db', db, '--commit', roster], {
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...ENV },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((res) => child.on('exit', (code, signal) => res({ code, signal })));
    // The CLI says "正在写入" just before import.commit; kill a little after, while the transaction runs.
    await new Promise<void>((res, rej) => {
      let err = '';
      child.stderr.on('data', (d: Buffer) => {
        err += d.toString();
        if (err.includes('正在写入')) res();
      });
      void exited.then(() => rej(new Error(`the import ended before committing: ${err}`)));
    });
    await new Promise((r) => setTimeout(r, 700));
    child.kill('SIGKILL');
    const end = await exited;
    expect(end.signal).toBe('SIGKILL');
    expect(stdout).not.toContain('已导入');

    const after = check(db);
    expect(after.integrity).toBe('ok');
    expect(after.foreignKeyViolations).toBe(0);
    // Every CLI login is audited (app.login): the killed import's and this check's add one row each.
    expect(after.counts).toEqual({ ...before.counts, audit_log: before.counts.audit_log! + 2 });

    // Not a fluke of timing: left alone, the same commit writes every row.
    const full = ledger(['import', '--db', db, '--commit', '--json', roster], ENV, 600_000);
    expect(full.code).toBe(0);
    const out = JSON.parse(full.stdout) as { committed: { created: number } };
    expect(out.committed.created).toBe(ROWS);
  }, 600_000);
});
