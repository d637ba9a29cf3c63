/**
 * What falls due in the pipeline (DOMAIN.md §4: 谈话 due, 积极分子 reaching one year, 预备期
 * ending, 审批 overdue) for a subtree as of a day: the statistics' own per-person pass
 * (stats/subjects.ts devPersonFacts, nextDueStep of shared/domain/pipeline-rules.ts), so the list
 * and the development.due figure are the same people.
 */
import type { Ctx } from '../context.js';
import type { DueRow, PipelineDue } from '../../../shared/contract/pipeline.js';
import type { DevStage } from '../../../shared/domain/pipeline-steps.js';
import type { DueStep } from '../../../shared/domain/pipeline-rules.js';
import { devPersonFacts } from '../stats/subjects.js';
import { subtreeUpper } from '../auth/scope.js';

export async function pipelineDue(ctx: Ctx, root: string, asOf: string): Promise<PipelineDue> {
  const facts = await devPersonFacts(ctx.db, { lo: root, hi: subtreeUpper(root) }, { asOf, from: asOf, to: asOf });
  const rows: DueRow[] = [];
  for (const f of facts) {
    if (f.due === null || typeof f.dueOn !== 'string') continue;
    rows.push({
      personId: f.id, name: f.name, orgId: f.orgId!, orgName: f.orgName!, stage: f.stage as DevStage,
      kind: f.due as DueStep['kind'], dueOn: f.dueOn, status: f.dueStatus as DueStep['status'],
    });
  }
  // Overdue first, then by the day due.
  rows.sort((a, b) => (a.status === b.status ? a.dueOn.localeCompare(b.dueOn) || a.name.localeCompare(b.name, 'zh-CN') : a.status === 'overdue' ? -1 : 1));
  return { asOf, rows };
}
