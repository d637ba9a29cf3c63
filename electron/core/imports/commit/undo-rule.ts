/**
 * Who may undo an import batch (README, security model): an administrator whose scope covers the
 * batch's sending unit, any batch; a clerk, only the batches they committed themselves (still within
 * their scope); a viewer, none (the contract's role). A batch without a sending unit is undone only
 * by an administrator of the whole county. Forcing an undo past later edits is for administrators.
 */
import type { Actor } from '../../context.js';
import { inSubtree } from '../../auth/scope.js';

export interface BatchOwner {
  userId: string | null;
  /** The sending unit's materialised path; null when the batch has none (or it is gone). */
  senderPath: string | null;
}

/** Null when the actor may undo the batch, else the reason (a user-facing message). */
export function undoRefusal(actor: Actor, batch: BatchOwner): string | null {
  const role = actor.user.role;
  if (role === 'viewer') return '查阅用户不能撤销导入批次';
  if (batch.senderPath === null) return actor.countyWide && role === 'admin' ? null : '该批次没有报送单位，只有全县管理员可以撤销';
  if (!inSubtree(batch.senderPath, actor.scopePath)) return '该批次的报送单位不在您的管理范围内';
  if (role === 'admin') return null;
  return batch.userId === actor.user.id ? null : '录入员只能撤销本人导入的批次；其他人导入的批次请由导入人本人或管理员撤销';
}
