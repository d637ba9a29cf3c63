/**
 * The demo county's organisation records (migration 016): earlier elections before each current
 * term (every 3 or 5 years back to the founding), approved extensions of some overdue terms, a
 * rating a year for the last four years (星级 drifting by a star, the current 软弱涣散 ones weak in
 * the last year, a few closed cases in earlier years) with their 整顿 records, and the officers'
 * posts as codes.
 */
import { OFFICER_POST, WEAK_CAUSES, type OfficerPost } from '../../../shared/codes/org-records.js';
import { termDueOn } from '../../../shared/domain/terms.js';
import type { CountyTree, OrgNode } from './county.js';
import { demoId } from './ids.js';
import type { OfficerRow } from './people.js';
import { RECTIFICATION_MEASURES } from './places.js';
import type { Rng } from './rng.js';
import { dayOf, isoOf, plusYears } from './rng.js';

export interface ElectionRow {
  id: string;
  orgId: string;
  electedOn: string;
  termYears: number;
  extendedTo: string | null;
  extensionApprovedBy: string | null;
  extensionApprovedOn: string | null;
}

export interface RatingRow {
  id: string;
  orgId: string;
  year: number;
  stars: number | null;
  weak: 0 | 1;
}

export interface RectificationRow {
  id: string;
  orgId: string;
  year: number;
  causes: string;
  measures: string | null;
  leader: string | null;
  startedOn: string | null;
  rectifiedOn: string | null;
  closedOn: string | null;
}

const RATED_YEARS = 4;
const clampStars = (n: number) => Math.max(1, Math.min(5, n));

/** Earlier elections every term back to the founding (at most three), the current one, its extension. */
function elections(rng: Rng, o: OrgNode, today: string): ElectionRow[] {
  if (!o.termElectedOn || !o.termYears) return [];
  const years = o.termYears;
  const out: ElectionRow[] = [];
  for (let k = 3; k >= 1; k--) {
    const on = isoOf(dayOf(plusYears(o.termElectedOn, -k * years)) + rng.int(-40, 40));
    if (o.foundedOn ? on >= o.foundedOn : k < 3) out.push({ id: demoId(), orgId: o.id, electedOn: on, termYears: years, extendedTo: null, extensionApprovedBy: null, extensionApprovedOn: null });
  }
  const current: ElectionRow = { id: demoId(), orgId: o.id, electedOn: o.termElectedOn, termYears: years, extendedTo: null, extensionApprovedBy: null, extensionApprovedOn: null };
  if (o.termExtendedTo && o.parentId) {
    // Approved by the superior body shortly before the term ran out.
    const approved = isoOf(dayOf(termDueOn({ electedOn: o.termElectedOn, termYears: years })) - rng.int(10, 60));
    Object.assign(current, { extendedTo: o.termExtendedTo, extensionApprovedBy: o.parentId, extensionApprovedOn: approved <= today ? approved : today });
  }
  out.push(current);
  return out;
}

function causes(rng: Rng): string {
  const picked = new Set([rng.pick(WEAK_CAUSES.slice(0, -1))]);
  if (rng.chance(0.4)) picked.add(rng.pick(WEAK_CAUSES.slice(0, -1)));
  return JSON.stringify([...picked].sort());
}

/** A year's 整顿: started in spring; rectified and closed as `status` says, never after today. */
function rectification(rng: Rng, o: OrgNode, year: number, status: string, today: string): RectificationRow {
  const day = (from: string, spread: number) => {
    const d = isoOf(dayOf(from) + rng.int(0, spread));
    return d <= today ? d : today;
  };
  const startedOn = day(`${year}-03-01`, 60);
  const rectifiedOn = status === '整顿中' ? null : day(`${year}-10-01`, 60);
  const closedOn = status === '已销号' && rectifiedOn ? day(rectifiedOn, 45) : null;
  return { id: demoId(), orgId: o.id, year, causes: causes(rng), measures: o.rectificationMeasures ?? rng.pick(RECTIFICATION_MEASURES), leader: o.liaisonLeader, startedOn, rectifiedOn, closedOn };
}

export function generateOrgHistory(rng: Rng, tree: CountyTree, today: string): { elections: ElectionRow[]; ratings: RatingRow[]; rectifications: RectificationRow[] } {
  const out = { elections: [] as ElectionRow[], ratings: [] as RatingRow[], rectifications: [] as RectificationRow[] };
  const lastYear = Number(today.slice(0, 4)) - 1;
  for (const o of tree.orgs) {
    out.elections.push(...elections(rng, o, today));
    if (o.stars === null && o.weak === 0) continue;
    const founded = o.foundedOn ? Number(o.foundedOn.slice(0, 4)) : 0;
    let stars = o.stars;
    for (let year = lastYear; year > lastYear - RATED_YEARS && year >= founded; year--) {
      // The last year's rating is the organisation's; earlier ones drift by a star.
      const weakNow = year === lastYear && o.weak === 1;
      const weakBefore = year < lastYear && o.weak === 0 && rng.chance(0.03);
      out.ratings.push({ id: demoId(), orgId: o.id, year, stars: weakBefore ? 1 : stars, weak: weakNow || weakBefore ? 1 : 0 });
      if (weakNow) out.rectifications.push(rectification(rng, o, year, o.rectificationStatus ?? '整顿中', today));
      if (weakBefore) out.rectifications.push(rectification(rng, o, year, '已销号', today));
      if (stars !== null) stars = clampStars(stars + rng.int(-1, 1));
    }
  }
  return out;
}

/** The demo's posts were written as Chinese titles (党委书记 …): the code of shared/codes/org-records.ts. */
export function officerPostCodes(officers: readonly OfficerRow[]): OfficerRow[] {
  const byName = new Map<string, OfficerPost>();
  for (const e of OFFICER_POST) for (const n of [e.name, ...e.aliases]) byName.set(n, e.code);
  return officers.map((o) => ({ ...o, post: byName.get(o.post) ?? 'member' }));
}
