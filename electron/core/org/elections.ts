/**
 * 换届 as records: each election is kept with the term length it was held for; the term in force on
 * a date is the latest election by then. An approved extension belongs to its election, with the
 * approving body (a superior organisation) and the approval date, from which it counts.
 */
import type { HandlerMap } from '../handler-types.js';
import type { Ctx } from '../context.js';
import { LedgerError } from '../../../shared/contract/envelope.js';
import type { OrgKind, UnitCategory } from '../../../shared/codes/tables.js';
import { compareDates, isFuture } from '../../../shared/domain/dates.js';
import { termDueOn, termYearsFor } from '../../../shared/domain/terms.js';
import type { OrgRow } from '../db/schema.js';
import { assertOrgInScopeOrAbove } from '../auth/scope.js';
import { electionInScope } from '../auth/records.js';
import { newId } from '../util/ids.js';
import { changedFields } from '../util/rows.js';
import { assertDateFor, electionsOf, getOrgRow, loadOrgRow } from './load.js';

interface ElectionFields {
  id?: string;
  electedOn: string;
  termYears: number;
  extendedTo: string | null;
  extensionApprovedBy: string | null;
  extensionApprovedOn: string | null;
}

/** The checks an election record keeps, whether new or corrected. */
async function assertElection(ctx: Ctx, org: OrgRow, e: ElectionFields): Promise<void> {
  assertDateFor(org, e.electedOn, ctx.today, '选举日期');
  const same = (await electionsOf(ctx.db, org.id)).find((x) => x.id !== e.id && compareDates(x.electedOn, e.electedOn) === 0);
  if (same) throw new LedgerError('CONFLICT', `已登记 ${same.electedOn} 的换届选举`);
  if (e.extendedTo === null) return;
  const dueOn = termDueOn(e);
  if (compareDates(e.extendedTo, dueOn) <= 0) throw new LedgerError('VALIDATION', `延期至（${e.extendedTo}）应晚于任期届满日 ${dueOn}`);
  if (!e.extensionApprovedBy || !e.extensionApprovedOn) throw new LedgerError('VALIDATION', '延期换届须经上级党组织批准：请填写批准机关和批准日期');
  if (isFuture(e.extensionApprovedOn, ctx.today)) throw new LedgerError('VALIDATION', `批准日期（${e.extensionApprovedOn}）不能晚于今天`);
  if (compareDates(e.extensionApprovedOn, e.electedOn) < 0) throw new LedgerError('VALIDATION', '批准延期的日期早于本届选举日期');
  const approver = await assertOrgInScopeOrAbove(ctx, e.extensionApprovedBy);
  if (!org.path.startsWith(approver) || approver === org.path) throw new LedgerError('VALIDATION', '批准延期的应是该组织的上级党组织');
}

export const orgElectionHandlers = {
  async 'org.addElection'(ctx, input) {
    const org = await loadOrgRow(ctx, input.orgId);
    if (org.dissolvedOn) throw new LedgerError('CONFLICT', `该组织已于 ${org.dissolvedOn} 撤销，不能登记换届`);
    const standard = termYearsFor(org.kind as OrgKind, org.unitCategory as UnitCategory | null);
    if (standard === null) throw new LedgerError('VALIDATION', '党工委、临时党支部和党小组不实行换届选举');
    const e: ElectionFields = { electedOn: input.electedOn, termYears: input.termYears ?? standard, extendedTo: null, extensionApprovedBy: null, extensionApprovedOn: null };
    await assertElection(ctx, org, e);
    const id = newId();
    await ctx.db.insertInto('orgElections').values({ ...e, id, orgId: org.id, note: input.note ?? null, importBatchId: null, createdAt: ctx.now, updatedAt: ctx.now }).execute();
    const created = (await electionsOf(ctx.db, org.id)).find((x) => x.id === id)!;
    await ctx.audit('orgElection', id, null, created);
    return created;
  },

  async 'org.updateElection'(ctx, input) {
    const row = await electionInScope(ctx, input.id);
    if (input.patch.extensionApprovedBy) await assertOrgInScopeOrAbove(ctx, input.patch.extensionApprovedBy);
    const org = await getOrgRow(ctx.db, row.orgId);
    const before = (await electionsOf(ctx.db, org.id)).find((x) => x.id === row.id)!;
    const { note, ...patch } = input.patch;
    const fields = {
      electedOn: row.electedOn, termYears: row.termYears, extendedTo: row.extendedTo, extensionApprovedBy: row.extensionApprovedBy, extensionApprovedOn: row.extensionApprovedOn,
      ...patch,
    };
    // Without an extension there is nothing approved.
    if (fields.extendedTo === null) Object.assign(fields, { extensionApprovedBy: null, extensionApprovedOn: null });
    await assertElection(ctx, org, { ...fields, id: row.id });
    await ctx.db.updateTable('orgElections').set({ ...fields, ...(note !== undefined ? { note } : {}), updatedAt: ctx.now }).where('id', '=', row.id).execute();
    const after = (await electionsOf(ctx.db, org.id)).find((x) => x.id === row.id)!;
    const diff = changedFields(before as never, after as never);
    await ctx.audit('orgElection', row.id, diff.before, diff.after);
    return after;
  },
} satisfies Partial<HandlerMap<'org.'>>;
