/**
 * The member pass over the store (member-store.ts): every member classified into a group for the
 * dates asked about, or handed to code (population.ts decides those with their events).
 *
 * A pass is kept per store with its parameters and the store epoch it was computed at; asked again
 * with the same parameters after members changed, it takes out each changed row's old class and
 * puts in its new one (the store's change log), instead of classifying 250,000 rows again. What
 * else the classes depend on is in the key: the dates, the age thresholds, the late members
 * (population.ts, keyed by member_events' version) and, for a subtree, the organisations' version.
 */
import { MEMBER_FACT_BITS } from '../db/migrations/004-member-facts.js';
import { addMonths, addYears } from '../../../shared/domain/dates.js';
import { dateInt } from './member-classes.js';
import type { MemberStore, Slot } from './member-store.js';

export interface PassParams {
  asOf: string;
  start: string;
  end: string;
  earliest: string;
  period: boolean;
  /** Sorted. */
  thresholds: readonly number[];
  /** Organisation ids of the subtree, or null for the whole ledger. */
  scopeIds: ReadonlySet<string> | null;
  /** Late members' rowids: always decided in code. */
  late: ReadonlySet<number>;
  /** Everything the classes depend on besides the store's rows. */
  key: string;
}

/**
 * A class code: SKIP (counts nowhere), CODED (decided in code), or low * 2^24 + dims where
 * low = 0 marks the "in on every date" members (dense counts) and otherwise the in-flags and
 * leaving class (in now 1, start 2, end 4, joined and left within the period 8, leaving class
 * 16 × 0..3); dims = age class + nAge × (预备/党龄 class + 4 × static class id).
 */
const SKIP = -1;
const CODED = -2;
const LOW = 2 ** 24;

export interface MemberPass {
  params: PassParams;
  nAge: number;
  epoch: number;
  /** Counts of the "always" members by dims. */
  dense: Int32Array;
  /** Counts of the others by low (1..63), then dims. */
  maps: Map<number, number>[];
  coded: Set<number>;
}

function classifier(store: MemberStore, p: PassParams): (rid: number, s: Slot) => number {
  const nAge = p.thresholds.length + 2;
  const D = dateInt(p.asOf);
  const S = dateInt(p.start);
  const E = dateInt(p.end);
  const X = dateInt(p.earliest);
  const undecided = [...new Set([D, S, E])];
  const ACTIVE = MEMBER_FACT_BITS.active;
  const PROB = MEMBER_FACT_BITS.probationary;
  const LC = MEMBER_FACT_BITS.leftClass;
  // At least t years old on asOf: born on or before asOf - t years (birth < that + 1).
  const ageLimits = p.thresholds.map((t) => dateInt(addYears(p.asOf, -t)) + 1);
  const y = Number(p.asOf.slice(0, 4));
  const mo = Number(p.asOf.slice(5, 7));
  const day = Number(p.asOf.slice(8, 10));
  const fifty = dateInt(addMonths(p.asOf, -600));
  const inScope = p.scopeIds === null ? null : (o: number) => p.scopeIds!.has(store.orgIds[o]!);
  return (rid, s) => {
    // A late member may have been in the subtree on a date whatever its row's organisation now.
    if (p.late.has(rid)) return CODED;
    if (inScope !== null && !inScope(s.org)) return SKIP;
    const c = s.c;
    const joined = s.joined;
    const lft = s.left;
    const live = lft === 0 && ((c >>> ACTIVE) & 1) === 1;
    const always = live && joined <= X;
    if (!always && joined > X) {
      // Joined after a date on which the row says "in": only entering events can decide.
      for (const d of undecided) if (joined > d && (lft > d || live)) return CODED;
    }
    const inD = always || ((lft > D || live) && joined <= D);
    let flags = 0;
    if (p.period && !always) {
      const inS = (lft > S || live) && joined <= S;
      const inE = (lft > E || live) && joined <= E;
      flags = (inS ? 2 : 0) + (inE ? 4 : 0) + (joined > S && lft <= E && joined < lft ? 8 : 0);
    }
    // Counted nowhere: not in on any date, not joined and left within the period.
    if (!inD && flags === 0) return SKIP;
    flags += 16 * (c >>> LC);
    if (!inD) return flags * LOW;
    let ageCls = 0;
    if (s.birth > 0) {
      ageCls = 1;
      for (let i = 0; i < ageLimits.length; i++) if (s.birth < ageLimits[i]!) ageCls++;
    }
    const conf = s.conf;
    // 预备 (1) and 党龄 ≥ 50 years (2).
    let confCls: number;
    if (conf === 0) confCls = (c >>> PROB) & 1;
    else if (conf > D) confCls = 1;
    else if (s.adj === 0) confCls = conf <= fifty ? 2 : 0;
    else {
      const months = y * 12 + mo - (Math.floor(conf / 10000) * 12 + (Math.floor(conf / 100) % 100)) - (day < conf % 100 ? 1 : 0) + s.adj;
      confCls = months >= 600 ? 2 : 0;
    }
    const dims = ageCls + nAge * (confCls + 4 * s.sid);
    return always ? dims : (1 + flags) * LOW + dims;
  };
}

function apply(pass: MemberPass, rid: number, code: number, delta: number): void {
  if (code === SKIP) return;
  if (code === CODED) {
    if (delta > 0) pass.coded.add(rid);
    else pass.coded.delete(rid);
    return;
  }
  const low = Math.floor(code / LOW);
  const dims = code % LOW;
  if (low === 0) {
    if (dims >= pass.dense.length) {
      const more = new Int32Array(Math.max(dims + 1, pass.dense.length * 2));
      more.set(pass.dense);
      pass.dense = more;
    }
    pass.dense[dims]! += delta;
    return;
  }
  const m = pass.maps[low]!;
  const n = (m.get(dims) ?? 0) + delta;
  if (n === 0) m.delete(dims);
  else m.set(dims, n);
}

const PASSES_KEPT = 8;
const passes = new WeakMap<MemberStore, MemberPass[]>();

/** The pass for these parameters over the store as it is now (synced by the caller). */
export function memberPass(store: MemberStore, params: PassParams): MemberPass {
  let kept = passes.get(store);
  if (!kept) passes.set(store, (kept = []));
  const i = kept.findIndex((x) => x.params.key === params.key);
  const old = i >= 0 ? kept.splice(i, 1)[0]! : null;
  const pass = old && old.epoch >= store.logStart ? bringUpToDate(store, old) : fullPass(store, params);
  kept.unshift(pass);
  if (kept.length > PASSES_KEPT) kept.length = PASSES_KEPT;
  return pass;
}

function fullPass(store: MemberStore, params: PassParams): MemberPass {
  const nAge = params.thresholds.length + 2;
  const pass: MemberPass = { params, nAge, epoch: store.epoch, dense: new Int32Array(nAge * 4 * Math.max(1, store.statics.length)), maps: Array.from({ length: 64 }, () => new Map()), coded: new Set() };
  const cls = classifier(store, params);
  const { org: ORG, c: C, adj: ADJ, sid: SID, birth: BIRTH, joined: JOINED, conf: CONF, left: LEFT } = store;
  // One slot object reused for every row: the classifier reads it and keeps nothing.
  const s: Slot = { org: 0, c: 0, adj: 0, sid: 0, birth: 0, joined: 0, conf: 0, left: 0 };
  for (let rid = 1; rid <= store.rowMax; rid++) {
    const o = ORG[rid]!;
    if (o < 0) continue;
    s.org = o;
    s.c = C[rid]!;
    s.adj = ADJ[rid]!;
    s.sid = SID[rid]!;
    s.birth = BIRTH[rid]!;
    s.joined = JOINED[rid]!;
    s.conf = CONF[rid]!;
    s.left = LEFT[rid]!;
    apply(pass, rid, cls(rid, s), 1);
  }
  return pass;
}

function bringUpToDate(store: MemberStore, pass: MemberPass): MemberPass {
  if (pass.epoch === store.epoch) return pass;
  const cls = classifier(store, pass.params);
  // The first entry of a row after the pass's epoch holds its values as the pass saw them.
  const seen = new Set<number>();
  for (const e of store.log) {
    if (e.epoch <= pass.epoch || seen.has(e.rid)) continue;
    seen.add(e.rid);
    if (e.prev) apply(pass, e.rid, cls(e.rid, e.prev), -1);
    const now = store.slot(e.rid);
    if (now) apply(pass, e.rid, cls(e.rid, now), 1);
  }
  pass.epoch = store.epoch;
  return pass;
}

/** The groups of a pass as [low, dims, count] (low 0: in on every date). */
export function passGroups(pass: MemberPass): [number, number, number][] {
  const out: [number, number, number][] = [];
  const d = pass.dense;
  for (let i = 0; i < d.length; i++) if (d[i]! > 0) out.push([0, i, d[i]!]);
  pass.maps.forEach((m, low) => m.forEach((n, dims) => out.push([low, dims, n])));
  return out;
}
