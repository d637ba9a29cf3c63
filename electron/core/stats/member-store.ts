/**
 * The members_facts values of every member (migration 004: a, b, c, party_age_adjust_months, and
 * the organisation), held in typed arrays indexed by rowid, so the statistics member pass is a loop
 * in code instead of a grouped scan through SQLite (~30x faster at 250k members).
 *
 * It stays exact without any write path having to call it: before every use `sync` asks the
 * database what changed since the last use — rows above the last max(rowid) are new (SQLite gives
 * max + 1), and member_changes (migration 006, filled by triggers) names every row updated or
 * deleted. So changes by any path and by other processes on the same file are seen. The first use
 * after opening loads everything from the members_facts index (~0.3 s at 250k, ~9 MB).
 * One store per database handle: a restored or reopened ledger gets a new handle, so a new store.
 */
import type { SqliteHandle } from '../db/open.js';
import { FACT_A, FACT_B, FACT_C } from '../db/migrations/004-member-facts.js';
import { staticClass } from './member-classes.js';

const NO_ORG = -1;
/** Past this many changed rows the log starts over (passes older than it are computed afresh). */
const LOG_MAX = 20_000;

/** A member's values as the store held them (what a pass computed with). */
export interface Slot {
  org: number;
  c: number;
  adj: number;
  sid: number;
  birth: number;
  joined: number;
  conf: number;
  left: number;
}

export class MemberStore {
  /** The largest rowid loaded: arrays have at least rowMax + 1 slots. */
  rowMax = 0;
  c = new Uint32Array(0);
  adj = new Int32Array(0);
  /** The dates packed in a and b, as yyyymmdd integers (0: none), so the pass compares small integers. */
  birth = new Int32Array(0);
  joined = new Int32Array(0);
  conf = new Int32Array(0);
  left = new Int32Array(0);
  /** Index into orgIds, NO_ORG where no row has this rowid. */
  org = new Int32Array(0);
  /** Index into statics: the member's date-independent class (member-classes.ts). */
  sid = new Int32Array(0);
  readonly statics: number[] = [];
  private readonly staticIndex = new Map<number, number>();
  readonly orgIds: string[] = [];
  private readonly orgIndex = new Map<string, number>();
  private seq = -1;
  /**
   * Moves on with every sync that changed a row. The log names each row changed in epochs after
   * logStart with its values before, so a pass computed at an earlier epoch can be brought up to
   * date by taking out the old values and putting in the new (member-pass.ts).
   */
  epoch = 0;
  logStart = 0;
  log: { epoch: number; rid: number; prev: Slot | null }[] = [];

  private grow(n: number): void {
    if (n <= this.org.length) return;
    const size = Math.max(n, Math.ceil(this.org.length * 1.5), 1024);
    const more = <T extends Uint32Array | Int32Array>(old: T, make: (k: number) => T): T => {
      const x = make(size);
      x.set(old);
      return x;
    };
    this.c = more(this.c, (k) => new Uint32Array(k));
    this.adj = more(this.adj, (k) => new Int32Array(k));
    this.sid = more(this.sid, (k) => new Int32Array(k));
    this.birth = more(this.birth, (k) => new Int32Array(k));
    this.joined = more(this.joined, (k) => new Int32Array(k));
    this.conf = more(this.conf, (k) => new Int32Array(k));
    this.left = more(this.left, (k) => new Int32Array(k));
    const org = new Int32Array(size).fill(NO_ORG);
    org.set(this.org);
    this.org = org;
  }

  private orgOf(id: string): number {
    let i = this.orgIndex.get(id);
    if (i === undefined) {
      i = this.orgIds.length;
      this.orgIds.push(id);
      this.orgIndex.set(id, i);
    }
    return i;
  }

  /** The index of an organisation in orgIds (undefined: no member row ever had it). */
  orgIndexOf(id: string): number | undefined {
    return this.orgIndex.get(id);
  }

  /** A row as the statistics columns select it: rowid, org_id, a, b, c, party_age_adjust_months. */
  private put(row: unknown[]): void {
    this.set(row[0] as number, this.orgOf(row[1] as string), row[2] as number, row[3] as number, row[4] as number, row[5] as number);
  }

  private set(rid: number, org: number, a: number, b: number, c: number, adj: number): void {
    this.birth[rid] = Math.floor(a / 1e8);
    this.joined[rid] = a % 1e8;
    this.conf[rid] = Math.floor(b / 1e8);
    this.left[rid] = b % 1e8;
    this.c[rid] = c;
    this.adj[rid] = adj;
    this.org[rid] = org;
    const st = staticClass(a, c);
    let i = this.staticIndex.get(st);
    if (i === undefined) {
      i = this.statics.length;
      this.statics.push(st);
      this.staticIndex.set(st, i);
    }
    this.sid[rid] = i;
  }

  /**
   * Everything, from the members_facts covering index. The index is ordered by org_id, so the
   * organisation of each row comes from a grouped count in the same order (one read transaction)
   * instead of as a 36-character string per row.
   */
  private loadAll(sqlite: SqliteHandle, rowMax: number): void {
    sqlite.transaction(() => {
      const groups = sqlite.prepare('SELECT org_id, count(*) FROM members INDEXED BY members_facts WHERE rowid <= ? GROUP BY org_id ORDER BY org_id').raw().all(rowMax) as [string, number][];
      const rows = sqlite.prepare(`SELECT rowid, ${FACT_A}, ${FACT_B}, ${FACT_C}, party_age_adjust_months FROM members INDEXED BY members_facts WHERE rowid <= ? ORDER BY org_id`).raw().all(rowMax) as number[][];
      let at = 0;
      for (const [orgId, n] of groups) {
        const org = this.orgOf(orgId);
        for (const end = at + n; at < end; at++) {
          const r = rows[at]!;
          this.set(r[0]!, org, r[1]!, r[2]!, r[3]!, r[4]!);
        }
      }
      if (at !== rows.length) throw new Error(`member store: ${rows.length} rows, ${at} in organisation groups`);
    })();
  }

  /** The row's values now, or null when the store holds none (absent, or above rowMax). */
  slot(rid: number): Slot | null {
    if (rid > this.rowMax || this.org[rid]! < 0) return null;
    return { org: this.org[rid]!, c: this.c[rid]!, adj: this.adj[rid]!, sid: this.sid[rid]!, birth: this.birth[rid]!, joined: this.joined[rid]!, conf: this.conf[rid]!, left: this.left[rid]! };
  }

  /** Brings the arrays up to the database's present state. */
  sync(sqlite: SqliteHandle): void {
    const seq = (sqlite.prepare('SELECT coalesce(max(seq), 0) FROM member_changes').pluck().get() as number);
    const rowMax = (sqlite.prepare('SELECT coalesce(max(rowid), 0) FROM members').pluck().get() as number);
    const cols = `rowid, org_id, ${FACT_A}, ${FACT_B}, ${FACT_C}, party_age_adjust_months`;
    this.grow(rowMax + 1);
    if (this.seq < 0 || seq < this.seq) {
      this.org.fill(NO_ORG);
      // First load (or member_changes was emptied: trust nothing): the covering index holds every value already computed.
      this.loadAll(sqlite, rowMax);
      this.epoch += 1;
      this.logStart = this.epoch;
      this.log = [];
    } else {
      const epoch = this.epoch + 1;
      const before = this.log.length;
      // Values before the change, read while this.rowMax is still the old one.
      const note = (rid: number) => this.log.push({ epoch, rid, prev: this.slot(rid) });
      if (seq > this.seq) {
        const one = sqlite.prepare(`SELECT ${cols} FROM members WHERE rowid = ?`).raw();
        for (const rid of sqlite.prepare('SELECT rid FROM member_changes WHERE seq > ?').pluck().all(this.seq) as number[]) {
          const row = one.get(rid) as unknown[] | undefined;
          note(rid);
          if (!row) {
            if (rid < this.org.length) this.org[rid] = NO_ORG;
          } else if (rid <= rowMax) this.put(row); // above: written since rowMax was read, loaded as new next time
        }
      }
      if (rowMax > this.rowMax) {
        for (const row of sqlite.prepare(`SELECT ${cols} FROM members WHERE rowid > ? AND rowid <= ?`).raw().iterate(this.rowMax, rowMax) as Iterable<unknown[]>) {
          note(row[0] as number);
          this.put(row);
        }
      }
      if (this.log.length > before) this.epoch = epoch;
      if (this.log.length > LOG_MAX) {
        this.log = [];
        this.logStart = this.epoch;
      }
    }
    // Not the largest ever: when the top rows were deleted, the next insert reuses their rowids.
    this.rowMax = rowMax;
    this.seq = seq;
  }
}

const stores = new WeakMap<SqliteHandle, MemberStore>();

/** The store of this database, synced. */
export function memberStore(sqlite: SqliteHandle): MemberStore {
  let s = stores.get(sqlite);
  if (!s) stores.set(sqlite, (s = new MemberStore()));
  s.sync(sqlite);
  return s;
}

/** For the bench and tests: the next use loads everything again (the fully cold figure). */
export function forgetMemberStore(sqlite: SqliteHandle): void {
  stores.delete(sqlite);
}
