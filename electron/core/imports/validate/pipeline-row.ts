/**
 * One 发展党员 row on its own: the ID number against 出生日期/性别, the stage dates in order, 18 on the
 * application date (AGE_UNDER_18, which is R1), and every other rule of R2–R16 the row's dates can
 * decide, as PIPELINE_RULE warnings carrying the rule id.
 */
import { evaluatePipelineRules, type DevelopmentRecord } from '../../../../shared/domain/index.js';
import type { RowState } from '../plan/state.js';
import { issueAt } from './issue.js';
import { columnOf, placeOf } from './normalise-row.js';
import { checkAdult, checkDateChain, checkIdAgainstRow } from './person-checks.js';

const CHAIN = [
  { field: 'birthDate', label: '出生日期' },
  { field: 'appliedOn', label: '递交入党申请书日期' },
  { field: 'activistOn', label: '确定为入党积极分子日期' },
  { field: 'candidateOn', label: '确定为发展对象日期' },
  { field: 'branchMeetingOn', label: '支部大会讨论日期' },
  { field: 'approvedOn', label: '党委审批日期' },
  { field: 'confirmedOn', label: '转正日期' },
] as const;

/** Which column a rule's finding belongs to, so the grid highlights the right cell. */
const RULE_FIELD: Record<string, string> = {
  R2: 'talkedOn',
  R3: 'activistOn',
  R4: 'candidateOn',
  R5: 'introducers',
  R6: 'politicalReviewOn',
  R7: 'trainingOn',
  R8: 'preReviewOn',
  R9: 'branchMeetingOn',
  R10: 'branchMeetingOn',
  R11: 'approvedOn',
  R12: 'confirmedOn',
  R13: 'confirmedOn',
  R14: 'confirmedOn',
  R15: 'confirmedOn',
  R16: 'approvedOn',
};

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

export function introducerNames(v: unknown): string[] {
  return typeof v === 'string' ? v.split(/[、,，;；/\s]+/).filter(Boolean) : [];
}

export function developmentRecord(v: Record<string, unknown>): DevelopmentRecord {
  const hours = typeof v.trainingHours === 'number' ? v.trainingHours : null;
  const days = typeof v.trainingDays === 'number' ? v.trainingDays : null;
  const names = introducerNames(v.introducers);
  return {
    birthDate: str(v.birthDate),
    applicationDate: str(v.appliedOn),
    talkDate: str(v.talkedOn),
    activistDate: str(v.activistOn),
    candidateDate: str(v.candidateOn),
    introducers: names.length > 0 ? names.map((name) => ({ name })) : null,
    politicalReview: str(v.politicalReviewOn) ? { date: str(v.politicalReviewOn) } : null,
    training: str(v.trainingOn) || hours !== null || days !== null ? { from: str(v.trainingOn), hours, days } : null,
    preReviewDate: str(v.preReviewOn),
    branchMeeting: str(v.branchMeetingOn) ? { date: str(v.branchMeetingOn)! } : null,
    approvalDate: str(v.approvedOn),
    confirmedOn: str(v.confirmedOn),
    confirmMeetingDate: str(v.confirmedOn),
    confirmApprovalDate: str(v.confirmedOn),
  };
}

export function checkPipelineRow(r: RowState, today: string): void {
  checkIdAgainstRow(r);
  const ordered = checkDateChain(r, CHAIN);
  const adult = ordered ? checkAdult(r, 'appliedOn', '递交入党申请书日期') : true;
  if (!ordered) return;
  // A rule is judged only when the file has the columns it needs: a missing 政审 column is not a
  // missing 政审. R3 (半年考察 records), R9 and R10 (vote counts) need data a roster row does not hold.
  const mapped = (f: string): boolean => r.table.fieldCol.has(f);
  const enabled = ['R12'];
  if (adult) enabled.push('R1');
  if (mapped('talkedOn')) enabled.push('R2');
  if (mapped('candidateOn') && mapped('activistOn')) enabled.push('R4');
  if (mapped('introducers')) enabled.push('R5');
  if (mapped('politicalReviewOn')) enabled.push('R6');
  if (mapped('trainingOn') || mapped('trainingHours') || mapped('trainingDays')) enabled.push('R7');
  if (mapped('preReviewOn')) enabled.push('R8');
  if (mapped('approvedOn') && mapped('branchMeetingOn')) enabled.push('R11');
  for (const f of evaluatePipelineRules(developmentRecord(r.values), { asOf: today, enabled })) {
    const field = RULE_FIELD[f.ruleId] ?? 'appliedOn';
    r.cellIssues.push(issueAt(placeOf(r), columnOf(r, field), 'PIPELINE_RULE', `${f.ruleId}：${f.message}`, f.ruleId));
  }
}
