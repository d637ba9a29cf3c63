import { z, id, isoDate, isoDateOrMonth, optText } from './zod.js';
import { query, command } from './define.js';
import type { Org, OrgHit, OrgTreeNode } from '../types/records.js';
import { ORG_KIND_CODES, UNIT_CATEGORY_CODES } from './code-lists.js';

export const orgFields = z.object({
  name: z.string().trim().min(2, '组织全称至少 2 个字').max(100),
  shortName: optText(60),
  kind: z.enum(ORG_KIND_CODES, { error: '组织类别不在代码表中' }),
  unitCategory: z.enum(UNIT_CATEGORY_CODES, { error: '单位类别不在代码表中' }).nullable().optional(),
  foundedOn: isoDateOrMonth.nullable().optional(),
  approvedByOrgId: id.nullable().optional(),
  secretaryMemberId: id.nullable().optional(),
  contactPerson: optText(32),
  phone: optText(32),
  canApprove: z.boolean().optional(),
  regionCode: z.string().regex(/^\d{12}$/, '统计用区划代码应为 12 位数字').nullable().optional(),
  termElectedOn: isoDateOrMonth.nullable().optional(),
  termYears: z.number().int().min(1).max(10).nullable().optional(),
  termExtendedTo: isoDateOrMonth.nullable().optional(),
  stars: z.number().int().min(1, '星级为 1–5').max(5, '星级为 1–5').nullable().optional(),
  weak: z.boolean().optional(),
  rectificationStatus: optText(32),
  rectificationMeasures: optText(2000),
  venueArea: z.number().min(0).max(1e6).nullable().optional(),
  venueBuiltYear: z.number().int().min(1949).max(2100).nullable().optional(),
  venueFunds: z.number().min(0).max(1e7).nullable().optional(),
  liaisonLeader: optText(32),
  sortOrder: z.number().int().optional(),
});

export const orgApi = {
  'org.tree': query<OrgTreeNode[]>()(
    z.object({ rootId: id.optional(), includeDissolved: z.boolean().default(false) }),
    '组织树（限本人范围）',
  ),
  /**
   * The organisation picker's search: a fragment of the name or short name, or pinyin initials
   * ('jcz' finds 嘉城镇), within the caller's scope (or `rootId`'s subtree), only the kinds asked for.
   * An empty text lists the subtree's top organisations.
   */
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
  'org.get': query<Org>()(z.object({ id }), '组织详情'),
  'org.create': command<Org>()(orgFields.extend({ parentId: id }), '新建组织'),
  'org.update': command<Org>()(z.object({ id, patch: orgFields.partial() }), '修改组织'),
  /** Renames keep the old name in history (曾用名). */
  'org.rename': command<Org>()(
    z.object({ id, name: orgFields.shape.name, shortName: optText(60), onDate: isoDate }),
    '组织更名',
  ),
  /** Dissolved, never deleted: history matters. */
  'org.dissolve': command<Org>()(z.object({ id, onDate: isoDate, reason: optText(200) }), '撤销组织'),
  'org.history': query<{ name: string; shortName: string | null; validFrom: string | null; validTo: string }[]>()(
    z.object({ id }),
    '组织曾用名',
  ),
} as const;
