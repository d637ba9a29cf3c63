/**
 * Rules of the organisation tree (DOMAIN.md §1) the core enforces and the 组织 page shows: where a
 * kind of organisation may sit, who may hold approval rights, the structure warnings, and which
 * dated record (election, rating, rectification) is in force on a date.
 */
import { ORG_KIND, type OrgKind, type UnitCategory } from '../codes/tables.js';
import type { RectificationStatus } from '../codes/org-records.js';
import { compareDates } from './dates.js';
import { termStatus, type TermStatus } from './terms.js';

const kindName = (k: OrgKind): string => ORG_KIND.find((e) => e.code === k)?.name ?? k;

const BRANCHES: ReadonlySet<OrgKind> = new Set(['branch', 'joint-branch', 'temporary-branch']);
const COMMITTEES: ReadonlySet<OrgKind> = new Set(['local-committee', 'committee', 'working-committee']);

/** Kinds that hold members (a 党小组 is part of its branch; a committee's own members sit in a branch below it). */
export const isBranchKind = (kind: string): boolean => BRANCHES.has(kind as OrgKind);

/**
 * Why `child` may not sit directly under `parent`, or null. A 党小组 only under a 党支部 (incl. 联合 /
 * 临时); nothing under a 党小组; a 党支部 not under another 党支部; a 党总支 only under a 党委 / 党工委;
 * a 党委 / 党工委 only under another one. The root 地方党委 sits under nothing.
 */
export function placementRefusal(parent: OrgKind, child: OrgKind): string | null {
  const p = kindName(parent);
  const c = kindName(child);
  if (child === 'local-committee') return '地方党委是台账的根组织，不能设在其他组织之下';
  if (parent === 'group') return `党小组之下不能再设组织（${c}）`;
  if (child === 'group') return BRANCHES.has(parent) ? null : `党小组只能设在党支部（含联合党支部、临时党支部）之下，不能设在${p}之下`;
  if (BRANCHES.has(parent)) return `${p}之下只能设党小组，不能设${c}`;
  if (child === 'general-branch' || COMMITTEES.has(child)) return COMMITTEES.has(parent) ? null : `${c}只能设在党委或党工委之下，不能设在${p}之下`;
  return null;
}

/**
 * Approval rights (审批预备党员): only a 基层党委 that is not a 村 / 社区党委, and the county
 * committee itself (DOMAIN.md §1: 党总支 and 村/社区党委 cannot approve).
 */
export function approvalRightsRefusal(kind: OrgKind, unitCategory: UnitCategory | null | undefined): string | null {
  if (kind === 'local-committee') return null;
  if (kind !== 'committee') return `${kindName(kind)}没有审批预备党员的权限，只有基层党委可以设置`;
  if (unitCategory === 'village' || unitCategory === 'community') return '村、社区党委没有审批预备党员的权限';
  return null;
}

// ---- structure warnings ------------------------------------------------------------------------

export type StructureWarningCode = 'no-committee' | 'too-few-formal' | 'too-many-members' | 'approval-rights';

export interface StructureWarning {
  code: StructureWarningCode;
  message: string;
}

export interface StructureFacts {
  kind: OrgKind;
  unitCategory: UnitCategory | null;
  canApprove: boolean;
  /** Active 正式党员 whose branch is this organisation. */
  formal: number;
  /** Active members (正式 + 预备). */
  total: number;
  /** Officers in post other than a 党小组组长: the 支部委员会 when three or more. */
  committee: number;
}

export const STRUCTURE_WARNING_NAMES: Readonly<Record<StructureWarningCode, string>> = {
  'no-committee': '应设支部委员会',
  'too-few-formal': '正式党员不足3名',
  'too-many-members': '党员超过50名',
  'approval-rights': '不应有审批权限',
};

/**
 * DOMAIN.md §1: a 党支部 with ≥ 7 正式党员 needs a 支部委员会 (3–5 委员); one with < 3 正式党员 belongs
 * in a 联合党支部; more than 50 members: consider splitting; approval rights only on a 基层党委.
 */
export function structureWarnings(f: StructureFacts): StructureWarning[] {
  const out: StructureWarning[] = [];
  if ((f.kind === 'branch' || f.kind === 'joint-branch') && f.formal >= 7 && f.committee < 3) {
    out.push({ code: 'no-committee', message: `正式党员${f.formal}名（7名以上），应设立支部委员会（委员3至5名），现登记委员${f.committee}名` });
  }
  if (f.kind === 'branch' && f.formal < 3) {
    out.push({ code: 'too-few-formal', message: `正式党员${f.formal}名（不足3名），不能单独成立党支部，宜与邻近单位组建联合党支部` });
  }
  if (BRANCHES.has(f.kind) && f.total > 50) {
    out.push({ code: 'too-many-members', message: `党员${f.total}名（超过50名），可考虑分设党支部或成立党总支` });
  }
  if (f.canApprove) {
    const why = approvalRightsRefusal(f.kind, f.unitCategory);
    if (why) out.push({ code: 'approval-rights', message: `登记有审批预备党员权限：${why}` });
  }
  return out;
}

// ---- dated records in force on a date ----------------------------------------------------------

export interface ElectionFacts {
  electedOn: string;
  termYears: number;
  extendedTo: string | null;
  /** When the extension was approved; null when not known (imported). */
  extensionApprovedOn: string | null;
}

/** The term on `d`: the latest election on or before it (the last recorded of one day). */
export function electionOn<E extends { electedOn: string }>(elections: readonly E[], d: string): E | null {
  let best: E | null = null;
  for (const e of elections) if (compareDates(e.electedOn, d) <= 0 && (best === null || compareDates(e.electedOn, best.electedOn) >= 0)) best = e;
  return best;
}

/** Status of the term in force on `d` (an extension counts from its approval), null without one. */
export function termStateOn(elections: readonly ElectionFacts[], d: string, graceMonths: number): TermStatus | null {
  const e = electionOn(elections, d);
  if (!e) return null;
  const extended = e.extendedTo !== null && (e.extensionApprovedOn === null || compareDates(e.extensionApprovedOn, d) <= 0);
  return termStatus({ electedOn: e.electedOn, termYears: e.termYears, extendedTo: extended ? e.extendedTo : null }, d, { graceMonths });
}

/** The rating in force on `d`: that year's, or the latest earlier year's until a new one is made. */
export function ratingOn<R extends { year: number }>(ratings: readonly R[], d: string): R | null {
  const y = Number(d.slice(0, 4));
  let best: R | null = null;
  for (const r of ratings) if (r.year <= y && (best === null || r.year > best.year)) best = r;
  return best;
}

export interface RectificationDates {
  rectifiedOn: string | null;
  closedOn: string | null;
}

/** 整顿 status on `d` from its dates: 已销号 from closedOn, 已整顿待验收 from rectifiedOn, else 整顿中. */
export function rectificationStatusOn(r: RectificationDates, d: string): RectificationStatus {
  if (r.closedOn !== null && compareDates(r.closedOn, d) <= 0) return 'closed';
  if (r.rectifiedOn !== null && compareDates(r.rectifiedOn, d) <= 0) return 'pending-acceptance';
  return 'rectifying';
}

/** Date order of a rectification: started ≤ rectified ≤ closed (each when present). */
export function rectificationDatesRefusal(r: RectificationDates & { startedOn: string | null }): string | null {
  if (r.startedOn && r.rectifiedOn && compareDates(r.rectifiedOn, r.startedOn) < 0) return '整顿完成日期早于开始整顿日期';
  if (r.rectifiedOn && r.closedOn && compareDates(r.closedOn, r.rectifiedOn) < 0) return '验收销号日期早于整顿完成日期';
  if (r.startedOn && r.closedOn && compareDates(r.closedOn, r.startedOn) < 0) return '验收销号日期早于开始整顿日期';
  return null;
}

/** In post on `d`: from ≤ d (or unknown) and not yet ended (to is the last day in post). */
export const inPostOn = (o: { fromDate: string | null; toDate: string | null }, d: string): boolean =>
  (o.fromDate === null || compareDates(o.fromDate, d) <= 0) && (o.toDate === null || compareDates(o.toDate, d) >= 0);
