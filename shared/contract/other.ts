import { z, id, isoDate, isoDateOrMonth, optText } from './zod.js';
import { query, command } from './define.js';
import type { DevPerson, DevStep, GridUnit, Meeting, Page, TeamMember } from '../types/records.js';
import { idNumber } from './member.js';
import {
  DEV_STAGE_CODES,
  DEV_STEP_CODES,
  GRID_KIND_CODES,
  MEETING_KIND_CODES,
  TEAM_ROLE_CODES,
} from './code-lists.js';

const listPage = {
  orgId: id.optional(),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(1000).default(100),
  text: z.string().trim().max(40).optional(),
};

export const gridFields = z.object({
  name: z.string().trim().min(1).max(60),
  kind: z.enum(GRID_KIND_CODES),
  orgId: id.nullable().optional(),
  leader: optText(32),
  workers: optText(200),
  households: z.number().int().min(0).nullable().optional(),
  population: z.number().int().min(0).nullable().optional(),
  buildingLeader: optText(32),
});

export const devPersonFields = z.object({
  idNumber,
  name: z.string().trim().min(1).max(40),
  gender: z.enum(['1', '2', '0', '9']).nullable().optional(),
  ethnicity: z.string().regex(/^\d{2}$/).nullable().optional(),
  birthDate: isoDateOrMonth.nullable().optional(),
  education: z.string().regex(/^\d{2}$/).nullable().optional(),
  jobCategory: z.string().regex(/^\d{2}$/).nullable().optional(),
  phone: optText(32),
  employer: optText(100),
  orgId: id,
});

export const teamMemberFields = z.object({
  villageOrgId: id,
  name: z.string().trim().min(1).max(40),
  idNumber: idNumber.nullable().optional(),
  role: z.enum(TEAM_ROLE_CODES),
  dispatchingUnit: optText(100),
  dispatchingLevel: z.enum(['central', 'province', 'city', 'county', 'township']).nullable().optional(),
  villageType: optText(40),
  batch: optText(40),
  memberId: id.nullable().optional(),
  fromDate: isoDateOrMonth.nullable().optional(),
  toDate: isoDateOrMonth.nullable().optional(),
  funds: z.number().min(0).nullable().optional(),
});

export const meetingFields = z.object({
  orgId: id,
  kind: z.enum(MEETING_KIND_CODES),
  heldOn: isoDate,
  topic: optText(200),
  attendees: z.number().int().min(0).nullable().optional(),
  absentees: z.number().int().min(0).nullable().optional(),
  note: optText(2000),
});

export const gridApi = {
  'grid.tree': query<GridUnit[]>()(z.object({ rootId: id.optional() }), '网格树'),
  'grid.create': command<GridUnit>()(gridFields.extend({ parentId: id.nullable() }), '新建网格单元'),
  'grid.update': command<GridUnit>()(z.object({ id, patch: gridFields.partial() }), '修改网格单元'),
  'grid.dissolve': command<GridUnit>()(z.object({ id, onDate: isoDate }), '撤销网格单元'),
} as const;

export const pipelineApi = {
  'pipeline.list': query<Page<DevPerson>>()(
    z.object({ ...listPage, stage: z.enum(DEV_STAGE_CODES).optional() }),
    '发展党员名单',
  ),
  'pipeline.get': query<{ person: DevPerson; steps: DevStep[] }>()(z.object({ id }), '发展党员全程纪实'),
  'pipeline.create': command<DevPerson>()(
    devPersonFields.extend({ appliedOn: isoDate }),
    '登记入党申请人',
  ),
  'pipeline.update': command<DevPerson>()(z.object({ id, patch: devPersonFields.omit({ idNumber: true }).partial() }), '修改发展对象信息'),
  'pipeline.addStep': command<DevStep>()(
    z.object({ personId: id, step: z.enum(DEV_STEP_CODES), onDate: isoDate, data: z.record(z.string(), z.unknown()).optional() }),
    '记录发展步骤',
  ),
} as const;

export const teamApi = {
  'team.list': query<Page<TeamMember>>()(z.object(listPage), '第一书记和驻村工作队'),
  'team.create': command<TeamMember>()(teamMemberFields, '新增驻村干部'),
  'team.update': command<TeamMember>()(z.object({ id, patch: teamMemberFields.partial() }), '修改驻村干部'),
  'team.recordMonth': command<{ id: string }>()(
    z.object({
      teamMemberId: id,
      month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/),
      daysInVillage: z.number().int().min(0).max(31),
      leaveDays: z.number().int().min(0).max(31).default(0),
      logCount: z.number().int().min(0).default(0),
    }),
    '记录驻村天数',
  ),
} as const;

export const meetingApi = {
  'meeting.list': query<Page<Meeting>>()(
    z.object({ ...listPage, kind: z.enum(MEETING_KIND_CODES).optional(), from: isoDate.optional(), to: isoDate.optional() }),
    '组织生活记录',
  ),
  'meeting.create': command<Meeting>()(meetingFields, '登记组织生活'),
} as const;
