import { useState, type FormEvent } from 'react';
import { call } from '../api/index.js';
import { useSubmit } from '../ui/use-submit.js';
import type { User } from '../../../shared/types/records.js';
import { PasswordRules } from '../auth/PasswordRules.js';
import { passwordOk } from '../auth/password-rules.js';
import { Dialog } from '../ui/Dialog.js';
import { Field } from '../ui/Field.js';
import { ErrorMessage } from '../ui/ErrorMessage.js';

export function ResetPasswordDialog({ user, onClose, onDone }: { user: User; onClose: () => void; onDone: () => void }) {
  const [password, setPassword] = useState('');
  const { busy, error, run } = useSubmit();

  async function submit(e: FormEvent) {
    e.preventDefault();
    await run(async () => {
      await call('user.resetPassword', { id: user.id, password });
      onDone();
    });
  }

  return (
    <Dialog title={`重设密码：${user.displayName}（${user.username}）`} onClose={onClose} testId="reset-password-dialog">
      <form className="form" onSubmit={submit}>
        <Field label="新密码" required hint="请当面告知本人，并提醒其登录后修改">
          <input type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="new-password" data-testid="reset-password-input" autoFocus />
        </Field>
        <PasswordRules password={password} />
        <ErrorMessage message={error} />
        <div className="form-actions">
          <button type="button" onClick={onClose}>
            取消
          </button>
          <button className="primary" type="submit" disabled={busy || !passwordOk(password)} data-testid="reset-password-submit">
            重设
          </button>
        </div>
      </form>
    </Dialog>
  );
}
