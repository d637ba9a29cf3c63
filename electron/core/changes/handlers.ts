import type { HandlerMap } from '../handler-types.js';
import { listChanges, undoChange } from './change-set.js';

export const changeHandlers: HandlerMap<'change.'> = {
  async 'change.list'(ctx, input) {
    return listChanges(ctx, input.limit);
  },
  async 'change.undo'(ctx, input) {
    return undoChange(ctx, input.changeId);
  },
};
