/**
 * 村级后备力量 (DOMAIN.md §5): the register, its dated stages and records, the board, and the
 * checks' settings. A reserve who is a member (or a pipeline person) of the ledger is linked by the
 * ID number and shows that person's name, sex, birth date, ethnicity and education.
 */
import { z, id, isoDate, isoDateOrMonth, optText } from './zod.js';
import { query, command } from './define.js';
import type { Page } from '../types/records.js';
import { idNumber } from './member.js';
import { RESERVE_DIRECTIONS, RESERVE_RECORD_KINDS, RESERVE_STAGES, type ReserveFinding, type ReserveStage } from '../domain/reserve-rules.js';

const code2 = z.string().regex(/^\d{2}$/, '代码应为两位数字');

/** What a clerk types about the person; ignored fields of a linked reserve are refused. */
const reservePersonFields = z.object({
  name: z.string().trim().min(1).max(40).nullable().optional(),
  gender: z.enum(['1', '2', '0', '9']).nullable().optional(),
  birthDate: isoDateOrMonth.nullable().optional(),
  ethnicity: code2.nullable().optional(),
  education: code2.nullable().optional(),
});

export const reserveFields = reservePersonFields.extend({
  major: optText(60),
  politicalStatus: code2.nullable().optional(),
  villageOrgId: id,
  source: code2.nullable().optional(),
  currentPost: optText(60),
  direction: z.enum(RESERVE_DIRECTIONS).nullable().optional(),
});

/** The reason a person gives for going ahead past the checks' warnings. */
const acknowledge = optText(200);

export interface ReserveView {
  id: string;
  idNumber: string;
  name: string;
  gender: string | null;
  birthDate: string | null;
  ethnicity: string | null;
  education: string | null;
  major: string | null;
  politicalStatus: string | null;
  villageOrgId: string;
  villageName: string;
  source: string | null;
  currentPost: string | null;
  direction: string | null;
  /** Current stage and its date (the latest stage record). */
  stage: ReserveStage;
  stageOn: string | null;
  /** 入库日期: the 入库培养 record's date. */
  enteredPoolOn: string | null;
  exitKind: 'entered-committee' | 'adjusted' | null;
  exitOn: string | null;
  exitPost: string | null;
  exitReason: string | null;
  /** The latest 培养联系人 and 考察评价 records. */
  mentor: string | null;
  assessment: string | null;
  /** Whose person values are shown: the member's, the pipeline person's, or the reserve's own. */
  linkedTo: 'member' | 'pipeline' | null;
  memberId: string | null;
  devPersonId: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface ReserveRecord {
  id: string;
  reserveId: string;
  kind: 'stage' | (typeof RESERVE_RECORD_KINDS)[number];
  stage: ReserveStage | null;
  onDate: string;
  content: string | null;
  post: string | null;
  reason: string | null;
  code: string | null;
  /** Checks that warned when the record was written (the reason says why it went ahead). */
  findings: ReserveFinding[] | null;
  voidedAt: string | null;
  voidReason: string | null;
  createdAt: string;
}

export interface ReserveBoardVillage {
  orgId: string;
  name: string;
  townName: string | null;
  stages: Record<ReserveStage, number>;
  /** Reserves in 入库培养 aimed at the 村党组织书记 post. */
  secretaryReserves: number;
}

export interface ReserveBoard {
  villages: ReserveBoardVillage[];
  /** Per year: entered 两委, the pool that year (in 入库培养 at some day of it), the ratio in %. */
  years: { year: number; entered: number; pool: number; ratio: number | null }[];
}

const listPage = {
  orgId: id.optional(),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(1000).default(100),
  text: z.string().trim().max(40).optional(),
};

const negativeItem = z.object({
  code: z.string().trim().regex(/^[a-z0-9-]{1,24}$/, '代号只能用小写字母、数字和减号'),
  name: z.string().trim().min(1).max(40),
  years: z.number().int().min(1).max(50).nullable(),
  enabled: z.boolean(),
});
const postLimits = z.object({
  maxAge: z.number().int().min(18).max(70),
  exceptionalMaxAge: z.number().int().min(18).max(70),
  educationUpToAge: z.number().int().min(18).max(70),
  minEducationBucket: z.number().int().min(1).max(6),
});
/** settings.update's `reserveChecks` (shared/domain/reserve-rules.ts ReserveChecks). */
export const reserveChecksSchema = z.object({
  ageEnabled: z.boolean(),
  educationEnabled: z.boolean(),
  negativeEnabled: z.boolean(),
  entryOnlyFromTraining: z.boolean(),
  posts: z.object({ secretary: postLimits, director: postLimits, member: postLimits }),
  negativeList: z.array(negativeItem).max(20),
});

export const reserveApi = {
  'reserve.list': query<Page<ReserveView>>()(
    z.object({ ...listPage, stage: z.enum(RESERVE_STAGES).optional(), direction: z.enum(RESERVE_DIRECTIONS).optional() }),
    '后备力量名单',
  ),
  'reserve.get': query<{ reserve: ReserveView; records: ReserveRecord[] }>()(z.object({ id }), '后备力量全程纪实'),
  'reserve.board': query<ReserveBoard>()(z.object({ orgId: id.optional() }), '后备力量阶段看板'),
  /** Registers a 推荐 (dated, default today). The checks run on the moves that act on it. */
  'reserve.create': command<ReserveView>()(
    reserveFields.extend({ idNumber, recommendedOn: isoDate.optional() }),
    '新增后备力量',
  ),
  'reserve.update': command<ReserveView>()(z.object({ id, patch: reserveFields.partial() }), '修改后备力量'),
  /** A dated stage move: 考察, 入库培养, 进入两委 (post), 调整出库 (reason). */
  'reserve.move': command<ReserveView>()(
    z
      .object({ id, to: z.enum(['assessed', 'training', 'entered', 'exited']), onDate: isoDate, post: optText(60), reason: optText(200), acknowledge })
      .refine((m) => m.to !== 'entered' || !!m.post, { message: '进入两委须填写担任的职务', path: ['post'] })
      .refine((m) => m.to !== 'exited' || !!m.reason, { message: '调整出库须填写原因', path: ['reason'] }),
    '后备力量阶段变动',
  ),
  /** 培养措施, 岗位锻炼, 培养联系人, 考察评价, 负面清单 facts: dated records. */
  'reserve.addRecord': command<ReserveRecord>()(
    z
      .object({ reserveId: id, kind: z.enum(RESERVE_RECORD_KINDS), onDate: isoDate, content: z.string().trim().min(1, '请填写内容').max(500), post: optText(60), code: optText(24) })
      .refine((r) => r.kind !== 'negative' || !!r.code, { message: '请选择负面清单情形', path: ['code'] }),
    '记录后备力量培养情况',
  ),
  /** Voids a wrong record (kept, marked, audited); stage records are corrected with reserve.correctStage. */
  'reserve.voidRecord': command<ReserveRecord>()(z.object({ id, reason: z.string().trim().min(1, '请填写作废原因').max(200) }), '作废后备力量记录'),
  /** An administrator's correction: the stage records after `toStage` are voided with the reason. */
  'reserve.correctStage': command<ReserveView>()(
    z.object({ id, toStage: z.enum(['recommended', 'assessed', 'training']), reason: z.string().trim().min(1, '请填写更正原因').max(200) }),
    '更正后备力量阶段',
    'admin',
  ),
} as const;
