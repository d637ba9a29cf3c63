import { z, id, isoDate, isoDateOrMonth, optText } from './zod.js';
import { query, command } from './define.js';
import type { Member, MemberEvent, Page } from '../types/records.js';
import { MEMBER_EVENT_CODES } from './code-lists.js';

/** 18-character citizen ID; the core checks the check character too. */
export const idNumber = z
  .string()
  .trim()
  .transform((s) => s.toUpperCase())
  .pipe(z.string().regex(/^\d{17}[\dX]$/, '公民身份号码应为 18 位（末位可为 X）'));

export const memberFields = z.object({
  idNumber,
  name: z.string().trim().min(1, '姓名不能为空').max(40, '姓名过长'),
  gender: z.enum(['1', '2', '0', '9']).nullable().optional(),
  ethnicity: z.string().regex(/^\d{2}$/, '民族代码应为 2 位').nullable().optional(),
  birthDate: isoDateOrMonth.nullable().optional(),
  nativePlace: optText(60),
  education: z.string().regex(/^\d{2}$/, '学历代码应为 2 位').nullable().optional(),
  degree: optText(20),
  category: z.enum(['formal', 'probationary'], { error: '人员类别应为正式党员或预备党员' }),
  joinedOn: isoDateOrMonth.nullable().optional(),
  confirmedOn: isoDateOrMonth.nullable().optional(),
  orgId: id,
  partyPost: optText(40),
  jobCategory: z.string().regex(/^\d{2}$/, '工作岗位代码应为 2 位').nullable().optional(),
  employerPost: optText(100),
  techTitle: optText(40),
  newStratum: optText(40),
  migrantWorker: z.boolean().optional(),
  phone: optText(32),
  householdReg: optText(100),
  residence: optText(100),
  gridId: id.nullable().optional(),
  dutyPost: optText(40),
  modelHousehold: z.boolean().optional(),
  mobile: z.boolean().optional(),
  mobilePlace: optText(100),
  mobileSince: isoDateOrMonth.nullable().optional(),
  lostContact: z.boolean().optional(),
  lostSince: isoDateOrMonth.nullable().optional(),
  lostCircumstance: optText(200),
  hardship: z.boolean().optional(),
  partyAgeAdjustMonths: z.number().int().min(-600).max(600).optional(),
});

/** Columns the grid may sort and filter by (whitelisted: no free SQL crosses the boundary). */
export const MEMBER_SORT_FIELDS = [
  'name',
  'idNumber',
  'gender',
  'ethnicity',
  'birthDate',
  'education',
  'category',
  'joinedOn',
  'confirmedOn',
  'orgName',
  'jobCategory',
  'phone',
  'updatedAt',
] as const;

export const memberFilter = z.object({
  text: z.string().trim().max(40).optional(),
  name: z.string().trim().max(40).optional(),
  idNumber: z.string().trim().max(18).optional(),
  gender: z.string().optional(),
  ethnicity: z.string().optional(),
  education: z.string().optional(),
  category: z.enum(['formal', 'probationary']).optional(),
  jobCategory: z.string().optional(),
  mobile: z.boolean().optional(),
  lostContact: z.boolean().optional(),
});

export const memberApi = {
  /** One page for the infinite grid: subtree, sort and filter are done by the core. */
  'member.list': query<Page<Member>>()(
    z.object({
      orgId: id.optional(),
      status: z.enum(['active', 'left', 'all']).default('active'),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(1000).default(100),
      sort: z.array(z.object({ field: z.enum(MEMBER_SORT_FIELDS), dir: z.enum(['asc', 'desc']) })).max(3).default([]),
      filter: memberFilter.default({}),
    }),
    '党员列表',
  ),
  'member.get': query<Member>()(z.object({ id }), '党员详情'),
  'member.create': command<Member>()(memberFields, '新增党员'),
  /** One or more fields; `expectedUpdatedAt` refuses a save over someone else's newer edit. */
  'member.update': command<Member>()(
    z.object({ id, patch: memberFields.omit({ idNumber: true }).partial(), expectedUpdatedAt: z.string().optional() }),
    '修改党员信息',
  ),
  /** Status changes are dated events: never an edit that loses history. */
  'member.addEvent': command<MemberEvent>()(
    z.object({
      memberId: id,
      kind: z.enum(MEMBER_EVENT_CODES),
      onDate: isoDate,
      toOrgId: id.optional(),
      otherParty: optText(100),
      note: optText(500),
    }),
    '记录党员状态变化',
  ),
  'member.events': query<MemberEvent[]>()(z.object({ memberId: id }), '党员状态变化记录'),
} as const;
