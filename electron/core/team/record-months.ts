/**
 * team.recordMonths: cells of the month grid, typed or pasted, checked one by one against the
 * cadre's term and the calendar; any refused cell refuses the whole call with every refused cell
 * listed (LedgerError details.refused), else all are written in the call's one transaction with an
 * audit row per month record changed.
 */
import type { z } from 'zod';
import { LedgerError } from '../../../shared/contract/envelope.js';
import type { monthEntry, RefusedCell } from '../../../shared/contract/team.js';
import { monthEntryProblem, type ServiceTerm } from '../../../shared/domain/village-days.js';
import type { Ctx } from '../context.js';
import { teamMemberInScope } from '../auth/records.js';
import { newId } from '../util/ids.js';
import { faultPoint } from '../util/fault.js';

type Entry = z.output<typeof monthEntry>;

export async function recordMonths(ctx: Ctx, entries: readonly Entry[]): Promise<{ saved: number; unchanged: number }> {
  const terms = new Map<string, ServiceTerm & { name: string }>();
  const refused: RefusedCell[] = [];
  const seen = new Set<string>();
  const currentMonth = ctx.today.slice(0, 7);
  for (const e of entries) {
    if (!terms.has(e.teamMemberId)) {
      await teamMemberInScope(ctx, e.teamMemberId);
      const t = await ctx.db.selectFrom('teamMembers').select(['name', 'fromDate', 'toDate', 'endedOn']).where('id', '=', e.teamMemberId).executeTakeFirstOrThrow();
      terms.set(e.teamMemberId, t);
    }
    const key = `${e.teamMemberId}|${e.month}`;
    if (seen.has(key)) {
      refused.push({ teamMemberId: e.teamMemberId, month: e.month, field: 'daysInVillage', message: `${e.month} 在本次保存中出现了两次` });
      continue;
    }
    seen.add(key);
    if (typeof e.daysInVillage === 'number') {
      const problem = monthEntryProblem(terms.get(e.teamMemberId)!, e.month, e.daysInVillage, currentMonth);
      if (problem) refused.push({ teamMemberId: e.teamMemberId, month: e.month, field: 'daysInVillage', message: problem });
    } else if (e.month > currentMonth) {
      refused.push({ teamMemberId: e.teamMemberId, month: e.month, field: e.logCount !== undefined ? 'logCount' : 'visitCount', message: `${e.month} 尚未到来，不能登记` });
    }
  }
  const existing = new Map<string, { id: string; daysInVillage: number; logCount: number; visitCount: number }>();
  for (const e of entries) {
    const row = await ctx.db.selectFrom('teamMonths').select(['id', 'daysInVillage', 'logCount', 'visitCount']).where('teamMemberId', '=', e.teamMemberId).where('month', '=', e.month).executeTakeFirst();
    if (row) existing.set(`${e.teamMemberId}|${e.month}`, row);
    else if (e.daysInVillage === undefined && (e.logCount !== undefined || e.visitCount !== undefined)) {
      refused.push({ teamMemberId: e.teamMemberId, month: e.month, field: e.logCount !== undefined ? 'logCount' : 'visitCount', message: `${e.month} 还没有驻村天数，请先填写驻村天数` });
    }
  }
  if (refused.length > 0) {
    const shown = refused.slice(0, 5).map((r) => `${terms.get(r.teamMemberId)?.name ?? ''} ${r.month}：${r.message}`).join('；');
    throw new LedgerError('VALIDATION', `有 ${refused.length} 格未通过检查，本次未保存任何数据：${shown}${refused.length > 5 ? ' 等' : ''}`, { refused });
  }

  let saved = 0;
  let unchanged = 0;
  for (const [i, e] of entries.entries()) {
    if (i === Math.ceil(entries.length / 2)) faultPoint('team.recordMonths.afterHalf');
    const before = existing.get(`${e.teamMemberId}|${e.month}`);
    const subject = { teamMemberId: e.teamMemberId, month: e.month };
    if (e.daysInVillage === null) {
      // An emptied cell: the month is no longer recorded.
      if (!before) unchanged++;
      else {
        await ctx.db.deleteFrom('teamMonths').where('id', '=', before.id).execute();
        await ctx.audit('teamMonth', before.id, { ...subject, ...strip(before) }, null);
        saved++;
      }
      continue;
    }
    const values = {
      daysInVillage: e.daysInVillage ?? before!.daysInVillage,
      logCount: e.logCount ?? before?.logCount ?? 0,
      visitCount: e.visitCount ?? before?.visitCount ?? 0,
    };
    if (before && before.daysInVillage === values.daysInVillage && before.logCount === values.logCount && before.visitCount === values.visitCount) {
      unchanged++;
      continue;
    }
    if (before) {
      await ctx.db.updateTable('teamMonths').set({ ...values, updatedAt: ctx.now }).where('id', '=', before.id).execute();
      await ctx.audit('teamMonth', before.id, { ...subject, ...strip(before) }, { ...subject, ...values });
    } else {
      const id = newId();
      await ctx.db.insertInto('teamMonths').values({ id, ...subject, ...values, importBatchId: null, createdAt: ctx.now, updatedAt: ctx.now }).execute();
      await ctx.audit('teamMonth', id, null, { ...subject, ...values });
    }
    saved++;
  }
  return { saved, unchanged };
}

const strip = ({ id: _id, ...rest }: { id: string; daysInVillage: number; logCount: number; visitCount: number }) => rest;
