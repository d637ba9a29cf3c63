/**
 * The 发展党员 pipeline's dated steps (DOMAIN.md §4) as data: the stage each step may be recorded
 * in, the stage it moves the person into, the facts it carries, and how a person's steps read as
 * the DevelopmentRecord the rules judge (pipeline-rules.ts). One table for the core, the form, the
 * record page and the audit labels.
 *
 * Stages only move forward: a step that would move a person back (or into the stage they are in)
 * is refused; an administrator's correction takes a wrong step out (electron/core/pipeline).
 */
import type { OrgKind, UnitCategory } from '../codes/tables.js';
import type { DevelopmentRecord, Introducer } from './pipeline-rules.js';

export const DEV_STAGES = ['applicant', 'activist', 'candidate', 'probationary', 'formal', 'stopped'] as const;
export type DevStage = (typeof DEV_STAGES)[number];
export const DEV_STAGE_NAMES: Readonly<Record<DevStage, string>> = {
  applicant: '入党申请人',
  activist: '入党积极分子',
  candidate: '发展对象',
  probationary: '预备党员',
  formal: '正式党员',
  stopped: '终止',
};
/** The stages of the way in, in order (终止 is off the way). */
export const PIPELINE_STAGES = ['applicant', 'activist', 'candidate', 'probationary', 'formal'] as const satisfies readonly DevStage[];
const rank = (s: DevStage): number => (PIPELINE_STAGES as readonly DevStage[]).indexOf(s);

/** The facts a step may carry (dev_steps.data keys). */
export const STEP_DATA_KEYS = [
  'talker', 'contacts', 'introducers', 'result', 'passed', 'conclusion', 'from', 'days', 'hours',
  'due', 'present', 'yes', 'formalDue', 'leavingUnitOn', 'approvingOrgId', 'months', 'confirmedOn', 'reason', 'note',
] as const;
export type StepDataKey = (typeof STEP_DATA_KEYS)[number];

/** A person named in a step (培养联系人, 入党介绍人): a member of the ledger, or only a name. */
export interface PersonRef {
  name: string;
  memberId?: string | null;
}

export interface StepFieldDef {
  label: string;
  kind: 'text' | 'persons' | 'flag' | 'date' | 'count' | 'org';
  hint?: string;
}

export const STEP_FIELDS: Readonly<Record<StepDataKey, StepFieldDef>> = {
  talker: { label: '谈话人', kind: 'text' },
  contacts: { label: '培养联系人', kind: 'persons', hint: '1至2名正式党员' },
  introducers: { label: '入党介绍人', kind: 'persons', hint: '2名正式党员' },
  result: { label: '情况', kind: 'text' },
  passed: { label: '结论合格', kind: 'flag' },
  conclusion: { label: '结论', kind: 'text' },
  from: { label: '开始日期', kind: 'date' },
  days: { label: '天数', kind: 'count' },
  hours: { label: '学时', kind: 'count' },
  due: { label: '应到会有表决权的正式党员', kind: 'count' },
  present: { label: '实到', kind: 'count' },
  yes: { label: '赞成票', kind: 'count' },
  formalDue: { label: '有表决权的正式党员（与应到不同时）', kind: 'count' },
  leavingUnitOn: { label: '预计离开工作、学习单位日期', kind: 'date', hint: '3个月内将离开的，一般不接收' },
  approvingOrgId: { label: '审批党委', kind: 'org' },
  months: { label: '延长期限（月）', kind: 'count', hint: '6至12个月' },
  confirmedOn: { label: '转正日期', kind: 'date', hint: '预备期满之日，党龄自该日起算' },
  reason: { label: '原因', kind: 'text' },
  note: { label: '备注', kind: 'text' },
};

export interface StepDef {
  name: string;
  /** What the step's date is. */
  dateLabel: string;
  /** Stages the person may be in when it is recorded (earlier stages' records may be added later). */
  in: readonly DevStage[];
  /** The stage it moves the person into. */
  leadsTo?: DevStage;
  fields: readonly StepDataKey[];
  required: readonly StepDataKey[];
}

const AFTER_ACTIVIST = ['activist', 'candidate', 'probationary', 'formal'] as const;
const AFTER_CANDIDATE = ['candidate', 'probationary', 'formal'] as const;
const PROBATION = ['probationary', 'formal'] as const;

/** Every step, in the order of the way in. */
export const STEP_DEFS = {
  applied: { name: '递交入党申请书', dateLabel: '递交日期', in: [], leadsTo: 'applicant', fields: ['note'], required: [] },
  talked: { name: '入党谈话', dateLabel: '谈话日期', in: ['applicant', ...AFTER_ACTIVIST], fields: ['talker', 'note'], required: [] },
  activist: { name: '确定为入党积极分子', dateLabel: '确定日期', in: ['applicant'], leadsTo: 'activist', fields: ['contacts', 'note'], required: [] },
  'activist-filed': { name: '积极分子上级党委备案', dateLabel: '备案日期', in: AFTER_ACTIVIST, fields: ['note'], required: [] },
  'activist-review': { name: '积极分子半年考察', dateLabel: '考察日期', in: AFTER_ACTIVIST, fields: ['result', 'note'], required: ['result'] },
  candidate: { name: '确定为发展对象', dateLabel: '确定日期', in: ['activist'], leadsTo: 'candidate', fields: ['introducers', 'note'], required: [] },
  'candidate-filed': { name: '发展对象备案', dateLabel: '备案日期', in: AFTER_CANDIDATE, fields: ['note'], required: [] },
  introducers: { name: '确定入党介绍人', dateLabel: '确定日期', in: AFTER_CANDIDATE, fields: ['introducers', 'note'], required: ['introducers'] },
  'political-review': { name: '政治审查', dateLabel: '政审日期', in: AFTER_CANDIDATE, fields: ['passed', 'conclusion', 'note'], required: ['passed'] },
  training: { name: '集中培训', dateLabel: '结束日期', in: AFTER_CANDIDATE, fields: ['from', 'days', 'hours', 'note'], required: ['from'] },
  'public-notice': { name: '发展对象公示', dateLabel: '公示结束日期', in: AFTER_CANDIDATE, fields: ['from', 'note'], required: ['from'] },
  'committee-review': { name: '支委会审查', dateLabel: '审查日期', in: AFTER_CANDIDATE, fields: ['result', 'note'], required: [] },
  'pre-review': { name: '上级党委预审', dateLabel: '预审日期', in: AFTER_CANDIDATE, fields: ['result', 'note'], required: [] },
  'volunteer-form': { name: '填写入党志愿书', dateLabel: '填写日期', in: AFTER_CANDIDATE, fields: ['note'], required: [] },
  'branch-meeting': {
    name: '支部大会讨论接收', dateLabel: '支部大会日期', in: ['candidate'],
    // Vote counts not typed are R10's warning, not a refusal (imports and older records lack them).
    fields: ['due', 'present', 'yes', 'formalDue', 'leavingUnitOn', 'note'], required: [],
  },
  'committee-talk': { name: '党委谈话', dateLabel: '谈话日期', in: AFTER_CANDIDATE, fields: ['talker', 'note'], required: [] },
  approved: { name: '党委审批', dateLabel: '审批日期', in: ['candidate'], leadsTo: 'probationary', fields: ['approvingOrgId', 'note'], required: [] },
  oath: { name: '入党宣誓', dateLabel: '宣誓日期', in: PROBATION, fields: ['note'], required: [] },
  'confirm-applied': { name: '提出转正申请', dateLabel: '申请日期', in: PROBATION, fields: ['note'], required: [] },
  'confirm-meeting': { name: '转正支部大会', dateLabel: '支部大会日期', in: ['probationary'], fields: ['due', 'present', 'yes', 'note'], required: [] },
  'probation-extended': { name: '延长预备期', dateLabel: '决定日期', in: ['probationary'], fields: ['months', 'reason'], required: ['months', 'reason'] },
  confirmed: { name: '转正审批', dateLabel: '审批日期', in: ['probationary'], leadsTo: 'formal', fields: ['confirmedOn', 'approvingOrgId', 'note'], required: [] },
  cancelled: { name: '终止培养 / 取消预备党员资格', dateLabel: '决定日期', in: ['applicant', 'activist', 'candidate', 'probationary'], leadsTo: 'stopped', fields: ['reason'], required: ['reason'] },
} as const satisfies Record<string, StepDef>;

export type DevStepCode = keyof typeof STEP_DEFS;
export const DEV_STEP_CODES = Object.keys(STEP_DEFS) as [DevStepCode, ...DevStepCode[]];
export const stepDef = (code: string): StepDef | undefined => (Object.hasOwn(STEP_DEFS, code) ? (STEP_DEFS as Record<string, StepDef>)[code] : undefined);

/** 终止培养 before the approval, 取消预备党员资格 after it. */
export function cancelName(stage: DevStage): string {
  return stage === 'probationary' ? '取消预备党员资格' : '终止培养';
}

/** Steps that write the member register once the person is a member (corrected there, not here). */
export const MEMBER_REGISTER_STEPS: ReadonlySet<string> = new Set(['approved', 'confirmed', 'probation-extended', 'cancelled']);

/** The step that opens `stage` (its date is "since when" a person is in it). */
export const STAGE_STEP: Readonly<Record<DevStage, DevStepCode>> = {
  applicant: 'applied',
  activist: 'activist',
  candidate: 'candidate',
  probationary: 'approved',
  formal: 'confirmed',
  stopped: 'cancelled',
};

/**
 * Why `step` cannot be recorded for a person in `stage` (null: it can). `recorded` says whether a
 * step is on the record already (党委审批 needs the 支部大会's decision).
 */
export function stepRefusal(stage: DevStage, step: DevStepCode, recorded: (code: DevStepCode) => boolean): string | null {
  const def: StepDef = STEP_DEFS[step];
  if (stage === 'stopped') return '该人员的发展程序已终止，不能再记录步骤';
  if (step === 'applied') return '递交入党申请书在登记入党申请人时记录';
  if (def.in.includes(stage)) {
    if (step === 'approved' && !recorded('branch-meeting')) return '党委审批前须先记录支部大会讨论接收的情况';
    return null;
  }
  const name = DEV_STAGE_NAMES[stage];
  if (def.leadsTo && def.leadsTo !== 'stopped' && rank(def.leadsTo) <= rank(stage)) {
    return `该人员已是“${name}”，阶段不能倒退或重复；如记录有误，请由管理员更正`;
  }
  const lowest = Math.min(...def.in.map(rank));
  if (rank(stage) > lowest) return `该人员已是“${name}”，不能再记录“${def.name}”`;
  const next = PIPELINE_STAGES[rank(stage) + 1];
  return `该人员当前为“${name}”，须先${next ? `“${STEP_DEFS[STAGE_STEP[next]].name}”` : '进入下一阶段'}，才能记录“${def.name}”`;
}

// ---- a person's steps as the rules read them --------------------------------------------------

export interface StepRecord {
  step: string;
  onDate: string;
  data: Readonly<Record<string, unknown>> | null;
}

/** What the ledger knows beyond the steps: introducers' 转正日期 and the approving body. */
export interface RecordFacts {
  /** member id → 转正日期; null: not a 正式党员 (a 预备党员, or no longer a member). */
  formalSince?: ReadonlyMap<string, string | null>;
  approvingOrg?: ReadonlyMap<string, { kind: OrgKind; canApprove: boolean; unitCategory: UnitCategory | null }>;
}

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** People as steps store them: {name, memberId} objects, or plain names (imports). */
export function personRefs(v: unknown): PersonRef[] {
  if (!Array.isArray(v)) return [];
  return v.flatMap((x): PersonRef[] => {
    if (typeof x === 'string') return x.trim() ? [{ name: x.trim() }] : [];
    const o = x as { name?: unknown; memberId?: unknown } | null;
    return o && typeof o.name === 'string' ? [{ name: o.name, memberId: str(o.memberId) }] : [];
  });
}

function introducer(p: PersonRef, facts: RecordFacts, stored: unknown): Introducer {
  const out: Introducer = { name: p.name };
  if (p.memberId && facts.formalSince?.has(p.memberId)) out.memberFormalSince = facts.formalSince.get(p.memberId)!;
  else if (typeof stored === 'string') out.memberFormalSince = stored;
  return out;
}

/**
 * A person's steps (any order) as the DevelopmentRecord of pipeline-rules.ts. Repeated steps: the
 * first application and talk, the latest of the rest (a repeated meeting is the one that counts);
 * 半年考察 all; extensions summed and counted.
 */
export function developmentRecordOf(birthDate: string | null, steps: readonly StepRecord[], facts: RecordFacts = {}): DevelopmentRecord {
  const sorted = [...steps].sort((a, b) => (a.onDate < b.onDate ? -1 : a.onDate > b.onDate ? 1 : 0));
  const first = (code: string) => sorted.find((s) => s.step === code);
  const last = (code: string) => sorted.findLast((s) => s.step === code);
  const data = (s: StepRecord | undefined) => (s?.data ?? {}) as Record<string, unknown>;
  const r: DevelopmentRecord = { birthDate };
  r.applicationDate = first('applied')?.onDate ?? null;
  r.talkDate = first('talked')?.onDate ?? null;
  const activist = last('activist');
  r.activistDate = activist?.onDate ?? null;
  r.activistReviews = sorted.filter((s) => s.step === 'activist-review').map((s) => s.onDate);
  const candidate = last('candidate');
  r.candidateDate = candidate?.onDate ?? null;
  // Introducers: the latest 确定入党介绍人, else those named when made a 发展对象 (imports).
  const named = last('introducers') ?? (personRefs(data(candidate).introducers).length > 0 ? candidate : undefined);
  if (named) {
    const raw = Array.isArray(data(named).introducers) ? (data(named).introducers as unknown[]) : [];
    r.introducers = personRefs(raw).map((p, i) => introducer(p, facts, (raw[i] as { formalSince?: unknown } | null)?.formalSince));
  }
  const review = last('political-review');
  if (review) r.politicalReview = { date: review.onDate, passed: typeof data(review).passed === 'boolean' ? (data(review).passed as boolean) : null };
  const training = last('training');
  if (training) {
    const d = data(training);
    r.training = { from: str(d.from) ?? training.onDate, to: str(d.to) ?? training.onDate, days: num(d.days), hours: num(d.hours) };
  }
  const notice = last('public-notice');
  if (notice) r.publicNotice = { from: str(data(notice).from) ?? notice.onDate, to: notice.onDate };
  r.preReviewDate = last('pre-review')?.onDate ?? null;
  const meeting = last('branch-meeting');
  if (meeting) {
    const d = data(meeting);
    r.branchMeeting = { date: meeting.onDate, due: num(d.due), present: num(d.present), yes: num(d.yes), formalDue: num(d.formalDue) };
    r.leavingUnitDate = str(d.leavingUnitOn);
  }
  const approval = first('approved');
  if (approval) {
    r.approvalDate = approval.onDate;
    const org = facts.approvingOrg?.get(str(data(approval).approvingOrgId) ?? '');
    if (org) {
      r.approvingOrgKind = org.kind;
      r.approvingOrgCanApprove = org.canApprove;
      r.approvingUnitCategory = org.unitCategory;
    }
  }
  const extensions = sorted.filter((s) => s.step === 'probation-extended');
  if (extensions.length > 0) {
    r.probationExtendedMonths = extensions.reduce((n, s) => n + (num(data(s).months) ?? 0), 0);
    r.probationExtensionCount = extensions.length;
  }
  r.confirmMeetingDate = last('confirm-meeting')?.onDate ?? null;
  const confirmed = last('confirmed');
  if (confirmed) {
    r.confirmApprovalDate = confirmed.onDate;
    r.confirmedOn = str(data(confirmed).confirmedOn);
  }
  r.stoppedOn = last('cancelled')?.onDate ?? null;
  return r;
}

/** The stage a person's steps put them in: 终止 once cancelled, else the furthest stage opened. */
export function stageOfSteps(codes: Iterable<string>): DevStage {
  let best: DevStage = 'applicant';
  for (const c of codes) {
    const to = stepDef(c)?.leadsTo;
    if (to === 'stopped') return 'stopped';
    if (to && rank(to) > rank(best)) best = to;
  }
  return best;
}
