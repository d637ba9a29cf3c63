import type { Kysely } from 'kysely';
import { LedgerError } from '../../../shared/contract/envelope.js';
import type { DB } from '../db/schema.js';
import type { Ctx } from '../context.js';

/** Upper bound of a subtree's path range: '/' (0x2F) + 1 is '0', so [path, path') is the subtree. */
export function subtreeUpper(path: string): string {
  return path.slice(0, -1) + '0';
}

/** The root organisation's path is its one segment, '/<id>/': a scope there is the whole county. */
export function isCountyPath(path: string): boolean {
  return path.indexOf('/', 1) === path.length - 1;
}

export function inSubtree(path: string, rootPath: string): boolean {
  return path.startsWith(rootPath);
}

export async function orgPath(db: Kysely<DB>, orgId: string): Promise<string> {
  const row = await db.selectFrom('orgs').select('path').where('id', '=', orgId).executeTakeFirst();
  if (!row) throw new LedgerError('NOT_FOUND', '组织不存在');
  return row.path;
}

/** Every org-bound read or write passes here: a township clerk cannot reach another township. */
export async function assertOrgInScope(ctx: Ctx, orgId: string): Promise<string> {
  const path = await orgPath(ctx.db, orgId);
  if (!inSubtree(path, ctx.actor.scopePath)) throw new LedgerError('FORBIDDEN', '该组织不在您的管理范围内');
  return path;
}

/** The subtree a list is limited to: the requested root if inside scope, else the scope itself. */
export async function listRootPath(ctx: Ctx, orgId: string | undefined): Promise<string> {
  if (!orgId) return ctx.actor.scopePath;
  return assertOrgInScope(ctx, orgId);
}

/**
 * An organisation the caller may name as a superior body: one in their subtree or one above it
 * (批准成立的上级组织 may be the county committee above a township), never a neighbour's.
 */
export async function assertOrgInScopeOrAbove(ctx: Ctx, orgId: string): Promise<string> {
  const path = await orgPath(ctx.db, orgId);
  if (!inSubtree(path, ctx.actor.scopePath) && !ctx.actor.scopePath.startsWith(path)) throw new LedgerError('FORBIDDEN', '该组织不在您的管理范围内');
  return path;
}
