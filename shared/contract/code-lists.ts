/** Code lists the contract's schemas validate against. */
// The lists that mirror the code tables come from shared/codes (checked there against the JSON).
export {
  ORG_KINDS as ORG_KIND_CODES,
  UNIT_CATEGORIES as UNIT_CATEGORY_CODES,
  MEMBER_EVENT_KINDS as MEMBER_EVENT_CODES,
} from '../codes/tables.js';
/** Events after which a person is no longer counted as a member. */
export const LEAVING_EVENTS = [
  'transfer-out',
  'suspended',
  'expelled',
  'withdrawn',
  'persuaded-out',
  'removed',
  'self-left',
  'probation-cancelled',
  'not-recognised',
  'deceased',
] as const;
/** 网格单元 kinds (shared/domain/grid-rules.ts): places (社区, 村) first, then what lies in them. */
export const GRID_KIND_CODES = ['community', 'village', 'grid', 'estate', 'building', 'lane', 'village-group'] as const;
export const GRID_KIND_NAMES: Record<(typeof GRID_KIND_CODES)[number], string> = {
  community: '社区',
  village: '村',
  grid: '网格',
  estate: '小区',
  building: '楼栋',
  lane: '巷道',
  'village-group': '村民小组',
};
/** 发展党员 stages and dated steps (DOMAIN.md §4): shared/domain/pipeline-steps.ts. */
export { DEV_STAGES as DEV_STAGE_CODES, DEV_STAGE_NAMES, DEV_STEP_CODES } from '../domain/pipeline-steps.js';
export const TEAM_ROLE_CODES = ['first-secretary', 'leader', 'member'] as const;
export { MEETING_KINDS as MEETING_KIND_CODES, MEETING_KIND_NAMES } from '../domain/meeting-rules.js';
