import { LedgerError, type Input } from '../../shared/contract/index.js';
import type { RuleFinding } from '../../shared/domain/pipeline-rules.js';
import type { caller } from './ledger.js';

type Call = ReturnType<typeof caller>;
export type StepTuple = readonly [step: Input<'pipeline.addStep'>['step'], onDate: string, data?: Input<'pipeline.addStep'>['data']];

/** The findings of a RULE_WARNING refusal, or null for anything else. */
export function warningsOf(err: unknown): RuleFinding[] | null {
  if (!(err instanceof LedgerError) || err.code !== 'RULE_WARNING') return null;
  return (err.details as { findings: RuleFinding[] }).findings;
}

/**
 * Adds the steps in order. Histories built for other figures (statistics, exports) break rules on
 * purpose: a step refused with RULE_WARNING is added again with a reason for each warning.
 */
export async function addSteps(call: Call, personId: string, steps: readonly StepTuple[]): Promise<void> {
  for (const [step, onDate, data] of steps) {
    const input = { personId, step, onDate, ...(data ? { data } : {}) };
    try {
      await call('pipeline.addStep', input);
    } catch (err) {
      const findings = warningsOf(err);
      if (!findings) throw err;
      await call('pipeline.addStep', { ...input, overrides: findings.map((f) => ({ ruleId: f.ruleId, reason: '测试数据：有意如此' })) });
    }
  }
}
