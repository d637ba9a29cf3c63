import { sql } from 'kysely';
import type { AuditEntry } from '../../../shared/types/records.js';
import type { HandlerMap } from '../handler-types.js';
import { assertOrgInScope, subtreeUpper } from '../auth/scope.js';
import { mentionedIds, namesOf } from './names.js';

const parse = (s: string | null): unknown => (s === null ? null : JSON.parse(s));

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

    let q = ctx.db.selectFrom('auditLog');
    if (within !== null) {
      q = q.where('orgId', 'in', ctx.db.selectFrom('orgs').select('id').where('path', '>=', within).where('path', '<', subtreeUpper(within)));
    }
    if (input.from) q = q.where('at', '>=', input.from);
    if (input.to) q = q.where('at', '<', input.to);
    if (input.userId) q = q.where('userId', '=', input.userId);
    if (input.method) q = q.where('method', '=', input.method);
    if (input.entity) q = q.where('entity', '=', input.entity);
    if (input.entityId) q = q.where('entityId', '=', input.entityId);

    const total = await q.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
    const rows = await q.selectAll().orderBy('at', 'desc').orderBy('id', 'desc').limit(input.limit).offset(input.offset).execute();
    const entries = rows.map((r): AuditEntry => ({ ...r, before: parse(r.before), after: parse(r.after) }));
    const ids = new Set<string>();
    for (const e of entries) mentionedIds(e, ids);
    return { total: total.n, rows: entries, names: await namesOf(ctx.db, ids, scopePath) };
  },
};
