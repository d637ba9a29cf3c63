import { passwordRules } from './password-rules.js';

/** Live checklist under a new-password field; the confirm rule appears once both are typed. */
export function PasswordRules({ password, confirm }: { password: string; confirm?: string }) {
  const rules = passwordRules(password);
  if (confirm !== undefined) rules.push({ label: '两次输入一致', ok: confirm.length > 0 && confirm === password });
  return (
    <ul className="password-rules" data-testid="password-rules">
      {rules.map((r) => (
        <li key={r.label} className={r.ok ? 'rule-ok' : 'rule-pending'}>
          <span aria-hidden="true">{r.ok ? '✓' : '○'}</span> {r.label}
        </li>
      ))}
    </ul>
  );
}
