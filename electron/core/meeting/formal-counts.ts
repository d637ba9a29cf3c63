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
  epoch: number;
  days: number[];
  /** perDay[i][org index of the store] */
  perDay: Int32Array[];
}

const caches = new WeakMap<MemberStore, Map<string, Counts>>();

const dayInt = (d: string) => Number(d.replaceAll('-', ''));

/** The days (yyyymmdd) a member with these values counts as a 正式党员 of `s.org`, added with `sign`. */
function apply(c: Counts, s: Slot, sign: 1 | -1): void {
  if (s.org < 0) return;
  // Left without a date: counted on no day.
  if (s.left === 0 && ((s.c >>> ACTIVE) & 1) === 0) return;
  for (let i = 0; i < c.days.length; i++) {
    const d = c.days[i]!;
    if (s.joined > d || (s.left !== 0 && s.left <= d)) continue;
    if (s.conf !== 0 ? s.conf <= d : ((s.c >>> PROB) & 1) === 0) c.perDay[i]![s.org]! += sign;
  }
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
  const c: Counts = { epoch: store.epoch, days, perDay: days.map(() => new Int32Array(store.orgIds.length)) };
  const s: Slot = { org: 0, c: 0, adj: 0, sid: 0, birth: 0, joined: 0, conf: 0, left: 0 };
  for (let rid = 1; rid <= store.rowMax; rid++) {
    s.org = store.org[rid]!;
    if (s.org < 0) continue;
    s.c = store.c[rid]!;
    s.joined = store.joined[rid]!;
    s.conf = store.conf[rid]!;
    s.left = store.left[rid]!;
    apply(c, s, 1);
  }
  return c;
}

/** 正式党员 of an organisation (by id) on one of `days` ('YYYY-MM-DD'). */
export function formalCounts(sqlite: SqliteHandle, days: readonly string[]): (orgId: string, day: string) => number {
  const store = memberStore(sqlite);
  let byDays = caches.get(store);
  if (!byDays) caches.set(store, (byDays = new Map()));
  const key = days.join(',');
  let c = byDays.get(key);
  if (!c || c.epoch < store.logStart) {
    c = full(store, days.map(dayInt));
    byDays.set(key, c);
  } else if (c.epoch < store.epoch) {
    grow(c, store.orgIds.length);
    // Each row changed since: out with its values then (the first logged), in with its values now.
    const then = new Map<number, Slot | null>();
    for (const e of store.log) if (e.epoch > c.epoch && !then.has(e.rid)) then.set(e.rid, e.prev);
    for (const [rid, prev] of then) {
      if (prev) apply(c, prev, -1);
      const now = store.slot(rid);
      if (now) apply(c, now, 1);
    }
    c.epoch = store.epoch;
  }
  const counts = c;
  const index = new Map(store.orgIds.map((id, i) => [id, i]));
  const at = new Map(days.map((d, i) => [d, i]));
  return (orgId, day) => {
    const o = index.get(orgId);
    const i = at.get(day);
    return o === undefined || i === undefined ? 0 : (counts.perDay[i]![o] ?? 0);
  };
}
