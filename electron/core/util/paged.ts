import { sql, type SelectQueryBuilder } from 'kysely';
import type { DB } from '../db/schema.js';
import type { Ctx } from '../context.js';
import { escapeLike } from './like.js';
import { listRootPath, subtreeUpper } from '../auth/scope.js';

type OrgBoundTable = 'devPeople' | 'reserves';

/** The column a list's search box looks in. */
const TEXT_COLUMN: Record<OrgBoundTable, string> = { devPeople: 'name', reserves: 'name' };

/**
 * A page of an org-bound table limited to the caller's subtree, with an optional name search.
 * `orgColumn` names the column that binds a row to its organisation.
 */
export async function pageInSubtree<T extends OrgBoundTable>(
  ctx: Ctx,
  table: T,
  orgColumn: 'orgId' | 'villageOrgId',
  input: { orgId?: string | undefined; offset: number; limit: number; text?: string | undefined },
  refine: (q: SelectQueryBuilder<any, any, object>) => SelectQueryBuilder<any, any, object> = (q) => q,
  orderBy: string = 'name',
): Promise<{ rows: DB[T][]; total: number }> {
  const root = await listRootPath(ctx, input.orgId);
  let q = (ctx.db as any)
    .selectFrom(`${table} as t`)
    .innerJoin('orgs as o', 'o.id', `t.${orgColumn}`)
    .where('o.path', '>=', root)
    .where('o.path', '<', subtreeUpper(root)) as SelectQueryBuilder<any, any, object>;
  if (input.text) q = q.where(sql<boolean>`${sql.ref(`t.${TEXT_COLUMN[table]}`)} LIKE ${'%' + escapeLike(input.text) + '%'} ESCAPE '\\'`);
  q = refine(q);
  const total = (await q.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()) as { n: number };
  const rows = await q.selectAll('t').orderBy(`t.${orderBy}`).orderBy('t.id').limit(input.limit).offset(input.offset).execute();
  return { rows: rows as DB[T][], total: total.n };
}

/** Drops the bookkeeping column no contract type exposes. */
export function withoutBatch<T extends { importBatchId?: unknown }>(row: T): Omit<T, 'importBatchId'> {
  const { importBatchId: _b, ...rest } = row;
  return rest;
}
