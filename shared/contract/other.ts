import { z, id, isoDate, isoDateOrMonth, optText } from './zod.js';
import { query, command } from './define.js';
import type { DevPerson, DevStep, Page } from '../types/records.js';
import { idNumber } from './member.js';
import {
  DEV_STAGE_CODES,
  DEV_STEP_CODES,
} from './code-lists.js';

const listPage = {
  orgId: id.optional(),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(1000).default(100),
  text: z.string().trim().max(40).optional(),
};

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
