import { ApiError } from '../api/index.js';
import type { ReserveFinding } from '../../../shared/domain/reserve-rules.js';

/** The checks' warnings of a refused call (RULE_WARNING), or null for any other failure. */
export function findingsOf(err: unknown): ReserveFinding[] | null {
  if (!(err instanceof ApiError) || err.code !== 'RULE_WARNING') return null;
  const f = (err.details as { findings?: ReserveFinding[] } | undefined)?.findings;
  return Array.isArray(f) ? f : [];
}

/** What the checks found, and the reason a person gives to go ahead (kept with the record). */
export function RuleWarnings({ findings, reason, onReason }: { findings: ReserveFinding[]; reason: string; onReason: (v: string) => void }) {
  return (
    <div className="rule-warnings" role="alert" data-testid="rule-warnings">
      <div className="rule-warnings-title">核对提示：以下条件不符合本地设置，请核实；确需继续的，写明理由后再保存。</div>
      <ul>
        {findings.map((f) => (
          <li key={f.ruleId}>
            <b>{f.rule}</b>：{f.message}
          </li>
        ))}
      </ul>
      <label className="field">
        <span className="field-label">
          继续的理由<span className="required">*</span>
        </span>
        <span className="field-control">
          <textarea value={reason} onChange={(e) => onReason(e.target.value)} maxLength={200} rows={2} data-testid="rule-reason" />
        </span>
      </label>
    </div>
  );
}
