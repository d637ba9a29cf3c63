/**
 * A member's history as a state machine (DOMAIN.md §3): dated events are the only way 人员类别,
 * 入党/转正日期, the branch and the status change, and the record's current state is what replaying
 * them gives. Every event is checked against the state on its date; an event inserted among earlier
 * and later ones must leave the whole sequence valid. Pure: the core (member.addEvent, 更正, the
 * pipeline's 党委审批) and the event dialog (which kinds to offer) use the same rules.
 */
import type { MemberEventKind } from '../codes/tables.js';
import { addMonths, compareDates, lastDay } from './dates.js';
import { underAgeProblem } from './rules/adult.js';
import { PARTY_FOUNDED } from './rules/member-record.js';
import { realDateProblem } from './rules/real-date.js';

export type MemberStatus = 'none' | 'probationary' | 'formal' | 'suspended' | 'left' | 'transferred-out' | 'deceased';

export const MEMBER_STATUS_NAMES: Readonly<Record<MemberStatus, string>> = {
  none: '尚未入党或转入',
  probationary: '预备党员',
  formal: '正式党员',
  suspended: '停止党籍',
  left: '已出党',
  'transferred-out': '已转出',
  deceased: '已去世',
};

/** A dated event of the history (every code of the member-event table but 更正). */
export type HistoryKind = Exclude<MemberEventKind, 'corrected'>;

/** 出党: 开除党籍, 退党除名, 劝退, 劝而不退除名, 自行脱党除名, 不予承认. */
export const EXPULSION_KINDS = ['expelled', 'withdrawn', 'persuaded-out', 'removed', 'self-left', 'not-recognised'] as const;
const EXPULSION: ReadonlySet<string> = new Set(EXPULSION_KINDS);

/** Membership in and out (the statistics' timeline reads these; same-day: leaving before entering). */
const ENTERING: ReadonlySet<string> = new Set(['admitted', 'transfer-in', 'restored']);

export interface EventData {
  /** 发展: 入党日期 (the branch meeting) when the event is dated by the 党委审批 that made the member. */
  joinedOn?: string;
  /** 延长预备期: by how many months (R13: 6–12). */
  months?: number;
  /** 转入 of someone new to the ledger: the category and dates they bring. */
  category?: 'formal' | 'probationary';
  confirmedOn?: string | null;
  /** 转入/转出: the other side is outside the county. */
  outsideCounty?: boolean;
  /** The record's state before its first event, when its history began before the ledger. */
  opening?: Opening;
}

export interface HistoryEvent {
  id: string;
  kind: string;
  onDate: string;
  orgId: string | null;
  otherParty: string | null;
  note: string | null;
  createdAt: string;
  data: EventData | null;
}

/** The fields of the members row the history decides. */
export interface HistoryFields {
  orgId: string | null;
  category: 'formal' | 'probationary';
  joinedOn: string | null;
  confirmedOn: string | null;
  mobile: boolean;
  mobileSince: string | null;
  mobilePlace: string | null;
  lostContact: boolean;
  lostSince: string | null;
  lostCircumstance: string | null;
}

/** Where a record's history starts: nothing yet ('none'), or the state the ledger first knew. */
export interface Opening extends HistoryFields {
  status: MemberStatus;
  leftOn: string | null;
  leftReason: string | null;
}

export interface HistoryState extends Opening {
  /** 延长预备期 months granted (once). */
  extensionMonths: number;
}

/** What the members row holds of a state. */
export interface HistoryRow extends HistoryFields {
  status: 'active' | 'left';
  leftOn: string | null;
  leftReason: string | null;
}

export const IN_PARTY: ReadonlySet<MemberStatus> = new Set(['probationary', 'formal']);

/** timeline.ts order: date, then when recorded, then leaving before entering, then id. */
export function orderEvents<E extends { kind: string; onDate: string; createdAt: string; id: string }>(evs: E[]): E[] {
  const rank = (k: string) => (ENTERING.has(k) ? 1 : 0);
  return evs.sort((a, b) =>
    a.onDate < b.onDate ? -1 : a.onDate > b.onDate ? 1
      : a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1
        : rank(a.kind) - rank(b.kind) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}

const MOBILE_KINDS: ReadonlySet<string> = new Set(['mobile', 'returned']);
const LOST_KINDS: ReadonlySet<string> = new Set(['lost-contact', 'contact-restored']);
const STARTS: ReadonlySet<string> = new Set(['admitted', 'transfer-in']);

export interface RowFacts extends HistoryFields {
  status: string;
  leftOn: string | null;
  leftReason: string | null;
}

function statusOfRow(row: RowFacts): MemberStatus {
  if (row.status === 'active') return row.category;
  if (row.leftReason === 'transfer-out') return 'transferred-out';
  if (row.leftReason === 'suspended') return 'suspended';
  if (row.leftReason === 'deceased') return 'deceased';
  return 'left';
}

/**
 * The state a record's history starts from. A record made by 发展 or 转入 starts from nothing. One
 * whose history began before the ledger (an old roster, a record kept without events) starts from
 * what its first recorded event implies, with the row's 入党/转正 dates: kept in the first event
 * written by this code (data.opening), inferred from the row until then.
 */
export function openingOf(row: RowFacts, evs: readonly HistoryEvent[]): Opening {
  const kept = [...evs].filter((e) => e.data?.opening).sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0)).at(-1);
  if (kept) return kept.data!.opening!;
  const sorted = orderEvents(evs.filter((e) => e.kind !== 'corrected'));
  const facts: HistoryFields = {
    orgId: row.orgId,
    category: row.category,
    joinedOn: row.joinedOn,
    confirmedOn: row.confirmedOn,
    mobile: row.mobile,
    mobileSince: row.mobileSince,
    mobilePlace: row.mobilePlace,
    lostContact: row.lostContact,
    lostSince: row.lostSince,
    lostCircumstance: row.lostCircumstance,
  };
  if (sorted.length === 0) return { ...facts, status: statusOfRow(row), leftOn: row.leftOn, leftReason: row.leftReason };
  // A flag's first event says what it was before: 返回 means 流动 at the start, 流动 means not.
  const firstMobile = sorted.find((e) => MOBILE_KINDS.has(e.kind));
  if (firstMobile) Object.assign(facts, firstMobile.kind === 'returned' ? {} : { mobile: false, mobileSince: null, mobilePlace: null });
  const firstLost = sorted.find((e) => LOST_KINDS.has(e.kind));
  if (firstLost) Object.assign(facts, firstLost.kind === 'contact-restored' ? {} : { lostContact: false, lostSince: null, lostCircumstance: null });
  const first = sorted.find((e) => !MOBILE_KINDS.has(e.kind) && !LOST_KINDS.has(e.kind));
  if (first && STARTS.has(first.kind)) return { ...facts, status: 'none', leftOn: null, leftReason: null };
  // In the party from before the ledger: 预备 if a 转正 / 延长 / 取消 comes before any 发展.
  const probationFirst = sorted.find((e) => e.kind === 'admitted' || e.kind === 'confirmed' || e.kind === 'probation-extended' || e.kind === 'probation-cancelled');
  const probationary = probationFirst !== undefined && probationFirst.kind !== 'admitted';
  // Otherwise the row's category, unless a later 发展 (重新入党) or 停止党籍 set or needed another.
  const rowSays = row.category === 'probationary' && !sorted.some((e) => e.kind === 'admitted' || e.kind === 'suspended') ? 'probationary' : 'formal';
  const category = probationary ? 'probationary' : rowSays;
  return {
    ...facts,
    orgId: first?.orgId ?? row.orgId,
    category,
    confirmedOn: category === 'formal' ? row.confirmedOn : null,
    status: category,
    leftOn: null,
    leftReason: null,
  };
}

/** A refusal or a warning about one event, in Chinese. */
export interface EventVerdict {
  refusal?: string;
  warning?: string;
}

export interface Person {
  birthDate: string | null;
}

const kindName = (k: string, names: Readonly<Record<string, string>>) => names[k] ?? k;

/** The end of the probation year (R12), with an extension (R13) counted. */
export function probationEnds(s: Pick<HistoryState, 'joinedOn' | 'extensionMonths'>): string | null {
  return s.joinedOn ? addMonths(lastDay(s.joinedOn), 12 + s.extensionMonths) : null;
}

/**
 * One event on the state before it: the state after, or why it cannot happen then. `today` bounds
 * every date. Nothing follows 死亡; 恢复党籍 only after 停止党籍; the table of DOMAIN.md §3.
 */
export function applyEvent(s: HistoryState, e: HistoryEvent, person: Person, today: string, names: Readonly<Record<string, string>>): { state: HistoryState; warning?: string } | { refusal: string } {
  const no = (why: string) => ({ refusal: why });
  // Events of old rosters may know the month only (the import keeps what the file says).
  const bad = realDateProblem(e.onDate, true);
  if (bad) return no(bad);
  if (compareDates(e.onDate, today) > 0) return no(`日期${e.onDate}晚于今天（${today}），不能登记尚未发生的变动`);
  const name = kindName(e.kind, names);
  const st = MEMBER_STATUS_NAMES[s.status];
  if (s.status === 'deceased') return no(`该党员已于${s.leftOn ?? '此前'}去世，之后不能再登记任何变动`);
  const from = (...allowed: MemberStatus[]) => (allowed.includes(s.status) ? null : `${name}只能用于${allowed.map((a) => MEMBER_STATUS_NAMES[a]).join('、')}，该党员当时是“${st}”`);
  const leave = (status: MemberStatus): HistoryState => ({ ...s, status, leftOn: e.onDate, leftReason: e.kind });
  const data = e.data ?? {};
  switch (e.kind as HistoryKind) {
    case 'admitted': {
      const why = from('none', 'left');
      if (why) return no(s.status === 'transferred-out' ? `${name}不适用于已转出的党员：应登记转入组织关系` : why);
      const joinedOn = data.joinedOn ?? e.onDate;
      if (compareDates(joinedOn, e.onDate) > 0) return no(`入党日期${joinedOn}晚于党委审批日期${e.onDate}`);
      if (joinedOn < PARTY_FOUNDED) return no(`入党日期${joinedOn}早于中国共产党成立（1921年7月）`);
      const young = underAgeProblem(person.birthDate, joinedOn, '入党日期');
      if (young) return no(young);
      return { state: { ...s, status: 'probationary', category: 'probationary', orgId: e.orgId ?? s.orgId, joinedOn, confirmedOn: null, extensionMonths: 0, leftOn: null, leftReason: null } };
    }
    case 'confirmed': {
      const why = from('probationary');
      if (why) return no(why);
      if (s.joinedOn && compareDates(e.onDate, lastDay(s.joinedOn)) <= 0) return no(`转正日期${e.onDate}不能早于或等于入党日期${s.joinedOn}`);
      const end = probationEnds(s);
      const warning = end && e.onDate < end ? `R12：预备期自入党日期${s.joinedOn}起${s.extensionMonths ? `（延长${s.extensionMonths}个月）` : ''}至${end}期满，${e.onDate}转正早于期满` : undefined;
      return { state: { ...s, status: 'formal', category: 'formal', confirmedOn: e.onDate }, ...(warning ? { warning } : {}) };
    }
    case 'probation-extended': {
      const why = from('probationary');
      if (why) return no(why);
      if (s.extensionMonths > 0) return no('预备期只能延长一次（R13）');
      const months = data.months ?? 12;
      if (!Number.isInteger(months) || months < 6 || months > 12) return no(`预备期延长${months}个月不符合规定：应为6至12个月（R13）`);
      return { state: { ...s, extensionMonths: months } };
    }
    case 'probation-cancelled': {
      const why = from('probationary');
      return why ? no(why) : { state: leave('left') };
    }
    case 'transfer-in': {
      const why = from('none', 'transferred-out');
      if (why) return no(why);
      const base = s.status === 'none' ? { category: data.category ?? s.category, joinedOn: data.joinedOn ?? s.joinedOn, confirmedOn: data.confirmedOn !== undefined ? data.confirmedOn : s.confirmedOn } : {};
      const next = { ...s, ...base, orgId: e.orgId ?? s.orgId, leftOn: null, leftReason: null };
      if (next.joinedOn && compareDates(next.joinedOn, e.onDate) > 0) return no(`转入日期${e.onDate}早于入党日期${next.joinedOn}`);
      return { state: { ...next, status: next.category } };
    }
    case 'transfer-out': {
      const why = from('probationary', 'formal');
      return why ? no(why) : { state: leave('transferred-out') };
    }
    case 'suspended': {
      const why = from('formal');
      return why ? no(why) : { state: leave('suspended') };
    }
    case 'restored': {
      const why = from('suspended');
      return why ? no(why) : { state: { ...s, status: 'formal', category: 'formal', leftOn: null, leftReason: null } };
    }
    case 'deceased': {
      const why = from('probationary', 'formal', 'suspended');
      return why ? no(why) : { state: leave('deceased') };
    }
    case 'mobile':
    case 'lost-contact': {
      const why = from('probationary', 'formal');
      if (why) return no(why);
      if (e.kind === 'mobile') return s.mobile ? no(`该党员自${s.mobileSince ?? '此前'}已是流动党员，请先登记返回`) : { state: { ...s, mobile: true, mobileSince: e.onDate, mobilePlace: e.otherParty } };
      return s.lostContact ? no(`该党员自${s.lostSince ?? '此前'}已失去联系，请先登记恢复联系`) : { state: { ...s, lostContact: true, lostSince: e.onDate, lostCircumstance: e.note } };
    }
    case 'returned':
      return s.mobile ? { state: { ...s, mobile: false, mobileSince: null, mobilePlace: null } } : no('该党员当时不是流动党员，无需登记返回');
    case 'contact-restored':
      return s.lostContact ? { state: { ...s, lostContact: false, lostSince: null, lostCircumstance: null } } : no('该党员当时没有失去联系，无需登记恢复联系');
    default:
      if (EXPULSION.has(e.kind)) {
        const why = from('probationary', 'formal', 'suspended');
        return why ? no(why) : { state: leave('left') };
      }
      return no(`未知的变动类型“${e.kind}”`);
  }
}

export interface ReplayStep {
  event: HistoryEvent;
  before: MemberStatus;
  after: MemberStatus;
  warning?: string;
}

export type Replay =
  | { ok: true; state: HistoryState; steps: ReplayStep[]; warnings: string[] }
  | { ok: false; event: HistoryEvent; message: string };

/** Every event from the opening, in order; the first that cannot happen stops it. */
export function replay(opening: Opening, events: readonly HistoryEvent[], person: Person, today: string, names: Readonly<Record<string, string>>): Replay {
  let s: HistoryState = { ...opening, extensionMonths: 0 };
  const steps: ReplayStep[] = [];
  const warnings: string[] = [];
  for (const e of orderEvents(events.filter((x) => x.kind !== 'corrected'))) {
    const r = applyEvent(s, e, person, today, names);
    if ('refusal' in r) return { ok: false, event: e, message: `${e.onDate} ${kindName(e.kind, names)}：${r.refusal}` };
    steps.push({ event: e, before: s.status, after: r.state.status, ...(r.warning ? { warning: r.warning } : {}) });
    if (r.warning) warnings.push(r.warning);
    s = r.state;
  }
  return { ok: true, state: s, steps, warnings };
}

/** The members row columns a state sets. */
export function rowOf(s: HistoryState): HistoryRow {
  return {
    orgId: s.orgId,
    category: s.category,
    joinedOn: s.joinedOn,
    confirmedOn: s.confirmedOn,
    status: IN_PARTY.has(s.status) ? 'active' : 'left',
    leftOn: IN_PARTY.has(s.status) ? null : s.leftOn,
    leftReason: IN_PARTY.has(s.status) ? null : s.leftReason,
    mobile: s.mobile,
    mobileSince: s.mobileSince,
    mobilePlace: s.mobilePlace,
    lostContact: s.lostContact,
    lostSince: s.lostSince,
    lostCircumstance: s.lostCircumstance,
  };
}

/** The events a clerk may record now from a state (发展 comes from the pipeline's 党委审批). */
export function kindsAllowed(s: Pick<HistoryState, 'status' | 'mobile' | 'lostContact' | 'extensionMonths'>): HistoryKind[] {
  switch (s.status) {
    case 'probationary':
    case 'formal': {
      const out: HistoryKind[] = s.status === 'probationary' ? ['confirmed', ...(s.extensionMonths === 0 ? (['probation-extended'] as const) : []), 'probation-cancelled'] : ['suspended'];
      out.push('transfer-out', s.mobile ? 'returned' : 'mobile', s.lostContact ? 'contact-restored' : 'lost-contact', ...EXPULSION_KINDS, 'deceased');
      return out;
    }
    case 'suspended':
      return ['restored', ...EXPULSION_KINDS, 'deceased'];
    case 'transferred-out':
      return ['transfer-in'];
    default:
      return [];
  }
}
