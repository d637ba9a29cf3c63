/**
 * When each session last made a call and whether one is running: the host's idle expiry reads it.
 * A session in the middle of a call (a long import) is never idle; its clock restarts when it ends.
 */
export class SessionActivity {
  private readonly lastSeen = new Map<string, number>();
  private readonly running = new Map<string, number>();

  constructor(private readonly now: () => number) {}

  touch(key: string): void {
    this.lastSeen.set(key, this.now());
  }

  begin(key: string): void {
    this.running.set(key, (this.running.get(key) ?? 0) + 1);
    this.touch(key);
  }

  end(key: string): void {
    const n = (this.running.get(key) ?? 1) - 1;
    if (n > 0) this.running.set(key, n);
    else this.running.delete(key);
    this.touch(key);
  }

  isIdle(key: string, idleMs: number): boolean {
    if (this.running.has(key)) return false;
    return this.now() - (this.lastSeen.get(key) ?? this.now()) >= idleMs;
  }

  forget(key: string): void {
    this.lastSeen.delete(key);
    this.running.delete(key);
  }
}

/** Why a transport's session ended, told at its next call or status until it logs in again (bounded: keys are cookies). */
export class EndedNotices {
  private readonly notices = new Map<string, string>();

  set(key: string, notice: string): void {
    this.notices.delete(key);
    this.notices.set(key, notice);
    if (this.notices.size > 100) this.notices.delete(this.notices.keys().next().value!);
  }

  get(key: string): string | null {
    return this.notices.get(key) ?? null;
  }

  clear(key: string): void {
    this.notices.delete(key);
  }
}
