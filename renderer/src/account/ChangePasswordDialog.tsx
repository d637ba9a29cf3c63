import { useState, type FormEvent } from 'react';
import { call, errorText } from '../api/index.js';
import { Dialog } from '../ui/Dialog.js';
import { Field } from '../ui/Field.js';
import { ErrorMessage, Notice } from '../ui/ErrorMessage.js';
import { PasswordRules } from '../auth/PasswordRules.js';
import { passwordOk } from '../auth/password-rules.js';

export function ChangePasswordDialog({ onClose }: { onClose: () => void }) {
  const [oldPassword, setOld] = useState('');
  const [password, setPassword] = useState('');
  const [password2, setPassword2] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!oldPassword) return setError('请输入原密码');
    if (!passwordOk(password)) return setError('新密码至少10位，且须同时包含字母和数字');
    if (password !== password2) return setError('两次输入的新密码不一致');
    setBusy(true);
    setError(null);
    try {
      await call('app.changePassword', { oldPassword, newPassword: password });
      setDone(true);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog title="修改密码" onClose={onClose} testId="change-password-dialog">
      {done ? (
        <>
          <Notice message="密码已修改，下次登录请使用新密码。" testId="change-password-done" />
          <div className="form-actions">
            <button className="primary" type="button" onClick={onClose}>
              关闭
            </button>
          </div>
        </>
      ) : (
        <form className="form" onSubmit={submit}>
          <Field label="原密码">
            <input data-testid="cp-old" type="password" value={oldPassword} onChange={(e) => setOld(e.target.value)} autoComplete="current-password" autoFocus />
          </Field>
          <Field label="新密码">
            <input data-testid="cp-new" type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="new-password" />
          </Field>
          <Field label="确认新密码">
            <input data-testid="cp-new2" type="password" value={password2} onChange={(e) => setPassword2(e.target.value)} autoComplete="new-password" />
          </Field>
          <PasswordRules password={password} confirm={password2} />
          <ErrorMessage message={error} />
          <div className="form-actions">
            <button type="button" onClick={onClose}>
              取消
            </button>
            <button className="primary" type="submit" data-testid="cp-submit" disabled={busy}>
              确定
            </button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
