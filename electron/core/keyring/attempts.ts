import { existsSync, readFileSync } from 'node:fs';
import { LedgerError } from '../../../shared/contract/envelope.js';
import { writeFileAtomic } from '../util/atomic-write.js';

/**
 * Failed unlock attempts, kept in a small file beside the database (not in it: the database cannot
 * be opened without the key). The database and keyring are never touched by a failed attempt.
 */
export interface AttemptPolicy {
  /** failures before a lockout */
  maxFailures: number;
  lockoutMs: number;
  /** delay after the n-th failure: baseDelayMs * 2^(n-1), capped */
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_POLICY: AttemptPolicy = { maxFailures: 5, lockoutMs: 5 * 60_000, baseDelayMs: 500, maxDelayMs: 8_000 };

interface Entry {
  failures: number;
  lockedUntil: number | null;
}

export const attemptsPathFor = (dbFile: string): string => `${dbFile}.attempts`;

export class AttemptTracker {
  constructor(
    private readonly path: string,
    private readonly policy: AttemptPolicy = DEFAULT_POLICY,
    private readonly now: () => number = Date.now,
  ) {}

  private read(): Record<string, Entry> {
    if (!existsSync(this.path)) return {};
    try {
      return JSON.parse(readFileSync(this.path, 'utf8')) as Record<string, Entry>;
    } catch {
      return {};
    }
  }

  /** Throws LOCKED_OUT while the account (or the recovery slot) is locked. */
  assertNotLocked(who: string): void {
    const e = this.read()[who];
    if (e?.lockedUntil && e.lockedUntil > this.now()) {
      const min = Math.ceil((e.lockedUntil - this.now()) / 60_000);
      throw new LedgerError('LOCKED_OUT', `连续输错次数过多，已临时锁定，请 ${min} 分钟后再试。`, { lockedUntil: new Date(e.lockedUntil).toISOString() });
    }
  }

  /** Records a failure and returns how long the caller should wait before answering. */
  fail(who: string): { delayMs: number; failures: number; locked: boolean } {
    const all = this.read();
    const prev = all[who];
    const expired = prev?.lockedUntil != null && prev.lockedUntil <= this.now();
    const failures = (expired ? 0 : (prev?.failures ?? 0)) + 1;
    const locked = failures >= this.policy.maxFailures;
    all[who] = { failures, lockedUntil: locked ? this.now() + this.policy.lockoutMs : null };
    writeFileAtomic(this.path, JSON.stringify(all));
    const delayMs = Math.min(this.policy.baseDelayMs * 2 ** (failures - 1), this.policy.maxDelayMs);
    return { delayMs, failures, locked };
  }

  succeed(who: string): void {
    const all = this.read();
    if (!(who in all)) return;
    delete all[who];
    writeFileAtomic(this.path, JSON.stringify(all));
  }
}
