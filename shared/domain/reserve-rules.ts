/**
 * 村级后备力量 (DOMAIN.md §5): the stage pipeline 推荐 → 考察 → 入库培养 → 进入两委 / 调整出库 and
 * the checks a locality sets (age and education limits by target post, the negative list, entry into
 * 两委 only from 入库培养). Pure: the core, the forms and the import use the same rules.
 *
 * Checks warn with the rule's name; a person decides and the reason is recorded. Stage moves that
 * break the order are refused (a wrong record is mended by an administrator's correction).
 */
import { addYears, ageOn, compareDates } from './dates.js';

export const RESERVE_STAGES = ['recommended', 'assessed', 'training', 'entered', 'exited'] as const;
export type ReserveStage = (typeof RESERVE_STAGES)[number];
export const RESERVE_STAGE_NAMES: Readonly<Record<ReserveStage, string>> = {
  recommended: '推荐',
  assessed: '考察',
  training: '入库培养',
  entered: '进入两委',
  exited: '调整出库',
};
/** Stages still in the pipeline (not yet out of it). */
export const OPEN_STAGES: readonly ReserveStage[] = ['recommended', 'assessed', 'training'];
export const isOpenStage = (s: string): boolean => (OPEN_STAGES as readonly string[]).includes(s);

export const RESERVE_DIRECTIONS = ['secretary', 'director', 'member'] as const;
export type ReserveDirection = (typeof RESERVE_DIRECTIONS)[number];
export const RESERVE_DIRECTION_NAMES: Readonly<Record<ReserveDirection, string>> = {
  secretary: '村党组织书记',
  director: '村委会主任',
  member: '两委委员',
};

/** Dated records besides the stages. */
export const RESERVE_RECORD_KINDS = ['measure', 'rotation', 'mentor', 'assessment', 'negative'] as const;
export type ReserveRecordKind = (typeof RESERVE_RECORD_KINDS)[number];
export const RESERVE_RECORD_NAMES: Readonly<Record<ReserveRecordKind | 'stage', string>> = {
  stage: '阶段',
  measure: '培养措施',
  rotation: '岗位锻炼',
  mentor: '培养联系人',
  assessment: '考察评价',
  negative: '负面清单情形',
};

/**
 * Why a move from `from` to `to` is refused, or null when it is allowed. Forward one step at a
 * time; 进入两委 from any open stage (before 入库培养 only past the check's warning); 调整出库 from
 * any open stage; never backwards, never out of a final stage.
 */
export function stageMoveRefusal(from: ReserveStage, to: ReserveStage): string | null {
  const name = RESERVE_STAGE_NAMES;
  if (!isOpenStage(from)) return `该人员已${name[from]}，阶段不能再变；如记录有误，请管理员更正`;
  if (to === from) return `该人员已处于“${name[to]}”阶段`;
  if (to === 'entered' || to === 'exited') return null;
  const fi = RESERVE_STAGES.indexOf(from);
  const ti = RESERVE_STAGES.indexOf(to);
  if (ti < fi) return `阶段不能倒退（当前为“${name[from]}”）；如记录有误，请管理员更正`;
  if (ti > fi + 1) return `须先经过“${name[RESERVE_STAGES[fi + 1]!]}”阶段，才能进入“${name[to]}”`;
  return null;
}

// ---- checks as settings ----------------------------------------------------------------------

export interface PostLimits {
  /** Age on the move's date above which the check warns. */
  maxAge: number;
  /** The relaxed limit for exceptional cases; above it the warning says so. */
  exceptionalMaxAge: number;
  /** People up to this age need at least `minEducationBucket`. */
  educationUpToAge: number;
  /** Education bucket (1 研究生 … 3 大学专科 … 6 初中及以下): this or better. */
  minEducationBucket: number;
}

export interface NegativeItem {
  code: string;
  name: string;
  /** Look-back in years from the move's date; null: whenever it happened. */
  years: number | null;
  enabled: boolean;
}

export interface ReserveChecks {
  ageEnabled: boolean;
  educationEnabled: boolean;
  negativeEnabled: boolean;
  /** 进入两委 only from 入库培养. */
  entryOnlyFromTraining: boolean;
  posts: Record<ReserveDirection, PostLimits>;
  negativeList: NegativeItem[];
}

const LIMITS: PostLimits = { maxAge: 40, exceptionalMaxAge: 45, educationUpToAge: 35, minEducationBucket: 3 };

/** Typical local limits (DOMAIN.md §5); a county administrator edits them (settings key reserveChecks). */
export const DEFAULT_RESERVE_CHECKS: ReserveChecks = {
  ageEnabled: true,
  educationEnabled: true,
  negativeEnabled: true,
  entryOnlyFromTraining: true,
  posts: { secretary: { ...LIMITS }, director: { ...LIMITS }, member: { ...LIMITS } },
  negativeList: [
    { code: 'unqualified', name: '近5年内被评为不合格党员', years: 5, enabled: true },
    { code: 'discipline', name: '受到党纪政务处分且在影响期内', years: 2, enabled: true },
    { code: 'criminal', name: '受过刑事处罚', years: null, enabled: true },
  ],
};

export const RESERVE_CHECKS_SETTING = 'reserveChecks';

/** The stored setting over the defaults (a missing key keeps its default). */
export function reserveChecksFrom(stored: unknown): ReserveChecks {
  if (!stored || typeof stored !== 'object') return DEFAULT_RESERVE_CHECKS;
  const s = stored as Partial<ReserveChecks>;
  return {
    ...DEFAULT_RESERVE_CHECKS,
    ...s,
    posts: { ...DEFAULT_RESERVE_CHECKS.posts, ...(s.posts ?? {}) },
    negativeList: s.negativeList ?? DEFAULT_RESERVE_CHECKS.negativeList,
  };
}

/** What a check needs to know of the person and the move. */
export interface ReserveCheckInput {
  from: ReserveStage | null;
  to: ReserveStage;
  onDate: string;
  birthDate: string | null;
  educationBucket: number | null;
  direction: ReserveDirection | null;
  negatives: readonly { code: string | null; onDate: string }[];
}

export interface ReserveFinding {
  ruleId: string;
  /** The rule's name, as the warning shows it. */
  rule: string;
  message: string;
}

const BUCKET_NAMES: Record<number, string> = { 1: '研究生', 2: '大学本科', 3: '大学专科', 4: '中专', 5: '高中、中技', 6: '初中及以下' };

/** Warnings for a move (or the 推荐 that creates the record); empty when every check passes. */
export function reserveFindings(input: ReserveCheckInput, checks: ReserveChecks): ReserveFinding[] {
  const out: ReserveFinding[] = [];
  if (input.to === 'exited') return out;
  const direction = input.direction ?? 'member';
  const post = RESERVE_DIRECTION_NAMES[direction];
  const limits = checks.posts[direction];
  const age = input.birthDate ? ageOn(input.birthDate, input.onDate) : null;
  if (checks.ageEnabled) {
    const rule = `${post}后备人选年龄不超过${limits.maxAge}岁`;
    if (age === null) out.push({ ruleId: 'age', rule, message: '出生日期未知，无法核对年龄条件' });
    else if (age > limits.exceptionalMaxAge) out.push({ ruleId: 'age', rule, message: `${input.onDate}时${age}岁，超过${limits.maxAge}岁，也超过特殊情况放宽的${limits.exceptionalMaxAge}岁` });
    else if (age > limits.maxAge) out.push({ ruleId: 'age', rule, message: `${input.onDate}时${age}岁，超过${limits.maxAge}岁（特殊情况可放宽至${limits.exceptionalMaxAge}岁，请写明理由）` });
  }
  if (checks.educationEnabled && (age === null || age <= limits.educationUpToAge)) {
    const rule = `${limits.educationUpToAge}岁及以下的${post}后备人选须${BUCKET_NAMES[limits.minEducationBucket] ?? ''}及以上学历`;
    if (input.educationBucket === null) out.push({ ruleId: 'education', rule, message: '学历未填写，无法核对学历条件' });
    else if (input.educationBucket > limits.minEducationBucket) out.push({ ruleId: 'education', rule, message: `学历为${BUCKET_NAMES[input.educationBucket] ?? '未知'}，低于${BUCKET_NAMES[limits.minEducationBucket] ?? ''}` });
  }
  if (checks.negativeEnabled) {
    for (const item of checks.negativeList) {
      if (!item.enabled) continue;
      const since = item.years === null ? null : addYears(input.onDate, -item.years);
      const hit = input.negatives.find((n) => n.code === item.code && compareDates(n.onDate, input.onDate) <= 0 && (since === null || compareDates(n.onDate, since) > 0));
      if (hit) out.push({ ruleId: `negative:${item.code}`, rule: `负面清单：${item.name}`, message: `${hit.onDate}记有“${item.name}”` });
    }
  }
  if (checks.entryOnlyFromTraining && input.to === 'entered' && input.from !== 'training') {
    out.push({ ruleId: 'entry-from-training', rule: '进入两委须经入库培养', message: `当前为“${input.from ? RESERVE_STAGE_NAMES[input.from] : '未登记'}”阶段，尚未入库培养` });
  }
  return out;
}

// ---- the pool over time (board and statistics) ----------------------------------------------

/** When a reserve was in the pool (入库培养) and how they left it, from their live stage records. */
export interface ReserveSpan {
  /** 入库培养 date, or null if never pooled. */
  pooledOn: string | null;
  /** 进入两委 / 调整出库 date. */
  exitOn: string | null;
  entered: boolean;
}

export function spanOf(stages: readonly { stage: string | null; onDate: string }[]): ReserveSpan {
  const at = (s: ReserveStage) => stages.find((r) => r.stage === s)?.onDate ?? null;
  const entered = at('entered');
  return { pooledOn: at('training'), exitOn: entered ?? at('exited'), entered: entered !== null };
}

/** In 入库培养 on day d. */
export function inPoolOn(s: ReserveSpan, d: string): boolean {
  return s.pooledOn !== null && compareDates(s.pooledOn, d) <= 0 && (s.exitOn === null || compareDates(s.exitOn, d) > 0);
}

/** Entered 两委 in [from, to]. */
export function enteredIn(s: ReserveSpan, from: string, to: string): boolean {
  return s.entered && s.exitOn !== null && compareDates(s.exitOn, from) >= 0 && compareDates(s.exitOn, to) <= 0;
}

/**
 * The denominator of the conversion ratio: in the pool at some day of [from, to], or entered 两委
 * in it (also from an earlier stage, past the check), so the ratio never exceeds 100 %.
 */
export function inCohort(s: ReserveSpan, from: string, to: string): boolean {
  if (enteredIn(s, from, to)) return true;
  return s.pooledOn !== null && compareDates(s.pooledOn, to) <= 0 && (s.exitOn === null || compareDates(s.exitOn, from) > 0);
}
