import type { Handlers } from './handler-types.js';
import { orgHandlers } from './org/handlers.js';
import { memberHandlers } from './member/handlers.js';
import { gridHandlers } from './grid/handlers.js';
import { pipelineHandlers } from './pipeline/handlers.js';
import { reserveHandlers } from './reserve/handlers.js';
import { teamHandlers } from './team/handlers.js';
import { meetingHandlers } from './meeting/handlers.js';
import { userHandlers } from './user/handlers.js';
import { auditHandlers } from './audit/handlers.js';
import { backupHandlers } from './backup/handlers.js';
import { settingsHandlers, settingsReadHandlers } from './settings/handlers.js';
import { statsHandlers } from './stats/handlers.js';
import { importHandlers } from './imports/handlers.js';
import { exportHandlers } from './exports/handlers.js';
import { changeHandlers } from './changes/handlers.js';

/** Every core method of the contract; `satisfies` makes a missing one a compile error. */
export const handlers = {
  ...orgHandlers,
  ...memberHandlers,
  ...gridHandlers,
  ...pipelineHandlers,
  ...reserveHandlers,
  ...teamHandlers,
  ...meetingHandlers,
  ...userHandlers,
  ...auditHandlers,
  ...backupHandlers,
  ...settingsHandlers,
  ...settingsReadHandlers,
  ...exportHandlers,
  ...importHandlers,
  ...statsHandlers,
  ...changeHandlers,
} satisfies Handlers;
