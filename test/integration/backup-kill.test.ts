import { mkdirSync, mkdtempSync, readdirSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAULT_POINTS } from '../../electron/core/util/fault.js';
import { ledger } from '../helpers/cli.js';
import { tempDir } from '../helpers/ledger.js';
import { serve } from '../e2e/harness.js';

const PW = 'kill-test-pass-2024';
const ENV = { LEDGER_PASSWORD: PW };
const POINTS = FAULT_POINTS.filter((p) => p.startsWith('backup.'));

/** Only the last point comes after the copy's rename: a kill before it leaves no pair at all. */
const committedAt = (point: string) => point === 'backup.afterCommit';

/** What a folder holds once leftovers are gone: complete pairs only. */
function pairsOnly(dir: string): string[] {
  const files = readdirSync(dir).sort();
  for (const f of files) {
    expect(f, `leftover in ${dir}`).toMatch(/\.ledger(\.keyring)?$/);
    expect(files, `pair of ${f}`).toContain(f.endsWith('.keyring') ? f.slice(0, -'.keyring'.length) : `${f}.keyring`);
  }
  return files;
}

/** One contract call through `ledger serve` as a page would make it (cookie from the one-time token). */
function post(port: number, cookie: string, method: string, input: unknown): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path: '/api/call', method: 'POST', headers: { Host: `127.0.0.1:${port}`, Cookie: cookie, 'content-type': 'application/json' } },
      (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve(JSON.parse(body)));
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify({ method, input }));
  });
}

function cookieFor(url: string): Promise<string> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    request({ host: '127.0.0.1', port: u.port, path: u.pathname + u.search, headers: { Host: u.host } }, (res) => {
      res.resume();
      resolve(String(res.headers['set-cookie']).split(';')[0]!);
    })
      .on('error', reject)
      .end();
  });
}

describe('a backup killed at every step leaves nothing listed, and its leftovers go at the next backup or open', () => {
  const tmp = tempDir('ledger-backup-kill-');
  const db = join(tmp.dir, 'county.ledger');
  afterAll(() => tmp.cleanup());

  beforeAll(() => {
    expect(ledger(['init', '--db', db, '--unit', '测试县委组织部'], ENV).code).toBe(0);
  });

  it.each(POINTS)('ledger backup --out, killed at %s: the next backup to another name in the folder clears it', (point) => {
    const dir = mkdtempSync(join(tmp.dir, 'usb-'));
    const killed = ledger(['backup', '--db', db, '--out', join(dir, 'copy.ledger')], { ...ENV, LEDGER_FAULT: point });
    expect(killed.signal, killed.stderr).toBe('SIGKILL');
    const left = readdirSync(dir);
    if (!committedAt(point)) {
      expect(left).not.toContain('copy.ledger');
      expect(left.some((f) => f.endsWith('-partial'))).toBe(true);
    }

    const next = ledger(['backup', '--db', db, '--out', join(dir, 'other.ledger'), '--json'], ENV);
    expect(next.code, next.stderr).toBe(0);
    expect(JSON.parse(next.stdout)).toMatchObject({ ok: true, verified: { ok: true, integrity: 'ok' }, keyring: join(dir, 'other.ledger.keyring') });
    expect(pairsOnly(dir)).toEqual(committedAt(point) ? ['copy.ledger', 'copy.ledger.keyring', 'other.ledger', 'other.ledger.keyring'] : ['other.ledger', 'other.ledger.keyring']);
    if (committedAt(point)) {
      // A pair that made it is whole: it opens like a ledger, with a user's password.
      const c = ledger(['check', '--db', join(dir, 'copy.ledger'), '--json'], ENV);
      expect(c.code, c.stderr).toBe(0);
      expect(JSON.parse(c.stdout)).toMatchObject({ ok: true, integrity: 'ok' });
    }
  }, 120_000);

  it.each(POINTS)('立即备份 (the rotating set) through ledger serve, killed at %s: the next open clears the set', async (point) => {
    const served = await serve(db, { ...ENV, LEDGER_FAULT: point });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => served.proc.once('exit', (_code, signal) => resolve(signal)));
    const cookie = await cookieFor(served.url);
    const port = Number(new URL(served.url).port);
    expect(await post(port, cookie, 'app.login', { username: 'admin', password: PW })).toMatchObject({ ok: true });
    await expect(post(port, cookie, 'backup.create', {})).rejects.toThrow();
    expect(await exited).toBe('SIGKILL');

    const set = `${db}.backups`;
    mkdirSync(set, { recursive: true });
    const before = readdirSync(set);
    if (!committedAt(point)) expect(before.some((f) => f.endsWith('-partial'))).toBe(true);
    expect(ledger(['check', '--db', db], ENV).code).toBe(0);
    pairsOnly(set);
  }, 120_000);
});
