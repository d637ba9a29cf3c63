/** The contract's password rules, checked live as the user types (the core checks them again). */
export interface RuleState {
  label: string;
  ok: boolean;
}

export function passwordRules(pw: string): RuleState[] {
  return [
    { label: '至少10位', ok: pw.length >= 10 },
    { label: '同时包含字母和数字', ok: /[A-Za-z]/.test(pw) && /\d/.test(pw) },
  ];
}

export const passwordOk = (pw: string): boolean => passwordRules(pw).every((r) => r.ok) && pw.length <= 128;
