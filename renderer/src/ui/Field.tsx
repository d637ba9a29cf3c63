import type { ReactNode } from 'react';

/** A labelled form row; `hint` is grey help text under the control. */
export function Field({ label, children, hint, required }: { label: string; children: ReactNode; hint?: ReactNode; required?: boolean }) {
  return (
    <label className="field">
      <span className="field-label">
        {label}
        {required ? <span className="required">*</span> : null}
      </span>
      <span className="field-control">
        {children}
        {hint ? <span className="field-hint">{hint}</span> : null}
      </span>
    </label>
  );
}
