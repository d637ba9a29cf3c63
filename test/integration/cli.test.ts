import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ledger } from '../helpers/cli.js';
import { tempDir } from '../helpers/ledger.js';

const PW = { LEDGER_PASSWORD: 'cli-pass-2024' };

describe('ledger CLI as a process (CLI.md exit codes and messages)', () => {
  const tmp = tempDir();
  const db = join(tmp.dir, 'cli.ledger');
  let recoveryCode = '';
  afterAll(() => tmp.cleanup());

  it('init creates the ledger and prints the recovery code once', () => {
    const r = ledger(['init', '--db', db, '--unit', '示例县委组织部'], PW);
    expect(r.code).toBe(0);
    recoveryCode = r.stdout.trim();
    expect(recoveryCode).toMatch(/^[0-9A-Z]{5}(-[0-9A-Z]{5}){4}$/);
    expect(r.stderr).toContain('恢复码只显示这一次');
  });

  it('init again is refused with exit 1', () => {
    const r = ledger(['init', '--db', db, '--unit', '示例县委组织部'], PW);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^错误：台账已存在/);
  });

  it('check --json reports integrity, schema version and keyring slots', () => {
    const r = ledger(['check', '--db', db, '--json'], PW);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as { ok: boolean; integrity: string; schemaVersion: number; cipher: string; keyringSlots: { kind: string }[] };
    expect(j).toMatchObject({ ok: true, integrity: 'ok', cipher: 'sqlcipher' });
    expect(j.schemaVersion).toBeGreaterThan(0);
    expect(j.keyringSlots.map((s) => s.kind).sort()).toEqual(['recovery', 'user']);
  });

  it('a wrong password exits 1 with one Chinese line, and a JSON error with --json', () => {
    const r = ledger(['check', '--db', db, '--json'], { LEDGER_PASSWORD: 'not-the-password-1' });
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('用户名或密码错误');
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: false, error: { code: 'AUTH_FAILED' } });
  });

  it('wrong usage exits 2: no password, unknown command, unknown flag, missing --db', () => {
    expect(ledger(['check', '--db', db]).code).toBe(2);
    expect(ledger(['check', '--db', db]).stderr).toContain('LEDGER_PASSWORD');
    expect(ledger(['frobnicate', '--db', db], PW).code).toBe(2);
    expect(ledger(['check', '--db', db, '--nonsense'], PW).code).toBe(2);
    expect(ledger(['check'], PW).stderr).toContain('缺少参数 --db');
  });

  it('backup writes an encrypted copy; restore takes it back and refuses a broken file', () => {
    const copy = join(tmp.dir, 'copy.ledger');
    const b = ledger(['backup', '--db', db, '--out', copy], PW);
    expect(b.code).toBe(0);
    expect(b.stdout).toContain('已备份到');
    const junk = join(tmp.dir, 'junk.ledger');
    writeFileSync(junk, 'not a database at all');
    const bad = ledger(['restore', '--from', junk, '--db', db], PW);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('未做任何恢复');
    const ok = ledger(['restore', '--from', copy, '--db', db], PW);
    expect(ok.code).toBe(0);
    expect(ledger(['check', '--db', db], PW).code).toBe(0);
  });

  it('the recovery code with a new password unlocks and replaces the old password', () => {
    const r = ledger(['check', '--db', db], { LEDGER_RECOVERY_CODE: recoveryCode, LEDGER_PASSWORD: 'renewed-pass-2025' });
    expect(r.code).toBe(0);
    expect(ledger(['check', '--db', db], PW).code).toBe(1);
    expect(ledger(['check', '--db', db], { LEDGER_PASSWORD: 'renewed-pass-2025' }).code).toBe(0);
  });
});
