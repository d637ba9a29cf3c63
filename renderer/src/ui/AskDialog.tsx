import { useState } from 'react';
import { Dialog } from './Dialog.js';
import { ErrorMessage } from './ErrorMessage.js';
import { useSubmit } from './use-submit.js';

/**
 * One value asked for before an action (a reason, a number): Electron has no window.prompt. The
 * action runs with the trimmed text; its error shows in place and the dialog stays open.
 */
export function AskDialog({ title, label, initial = '', submitLabel = '确定', check, onSubmit, onClose, testId = 'ask-dialog' }: {
  title: string;
  label: string;
  initial?: string;
  submitLabel?: string;
  /** Why the text cannot be used, or null. */
  check?: (text: string) => string | null;
  onSubmit: (text: string) => Promise<void>;
  onClose: () => void;
  testId?: string;
}) {
  const [text, setText] = useState(initial);
  const { busy, error, setError, run } = useSubmit();
  return (
    <Dialog title={title} onClose={onClose} testId={testId}>
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          const problem = check?.(text.trim()) ?? null;
          if (problem) return setError(problem);
          void run(() => onSubmit(text.trim()));
        }}
      >
        <label className="field">
          <span className="field-label">{label}</span>
          <span className="field-control">
            <input value={text} onChange={(e) => setText(e.target.value)} autoFocus maxLength={200} data-testid={`${testId}-input`} />
          </span>
        </label>
        <ErrorMessage message={error} />
        <div className="form-actions">
          <button type="button" onClick={onClose}>取消</button>
          <button type="submit" className="primary" disabled={busy} data-testid={`${testId}-submit`}>{submitLabel}</button>
        </div>
      </form>
    </Dialog>
  );
}
