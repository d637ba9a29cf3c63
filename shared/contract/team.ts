/**
 * 第一书记 and 驻村工作队 (DOMAIN.md §6): postings to villages, the month grid of days in the
 * village, leave, training, yearly grades and the end of a posting (召回 / 轮换).
 */
import { z, id, isoDate, isoDateOrMonth, optText } from './zod.js';
import { query, command } from './define.js';
import { idNumber } from './member.js';
import { TEAM_ROLE_CODES } from './code-lists.js';
import type { Page } from '../types/records.js';
import type { Eligibility, PartyCategory } from '../domain/team-eligibility.js';
import type { MonthStatus } from '../domain/village-days.js';

export const DISPATCH_LEVELS = ['central', 'province', 'city', 'county', 'township'] as const;
export const DISPATCH_LEVEL_NAMES: Readonly<Record<(typeof DISPATCH_LEVELS)[number], string>> = {
  central: '中央单位',
  province: '省（区）级',
  city: '市（地、州）级',
  county: '县级',
  township: '乡镇级',
};
export const TEAM_ROLE_NAMES: Readonly<Record<(typeof TEAM_ROLE_CODES)[number], string>> = { 'first-secretary': '第一书记', leader: '队长', member: '队员' };
export const TEAM_GRADES = ['优秀', '称职', '基本称职', '不称职'] as const;
export const END_KINDS = ['recall', 'rotation'] as const;
export const END_KIND_NAMES: Readonly<Record<(typeof END_KINDS)[number], string>> = { recall: '召回', rotation: '轮换' };
export const PARTY_CATEGORY_NAMES: Readonly<Record<PartyCategory, string>> = { formal: '正式党员', probationary: '预备党员', none: '非中共党员' };

export const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM');

export const teamMemberFields = z.object({
  villageOrgId: id,
  name: z.string().trim().min(1, '姓名不能为空').max(40, '姓名过长'),
  idNumber: idNumber.nullable().optional(),
  role: z.enum(TEAM_ROLE_CODES, { error: '身份应为第一书记、队长或队员' }),
  dispatchingUnit: optText(100),
  dispatchingLevel: z.enum(DISPATCH_LEVELS).nullable().optional(),
  villageType: optText(40),
  batch: optText(40),
  /** The member record when the cadre is a party member of this ledger (name, ID number, eligibility come from it). */
  memberId: id.nullable().optional(),
  fromDate: isoDateOrMonth.nullable().optional(),
  toDate: isoDateOrMonth.nullable().optional(),
  /** 参加工作日期: the 2 years of work a first secretary needs. */
  workStartedOn: isoDateOrMonth.nullable().optional(),
  /** For a cadre without a member record here: 人员类别 and 转正日期 as entered. */
  partyCategory: z.enum(['formal', 'probationary', 'none']).nullable().optional(),
  partyConfirmedOn: isoDateOrMonth.nullable().optional(),
  funds: z.number().min(0).max(100_000).nullable().optional(),
});

export interface TeamMember {
  id: string;
  villageOrgId: string;
  villageName: string;
  name: string;
  idNumber: string | null;
  role: (typeof TEAM_ROLE_CODES)[number];
  dispatchingUnit: string | null;
  dispatchingLevel: (typeof DISPATCH_LEVELS)[number] | null;
  villageType: string | null;
  batch: string | null;
  memberId: string | null;
  fromDate: string | null;
  toDate: string | null;
  endedOn: string | null;
  endKind: (typeof END_KINDS)[number] | null;
  endReason: string | null;
  workStartedOn: string | null;
  partyCategory: PartyCategory | null;
  partyConfirmedOn: string | null;
  funds: number | null;
  /** First secretaries: the check on the appointment date (null for other roles). */
  eligibility: Eligibility | null;
  createdAt: string;
  updatedAt: string;
}

export interface TeamLeave {
  id: string;
  teamMemberId: string;
  fromDate: string;
  toDate: string;
  days: number;
  reason: string | null;
  approvedBy: string | null;
  approvedOn: string | null;
}

export interface TeamTraining {
  id: string;
  teamMemberId: string;
  onDate: string;
  topic: string;
  hours: number | null;
}

export interface TeamGrade {
  teamMemberId: string;
  year: number;
  grade: (typeof TEAM_GRADES)[number];
  note: string | null;
}

export interface MonthCell {
  days: number | null;
  logCount: number | null;
  visitCount: number | null;
  approvedLeave: number;
  status: MonthStatus;
}

export interface MonthGridRow {
  teamMemberId: string;
  name: string;
  role: TeamMember['role'];
  villageOrgId: string;
  villageName: string;
  /** By month ('YYYY-MM'): null where the cadre was not in post any day of it. */
  cells: Record<string, MonthCell | null>;
}

export interface MonthGrid {
  requiredDays: number;
  months: string[];
  rows: MonthGridRow[];
  total: number;
}

export interface BelowRow {
  month: string;
  teamMemberId: string;
  name: string;
  role: TeamMember['role'];
  villageOrgId: string;
  villageName: string;
  days: number | null;
  approvedLeave: number;
  status: Extract<MonthStatus, 'below' | 'notRecorded'>;
}

/** One cell of the month grid as typed or pasted; a field left out is left as it is. */
export const monthEntry = z.object({
  teamMemberId: id,
  month,
  daysInVillage: z.number().int('驻村天数应为整数').min(0, '驻村天数不能为负').max(31, '驻村天数不能超过 31').nullable().optional(),
  logCount: z.number().int('工作日志数应为整数').min(0, '工作日志数不能为负').max(1000).optional(),
  visitCount: z.number().int('走访农户数应为整数').min(0, '走访农户数不能为负').max(10_000).optional(),
});

/** What `team.recordMonths` refuses, cell by cell (LedgerError details.refused). */
export interface RefusedCell {
  teamMemberId: string;
  month: string;
  field: 'daysInVillage' | 'logCount' | 'visitCount';
  message: string;
}

/** Settings a county administrator edits (settings.update). */
export const teamSettings = {
  /** Days a month a cadre must live in the village (默认 20). */
  teamRequiredDays: z.number().int('应为整数').min(1, '至少 1 天').max(31, '不能超过 31 天').optional(),
};

const list = {
  orgId: id.optional(),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(1000).default(100),
  text: z.string().trim().max(40).optional(),
};

const leaveFields = z.object({
  teamMemberId: id,
  fromDate: isoDate,
  toDate: isoDate,
  reason: optText(200),
  /** Who approved the leave (批准人); approved leave days count as days in the village. */
  approvedBy: optText(40),
  approvedOn: isoDate.nullable().optional(),
});

export const teamApi = {
  'team.list': query<Page<TeamMember>>()(
    z.object({ ...list, role: z.enum(TEAM_ROLE_CODES).optional(), inPostOn: isoDate.optional() }),
    '第一书记和驻村工作队',
  ),
  'team.get': query<{ member: TeamMember; leaves: TeamLeave[]; trainings: TeamTraining[]; grades: TeamGrade[] }>()(z.object({ id }), '驻村干部详情'),
  /** The first-secretary check for a form being filled in (before anything is saved). */
  'team.checkEligibility': query<{ eligibility: Eligibility; member: { id: string; name: string } | null }>()(
    z.object({
      memberId: id.nullable().optional(),
      idNumber: idNumber.nullable().optional(),
      appointedOn: isoDateOrMonth.nullable().optional(),
      workStartedOn: isoDateOrMonth.nullable().optional(),
      partyCategory: z.enum(['formal', 'probationary', 'none']).nullable().optional(),
      partyConfirmedOn: isoDateOrMonth.nullable().optional(),
    }),
    '核查第一书记任职条件',
  ),
  'team.create': command<TeamMember>()(teamMemberFields, '新增驻村干部'),
  'team.update': command<TeamMember>()(z.object({ id, patch: teamMemberFields.partial() }), '修改驻村干部'),
  /** 召回 or 轮换: not in post from `onDate` on; called again it corrects the record (audited). */
  'team.end': command<TeamMember>()(
    z.object({ id, kind: z.enum(END_KINDS, { error: '应为召回或轮换' }), onDate: isoDate, reason: optText(200) }),
    '驻村干部召回或轮换',
  ),
  /** The month grid: one row per cadre in post in any of the months, one cell per month. */
  'team.months': query<MonthGrid>()(z.object({ ...list, from: month, to: month }), '驻村天数月度表'),
  /** Days, work logs and visits of many cells (typed or pasted), all saved or none. */
  'team.recordMonths': command<{ saved: number; unchanged: number }>()(
    z.object({ entries: z.array(monthEntry).min(1, '没有要保存的数据').max(5000, '一次最多保存 5000 格') }),
    '登记驻村天数',
  ),
  /** Cadres below the required days (approved leave counted) or without days, month by month. */
  'team.below': query<{ requiredDays: number; rows: BelowRow[] }>()(z.object({ orgId: id.optional(), from: month, to: month }), '驻村天数不足名单'),
  'team.saveLeave': command<TeamLeave>()(leaveFields.extend({ id: id.optional() }), '登记请假'),
  'team.removeLeave': command<{ removed: true }>()(z.object({ id }), '删除请假记录'),
  'team.saveTraining': command<TeamTraining>()(
    z.object({ id: id.optional(), teamMemberId: id, onDate: isoDate, topic: z.string().trim().min(1, '请填写培训内容').max(200), hours: z.number().min(0).max(2000).nullable().optional() }),
    '登记培训',
  ),
  'team.removeTraining': command<{ removed: true }>()(z.object({ id }), '删除培训记录'),
  /** The yearly 考核 grade; null removes a grade entered by mistake (audited). */
  'team.setGrade': command<TeamGrade | null>()(
    z.object({ teamMemberId: id, year: z.number().int().min(2000).max(2100), grade: z.enum(TEAM_GRADES, { error: '等次应为优秀、称职、基本称职或不称职' }).nullable(), note: optText(200) }),
    '登记年度考核等次',
  ),
} as const;
