import type { DiffLine } from '../audit/audit-diff.js';

/** Field-by-field "原值 → 新值", as the audit log and the import preview both show changes. */
export function DiffList({ lines }: { lines: DiffLine[] }) {
  return (
    <ul className="diff">
      {lines.map((l) => (
        <li key={l.field}>
          <span className="diff-field">{l.field}</span>
          <span className="diff-before">{l.before}</span>
          <span className="diff-arrow">→</span>
          <span className="diff-after">{l.after}</span>
        </li>
      ))}
    </ul>
  );
}
