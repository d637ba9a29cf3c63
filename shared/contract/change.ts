import { z, id } from './zod.js';
import { query, command } from './define.js';

/** One user action over many records (a paste, a bulk action), as the undo list shows it. */
export interface ChangeSetInfo {
  id: string;
  method: string;
  at: string;
  summary: string;
  /** Records changed. */
  count: number;
  /** The change set that undid this one, if any. */
  undoneBy: string | null;
  /** For an undo: the change set it undid. */
  undoOf: string | null;
}

/**
 * Change sets (core/changes/): a paste or a bulk action is one call, one transaction and one change
 * set, each of its audit rows carrying the change id. Undo reverts one as a new audited change set
 * (the log keeps both), refused when a record changed since.
 */
export const changeApi = {
  /** The caller's own recent change sets, newest first. */
  'change.list': query<ChangeSetInfo[]>()(z.object({ limit: z.number().int().min(1).max(50).default(10) }), '最近的批量修改'),
  'change.undo': command<ChangeSetInfo>()(z.object({ changeId: id }), '撤销批量修改'),
} as const;
