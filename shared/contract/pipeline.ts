/**
 * 发展党员 (DOMAIN.md §4): the register of people on the way in, their dated steps (each judged by
 * R1–R16 and the local rules switched on, shared/domain/pipeline-rules.ts; a warning goes ahead only
 * with a recorded reason), the board per branch, what falls due, and an administrator's correction.
 */
import { z, id, isoDate, isoDateOrMonth, optText } from './zod.js';
import { query, command } from './define.js';
import type { DevPerson, DevStep, Page } from '../types/records.js';
import { idNumber } from './member.js';
import { DEV_STAGE_CODES, DEV_STEP_CODES } from './code-lists.js';
import { PIPELINE_RULES, type DueStep, type RuleFinding } from '../domain/pipeline-rules.js';
import { workCalendarFrom, workCalendarProblem } from '../domain/work-calendar.js';
import { STEP_DEFS, STEP_FIELDS, type DevStage, type DevStepCode, type StepDataKey } from '../domain/pipeline-steps.js';

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

/** A member of the ledger (memberId) or a name only. */
const personRef = z.object({ name: z.string().trim().min(1, '请填写姓名').max(40), memberId: id.nullable().optional() });
const count = z.number().int().min(0).max(100_000);

/** Every fact a step may carry; which ones a step takes and needs is STEP_DEFS' business (checked below). */
const stepData = z.object({
  talker: optText(40),
  contacts: z.array(personRef).max(2, '培养联系人为1至2名').optional(),
  introducers: z.array(personRef).max(4).optional(),
  result: optText(200),
  passed: z.boolean().optional(),
  conclusion: optText(100),
  from: isoDate.optional(),
  days: z.number().int().min(0).max(365).nullable().optional(),
  hours: z.number().min(0).max(2000).nullable().optional(),
  due: count.optional(),
  present: count.optional(),
  yes: count.optional(),
  formalDue: count.nullable().optional(),
  leavingUnitOn: isoDate.nullable().optional(),
  approvingOrgId: id.optional(),
  months: z.number().int().min(1).max(36).optional(),
  confirmedOn: isoDate.optional(),
  reason: optText(200),
  note: optText(200),
}) satisfies z.ZodType<Partial<Record<StepDataKey, unknown>>>;

/** The reason a person gives to go ahead past one rule's warning. */
const override = z.object({ ruleId: z.string().regex(/^[RL]\d{1,2}$/), reason: z.string().trim().min(1, '请填写理由').max(200) });
const overrides = z.array(override).max(20).optional();

/** A step as typed: the data a step needs is required (STEP_DEFS), what it does not take is dropped by the core. */
const stepFields = { personId: id, step: z.enum(DEV_STEP_CODES), onDate: isoDate, data: stepData.optional() };
function requireStepData(v: { step: DevStepCode; data?: Partial<Record<StepDataKey, unknown>> | undefined }, ctx: z.RefinementCtx): void {
  for (const k of STEP_DEFS[v.step].required as readonly StepDataKey[]) {
    const x = v.data?.[k];
    if (x === undefined || x === null || x === '' || (Array.isArray(x) && x.length === 0)) {
      ctx.addIssue({ code: 'custom', path: ['data', k], message: `请填写${STEP_FIELDS[k].label}` });
    }
  }
}
const stepInput = z.object(stepFields).superRefine(requireStepData);

/** Settings a county administrator edits (settings.update). */
export const pipelineSettings = {
  /** Rule ids switched on (R1–R16 and the local additions); unknown ids are refused. */
  pipelineRules: z.array(z.enum(PIPELINE_RULES.map((r) => r.id) as [string, ...string[]], { error: '没有这条规则' })).max(40).optional(),
  /** 工作日历: weekday holidays and 调休 working weekends (shared/domain/work-calendar.ts). */
  workCalendar: z
    .object({ holidays: z.array(isoDate).max(2000), workdays: z.array(isoDate).max(1000) })
    .transform(workCalendarFrom)
    .superRefine((c, ctx) => {
      const problem = workCalendarProblem(c);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    })
    .optional(),
};

export interface OverriddenFinding extends RuleFinding {
  /** Why the person went ahead. */
  reason: string;
}

/** A step taken out by an administrator's correction, kept with the reason. */
export interface StepCorrection {
  id: string;
  stepId: string;
  step: DevStepCode;
  onDate: string;
  data: Record<string, unknown> | null;
  findings: OverriddenFinding[] | null;
  reason: string;
  correctedBy: string;
  correctedAt: string;
}

/** 全程纪实: the person, every step, the corrections, what the rules say today and what falls due. */
export interface PipelineRecord {
  person: DevPerson & { orgName: string };
  steps: DevStep[];
  corrections: StepCorrection[];
  /** The whole record judged as of today by the rules switched on. */
  findings: RuleFinding[];
  due: DueStep | null;
  /** Names of the organisations and members the steps name by id (approving body, introducers). */
  names: Record<string, string>;
  /** The body that normally approves this person (the form's default for 党委审批). */
  approver: { id: string; name: string } | null;
}

export interface StepCheck {
  /** Why the step cannot be recorded at all (a stage would move back, a date is impossible), or null. */
  refusal: string | null;
  /** The warnings the step adds; each needs a reason to go ahead. */
  findings: RuleFinding[];
}

export interface BoardPerson {
  id: string;
  name: string;
  /** Date of the step that opened the stage. */
  since: string | null;
}
export type BoardStage = Exclude<DevStage, 'formal' | 'stopped'>;
export const BOARD_STAGES: readonly BoardStage[] = ['applicant', 'activist', 'candidate', 'probationary'];
/** People listed per board cell; the count says how many there are. */
export const BOARD_CELL_PEOPLE = 8;

export interface PipelineBoard {
  branches: {
    orgId: string;
    name: string;
    parentName: string | null;
    counts: Record<BoardStage, number>;
    /** The longest-waiting first, at most BOARD_CELL_PEOPLE a stage. */
    people: Record<BoardStage, BoardPerson[]>;
  }[];
  totals: Record<BoardStage, number>;
}

export interface DueRow {
  personId: string;
  name: string;
  orgId: string;
  orgName: string;
  stage: DevStage;
  kind: DueStep['kind'];
  dueOn: string;
  status: DueStep['status'];
}

export interface PipelineDue {
  asOf: string;
  rows: DueRow[];
}

export const pipelineApi = {
  'pipeline.list': query<Page<DevPerson>>()(
    z.object({ ...listPage, stage: z.enum(DEV_STAGE_CODES).optional() }),
    '发展党员名单',
  ),
  'pipeline.get': query<PipelineRecord>()(z.object({ id }), '发展党员全程纪实'),
  'pipeline.board': query<PipelineBoard>()(z.object({ orgId: id.optional() }), '发展党员阶段看板'),
  /** Due by the end of the as-of month or overdue: the same rule (nextDueStep) as the statistics' figure. */
  'pipeline.due': query<PipelineDue>()(z.object({ orgId: id.optional(), asOf: isoDate.optional() }), '发展党员到期提醒'),
  /** Registers an 入党申请人 with the 递交入党申请书 step (R1 judged). */
  'pipeline.create': command<DevPerson>()(devPersonFields.extend({ appliedOn: isoDate, overrides }), '登记入党申请人'),
  'pipeline.update': command<DevPerson>()(z.object({ id, patch: devPersonFields.omit({ idNumber: true }).partial() }), '修改发展对象信息'),
  /** What adding the step would say, without writing anything (the form asks as it is filled in). */
  'pipeline.checkStep': query<StepCheck>()(stepInput, '核对发展步骤', 'clerk'),
  /** A dated step; refused with RULE_WARNING (details.findings) unless every warning it adds has a reason. */
  'pipeline.addStep': command<DevStep>()(z.object({ ...stepFields, overrides }).superRefine(requireStepData), '记录发展步骤'),
  /** An administrator takes a wrong step out (kept, with the reason); a stage may go back only this way. */
  'pipeline.correct': command<PipelineRecord>()(
    z.object({ stepId: id, reason: z.string().trim().min(1, '请填写更正原因').max(200) }),
    '更正发展步骤',
    'admin',
  ),
} as const;
