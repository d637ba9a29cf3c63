import { ApiError } from '../api/index.js';
import { PIPELINE_RULES, type RuleFinding } from '../../../shared/domain/pipeline-rules.js';

const TITLES = new Map(PIPELINE_RULES.map((r) => [r.id, r.title]));

/** The warnings of a refused call (RULE_WARNING), or null for any other failure. */
export function warningsOf(err: unknown): RuleFinding[] | null {
  if (!(err instanceof ApiError) || err.code !== 'RULE_WARNING') return null;
  const f = (err.details as { findings?: RuleFinding[] } | undefined)?.findings;
  return Array.isArray(f) ? f : [];
}

/** The reasons typed, as the contract's overrides (blank ones left out). */
export function overridesOf(findings: readonly RuleFinding[], reasons: Readonly<Record<string, string>>) {
  return findings.filter((f) => reasons[f.ruleId]?.trim()).map((f) => ({ ruleId: f.ruleId, reason: reasons[f.ruleId]!.trim() }));
}

export const allReasoned = (findings: readonly RuleFinding[], reasons: Readonly<Record<string, string>>) => findings.every((f) => reasons[f.ruleId]?.trim());

/**
 * What R1–R16 (and the local rules switched on) say about the step as typed: nothing, a refusal
 * (the step cannot be recorded), or warnings each needing the reason to go ahead, kept with the step.
 */
export function RuleCheck({ checking, refusal, findings, reasons, onReason }: {
  checking: boolean;
  refusal: string | null;
  findings: readonly RuleFinding[] | null;
  reasons: Readonly<Record<string, string>>;
  onReason: (ruleId: string, reason: string) => void;
}) {
  if (refusal) return <div className="rule-check refused" role="alert" data-testid="rule-refusal">{refusal}</div>;
  if (!findings) return checking ? <div className="rule-check ok muted">正在核对…</div> : null;
  if (findings.length === 0) return <div className="rule-check ok" data-testid="rule-ok">已按发展党员工作规定核对，未发现问题。</div>;
  return (
    <div className="rule-check" role="alert" data-testid="rule-warnings">
      <b>核对提示：</b>以下情况不符合发展党员工作规定，请核实。确需继续的，逐条写明理由（记入全程纪实和操作日志）。
      {findings.map((f) => (
        <div key={f.ruleId} className="finding" data-rule={f.ruleId}>
          <div>
            <b>{f.ruleId}</b> {TITLES.get(f.ruleId) ?? ''}：{f.message}
          </div>
          <textarea rows={1} maxLength={200} placeholder="继续的理由" value={reasons[f.ruleId] ?? ''} onChange={(e) => onReason(f.ruleId, e.target.value)} data-testid={`rule-reason-${f.ruleId}`} />
        </div>
      ))}
    </div>
  );
}
