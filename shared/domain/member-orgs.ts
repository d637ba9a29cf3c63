import type { OrgKind } from '../codes/tables.js';

/**
 * The kinds of organisation a member's 组织关系 may be in: a 党支部 or a 联合党支部. Committees,
 * 党总支 and 党小组 hold branches or are parts of one; a 临时党支部 keeps no 组织关系. Pickers that
 * choose a member's branch offer these only.
 */
export const MEMBER_ORG_KINDS: readonly OrgKind[] = ['branch', 'joint-branch'];
