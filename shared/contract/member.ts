import { z, id, idNumber, optText, pastDate, pastDateOrMonth, personName, phoneNumber } from './zod.js';
import { query, command } from './define.js';
import type { Member, MemberEvent, MemberRecord, Page, ReceivingOrg } from '../types/records.js';
import { memberCrossProblems } from '../domain/rules/index.js';
import { todayIso } from '../domain/dates.js';
import { EXPULSION_KINDS } from '../domain/member-history.js';

export { idNumber };

const category = z.enum(['formal', 'probationary'], { error: '人员类别应为正式党员或预备党员' });

/** The person and their record, besides what the history decides. */
const personFields = {
  idNumber,
  name: personName,
  gender: z.enum(['1', '2', '0', '9']).nullable().optional(),
  ethnicity: z.string().regex(/^\d{2}$/, '民族代码应为 2 位').nullable().optional(),
  birthDate: pastDateOrMonth.nullable().optional(),
  nativePlace: optText(60),
  education: z.string().regex(/^\d{2}$/, '学历代码应为 2 位').nullable().optional(),
  degree: optText(20),
  partyPost: optText(40),
  jobCategory: z.string().regex(/^\d{2}$/, '工作岗位代码应为 2 位').nullable().optional(),
  employerPost: optText(100),
  techTitle: optText(40),
  newStratum: optText(40),
  migrantWorker: z.boolean().optional(),
  phone: phoneNumber,
  householdReg: optText(100),
  residence: optText(100),
  gridId: id.nullable().optional(),
  dutyPost: optText(40),
  modelHousehold: z.boolean().optional(),
  hardship: z.boolean().optional(),
  partyAgeAdjustMonths: z.number().int().min(-600).max(600).optional(),
};

/**
 * Fields only dated events change (DOMAIN.md §3): 人员类别, 入党/转正日期 and the branch through
 * 发展 / 转正 / 转接 …, the 流动 and 失联 flags through 流动/返回 and 失联/恢复联系.
 */
export const HISTORY_FIELDS = {
  category: '人员类别',
  joinedOn: '入党日期',
  confirmedOn: '转正日期',
  orgId: '所在党支部',
  mobile: '流动党员',
  mobilePlace: '外出地点',
  mobileSince: '外出日期',
  lostContact: '失联党员',
  lostSince: '失联日期',
  lostCircumstance: '失联情形',
} as const;
export type HistoryField = keyof typeof HISTORY_FIELDS;
export const isHistoryField = (f: string): f is HistoryField => f in HISTORY_FIELDS;

/** How a record typed in the ledger begins its history. */
const entry = z.discriminatedUnion('kind', [
  /** 建档: a member of this branch the ledger never had; 发展 on the 入党日期, 转正 on the 转正日期 (as the import does). */
  z.object({ kind: z.literal('record') }),
  /** 转入 from outside the county. */
  z.object({ kind: z.literal('transfer-in'), onDate: pastDate, otherParty: z.string().trim().min(1, '请填写从何处转入').max(100), note: optText(500) }),
]);

export const memberFields = z
  .object({
    ...personFields,
    orgId: id,
    category,
    joinedOn: pastDateOrMonth.nullable().optional(),
    confirmedOn: pastDateOrMonth.nullable().optional(),
    entry: entry.default({ kind: 'record' }),
  })
  .superRefine((v, c) => {
    for (const p of memberCrossProblems(v, { today: todayIso(), complete: true })) c.addIssue({ code: 'custom', path: [p.field], message: p.message });
  });

const patchFields = z
  .object({
    ...personFields,
    ...Object.fromEntries(Object.keys(HISTORY_FIELDS).map((k) => [k, z.unknown().optional()])),
  })
  .omit({ idNumber: true })
  .partial()
  .superRefine((v, c) => {
    for (const [k, label] of Object.entries(HISTORY_FIELDS)) {
      if ((v as Record<string, unknown>)[k] !== undefined) {
        c.addIssue({ code: 'custom', path: [k], message: `${label}只能通过登记变动（转正、转接、停止/恢复党籍、流动、失联等）改变；记录有误请管理员更正` });
      }
    }
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
  /**
   * The roster's one search box: digits (and a final X) are the start of a 公民身份号码, Latin
   * letters the start of the name's pinyin initials ('zyx' finds 张雨欣), anything else a fragment
   * of the name.
   */
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
  /** Age in whole years today, inclusive bounds. */
  ageMin: z.number().int().min(0).max(120).optional(),
  ageMax: z.number().int().min(0).max(120).optional(),
  /** 光荣在党50年: 党龄 (from 转正日期, with the member's 党龄校正值) at least 50 years today. */
  fiftyYears: z.boolean().optional(),
  /** Registered with this grid unit or one below it. */
  gridId: id.optional(),
  /** Registered with any grid unit (true) or with none (false). */
  hasGrid: z.boolean().optional(),
});

/** Events a clerk records on an existing member (发展 is the pipeline's 党委审批; 转出 is member.transfer). */
export const RECORDED_EVENT_KINDS = [
  'confirmed',
  'probation-extended',
  'probation-cancelled',
  'transfer-in',
  'suspended',
  'restored',
  'mobile',
  'returned',
  'lost-contact',
  'contact-restored',
  ...EXPULSION_KINDS,
  'deceased',
] as const;

/** The kinds an administrator's 更正 may set on an event. */
const CORRECTABLE_KINDS = ['admitted', ...RECORDED_EVENT_KINDS, 'transfer-out'] as const;

const reason = z.string().trim().min(2, '请写明更正的原因').max(200, '原因不能超过 200 个字');

/** Where the next page starts: the last row's sort values and its place in the order. */
export const memberCursor = z.object({
  values: z.array(z.union([z.string().max(200), z.number(), z.null()])).max(3),
  at: z.number().int(),
});

export type MemberCursor = z.output<typeof memberCursor>;

/**
 * Columns a pasted block may fill. 人员类别, 入党日期, 转正日期 and the branch change only through
 * dated events, so a paste (and its undo) never writes them.
 */
export const PASTE_FIELDS = ['name', 'gender', 'ethnicity', 'education', 'jobCategory', 'phone'] as const;
export const pastePatch = z.object(personFields).pick({ name: true, gender: true, ethnicity: true, education: true, jobCategory: true, phone: true }).partial();

export const memberApi = {
  /**
   * One page of the roster: subtree, sort, filter, search and count are done by the core. `after`
   * (the previous page's `next`) continues the order from an index (keyset paging); `offset` is for
   * a jump without one. `total` is counted once per query and kept while the members are unchanged.
   */
  'member.list': query<Page<Member> & { next: MemberCursor | null }>()(
    z.object({
      orgId: id.optional(),
      status: z.enum(['active', 'left', 'all']).default('active'),
      offset: z.number().int().min(0).default(0),
      after: memberCursor.optional(),
      limit: z.number().int().min(1).max(1000).default(100),
      sort: z.array(z.object({ field: z.enum(MEMBER_SORT_FIELDS), dir: z.enum(['asc', 'desc']) })).max(3).default([]),
      filter: memberFilter.default({}),
    }),
    '党员列表',
  ),
  /**
   * A block pasted from Excel/WPS: every row's cells in one transaction and one change set (undone
   * as a whole with change.undo). Any refused cell refuses the whole paste and is named.
   */
  'member.paste': command<{ changeId: string; updated: number }>()(
    z.object({
      rows: z.array(z.object({ id, expectedUpdatedAt: z.string().max(40).optional(), patch: pastePatch })).min(1).max(2000),
    }),
    '粘贴修改党员信息',
  ),
  /** Registers the selected members with a grid unit (null: with none), one change set. */
  'member.registerGrid': command<{ changeId: string; updated: number }>()(
    z.object({ ids: z.array(id).min(1).max(5000), gridId: id.nullable() }),
    '批量登记网格',
  ),
  /**
   * 组织关系转接 of the selected members to one branch of the ledger: each its own 转出 + 转入 pair
   * (as member.transfer), all in one transaction and one change set. Its undo is refused: the branch
   * changes through events, mended by 更正.
   */
  'member.transferMany': command<{ changeId: string; updated: number }>()(
    z.object({ ids: z.array(id).min(1).max(2000), toOrgId: id, onDate: pastDate, note: optText(500) }),
    '批量转接组织关系',
  ),
  'member.get': query<Member>()(z.object({ id }), '党员详情'),
  /** Everything the record page and the printed 一人一档 show: the record, its places, its history. */
  'member.record': query<MemberRecord>()(z.object({ id }), '党员档案'),
  /** A new record and the events that begin its history (建档 or 转入). */
  'member.create': command<Member>()(memberFields, '新增党员'),
  /** Fields besides the history; `expectedUpdatedAt` refuses a save over someone else's newer edit. */
  'member.update': command<Member>()(z.object({ id, patch: patchFields, expectedUpdatedAt: z.string().optional() }), '修改党员信息'),
  /** A dated event: the state on that date allows it, and the whole history stays possible. */
  'member.addEvent': command<MemberEvent & { warnings: string[] }>()(
    z
      .object({
        memberId: id,
        kind: z.enum(RECORDED_EVENT_KINDS),
        onDate: pastDate,
        /** 转入 (of someone who had transferred out): the receiving organisation, default the member's. */
        orgId: id.optional(),
        otherParty: optText(100),
        note: optText(500),
        /** 延长预备期 (R13: 6–12 months). */
        months: z.number().int().min(6, '预备期延长应为 6 至 12 个月').max(12, '预备期延长应为 6 至 12 个月').optional(),
        outsideCounty: z.boolean().optional(),
      })
      .superRefine((v, c) => {
        if (v.kind === 'probation-extended' && v.months === undefined) c.addIssue({ code: 'custom', path: ['months'], message: '请填写延长的月数（6 至 12 个月）' });
        if (v.kind === 'transfer-in' && !v.otherParty) c.addIssue({ code: 'custom', path: ['otherParty'], message: '请填写从何处转入' });
        if (v.kind === 'mobile' && !v.otherParty) c.addIssue({ code: 'custom', path: ['otherParty'], message: '请填写外出地点' });
      }),
    '记录党员状态变化',
  ),
  /**
   * 组织关系转出, one action: to a branch of this ledger (its 转出 + 转入 pair, the receiving side
   * sees the member at once, even outside the sender's subtree) or to a place outside the county.
   */
  'member.transfer': command<MemberEvent>()(
    z
      .object({
        memberId: id,
        onDate: pastDate,
        toOrgId: id.optional(),
        toPlace: optText(100),
        note: optText(500),
      })
      .superRefine((v, c) => {
        if (!v.toOrgId === !v.toPlace) c.addIssue({ code: 'custom', path: ['toOrgId'], message: '请选择本县接收的党组织，或填写转往县外的单位（二者选一）' });
      }),
    '组织关系转接',
  ),
  /** The organisations of the ledger a member may be transferred to (names only; any township). */
  'member.receivingOrgs': query<ReceivingOrg[]>()(z.object({ text: z.string().trim().max(40).optional() }), '可接收组织关系的党组织', 'clerk'),
  /** 更正: an administrator mends a wrong record; kept as its own kind in the history and the audit log. */
  'member.correct': command<{ member: Member; correction: MemberEvent }>()(
    z
      .object({
        memberId: id,
        reason,
        eventId: id.optional(),
        remove: z.boolean().optional(),
        event: z
          .object({
            kind: z.enum(CORRECTABLE_KINDS).optional(),
            onDate: pastDate.optional(),
            otherParty: optText(100),
            note: optText(500),
            joinedOn: pastDateOrMonth.optional(),
            months: z.number().int().min(6).max(12).optional(),
          })
          .optional(),
        opening: z.object({ category: category.optional(), joinedOn: pastDateOrMonth.nullable().optional(), confirmedOn: pastDateOrMonth.nullable().optional() }).optional(),
      })
      .superRefine((v, c) => {
        const what = (v.eventId ? 1 : 0) + (v.opening ? 1 : 0);
        if (what !== 1) c.addIssue({ code: 'custom', path: ['eventId'], message: '请指明要更正的一条变动记录，或建档时的入党、转正信息（二者选一）' });
        if (v.eventId && !v.remove && !v.event) c.addIssue({ code: 'custom', path: ['event'], message: '请填写更正后的内容，或选择删除这条错录的记录' });
      }),
    '更正党员记录',
    'admin',
  ),
  'member.events': query<MemberEvent[]>()(z.object({ memberId: id }), '党员状态变化记录'),
} as const;


