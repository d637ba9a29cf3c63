import { Field } from '../ui/Field.js';
import { PasswordRules } from './PasswordRules.js';
import { passwordOk } from './password-rules.js';

/** A new password typed twice, with the rules checked live (set-up, recovery, change). */
export interface NewPassword {
  password: string;
  confirm: string;
}

/** What is wrong with the new password, in the words of the form, or null. */
export function newPasswordProblem(p: NewPassword, what = '新密码'): string | null {
  if (!passwordOk(p.password)) return `${what}至少10位，且须同时包含字母和数字`;
  if (p.password !== p.confirm) return `两次输入的${what}不一致`;
  return null;
}

export function NewPasswordFields({ value, onChange, label = '新密码', testId, required }: { value: NewPassword; onChange: (v: NewPassword) => void; label?: string; testId: string; required?: boolean }) {
  return (
    <>
      <Field label={label} required={required}>
        <input data-testid={testId} type="password" value={value.password} onChange={(e) => onChange({ ...value, password: e.target.value })} autoComplete="new-password" />
      </Field>
      <Field label={`确认${label}`} required={required}>
        <input data-testid={`${testId}2`} type="password" value={value.confirm} onChange={(e) => onChange({ ...value, confirm: e.target.value })} autoComplete="new-password" />
      </Field>
      <PasswordRules password={value.password} confirm={value.confirm} />
    </>
  );
}
