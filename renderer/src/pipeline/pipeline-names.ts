import type { DueStepKind } from '../../../shared/domain/pipeline-rules.js';

/** The due list's kinds, as the development.due report's rows name them (shortened for a list). */
export const DUE_KIND_NAMES: Readonly<Record<DueStepKind, string>> = {
  talk: '入党谈话（申请后1个月内）',
  activistYear: '积极分子满1年（可列为发展对象）',
  approval: '党委审批（支部大会后3个月内）',
  probation: '预备期满（讨论转正）',
  confirmApproval: '转正审批（转正支部大会后3个月内）',
};

export const DUE_STATUS_NAMES = { due: '本月到期', overdue: '已逾期' } as const;

/** Whole days from `from` to `to` (ISO dates). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
