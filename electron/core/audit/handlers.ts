import { sql } from 'kysely';
import type { AuditEntry } from '../../../shared/types/records.js';
import type { HandlerMap } from '../handler-types.js';

const parse = (s: string | null): unknown => (s === null ? null : JSON.parse(s));

export const auditHandlers: HandlerMap<'audit.'> = {
  async 'audit.list'(ctx, input) {
    let q = ctx.db.selectFrom('auditLog');
    if (input.entity) q = q.where('entity', '=', input.entity);
    if (input.entityId) q = q.where('entityId', '=', input.entityId);
    if (input.userId) q = q.where('userId', '=', input.userId);
    if (input.method) q = q.where('method', '=', input.method);
    const total = await q.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
    const rows = await q.selectAll().orderBy('at', 'desc').orderBy('id', 'desc').limit(input.limit).offset(input.offset).execute();
    return { total: total.n, rows: rows.map((r): AuditEntry => ({ ...r, before: parse(r.before), after: parse(r.after) })) };
  },
};
