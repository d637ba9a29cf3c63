/** 发展党员 roster columns → dated dev_steps, in pipeline order, and the stage each step leads to. */
export const DEV_STEP_FIELDS = [
  { field: 'appliedOn', step: 'applied', label: '递交入党申请书' },
  { field: 'talkedOn', step: 'talked', label: '谈话' },
  { field: 'activistOn', step: 'activist', label: '确定为入党积极分子' },
  { field: 'candidateOn', step: 'candidate', label: '确定为发展对象' },
  { field: 'politicalReviewOn', step: 'political-review', label: '政审' },
  { field: 'trainingOn', step: 'training', label: '集中培训' },
  { field: 'preReviewOn', step: 'pre-review', label: '预审' },
  { field: 'branchMeetingOn', step: 'branch-meeting', label: '支部大会讨论' },
  { field: 'approvedOn', step: 'approved', label: '党委审批' },
  { field: 'confirmedOn', step: 'confirmed', label: '转正' },
] as const;

const STAGE_AFTER: Record<string, string> = {
  applied: 'applicant',
  activist: 'activist',
  candidate: 'candidate',
  approved: 'probationary',
  confirmed: 'formal',
};

/** The stage after the furthest step present. */
export function stageOf(steps: readonly string[]): string {
  let stage = 'applicant';
  for (const s of DEV_STEP_FIELDS) if (steps.includes(s.step) && STAGE_AFTER[s.step]) stage = STAGE_AFTER[s.step]!;
  return stage;
}
