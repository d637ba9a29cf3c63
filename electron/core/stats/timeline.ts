/**
 * Membership "as of" a date, from the dated events (STATISTICS.md). One definition, used by the
 * grouped SQL (for members whose record already tells the state) and by this code (for members
 * with membership events after the date):
 *
 *   f(m, D) = the organisation holding m's membership on D, or null.
 *   - If m has no membership event after D, the members row tells it: m is in members.org_id when
 *     not left by D (left_on > D, or no left_on and status active) and entered by D (joined_on
 *     null or ≤ D, or an entering event ≤ D).
 *   - Otherwise the latest membership event ≤ D decides (entering → its org_id, leaving → null);
 *     with none, the first event after D does: a leaving event means m was in that event's org
 *     (from joined_on), an entering one means m was not yet here.
 * Same-day events are ordered by when they were recorded, then leaving before entering (the
 * two halves of an in-ledger transfer share a timestamp), then id.
 */
import { LEAVING_EVENTS } from '../../../shared/contract/code-lists.js';

export const ENTERING_EVENTS = ['admitted', 'transfer-in', 'restored'] as const;
const ENTERING: ReadonlySet<string> = new Set(ENTERING_EVENTS);
export const MEMBERSHIP_EVENTS: readonly string[] = [...ENTERING_EVENTS, ...LEAVING_EVENTS];

export interface TimelineEvent {
  kind: string;
  onDate: string;
  orgId: string | null;
  createdAt: string;
  id: string;
}

export interface RowState {
  orgId: string;
  status: string;
  joinedOn: string | null;
  leftOn: string | null;
  leftReason: string | null;
}

/** The terms of the change identity. */
export type ChangeTerm = 'admitted' | 'transferIn' | 'restored' | 'expelled' | 'transferOut' | 'suspended' | 'deceased';
export const CHANGE_TERMS: readonly ChangeTerm[] = ['admitted', 'transferIn', 'restored', 'expelled', 'transferOut', 'suspended', 'deceased'];
export const INFLOW_TERMS: readonly ChangeTerm[] = ['admitted', 'transferIn', 'restored'];

/** The term a leaving reason (event kind or members.left_reason) counts under. */
export function leavingTerm(kind: string | null): ChangeTerm {
  if (kind === 'transfer-out') return 'transferOut';
  if (kind === 'suspended') return 'suspended';
  if (kind === 'deceased') return 'deceased';
  // 出党: 开除, 退党除名, 劝退, 除名, 自行脱党, 取消预备党员资格, 不予承认 — and an unknown reason.
  return 'expelled';
}

export function enteringTerm(kind: string): ChangeTerm {
  return kind === 'transfer-in' ? 'transferIn' : kind === 'restored' ? 'restored' : 'admitted';
}

const rank = (kind: string) => (ENTERING.has(kind) ? 1 : 0);
export function sortEvents(evs: TimelineEvent[]): TimelineEvent[] {
  return evs.sort((a, b) =>
    a.onDate < b.onDate ? -1 : a.onDate > b.onDate ? 1
      : a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1
        : rank(a.kind) - rank(b.kind) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}

/** f(m, D) on the members row alone (the SQL of population.ts says the same). */
export function rowStateAt(row: RowState, evs: readonly TimelineEvent[], d: string): string | null {
  const live = row.leftOn !== null ? row.leftOn > d : row.status === 'active';
  if (!live) return null;
  const entered = row.joinedOn === null || row.joinedOn <= d || evs.some((e) => ENTERING.has(e.kind) && e.onDate <= d);
  return entered ? row.orgId : null;
}

/** f(m, D); `evs` are m's membership events, sorted. */
export function stateAt(row: RowState, evs: readonly TimelineEvent[], d: string): string | null {
  let last: TimelineEvent | undefined;
  let next: TimelineEvent | undefined;
  for (const e of evs) {
    if (e.onDate <= d) last = e;
    else {
      next = e;
      break;
    }
  }
  if (!next) return rowStateAt(row, evs, d);
  if (last) return ENTERING.has(last.kind) ? (last.orgId ?? row.orgId) : null;
  if (ENTERING.has(next.kind)) return null;
  return row.joinedOn === null || row.joinedOn <= d ? (next.orgId ?? row.orgId) : null;
}

const DAY = 86_400_000;
// Called per event of every member decided in code: the few distinct dates are computed once.
const prevDays = new Map<string, string>();
export function prevDay(d: string): string {
  let p = prevDays.get(d);
  if (p === undefined) {
    p = new Date(Date.UTC(+d.slice(0, 4), +d.slice(5, 7) - 1, +d.slice(8, 10)) - DAY).toISOString().slice(0, 10);
    if (prevDays.size > 100_000) prevDays.clear();
    prevDays.set(d, p);
  }
  return p;
}
/** The first day a stored value (day or month precision) compares ≤ to. */
const firstDayOf = (v: string) => (v.length === 7 ? `${v}-01` : v);

export interface Flow {
  term: ChangeTerm;
  sign: 1 | -1;
  onDate: string;
}

/**
 * Every entry into or exit from the subtree between `from` and `to` (inclusive), day by day: the
 * state after day X−1 against the state after day X, so moves inside the subtree net out. The sum
 * of signs equals inS(f(to)) − inS(f(from − 1)) by construction.
 */
export function flowsBetween(row: RowState, evs: readonly TimelineEvent[], from: string, to: string, inS: (orgId: string | null) => boolean): Flow[] {
  const days = new Set<string>();
  for (const e of evs) if (e.onDate >= from && e.onDate <= to) days.add(e.onDate);
  for (const v of [row.joinedOn, row.leftOn]) {
    if (v) {
      const d = firstDayOf(v);
      if (d >= from && d <= to) days.add(d);
    }
  }
  const out: Flow[] = [];
  let prev = inS(stateAt(row, evs, prevDay(from)));
  for (const x of [...days].sort()) {
    const cur = inS(stateAt(row, evs, x));
    if (cur === prev) continue;
    const today = evs.filter((e) => e.onDate === x);
    if (cur) {
      const entering = today.filter((e) => ENTERING.has(e.kind)).at(-1);
      out.push({ sign: 1, onDate: x, term: entering ? enteringTerm(entering.kind) : row.joinedOn && firstDayOf(row.joinedOn) === x ? 'admitted' : 'transferIn' });
    } else {
      const lastToday = today.at(-1);
      let term: ChangeTerm;
      if (lastToday) term = ENTERING.has(lastToday.kind) ? 'transferOut' : leavingTerm(lastToday.kind);
      else term = row.leftOn && firstDayOf(row.leftOn) === x ? leavingTerm(row.leftReason) : 'transferOut';
      out.push({ sign: -1, onDate: x, term });
    }
    prev = cur;
  }
  return out;
}
