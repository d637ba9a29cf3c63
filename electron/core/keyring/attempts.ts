import { randomUUID } from 'node:crypto';
import { LedgerError } from '../../../shared/contract/envelope.js';
import { MAX_COUNTERS, MAX_PENDING_EVENTS, type AttemptsSection, type KeyringData, type PendingEvent } from './keyring-file.js';
import { readKeyringFile, updateKeyringFile } from './keyring-store.js';

/**
 * Failed unlock attempts, counted inside the keyring (deleting the counter means deleting the
 * keyring, and then nothing opens the ledger). Every attempt is counted before the slow key
 * derivation and taken back only when the secret proves right, so parallel guesses cannot outrun the
 * count, and a process that dies mid-attempt leaves it counted.
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

/** Counter of every name at once: set when the counter itself was found damaged (fail closed). */
const ALL = '*';

/** What was typed, for the audit log: a password or the recovery code. */
const via = (who: string) => (who === 'recovery' ? 'recoveryCode' : 'password');

/** Login names are bounded by the contract; stored ones are cut again so the file stays small whoever calls. */
const cutName = (s: string | null): string | null => (s === null ? null : s.slice(0, 64));

/** One counted attempt, from `reserve` until `succeeded` or `failed`. */
export interface Reservation {
  /** `user:<name>` or `recovery` */
  who: string;
  username: string | null;
  /** This attempt's number in the current run of failures (1 = the first). */
  failures: number;
}

export class UnlockGuard {
  constructor(
    private readonly keyringPath: string,
    private readonly policy: AttemptPolicy = DEFAULT_POLICY,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts the attempt; throws LOCKED_OUT (after recording the refusal) while `who` or every name is locked. */
  async reserve(who: string, username: string | null): Promise<Reservation> {
    const r = await updateKeyringFile(this.keyringPath, (d) => this.count(d, who, cutName(username)));
    if ('refused' in r) throw r.refused;
    return r;
  }

  private count(d: KeyringData, who: string, username: string | null): Reservation | { refused: LedgerError } {
    const a = d.attempts;
    const now = this.now();
    if (a.damaged) {
      delete a.damaged;
      a.counters[ALL] = { failures: 0, lockedUntil: now + this.policy.lockoutMs, lastAt: now };
      this.record(a, 'app.lockedOut', null, { reason: 'counterDamaged' });
    }
    const lock = [a.counters[ALL], a.counters[who]].find((c) => c?.lockedUntil != null && c.lockedUntil > now);
    if (lock) {
      this.record(a, 'app.loginFailed', username, { reason: 'lockedOut', via: via(who) });
      const min = Math.ceil((lock.lockedUntil! - now) / 60_000);
      const details = { lockedUntil: new Date(lock.lockedUntil!).toISOString() };
      return {
        refused:
          lock === a.counters[ALL]
            ? new LedgerError('LOCKED_OUT', `登录失败计数已损坏或无法读取，为安全起见已暂停全部登录，请 ${min} 分钟后再试；如反复出现，请检查密钥文件是否被改动。`, details)
            : new LedgerError('LOCKED_OUT', `连续输错次数过多，已临时锁定，请 ${min} 分钟后再试。`, details),
      };
    }
    const prev = a.counters[who];
    const failures = (prev && prev.lockedUntil === null ? prev.failures : 0) + 1;
    // Locked from the moment the last allowed attempt is counted, so guesses sent alongside it wait.
    a.counters[who] = { failures, lockedUntil: failures >= this.policy.maxFailures ? now + this.policy.lockoutMs : null, lastAt: now };
    boundCounters(d);
    return { who, username, failures };
  }

  /** The secret was right: the counted attempt is taken back and the run of failures ends. */
  async succeeded(r: Reservation): Promise<void> {
    await updateKeyringFile(this.keyringPath, (d) => {
      delete d.attempts.counters[r.who];
    });
  }

  /** The secret was wrong: the failure (and a lockout it caused) is kept for the audit log. */
  async failed(r: Reservation, message: string): Promise<{ delayMs: number; error: LedgerError }> {
    const locked = r.failures >= this.policy.maxFailures;
    await updateKeyringFile(this.keyringPath, (d) => {
      this.record(d.attempts, 'app.loginFailed', r.username, { reason: 'wrongSecret', via: via(r.who), failures: r.failures });
      if (locked) this.record(d.attempts, 'app.lockedOut', r.username, { via: via(r.who), failures: r.failures, minutes: Math.ceil(this.policy.lockoutMs / 60_000) });
    });
    const delayMs = Math.min(this.policy.baseDelayMs * 2 ** (r.failures - 1), this.policy.maxDelayMs);
    const error = locked
      ? new LedgerError('LOCKED_OUT', `${message}。连续输错 ${r.failures} 次，已临时锁定，请 ${Math.ceil(this.policy.lockoutMs / 60_000)} 分钟后再试。`)
      : new LedgerError('AUTH_FAILED', `${message}（已连续输错 ${r.failures} 次）`);
    return { delayMs, error };
  }

  /** Login events waiting for an unlocked core to write them to the audit log. */
  pending(): { events: PendingEvent[]; overflow: AttemptsSection['overflow'] } {
    const { events, overflow } = readKeyringFile(this.keyringPath).attempts;
    return { events, overflow };
  }

  /** Removes events once they are in the audit log (others may have been added meanwhile). */
  async written(ids: ReadonlySet<string>, overflowCount: number): Promise<void> {
    await updateKeyringFile(this.keyringPath, (d) => {
      const a = d.attempts;
      a.events = a.events.filter((e) => !ids.has(e.id));
      if (a.overflow && overflowCount > 0) a.overflow = a.overflow.count > overflowCount ? { ...a.overflow, count: a.overflow.count - overflowCount } : null;
    });
  }

  private record(a: AttemptsSection, method: string, username: string | null, detail: PendingEvent['detail']): void {
    a.events.push({ id: randomUUID(), at: new Date(this.now()).toISOString(), method, username, detail });
    // Beyond the bound the oldest are summed up (how many, from when to when), never silently lost.
    while (a.events.length > MAX_PENDING_EVENTS) {
      const old = a.events.shift()!;
      a.overflow = a.overflow ? { ...a.overflow, count: a.overflow.count + 1, lastAt: old.at } : { count: 1, firstAt: old.at, lastAt: old.at };
    }
  }
}

/**
 * Counters of names that have no slot (guessed names) are dropped oldest first beyond the bound;
 * those of real users, the recovery code and the global lock always stay, so no flood of made-up
 * names can reset a real account's count.
 */
function boundCounters(d: KeyringData): void {
  const keep = new Set([ALL, 'recovery', ...d.slots.filter((s) => s.kind === 'user').map((s) => `user:${s.username}`)]);
  const entries = Object.entries(d.attempts.counters);
  if (entries.length <= MAX_COUNTERS) return;
  const droppable = entries.filter(([k]) => !keep.has(k)).sort((x, y) => x[1].lastAt - y[1].lastAt);
  for (const [k] of droppable.slice(0, entries.length - MAX_COUNTERS)) delete d.attempts.counters[k];
}
