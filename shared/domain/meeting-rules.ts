/**
 * 三会一课 and the other records of organisational life (DOMAIN.md §7): how often each kind is
 * required, the periods a span of dates holds, and which branches missed a required meeting.
 *
 * The rules, shared by the 组织生活 page, the statistics and the exports:
 * - Each kind has a frequency (a setting; defaults below after 《中国共产党支部工作条例（试行）》:
 *   党员大会 and 党课 quarterly, 支委会, 党小组会 and 主题党日 monthly, 组织生活会 and 民主评议
 *   yearly). A kind is due once in each period of its frequency.
 * - A span (a month, a quarter, a year, or any from–to) judges the periods of each kind that lie
 *   wholly inside it and have ended by the judging day: a yearly meeting is not judged in a month's
 *   view, and the current month is not judged before it ends.
 * - A branch (党支部, 联合党支部, 临时党支部) is judged for a period when it existed for all of it
 *   (founded by its first day, not dissolved before its last). 支委会 is due only where the branch
 *   has a 支部委员会 (≥ 7 正式党员 at the period's end); 党小组会 only where it has 党小组 (a meeting
 *   of one of its groups counts for the branch).
 */
export const MEETING_KINDS = ['member-congress', 'committee', 'group', 'lecture', 'theme-day', 'life-meeting', 'review'] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];
export const MEETING_KIND_NAMES: Readonly<Record<MeetingKind, string>> = {
  'member-congress': '支部党员大会',
  committee: '支委会',
  group: '党小组会',
  lecture: '党课',
  'theme-day': '主题党日',
  'life-meeting': '组织生活会',
  review: '民主评议党员',
};
export const MEETING_FREQUENCIES = ['month', 'quarter', 'half-year', 'year', 'none'] as const;
export type MeetingFrequency = (typeof MEETING_FREQUENCIES)[number];
export type Frequencies = Readonly<Record<MeetingKind, MeetingFrequency>>;

export const FREQUENCY_NAMES: Readonly<Record<MeetingFrequency, string>> = {
  month: '每月',
  quarter: '每季度',
  'half-year': '每半年',
  year: '每年',
  none: '不作要求',
};

export const DEFAULT_MEETING_FREQUENCIES: Frequencies = {
  'member-congress': 'quarter',
  committee: 'month',
  group: 'month',
  lecture: 'quarter',
  'theme-day': 'month',
  'life-meeting': 'year',
  review: 'year',
};

/** The kinds of organisation that hold these meetings. */
export const MEETING_HOLDER_KINDS = ['branch', 'joint-branch', 'temporary-branch'] as const;
/** A 支部委员会 is set up from this many 正式党员 (DOMAIN.md §1). */
export const COMMITTEE_THRESHOLD = 7;

export interface Period {
  /** '2026-03', '2026-Q1', '2026-H1', '2026'. */
  key: string;
  start: string;
  end: string;
}

const MONTHS_OF: Record<Exclude<MeetingFrequency, 'none'>, number> = { month: 1, quarter: 3, 'half-year': 6, year: 12 };
const pad = (n: number) => String(n).padStart(2, '0');
const lastOfMonth = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

function periodAt(y: number, firstMonth: number, f: Exclude<MeetingFrequency, 'none'>): Period {
  const n = MONTHS_OF[f];
  const lastMonth = firstMonth + n - 1;
  const key = f === 'month' ? `${y}-${pad(firstMonth)}` : f === 'quarter' ? `${y}-Q${(firstMonth + 2) / 3}` : f === 'half-year' ? `${y}-H${firstMonth === 1 ? 1 : 2}` : String(y);
  return { key, start: `${y}-${pad(firstMonth)}-01`, end: `${y}-${pad(lastMonth)}-${pad(lastOfMonth(y, lastMonth))}` };
}

/** The period of frequency `f` that holds `day`. */
export function periodOf(day: string, f: Exclude<MeetingFrequency, 'none'>): Period {
  const y = Number(day.slice(0, 4));
  const m = Number(day.slice(5, 7));
  const n = MONTHS_OF[f];
  return periodAt(y, Math.floor((m - 1) / n) * n + 1, f);
}

/** Periods of frequency `f` wholly inside [from, to] that ended by `judgedOn`. */
export function periodsWithin(from: string, to: string, f: MeetingFrequency, judgedOn: string): Period[] {
  if (f === 'none') return [];
  const out: Period[] = [];
  for (let p = periodOf(from, f); p.start <= to; ) {
    if (p.start >= from && p.end <= to && p.end <= judgedOn) out.push(p);
    const [y, m] = [Number(p.end.slice(0, 4)), Number(p.end.slice(5, 7))];
    p = m === 12 ? periodAt(y + 1, 1, f) : periodAt(y, m + 1, f);
  }
  return out;
}

/** A span the clerk picks: a month, a quarter or a year, as from–to dates. */
export type SpanKind = 'month' | 'quarter' | 'year';
export function meetingSpan(kind: SpanKind, at: string): { from: string; to: string; label: string } {
  const y = Number(at.slice(0, 4));
  if (kind === 'year') return { from: `${y}-01-01`, to: `${y}-12-31`, label: `${y}年` };
  if (kind === 'quarter') {
    const q = Number(/Q([1-4])$/.exec(at)?.[1] ?? '1');
    const p = periodAt(y, (q - 1) * 3 + 1, 'quarter');
    return { from: p.start, to: p.end, label: `${y}年第${'一二三四'[q - 1]}季度` };
  }
  const m = Number(at.slice(5, 7));
  const p = periodAt(y, m, 'month');
  return { from: p.start, to: p.end, label: `${y}年${m}月` };
}

export interface BranchFacts {
  id: string;
  foundedOn: string | null;
  dissolvedOn: string | null;
  /** Has 党小组 under it (alive) — 党小组会 are due. */
  hasGroups: boolean;
  /** 正式党员 on a day (for the 支委会 rule). */
  formalOn: (day: string) => number;
}

/** Dates the branch (and its groups) held each kind of meeting, sorted or not. */
export type HeldDates = ReadonlyMap<MeetingKind, readonly string[]>;

export interface Missed {
  kind: MeetingKind;
  /** Periods judged (the branch was due in them). */
  due: string[];
  /** Periods of `due` without a meeting of the kind. */
  missed: string[];
}

/** Existed for all of the period. */
const existedThrough = (b: BranchFacts, p: Period) => (b.foundedOn === null || b.foundedOn <= p.start) && (b.dissolvedOn === null || b.dissolvedOn > p.end);

/** The periods of [from, to] each kind is required in, ended by judgedOn: one list per span, for every branch. */
export function duePeriods(freq: Frequencies, from: string, to: string, judgedOn: string): ReadonlyMap<MeetingKind, readonly Period[]> {
  const out = new Map<MeetingKind, Period[]>();
  for (const kind of MEETING_KINDS) {
    const periods = periodsWithin(from, to, freq[kind], judgedOn);
    if (periods.length > 0) out.set(kind, periods);
  }
  return out;
}

/** Per kind: the periods (of duePeriods) the branch was due a meeting in, and those it missed. */
export function missedMeetings(b: BranchFacts, held: HeldDates, due: ReadonlyMap<MeetingKind, readonly Period[]>): Missed[] {
  const out: Missed[] = [];
  for (const [kind, periods] of due) {
    const dates = held.get(kind) ?? [];
    const dueKeys: string[] = [];
    const missed: string[] = [];
    for (const p of periods) {
      if (!existedThrough(b, p)) continue;
      if (kind === 'group' && !b.hasGroups) continue;
      if (kind === 'committee' && b.formalOn(p.end) < COMMITTEE_THRESHOLD) continue;
      dueKeys.push(p.key);
      if (!dates.some((d) => d >= p.start && d <= p.end)) missed.push(p.key);
    }
    if (dueKeys.length > 0) out.push({ kind, due: dueKeys, missed });
  }
  return out;
}

/** A period key as the clerk reads it: 2026年3月, 2026年第一季度, 2026年上半年, 2026年. */
export function periodLabel(key: string): string {
  const y = key.slice(0, 4);
  if (/^\d{4}-\d{2}$/.test(key)) return `${y}年${Number(key.slice(5))}月`;
  const q = /^\d{4}-Q([1-4])$/.exec(key);
  if (q) return `${y}年第${'一二三四'[Number(q[1]) - 1]}季度`;
  const h = /^\d{4}-H([12])$/.exec(key);
  if (h) return `${y}年${h[1] === '1' ? '上' : '下'}半年`;
  return `${y}年`;
}
