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
import { judgeBranches, orgNames, type Judged } from '../meeting/missed.js';
import { meetingFrequencies } from '../meeting/settings.js';

/** Facts by judgement: the same judgement (a member edit that moves no count) gives the same facts, evaluated once. */
const factsOf = new WeakMap<Judged[], ListedFact[]>();

export async function branchLifeFacts(db: Kysely<DB>, sqlite: SqliteHandle, scope: Scope, p: Params, listed: boolean): Promise<ListedFact[]> {
  const { judged } = await judgeBranches(db, sqlite, { lo: scope.lo, hi: scope.hi }, await meetingFrequencies(db), p.from, p.to, p.asOf);
  let facts = factsOf.get(judged);
  if (!facts) {
    facts = judged.flatMap((j) => j.kinds.map((k) => ({ id: j.branch.id, name: '', orgId: j.branch.id, orgName: null, kind: k.kind, missed: k.missed.length > 0, missedPeriods: k.missed.length })));
    factsOf.set(judged, facts);
  }
  if (!listed) return facts;
  // A drill list names the branches (and their parents), as they are called now.
  const names = await orgNames(db, judged.flatMap((j) => [j.branch.id, ...(j.branch.parentId ? [j.branch.parentId] : [])]));
  const parent = new Map(judged.map((j) => [j.branch.id, j.branch.parentId]));
  return facts.map((f) => ({ ...f, name: names.get(f.id) ?? '', orgId: parent.get(f.id) ?? null, orgName: names.get(parent.get(f.id) ?? '') ?? null }));
}
