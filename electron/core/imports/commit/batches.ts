/** import.batches: the batches of the caller's subtree, newest first, with who may undo each. */
import { sql } from 'kysely';
import type { Ctx } from '../../context.js';
import { listRootPath, subtreeUpper } from '../../auth/scope.js';
import { undoRefusal } from './undo-rule.js';

export async function listBatches(ctx: Ctx, orgId: string | undefined, offset: number, limit: number) {
  const root = await listRootPath(ctx, orgId);
  const q = ctx.db
    .selectFrom('importBatches as b')
    .leftJoin('orgs as o', 'o.id', 'b.senderOrgId')
    .leftJoin('users as u', 'u.id', 'b.userId')
    .where((eb) => eb.and([eb('o.path', '>=', root), eb('o.path', '<', subtreeUpper(root))]));
  const total = await q.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
  const rows = await q
    .select(['b.id', 'b.kind', 'b.senderOrgId', 'o.name as senderOrgName', 'o.path as senderPath', 'b.userId', 'u.username', 'u.displayName as userDisplayName', 'b.files', 'b.counts', 'b.status', 'b.createdAt', 'b.undoneAt'])
    .orderBy('b.createdAt', 'desc')
    .orderBy('b.id', 'desc')
    .limit(limit)
    .offset(offset)
    .execute();
  return {
    total: Number(total.n),
    rows: rows.map(({ senderPath, ...r }) => ({
      ...r,
      senderOrgName: r.senderOrgName ?? null,
      username: r.username ?? null,
      userDisplayName: r.userDisplayName ?? null,
      files: JSON.parse(r.files) as string[],
      counts: JSON.parse(r.counts) as Record<string, number>,
      canUndo: r.status === 'committed' && undoRefusal(ctx.actor, { userId: r.userId, senderPath: senderPath ?? null }) === null,
    })),
  };
}
