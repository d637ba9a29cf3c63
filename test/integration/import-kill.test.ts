/**
 * All-or-nothing writes under a kill, at named points instead of guessed moments: for every fault
 * point of import.commit, import.undo and a member edit (FAULT_POINTS by prefix, so a new point is
 * run without touching this file), the real action runs as a child process with LEDGER_FAULT naming
 * the point; it must die by SIGKILL right there (the point's marker on stderr), the ledger must
 * pass `ledger check` with every count as before and no audit row of the killed call, and the same
 * action must then run to completion.
 */
import { spawn, spawnSync } from 'node:child_process';
import { request } from 'node:http';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAULT_MARKER, FAULT_POINTS } from '../../electron/core/util/fault.js';
import { Keyring, keyringPathFor } from '../../electron/core/keyring/keyring.js';
import { openSqlite } from '../../electron/core/db/open.js';
import { makeIdNumber } from '../../shared/domain/idcard.js';
import { CLI } from '../helpers/cli.js';
import { tempDir } from '../helpers/ledger.js';

const PASSWORD = 'kill-test-pass-2024';
/** More than one slice of the commit (256 rows), so 'import.commit.afterSlice' falls mid-way. */
const ROWS = 600;

const pointsOf = (prefix: string) => FAULT_POINTS.filter((p) => p.startsWith(prefix));

interface Ran {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function cli(args: string[], fault?: string): Ran {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    encoding: 'utf8',
    timeout: 120_000,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LEDGER_PASSWORD: PASSWORD, ...(fault ? { LEDGER_FAULT: fault } : {}) },
  });
  return { code: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

/** Killed by SIGKILL at exactly this point: not earlier (the marker), not never (the signal). */
function expectKilledAt(r: { signal: NodeJS.Signals | null; stderr: string }, point: string): void {
  expect(r.stderr, r.stderr).toContain(`${FAULT_MARKER}${point}\n`);
  expect(r.signal, r.stderr).toBe('SIGKILL');
}

/** 党员 rows under the root: `from`…`to - 1`, each with 入党 and 转正 dates (two events a member). */
function roster(file: string, from: number, to: number, rename: (i: number) => string = (i) => `党员${i}`): string {
  const lines = ['\uFEFF姓名,性别,公民身份号码,所在党组织,人员类别,入党日期,转正日期'];
  for (let i = from; i < to; i++) {
    const year = 1950 + (i % 50);
    const birth = `${year}-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`;
    const id = makeIdNumber(String(650000 + Math.floor(i / 1000)).padStart(6, '0'), birth, i % 1000);
    lines.push(`${rename(i)},${(i % 1000) % 2 === 1 ? '男' : '女'},${id},中共测试县委员会,正式党员,${year + 25}-07-01,${year + 26}-07-01`);
  }
  writeFileSync(file, lines.join('\r\n') + '\r\n');
  return file;
}

describe('killed at every fault point of an import commit, an undo and a member edit, the ledger stays as it was', () => {
  const tmp = tempDir('ledger-kill-');
  const db = join(tmp.dir, 'kill.ledger');
  let keyHex = '';
  afterAll(() => tmp.cleanup());

  beforeAll(() => {
    const init = cli(['init', '--db', db, '--unit', '测试县委组织部', '--root', '中共测试县委员会']);
    expect(init.code, init.stderr).toBe(0);
    keyHex = Keyring.load(keyringPathFor(db)).unlockWithPassword('admin', PASSWORD)!.toString('hex');
  });

  /**
   * `ledger check` (integrity, foreign keys, counts) plus, read from the file, the audit rows of the
   * calls killed here and one member's row. The audit_log count is compared through the former:
   * logins and other host events may add rows of their own.
   */
  function state(memberIdNumber?: string) {
    const r = cli(['check', '--db', db, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const check = JSON.parse(r.stdout) as { integrity: string; foreignKeyViolations: number; counts: Record<string, number> };
    expect(check.integrity).toBe('ok');
    expect(check.foreignKeyViolations).toBe(0);
    const { audit_log: _audit, ...counts } = check.counts;
    const sqlite = openSqlite(db, keyHex, { create: false });
    try {
      const audit = Object.fromEntries(
        (sqlite.prepare(`SELECT method, count(*) AS n FROM audit_log WHERE method IN ('import.commit', 'import.undo', 'member.update') GROUP BY method`).all() as { method: string; n: number }[]).map((a) => [a.method, a.n]),
      );
      const member = memberIdNumber ? sqlite.prepare('SELECT name, phone, updated_at AS updatedAt FROM members WHERE id_number = ?').get(memberIdNumber) : null;
      return { counts, audit, member };
    } finally {
      sqlite.close();
    }
  }

  describe('ledger import --commit', () => {
    let file = '';
    let before: ReturnType<typeof state>;
    beforeAll(() => {
      file = roster(join(tmp.dir, 'roster.csv'), 0, ROWS);
      before = state();
    });

    it.each(pointsOf('import.commit.'))('killed at %s: nothing of the batch is left', (point) => {
      expectKilledAt(cli(['import', '--db', db, '--commit', '--json', file], point), point);
      expect(state()).toEqual(before);
    });

    it('left alone, the same commit writes every row', () => {
      const r = cli(['import', '--db', db, '--commit', '--json', file]);
      expect(r.code, r.stderr).toBe(0);
      expect((JSON.parse(r.stdout) as { committed: { created: number } }).committed.created).toBe(ROWS);
      const after = state();
      expect(after.counts.members).toBe(before.counts.members! + ROWS);
      expect(after.counts.member_events).toBe(before.counts.member_events! + 2 * ROWS);
      // One audit row for the batch: the members it created have none each.
      expect(after.audit['import.commit']).toBe((before.audit['import.commit'] ?? 0) + 1);
    });
  });

  describe('ledger undo-import', () => {
    let batchId = '';
    let before: ReturnType<typeof state>;
    beforeAll(() => {
      // A batch that updates 100 members of the first and creates 300 more: undo restores and deletes.
      const file = roster(join(tmp.dir, 'second.csv'), ROWS - 100, ROWS + 300, (i) => (i < ROWS ? `党员${i}改` : `党员${i}`));
      const r = cli(['import', '--db', db, '--commit', '--json', file]);
      expect(r.code, r.stderr).toBe(0);
      const committed = (JSON.parse(r.stdout) as { committed: { batchId: string; created: number; updated: number } }).committed;
      expect(committed).toMatchObject({ created: 300, updated: 100 });
      batchId = committed.batchId;
      before = state();
    });

    it.each(pointsOf('import.undo.'))('killed at %s: the batch is still there, whole', (point) => {
      expectKilledAt(cli(['undo-import', '--db', db, '--batch', batchId], point), point);
      expect(state()).toEqual(before);
    });

    it('left alone, the same undo deletes what the batch created and restores what it updated', () => {
      const r = cli(['undo-import', '--db', db, '--batch', batchId, '--json']);
      expect(r.code, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject({ ok: true, deleted: 900, restored: 100 });
      const after = state();
      expect(after.counts.members).toBe(before.counts.members! - 300);
      expect(after.counts.member_events).toBe(before.counts.member_events! - 600);
    });
  });

  describe('a member edit through ledger serve', () => {
    // A member of the first batch, as the roster writes it (row 0).
    const idNumber = makeIdNumber('650000', '1950-01-01', 0);
    let before: ReturnType<typeof state>;
    beforeAll(() => {
      before = state(idNumber);
    });

    /** `ledger serve` with an admin session: the one-time token swapped for the cookie, then a login. */
    async function served(fault?: string) {
      const proc = spawn(process.execPath, [CLI, 'serve', '--db', db], {
        env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...(fault ? { LEDGER_FAULT: fault } : {}) },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      proc.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      const exited = new Promise<{ signal: NodeJS.Signals | null; stderr: string }>((res) => proc.on('exit', (_code, signal) => res({ signal, stderr })));
      const url = new URL(await new Promise<string>((res, rej) => {
        proc.stdout.once('data', (d: Buffer) => res(d.toString().trim()));
        void exited.then(() => rej(new Error(`serve ended before printing its URL: ${stderr}`)));
      }));
      const port = Number(url.port);
      const http = (path: string, body?: unknown, cookie = '') =>
        new Promise<{ status: number; cookie: string; body: string }>((res, rej) => {
          const req = request({ host: '127.0.0.1', port, path, method: body ? 'POST' : 'GET', headers: { Host: `127.0.0.1:${port}`, 'content-type': 'application/json', ...(cookie ? { Cookie: cookie } : {}) } }, (r) => {
            let text = '';
            r.on('data', (c: Buffer) => (text += c.toString()));
            r.on('end', () => res({ status: r.statusCode ?? 0, cookie: String(r.headers['set-cookie'] ?? '').split(';')[0]!, body: text }));
          });
          req.on('error', rej);
          req.end(body ? JSON.stringify(body) : undefined);
        });
      const cookie = (await http(url.pathname + url.search)).cookie;
      const call = async (method: string, input: unknown) => JSON.parse((await http('/api/call', { method, input }, cookie)).body) as { ok: boolean; value?: any };
      expect((await call('app.login', { username: 'admin', password: PASSWORD })).ok).toBe(true);
      const stop = async () => {
        if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGTERM');
        await exited;
      };
      return { call, exited, stop };
    }

    it.each(pointsOf('edit.'))('killed at %s: the member and the audit log are as before', async (point) => {
      const s = await served(point);
      try {
        const id = ((await s.call('member.list', { filter: { idNumber } })).value as { rows: { id: string }[] }).rows[0]!.id;
        // The server dies inside the call: the request fails instead of answering.
        await expect(s.call('member.update', { id, patch: { phone: '13900000000' } })).rejects.toThrow();
        expectKilledAt(await s.exited, point);
      } finally {
        await s.stop();
      }
      expect(state(idNumber)).toEqual(before);
    });

    it('left alone, the same edit is written and audited', async () => {
      const s = await served();
      try {
        const id = ((await s.call('member.list', { filter: { idNumber } })).value as { rows: { id: string }[] }).rows[0]!.id;
        expect(await s.call('member.update', { id, patch: { phone: '13900000000' } })).toMatchObject({ ok: true, value: { phone: '13900000000' } });
      } finally {
        await s.stop();
      }
      const after = state(idNumber);
      expect(after.member).toMatchObject({ phone: '13900000000' });
      expect(after.audit['member.update']).toBe((before.audit['member.update'] ?? 0) + 1);
      expect(after.counts).toEqual(before.counts);
    });
  });
});
