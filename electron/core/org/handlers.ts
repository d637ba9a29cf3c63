import type { HandlerMap } from '../handler-types.js';
import { orgReadHandlers } from './read.js';
import { orgEditHandlers } from './edit.js';
import { orgStructureHandlers } from './structure.js';
import { orgMergeHandlers } from './merge.js';
import { orgOfficerHandlers } from './officers.js';
import { orgElectionHandlers } from './elections.js';
import { orgRatingHandlers } from './ratings.js';
import { searchOrgs } from './search.js';

/** Every org.* call, one file per kind of record; `satisfies` makes a missing one a compile error. */
export const orgHandlers = {
  ...orgReadHandlers,
  ...orgEditHandlers,
  ...orgStructureHandlers,
  ...orgMergeHandlers,
  ...orgOfficerHandlers,
  ...orgElectionHandlers,
  ...orgRatingHandlers,
  'org.search': (ctx, input) => searchOrgs(ctx, input),
} satisfies HandlerMap<'org.'>;
