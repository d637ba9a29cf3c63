/**
 * Previews live in the core's memory (never on disk: they hold personal data), keyed by an
 * unguessable id, for an hour; at most MAX_PREVIEWS are kept, the oldest going first.
 */
import { LedgerError } from '../../../../shared/contract/envelope.js';
import type { Ctx } from '../../context.js';
import { inSubtree, orgPath } from '../../auth/scope.js';
import type { PreviewState } from './state.js';

export const PREVIEW_TTL_MS = 60 * 60 * 1000;
export const MAX_PREVIEWS = 8;

const previews = new Map<string, PreviewState>();

function sweep(now: number): void {
  for (const [id, p] of previews) if (p.expiresAt <= now) previews.delete(id);
}

export function putPreview(p: PreviewState): void {
  sweep(Date.now());
  previews.set(p.id, p);
  while (previews.size > MAX_PREVIEWS) {
    const oldest = previews.keys().next().value;
    if (oldest === undefined) break;
    previews.delete(oldest);
  }
}

/**
 * The caller's preview. Someone else's may be opened only by an administrator whose scope holds the
 * owner's whole scope: its issues may name anyone in the owner's scope.
 */
export async function getPreview(ctx: Ctx, id: string): Promise<PreviewState> {
  sweep(Date.now());
  const p = previews.get(id);
  if (!p) throw new LedgerError('NOT_FOUND', '导入预览不存在或已过期（预览保留1小时），请重新选择文件预览');
  if (!inSubtree(await orgPath(ctx.db, p.underOrgId), ctx.actor.scopePath)) throw new LedgerError('FORBIDDEN', '该导入预览不在您的管理范围内');
  const mine = p.userId === ctx.actor.user.id;
  if (!mine && !(ctx.actor.user.role === 'admin' && inSubtree(p.scopePath, ctx.actor.scopePath))) throw new LedgerError('FORBIDDEN', '这是其他用户的导入预览');
  return p;
}

export function dropPreview(id: string): void {
  previews.delete(id);
}
