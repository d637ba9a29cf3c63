/**
 * 正式党员 of every organisation on given days, from the statistics member store (the member rows'
 * dates: joined by then, not left, confirmed by then or formal without a 转正日期), for the 支委会
 * rule (a branch has a 支部委员会 from 7 正式党员). Kept per set of days and brought up to date from
 * the store's change log: a member edit costs the rows it changed, not a pass over every member.
 */
import type { SqliteHandle } from '../db/open.js';
import { MEMBER_FACT_BITS } from '../db/migrations/004-member-facts.js';
import { memberStore, type MemberStore, type Slot } from '../stats/member-store.js';

const PROB = MEMBER_FACT_BITS.probationary;
const ACTIVE = MEMBER_FACT_BITS.active;

interface Counts {
  /** Names these counts and their version for caches of what was computed from them. */
  id: number;
  version: number;
  epoch: number;
  days: number[];
  /** perDay[i][org index of the store] */
  perDay: Int32Array[];
}

const caches = new WeakMap<MemberStore, Map<string, Counts>>();
let nextId = 1;

const dayInt = (d: string) => Number(d.replaceAll('-', ''));

/** On which of the days (a bit each) a member with these values counts as a 正式党员 of `s.org`. */
function daysCounted(c: Counts, s: Slot): number {
  // Left without a date: counted on no day.
  if (s.org < 0 || (s.left === 0 && ((s.c >>> ACTIVE) & 1) === 0)) return 0;
  let bits = 0;
  for (let i = 0; i < c.days.length; i++) {
    const d = c.days[i]!;
    if (s.joined > d || (s.left !== 0 && s.left <= d)) continue;
    if (s.conf !== 0 ? s.conf <= d : ((s.c >>> PROB) & 1) === 0) bits |= 1 << i;
  }
  return bits;
}

function apply(c: Counts, org: number, bits: number, sign: 1 | -1): void {
  for (let i = 0; bits !== 0; i++, bits >>>= 1) if (bits & 1) c.perDay[i]![org]! += sign;
}

function grow(c: Counts, orgs: number): void {
  c.perDay = c.perDay.map((a) => {
    if (a.length >= orgs) return a;
    const b = new Int32Array(Math.max(orgs, Math.ceil(a.length * 1.5)));
    b.set(a);
    return b;
  });
}

function full(store: MemberStore, days: number[]): Counts {
  const c: Counts = { id: nextId++, version: 0, epoch: store.epoch, days, perDay: days.map(() => new Int32Array(store.orgIds.length)) };
  const s: Slot = { org: 0, c: 0, adj: 0, sid: 0, birth: 0, joined: 0, conf: 0, left: 0 };
  for (let rid = 1; rid <= store.rowMax; rid++) {
    s.org = store.org[rid]!;
    if (s.org < 0) continue;
    s.c = store.c[rid]!;
    s.joined = store.joined[rid]!;
    s.conf = store.conf[rid]!;
    s.left = store.left[rid]!;
    apply(c, s.org, daysCounted(c, s), 1);
  }
  return c;
}

export interface FormalCounts {
  /** Changes whenever a count does (a member edit that moves no count leaves it). */
  version: string;
  /** 正式党员 of an organisation (by id) on one of the days. */
  of(orgId: string, day: string): number;
}

/** Counts for up to 31 days (a bit each in daysCounted), kept up to date from the store's log. */
function countsFor(store: MemberStore, days: readonly string[]): Counts {
  let byDays = caches.get(store);
  if (!byDays) caches.set(store, (byDays = new Map()));
  const key = days.join(',');
  let c = byDays.get(key);
  if (!c || c.epoch < store.logStart) {
    c = full(store, days.map(dayInt));
    byDays.set(key, c);
    while (byDays.size > 16) byDays.delete(byDays.keys().next().value!);
  } else if (c.epoch < store.epoch) {
    grow(c, store.orgIds.length);
    // Each row changed since: out with its values then (the first logged), in with its values now.
    const then = new Map<number, Slot | null>();
    for (const e of store.log) if (e.epoch > c.epoch && !then.has(e.rid)) then.set(e.rid, e.prev);
    for (const [rid, prev] of then) {
      const now = store.slot(rid);
      const was = prev ? daysCounted(c, prev) : 0;
      const is = now ? daysCounted(c, now) : 0;
      if (prev?.org === now?.org && was === is) continue;
      if (prev) apply(c, prev.org, was, -1);
      if (now) apply(c, now.org, is, 1);
      c.version++;
    }
    c.epoch = store.epoch;
  }
  return c;
}

/** 正式党员 of every organisation on each of `days` ('YYYY-MM-DD'). */
export function formalCounts(sqlite: SqliteHandle, days: readonly string[]): FormalCounts {
  const store = memberStore(sqlite);
  const chunks: { counts: Counts; at: Map<string, number> }[] = [];
  for (let i = 0; i < days.length; i += 31) {
    const part = days.slice(i, i + 31);
    chunks.push({ counts: countsFor(store, part), at: new Map(part.map((d, j) => [d, j])) });
  }
  return {
    version: chunks.map((x) => `${x.counts.id}.${x.counts.version}`).join(','),
    of: (orgId, day) => {
      const o = store.orgIndexOf(orgId);
      if (o === undefined) return 0;
      for (const { counts, at } of chunks) {
        const i = at.get(day);
        if (i !== undefined) return counts.perDay[i]![o] ?? 0;
      }
      return 0;
    },
  };
}
