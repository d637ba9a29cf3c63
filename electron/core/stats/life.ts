/**
 * Facts of 组织生活 for the report definitions: one per branch and kind of meeting the branch was
 * due in the period (judged up to asOf), with whether it missed one — from the same reader as the
 * 组织生活 page's list (meeting/missed.ts), so the figure and the list agree.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { SqliteHandle } from '../db/open.js';
import type { Scope } from './population.js';
import type { ListedFact, Params } from './subjects.js';
import { judgeBranches } from '../meeting/missed.js';
import { meetingFrequencies } from '../meeting/settings.js';

export async function branchLifeFacts(db: Kysely<DB>, sqlite: SqliteHandle, scope: Scope, p: Params): Promise<ListedFact[]> {
  const { judged } = await judgeBranches(db, sqlite, { lo: scope.lo, hi: scope.hi }, await meetingFrequencies(db), p.from, p.to, p.asOf);
  return judged.flatMap((j) =>
    j.kinds.map((k) => ({ id: j.branch.id, name: j.branch.name, orgId: j.branch.id, orgName: j.branch.name, kind: k.kind, missed: k.missed.length > 0, missedPeriods: k.missed.length })),
  );
}
