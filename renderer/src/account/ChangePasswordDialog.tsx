import { useState, type FormEvent } from 'react';
import { call } from '../api/index.js';
import { Dialog } from '../ui/Dialog.js';
import { Field } from '../ui/Field.js';
import { ErrorMessage, Notice } from '../ui/ErrorMessage.js';
import { NewPasswordFields, newPasswordProblem } from '../auth/NewPasswordFields.js';
import { useSubmit } from '../ui/use-submit.js';

export function ChangePasswordDialog({ onClose }: { onClose: () => void }) {
  const [oldPassword, setOld] = useState('');
  const [pw, setPw] = useState({ password: '', confirm: '' });
  const [done, setDone] = useState(false);
  const { busy, error, setError, run } = useSubmit();

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!oldPassword) return setError('请输入原密码');
    const problem = newPasswordProblem(pw);
    if (problem) return setError(problem);
    await run(async () => {
      await call('app.changePassword', { oldPassword, newPassword: pw.password });
      setDone(true);
    });
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
          <NewPasswordFields value={pw} onChange={setPw} testId="cp-new" />
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
