/**
 * 组织生活 (DOMAIN.md §7): records of 三会一课 and the other meetings per branch, with who was
 * present or absent and why, and the branches that missed a required meeting in a period.
 */
import { z, id, isoDate, optText } from './zod.js';
import { query, command } from './define.js';
import { MEETING_KIND_CODES } from './code-lists.js';
import type { Page } from '../types/records.js';
import { MEETING_FREQUENCIES, type MeetingKind } from '../domain/meeting-rules.js';

export const attendanceEntry = z.object({
  memberId: id,
  present: z.boolean(),
  /** Why absent (病假, 外出务工 …); may note a present member's role too. */
  reason: optText(100),
});

export const meetingFields = z.object({
  orgId: id,
  kind: z.enum(MEETING_KIND_CODES, { error: '会议类型不在列表中' }),
  heldOn: isoDate,
  topic: optText(200),
  /** 实到 and 缺席 counts when no list is kept (imports); a list, when given, decides them. */
  attendees: z.number().int().min(0).max(10_000).nullable().optional(),
  absentees: z.number().int().min(0).max(10_000).nullable().optional(),
  note: optText(2000),
  /** Who was present or absent: replaces the whole list when given. */
  attendance: z.array(attendanceEntry).max(1000, '出席名单最多 1000 人').optional(),
});

export interface Meeting {
  id: string;
  orgId: string;
  orgName: string;
  kind: MeetingKind;
  heldOn: string;
  topic: string | null;
  attendees: number | null;
  absentees: number | null;
  note: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface AttendanceRow {
  memberId: string;
  name: string;
  present: boolean;
  reason: string | null;
}

export interface MissedRow {
  orgId: string;
  orgName: string;
  /** The branch's parent (乡镇党委 / 村党组织), for grouping the list. */
  parentName: string | null;
  kind: MeetingKind;
  /** Periods due in the span and those without a meeting ('2026-03', '2026-Q1', '2026'). */
  due: string[];
  missed: string[];
  /** Last meeting of the kind held on or before the span's end. */
  lastHeldOn: string | null;
}

export interface MissedList {
  from: string;
  to: string;
  label: string;
  /** The day periods were judged up to (periods not ended by then are not judged). */
  judgedOn: string;
  /** Branches judged in the span. */
  branches: number;
  rows: MissedRow[];
}

/** Settings a county administrator edits (settings.update): how often each kind is required. */
export const meetingSettings = {
  meetingFrequencies: z.partialRecord(z.enum(MEETING_KIND_CODES), z.enum(MEETING_FREQUENCIES, { error: '频次应为 month、quarter、half-year、year 或 none' })).optional(),
};

export const SPAN_KINDS = ['month', 'quarter', 'year'] as const;
export const spanAt = z.string().regex(/^\d{4}(-(0[1-9]|1[0-2])|-Q[1-4])?$/, '期间应写作 2026-03、2026-Q1 或 2026');

export const meetingApi = {
  'meeting.list': query<Page<Meeting>>()(
    z.object({
      orgId: id.optional(),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(1000).default(100),
      text: z.string().trim().max(40).optional(),
      kind: z.enum(MEETING_KIND_CODES).optional(),
      from: isoDate.optional(),
      to: isoDate.optional(),
    }),
    '组织生活记录',
  ),
  'meeting.get': query<{ meeting: Meeting; attendance: AttendanceRow[] }>()(z.object({ id }), '组织生活记录详情'),
  'meeting.create': command<Meeting>()(meetingFields, '登记组织生活'),
  /** Corrections (audited): any field, the attendance list replaced when given. */
  'meeting.update': command<Meeting>()(z.object({ id, patch: meetingFields.partial() }), '修改组织生活记录'),
  'meeting.remove': command<{ removed: true }>()(z.object({ id, reason: z.string().trim().min(1, '请说明删除原因').max(200) }), '删除组织生活记录'),
  /** Branches of a subtree that missed a required meeting in a month, quarter or year. */
  'meeting.missed': query<MissedList>()(
    z.object({ orgId: id.optional(), span: z.enum(SPAN_KINDS), at: spanAt, asOf: isoDate.optional() }),
    '未按要求开展组织生活的党支部',
  ),
} as const;
