import type { Eligibility } from '../../../shared/domain/team-eligibility.js';
import { eligibilitySummary } from '../../../shared/domain/team-eligibility.js';

const MARK = { ok: '✓', fail: '✗', unknown: '？' } as const;

/** The first-secretary check: the verdict in one line, then each condition with what was found. */
export function EligibilityPanel({ e, testId = 'eligibility' }: { e: Eligibility; testId?: string }) {
  const tone = e.eligible === true ? 'ok' : e.eligible === false ? 'bad' : '';
  return (
    <div className={`warn-panel ${tone}`} data-testid={testId} data-eligible={String(e.eligible)}>
      <strong>{eligibilitySummary(e).split('：')[0]}</strong>
      <span className="muted">（依据{e.source === 'member' ? '党员信息' : '填写的信息'}，按任职开始日期核查）</span>
      <ul>
        {e.checks.map((c) => (
          <li key={c.rule} className={`check-${c.status}`}>
            {MARK[c.status]} {c.label}：{c.detail}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** A short tag for lists. */
export function EligibilityTag({ e }: { e: Eligibility | null }) {
  if (!e) return null;
  if (e.eligible === true) return <span className="tag ok">符合条件</span>;
  if (e.eligible === false) return <span className="tag bad" title={eligibilitySummary(e)}>不符合条件</span>;
  return <span className="tag warn" title={eligibilitySummary(e)}>待核实</span>;
}
