/**
 * 三会一课 records of the demo county for last year and this year up to today: a few of each kind
 * per branch; most branches held last year's 组织生活会 and 民主评议, some did not (for the
 * "who missed it" views), and this year's are mostly still to come (they are held in Q4–January).
 */
import { demoId } from './ids.js';
import type { CountyTree } from './county.js';
import { MEETING_TOPICS } from './places.js';
import type { Rng } from './rng.js';
import { dayOf, isoOf } from './rng.js';

export interface MeetingRow {
  id: string;
  orgId: string;
  kind: string;
  heldOn: string;
  topic: string;
  attendees: number;
  absentees: number;
  note: string | null;
}

export function generateMeetings(rng: Rng, tree: CountyTree, today: string): MeetingRow[] {
  const out: MeetingRow[] = [];
  const todayDay = dayOf(today);
  const year = Number(today.slice(0, 4));
  const holders = tree.orgs.filter((o) => o.kind === 'branch' || o.kind === 'joint-branch');
  for (const o of holders) {
    const size = Math.max(o.size, 3);
    const hasGroups = o.children.some((g) => g.kind === 'group');
    for (const y of [year - 1, year]) {
      const start = dayOf(`${y}-01-01`);
      const end = Math.min(todayDay, dayOf(`${y}-12-31`));
      const share = (end - start + 1) / 365; // part of the year elapsed
      const times = (lo: number, hi: number): number => Math.round(rng.int(lo, hi) * share);
      const add = (kind: string, n: number, from = start, to = end): void => {
        for (let i = 0; i < n; i++) {
          const held = rng.int(from, Math.max(from, to));
          const small = kind === 'committee';
          const attendees = small ? rng.int(3, 5) : Math.max(1, Math.round(size * (0.72 + rng.next() * 0.25)));
          out.push({
            id: demoId(), orgId: o.id, kind, heldOn: isoOf(held), topic: rng.pick(MEETING_TOPICS[kind] ?? ['']),
            attendees, absentees: small ? rng.int(0, 1) : Math.max(0, size - attendees), note: null,
          });
        }
      };
      add('member-congress', times(2, 4));
      if (o.size >= 7) add('committee', times(2, 4));
      if (hasGroups) add('group', times(1, 3));
      add('lecture', times(1, 2));
      add('theme-day', times(2, 4));
      // 组织生活会 and 民主评议: last year's by most (held Nov–Jan), this year's by few so far.
      const dec = dayOf(`${y}-11-01`);
      if (y < year) {
        if (rng.chance(0.88)) add('life-meeting', 1, dec, dayOf(`${y + 1}-01-25`));
        if (rng.chance(0.85)) add('review', 1, dec, dayOf(`${y + 1}-01-31`));
      } else if (todayDay >= dec && rng.chance(0.2)) {
        add('life-meeting', 1, dec, todayDay);
      }
    }
  }
  return out;
}
