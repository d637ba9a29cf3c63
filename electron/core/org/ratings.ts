/**
 * 星级 and 软弱涣散 as yearly records, and the 整顿 of a year's 软弱涣散 designation. A second call
 * for the same year corrects that year's record (audited with before and after); other years are
 * untouched, so statistics of a past date keep reading the record then in force.
 */
import type { HandlerMap } from '../handler-types.js';
import type { Ctx } from '../context.js';
import { LedgerError } from '../../../shared/contract/envelope.js';
import { rectificationDatesRefusal } from '../../../shared/domain/org-rules.js';
import type { OrgRow } from '../db/schema.js';
import { newId } from '../util/ids.js';
import { changedFields } from '../util/rows.js';
import { assertDateFor, loadOrgRow, toRating, toRectification } from './load.js';

function assertYear(ctx: Ctx, org: OrgRow, year: number): void {
  if (year > Number(ctx.today.slice(0, 4))) throw new LedgerError('VALIDATION', `${year} 年度尚未到来，不能评定`);
  if (org.foundedOn && year < Number(org.foundedOn.slice(0, 4))) throw new LedgerError('VALIDATION', `该组织成立于 ${org.foundedOn}，不能评定 ${year} 年度`);
}

/** Inserts or replaces the (organisation, year) row of `table`, auditing what changed. */
async function upsertYearly<T extends object>(ctx: Ctx, table: 'orgRatings' | 'orgRectifications', entity: string, orgId: string, year: number, values: Record<string, unknown>, view: (row: never) => T): Promise<T> {
  const existing = await ctx.db.selectFrom(table).selectAll().where('orgId', '=', orgId).where('year', '=', year).executeTakeFirst();
  const read = async () => view((await ctx.db.selectFrom(table).selectAll().where('orgId', '=', orgId).where('year', '=', year).executeTakeFirstOrThrow()) as never);
  if (!existing) {
    const id = newId();
    await ctx.db.insertInto(table).values({ ...values, id, orgId, year, importBatchId: null, createdAt: ctx.now, updatedAt: ctx.now } as never).execute();
    const created = await read();
    await ctx.audit(entity, id, null, { orgId, ...created });
    return created;
  }
  const before = view(existing as never);
  await ctx.db.updateTable(table).set({ ...values, updatedAt: ctx.now } as never).where('id', '=', existing.id).execute();
  const after = await read();
  const diff = changedFields(before as Record<string, unknown>, after as Record<string, unknown>);
  await ctx.audit(entity, existing.id, diff.before, { ...diff.after, year });
  return after;
}

export const orgRatingHandlers = {
  async 'org.setRating'(ctx, input) {
    const org = await loadOrgRow(ctx, input.orgId);
    assertYear(ctx, org, input.year);
    if (!input.weak) {
      const rect = await ctx.db.selectFrom('orgRectifications').select('id').where('orgId', '=', org.id).where('year', '=', input.year).executeTakeFirst();
      if (rect) throw new LedgerError('CONFLICT', `${input.year} 年度已登记整顿，不能取消软弱涣散；如登记有误，请先更正整顿记录`);
    }
    return upsertYearly(ctx, 'orgRatings', 'orgRating', org.id, input.year, { stars: input.stars, weak: input.weak ? 1 : 0, note: input.note ?? null }, toRating);
  },

  async 'org.setRectification'(ctx, input) {
    const org = await loadOrgRow(ctx, input.orgId);
    assertYear(ctx, org, input.year);
    const rating = await ctx.db.selectFrom('orgRatings').select('weak').where('orgId', '=', org.id).where('year', '=', input.year).executeTakeFirst();
    if (rating?.weak !== 1) throw new LedgerError('CONFLICT', `该组织 ${input.year} 年度未评定为软弱涣散，请先在年度评定中标记`);
    const dates = { startedOn: input.startedOn ?? null, rectifiedOn: input.rectifiedOn ?? null, closedOn: input.closedOn ?? null };
    for (const [d, label] of [[dates.startedOn, '开始整顿日期'], [dates.rectifiedOn, '整顿完成日期'], [dates.closedOn, '验收销号日期']] as const) if (d) assertDateFor(org, d, ctx.today, label);
    const why = rectificationDatesRefusal(dates);
    if (why) throw new LedgerError('VALIDATION', why);
    const values = { ...dates, causes: JSON.stringify([...new Set(input.causes)].sort()), measures: input.measures ?? null, leader: input.leader ?? null };
    return upsertYearly(ctx, 'orgRectifications', 'orgRectification', org.id, input.year, values, toRectification);
  },
} satisfies Partial<HandlerMap<'org.'>>;
