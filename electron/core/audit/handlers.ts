import { sql } from 'kysely';
import type { AuditEntry } from '../../../shared/types/records.js';
import type { HandlerMap } from '../handler-types.js';
import type { Ctx } from '../context.js';
import { assertOrgInScope, subtreeUpper } from '../auth/scope.js';
import { mentionedIds, namesOf } from './names.js';
import { creatingBatch } from './creating-batch.js';

const parse = (s: string | null): unknown => (s === null ? null : JSON.parse(s));
const ROWID = sql<number>`audit_log.rowid`;

/**
 * A subtree's page, two ways: its rows by organisation (audit_org_method_at, covering), all sorted
 * by time to keep one page; or the whole log newest first (audit_at), reading each row's org_id
 * until the page is full. The second reads about (offset + limit) × all / matching rows, the first
 * every matching index entry (a row read costs a few entries): a township's first pages read the
 * log, a village's its own rows. The log is append-only (migration 009), so its largest rowid is
 * about its row count, read in one step.
 */
const ROW_READ_COST = 4;
async function readsLogInTimeOrder(ctx: Ctx, matching: number, needed: number): Promise<boolean> {
  if (matching === 0) return false;
  const { n } = await ctx.db.selectFrom('auditLog').select(sql<number>`coalesce(max(rowid), 0)`.as('n')).executeTakeFirstOrThrow();
  return needed * (n / matching) * ROW_READ_COST < matching;
}

export const auditHandlers: HandlerMap<'audit.'> = {
  /**
   * Only a county-wide administrator reads the whole log; anyone else reads the rows about their
   * subtree (its records, and its users' logins). An organisation filter narrows to its subtree.
   */
  async 'audit.list'(ctx, input) {
    const scopePath = ctx.actor.scopePath;
    const subtree = input.orgId ? await assertOrgInScope(ctx, input.orgId) : ctx.actor.countyWide ? null : scopePath;
    // The county's root as a filter is no filter: rows of the whole ledger belong to it.
    const within = subtree === null || (ctx.actor.countyWide && subtree === scopePath) ? null : subtree;

    const orgIds = within === null ? null : ctx.db.selectFrom('orgs').select('id').where('path', '>=', within).where('path', '<', subtreeUpper(within));
    let q = ctx.db.selectFrom('auditLog');
    if (input.from) q = q.where('at', '>=', input.from);
    if (input.to) q = q.where('at', '<', input.to);
    if (input.userId) q = q.where('userId', '=', input.userId);
    if (input.method) q = q.where('method', '=', input.method);
    // A record's history: its own rows, and the row of the import batch that created it (which
    // stands for the records the batch created: they have none of their own).
    const batchId = input.entity && input.entityId ? await creatingBatch(ctx.db, input.entity, input.entityId, within) : null;
    if (batchId !== null) {
      const [entity, entityId] = [input.entity!, input.entityId!];
      q = q.where((eb) =>
        eb.or([
          eb.and([eb('entity', '=', entity), eb('entityId', '=', entityId)]),
          eb.and([eb('entity', '=', 'importBatch'), eb('entityId', '=', batchId), eb('method', '=', 'import.commit')]),
        ]),
      );
    } else {
      if (input.entity) q = q.where('entity', '=', input.entity);
      if (input.entityId) q = q.where('entityId', '=', input.entityId);
    }

    const counted = orgIds ? q.where('orgId', 'in', orgIds) : q;
    const total = (await counted.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n;
    const paged = orgIds && !input.userId && !input.method && !input.entity && !input.entityId && (await readsLogInTimeOrder(ctx, total, input.offset + input.limit)) ? q.where(sql`+audit_log.org_id`, 'in', orgIds) : counted;
    // The page's rowids first (ties on `at` in insertion order), then just those rows: sorting whole
    // rows (their JSON images) of a township's tens of thousands to keep fifty was the slow part.
    const page = await paged.select(ROWID.as('r')).orderBy('at', 'desc').orderBy(ROWID, 'desc').limit(input.limit).offset(input.offset).execute();
    const order = page.map((p) => p.r);
    const rows = order.length === 0 ? [] : await ctx.db.selectFrom('auditLog').selectAll().select(ROWID.as('r')).where(ROWID, 'in', order).execute();
    const byRowid = new Map(rows.map(({ r, ...row }) => [r, row]));
    const entries = order.map((r): AuditEntry => {
      const row = byRowid.get(r)!;
      return { ...row, before: parse(row.before), after: parse(row.after) };
    });
    const ids = new Set<string>();
    for (const e of entries) mentionedIds(e, ids);
    return { total, rows: entries, names: await namesOf(ctx.db, ids, scopePath) };
  },
};
