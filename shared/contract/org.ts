/**
 * 党组织 (DOMAIN.md §1): the tree, the record, and its past as dated records — former names,
 * moves and reclassifications, dissolution and merger, 班子成员, 换届, yearly 星级 and 软弱涣散 with
 * its 整顿. Nothing is ever deleted; every past state can be asked for by date (org.stateOn,
 * org.tree with asOf).
 */
import { z, id, isoDate, isoDateOrMonth, optText } from './zod.js';
import { query, command } from './define.js';
import type { Org, OrgHit, OrgTreeColumns, OrgTreeNode } from '../types/records.js';
import { ORG_KIND_CODES, UNIT_CATEGORY_CODES } from './code-lists.js';
import { OFFICER_POSTS, WEAK_CAUSES, type OfficerPost, type RectificationStatus, type WeakCause } from '../codes/org-records.js';
import type { StructureWarning } from '../domain/org-rules.js';
import type { TermStatus } from '../domain/terms.js';

const kind = z.enum(ORG_KIND_CODES, { error: '组织类别不在代码表中' });
const unitCategory = z.enum(UNIT_CATEGORY_CODES, { error: '单位类别不在代码表中' }).nullable().optional();
const year = z.number().int().min(1949, '年度应在 1949 年之后').max(2100, '年度不正确');

/** What a clerk edits in place on an organisation (name, parent, kind and dissolution have their own calls). */
const orgEditable = {
  shortName: optText(60),
  unitCategory,
  foundedOn: isoDateOrMonth.nullable().optional(),
  approvedByOrgId: id.nullable().optional(),
  contactPerson: optText(32),
  phone: optText(32),
  canApprove: z.boolean().optional(),
  regionCode: z.string().regex(/^\d{12}$/, '统计用区划代码应为 12 位数字').nullable().optional(),
  venueArea: z.number().min(0).max(1e6).nullable().optional(),
  venueBuiltYear: z.number().int().min(1949).max(2100).nullable().optional(),
  venueFunds: z.number().min(0).max(1e7).nullable().optional(),
  liaisonLeader: optText(32),
  sortOrder: z.number().int().optional(),
};

const orgName = z.string().trim().min(2, '组织全称至少 2 个字').max(100);

/** Keys org.update refuses, each with the call that does it while keeping the history. */
const NOT_BY_UPDATE: Record<string, string> = {
  name: '组织名称请用“更名”修改（原名称保留为曾用名）',
  parentId: '上级组织请用“移动”修改',
  dissolvedOn: '撤销请用“撤销组织”',
  secretaryMemberId: '书记请在“班子成员”中登记（按任职起止日期保存）',
  termElectedOn: '换届请在“换届”中登记选举',
  termYears: '任期请在“换届”中登记',
  termExtendedTo: '延期请在“换届”中登记',
  stars: '星级请在“星级与整顿”中按年度评定',
  weak: '软弱涣散请在“星级与整顿”中按年度登记',
};

const refusalOf = (keys: readonly string[]) => keys.map((k) => NOT_BY_UPDATE[k] ?? `不能修改字段“${k}”`).join('；');
const orgPatch = z.strictObject(
  { ...orgEditable, kind: kind.optional(), changedOn: isoDate.optional() },
  { error: (iss) => (iss.code === 'unrecognized_keys' ? refusalOf(iss.keys) : undefined) },
);

/** A former name (曾用名) with the dates it was used. */
export interface OrgFormerName {
  name: string;
  shortName: string | null;
  validFrom: string | null;
  validTo: string;
}

export interface OrgOfficer {
  id: string;
  orgId: string;
  memberId: string | null;
  name: string;
  post: OfficerPost;
  fromDate: string | null;
  /** Last day in post; null while in post. */
  toDate: string | null;
  endReason: string | null;
}

export interface OrgElection {
  id: string;
  orgId: string;
  electedOn: string;
  termYears: number;
  /** 任期届满日. */
  dueOn: string;
  extendedTo: string | null;
  extensionApprovedBy: string | null;
  extensionApprovedByName: string | null;
  extensionApprovedOn: string | null;
  note: string | null;
}

export interface OrgRating {
  year: number;
  stars: number | null;
  weak: boolean;
  note: string | null;
}

export interface OrgRectification {
  year: number;
  causes: WeakCause[];
  measures: string | null;
  leader: string | null;
  startedOn: string | null;
  rectifiedOn: string | null;
  closedOn: string | null;
}

/** Everything the detail panel shows of one organisation, as of today. */
export interface OrgDetail {
  org: Org;
  parentName: string | null;
  approvedByName: string | null;
  mergedIntoName: string | null;
  secretary: { memberId: string | null; name: string } | null;
  formerNames: OrgFormerName[];
  /** Active members whose branch this is, of them 正式党员; live children. */
  members: number;
  formal: number;
  /** The same counts over the organisation and everything below it (what a 党委's figure means). */
  subtreeMembers: number;
  subtreeFormal: number;
  children: number;
  term: { election: OrgElection; status: TermStatus } | null;
  warnings: StructureWarning[];
}

/** One organisation as it stood on a date. */
export interface OrgState {
  date: string;
  existed: boolean;
  name: string;
  shortName: string | null;
  kind: string;
  unitCategory: string | null;
  parent: { id: string; name: string } | null;
  dissolvedOn: string | null;
  officers: OrgOfficer[];
  secretary: { memberId: string | null; name: string } | null;
  term: { election: OrgElection; status: TermStatus } | null;
  rating: OrgRating | null;
  rectification: (OrgRectification & { status: RectificationStatus }) | null;
}

/** A dated line of an organisation's history (the 历史 tab). */
export interface OrgHistoryEntry {
  onDate: string | null;
  kind: 'founded' | 'renamed' | 'moved' | 'reclassified' | 'dissolved' | 'merged' | 'absorbed' | 'election' | 'extension' | 'officer-start' | 'officer-end' | 'rating' | 'rectification';
  text: string;
}

/** A row of the children grid and of the term and warning lists. */
export interface OrgRow {
  id: string;
  parentId: string | null;
  name: string;
  shortName: string | null;
  kind: string;
  unitCategory: string | null;
  /** Names from the list's root down to the parent. */
  pathNames: string[];
  foundedOn: string | null;
  dissolvedOn: string | null;
  secretary: string | null;
  contactPerson: string | null;
  phone: string | null;
  /** Members whose branch this is (the structure warnings count these). */
  members: number;
  formal: number;
  /** Members of the organisation and everything below it, as shown in the grids. */
  subtreeMembers: number;
  subtreeFormal: number;
  electedOn: string | null;
  termYears: number | null;
  dueOn: string | null;
  extendedTo: string | null;
  termStatus: TermStatus | null;
  warnings: StructureWarning[];
}

const subtree = { rootId: id.optional(), kinds: z.array(kind).max(8).optional() };

/**
 * settings.update's organisation settings. `termGraceMonths`: months after a term ends without an
 * approved extension during which it still counts as 应换届 rather than 超期未换届 (default 0: none).
 */
export const orgSettings = {
  termGraceMonths: z.number().int().min(0, '宽限期不能为负数').max(12, '宽限期最多 12 个月').optional(),
};

const treeInput = z.object({ rootId: id.optional(), includeDissolved: z.boolean().default(false), asOf: isoDate.optional() });

export const orgApi = {
  /** The tree of the caller's scope (or `rootId`), on `asOf` (default today) with names, places and kinds then. */
  'org.tree': query<OrgTreeNode[]>()(treeInput, '组织树（限本人范围）'),
  /** org.tree as one array per field (what the renderer loads: a county's 30,000 organisations cross cheaply). */
  'org.treeColumns': query<OrgTreeColumns>()(treeInput, '组织树（限本人范围）'),
  'org.search': query<OrgHit[]>()(
    z.object({
      text: z.string().trim().max(40).default(''),
      kinds: z.array(z.enum(ORG_KIND_CODES)).max(ORG_KIND_CODES.length).optional(),
      rootId: id.optional(),
      includeDissolved: z.boolean().default(false),
      limit: z.number().int().min(1).max(100).default(30),
    }),
    '查找组织',
  ),
  'org.get': query<OrgDetail>()(z.object({ id }), '组织详情'),
  /** Who led it, what it was called, where it sat, its term and rating on one date. */
  'org.stateOn': query<OrgState>()(z.object({ id, date: isoDate }), '组织某日状态'),
  'org.history': query<OrgHistoryEntry[]>()(z.object({ id }), '组织历史'),
  /** Live children (with `includeDissolved` all), one row each, for the editable grid. */
  'org.children': query<OrgRow[]>()(z.object({ id, includeDissolved: z.boolean().default(false) }), '下级组织'),
  /**
   * 换届 list of a subtree on `asOf`: terms ending within `withinMonths` ('soon'), 应换届 ('due'),
   * 超期未换届 ('overdue'); organisations without an election when `unknown` is asked for.
   */
  'org.terms': query<OrgRow[]>()(
    z.object({ ...subtree, asOf: isoDate.optional(), withinMonths: z.number().int().min(0).max(60).default(6), statuses: z.array(z.enum(['soon', 'due', 'overdue', 'unknown'])).min(1).default(['soon', 'due', 'overdue']) }),
    '换届名单',
  ),
  /** Organisations of a subtree with structure warnings, today. */
  'org.warnings': query<OrgRow[]>()(z.object(subtree), '组织设置提醒'),
  'org.officers': query<OrgOfficer[]>()(z.object({ orgId: id }), '班子成员'),
  'org.elections': query<OrgElection[]>()(z.object({ orgId: id }), '换届记录'),
  'org.ratings': query<{ ratings: OrgRating[]; rectifications: OrgRectification[] }>()(z.object({ orgId: id }), '星级与整顿记录'),

  'org.create': command<Org>()(z.object({ ...orgEditable, name: orgName, kind, parentId: id }), '新建组织'),
  /** In-place fields; a change of kind or unit category is dated (`changedOn`, default today) and kept. */
  'org.update': command<Org>()(z.object({ id, patch: orgPatch }), '修改组织'),
  /** Renames keep the old name as 曾用名 with the dates it was used. */
  'org.rename': command<Org>()(z.object({ id, name: orgName, shortName: optText(60), onDate: isoDate }), '组织更名'),
  /** Moves a subtree under a new parent on a date (kept, so the tree of an earlier date is unchanged). */
  'org.move': command<Org>()(z.object({ id, parentId: id, onDate: isoDate, reason: optText(200) }), '移动组织'),
  /**
   * Dissolved, never deleted. Refused while it has live children or active members, unless the
   * same confirmed action dissolves the children (`children: 'dissolve'`) or moves them
   * (`children: { moveTo }`).
   */
  'org.dissolve': command<Org>()(
    z.object({
      id,
      onDate: isoDate,
      reason: z.string().trim().min(1, '请填写撤销原因').max(200),
      children: z.union([z.literal('dissolve'), z.object({ moveTo: id })]).optional(),
    }),
    '撤销组织',
  ),
  /**
   * Merges branch `id` into branch `intoId` on a date: its active members move with dated 转出/转入
   * events, its 党小组 move along, and it is dissolved as merged into the other. Returns the receiver.
   */
  'org.merge': command<Org>()(z.object({ id, intoId: id, onDate: isoDate, reason: optText(200) }), '合并党支部'),

  /** Names a member to a post (书记, 委员 …) from a date. */
  'org.addOfficer': command<OrgOfficer>()(z.object({ orgId: id, memberId: id, post: z.enum(OFFICER_POSTS, { error: '党内职务不在代码表中' }), fromDate: isoDate }), '任命班子成员'),
  /** Ends a post on its last day. */
  'org.endOfficer': command<OrgOfficer>()(z.object({ id, toDate: isoDate, reason: optText(200) }), '班子成员离任'),
  /** Corrects a wrongly entered post or date (audited). */
  'org.updateOfficer': command<OrgOfficer>()(
    z.object({ id, patch: z.object({ post: z.enum(OFFICER_POSTS).optional(), fromDate: isoDate.optional(), toDate: isoDate.nullable().optional() }).strict() }),
    '更正班子成员',
  ),

  /** Records an election (换届); the term length defaults by kind and unit category. */
  'org.addElection': command<OrgElection>()(
    z.object({ orgId: id, electedOn: isoDateOrMonth, termYears: z.number().int().min(1).max(10).optional(), note: optText(200) }),
    '登记换届选举',
  ),
  /** Corrects an election or records its approved extension (延期至, approving body and date). */
  'org.updateElection': command<OrgElection>()(
    z.object({
      id,
      patch: z
        .object({
          electedOn: isoDateOrMonth.optional(),
          termYears: z.number().int().min(1).max(10).optional(),
          extendedTo: isoDateOrMonth.nullable().optional(),
          extensionApprovedBy: id.nullable().optional(),
          extensionApprovedOn: isoDate.nullable().optional(),
          note: optText(200),
        })
        .strict(),
    }),
    '修改换届记录',
  ),

  /** The year's 星级 and 软弱涣散 flag (one record per year; a second call corrects it). */
  'org.setRating': command<OrgRating>()(
    z.object({ orgId: id, year, stars: z.number().int().min(1, '星级为 1–5').max(5, '星级为 1–5').nullable(), weak: z.boolean(), note: optText(200) }),
    '评定星级',
  ),
  /** The 整顿 of a year's 软弱涣散 designation. */
  'org.setRectification': command<OrgRectification>()(
    z.object({
      orgId: id,
      year,
      causes: z.array(z.enum(WEAK_CAUSES, { error: '软弱涣散情形不在代码表中' })).min(1, '请至少选择一项软弱涣散情形').max(10),
      measures: optText(2000),
      leader: optText(32),
      startedOn: isoDate.nullable().optional(),
      rectifiedOn: isoDate.nullable().optional(),
      closedOn: isoDate.nullable().optional(),
    }),
    '登记整顿',
  ),
} as const;
