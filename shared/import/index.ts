import type { Catalogue, ImportKind } from './fields.js';
import { MEMBER_CATALOGUE } from './catalog-members.js';
import { PIPELINE_CATALOGUE } from './catalog-pipeline.js';
import { ORG_CATALOGUE } from './catalog-orgs.js';
import { GRID_CATALOGUE } from './catalog-grids.js';
import { RESERVE_CATALOGUE } from './catalog-reserves.js';
import { TEAM_CATALOGUE } from './catalog-teams.js';
import { MEETING_CATALOGUE } from './catalog-meetings.js';

/** Catalogues by kind; each kind of roster plugs in here through the same engine. */
export const CATALOGUES: Readonly<Record<ImportKind, Catalogue>> = {
  orgs: ORG_CATALOGUE,
  grids: GRID_CATALOGUE,
  members: MEMBER_CATALOGUE,
  pipeline: PIPELINE_CATALOGUE,
  reserves: RESERVE_CATALOGUE,
  teams: TEAM_CATALOGUE,
  meetings: MEETING_CATALOGUE,
};

export * from './fields.js';
export * from './issue-codes.js';
export * from './similarity.js';
export { MEMBER_CATALOGUE, MEMBER_CATEGORY_CHOICES, PERSON_FIELDS } from './catalog-members.js';
export { PIPELINE_CATALOGUE } from './catalog-pipeline.js';
export { ORG_CATALOGUE } from './catalog-orgs.js';
export { GRID_CATALOGUE } from './catalog-grids.js';
export { RESERVE_CATALOGUE, RESERVE_DIRECTION_CHOICES, RESERVE_STAGE_CHOICES } from './catalog-reserves.js';
export * from './catalog-teams.js';
export * from './catalog-meetings.js';
