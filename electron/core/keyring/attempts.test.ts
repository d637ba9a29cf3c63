import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../../test/helpers/ledger.js';
import { UnlockGuard } from './attempts.js';
import { Keyring, keyringPathFor } from './keyring.js';
import { MAX_COUNTERS, MAX_PENDING_EVENTS } from './keyring-file.js';
import { newRecoveryCode } from './recovery-code.js';

describe('UnlockGuard on a real keyring file: bounded, and a flood of made-up names resets nobody', () => {
  const tmp = tempDir();
  const path = keyringPathFor(join(tmp.dir, 'g.ledger'));
  let clock = Date.parse('2026-03-01T08:00:00Z');
  const guard = new UnlockGuard(path, { maxFailures: 5, lockoutMs: 60_000, baseDelayMs: 1, maxDelayMs: 4 }, () => clock);
  const fail = async (name: string) => guard.failed(await guard.reserve(`user:${name}`, name), '用户名或密码错误');

  beforeAll(() => Keyring.create(path, 'admin', 'admin-pass-2024', newRecoveryCode()).keyring.save());
  afterAll(() => tmp.cleanup());

  it('keeps a real user’s count through 300 failures of other names; counters and events stay bounded', async () => {
    await fail('admin');
    await fail('admin');
    for (let i = 0; i < 300; i++) {
      clock += 1;
      await fail(`guess${i}`);
    }
    const { attempts } = Keyring.load(path);
    expect(attempts.counters['user:admin']).toMatchObject({ failures: 2, lockedUntil: null });
    expect(Object.keys(attempts.counters).length).toBeLessThanOrEqual(MAX_COUNTERS);
    expect(attempts.counters['user:guess299']).toMatchObject({ failures: 1 });
    expect(attempts.events).toHaveLength(MAX_PENDING_EVENTS);
    // 302 failures: the newest 200 kept, the 102 before them summed up, none silently lost.
    expect(attempts.overflow).toMatchObject({ count: 102 });
    expect(statSync(path).size).toBeLessThan(200_000);
    expect(readFileSync(path, 'utf8')).not.toContain('admin-pass-2024');
  });

  it('the events written to the audit log are removed, the rest stay', async () => {
    const { events, overflow } = guard.pending();
    await fail('late');
    await guard.written(new Set(events.map((e) => e.id)), overflow!.count);
    const left = Keyring.load(path).attempts;
    expect(left.events.map((e) => e.username)).toEqual(['late']);
    // 'late' pushed one already-read event into the summary: it may be audited twice, never lost.
    expect(left.overflow).toMatchObject({ count: 1 });
  });
});
