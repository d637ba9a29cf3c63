import { useState, type FormEvent } from 'react';
import { call } from '../api/index.js';
import type { Session } from '../../../shared/types/records.js';
import { AuthCard } from './AuthCard.js';
import { Field } from '../ui/Field.js';
import { ErrorMessage } from '../ui/ErrorMessage.js';
import { NewPasswordFields, newPasswordProblem } from './NewPasswordFields.js';
import { useSubmit } from '../ui/use-submit.js';

export function RecoverPage({ onRecovered, onBack }: { onRecovered: (s: Session) => void; onBack: () => void }) {
  const [username, setUsername] = useState('');
  const [code, setCode] = useState('');
  const [pw, setPw] = useState({ password: '', confirm: '' });
  const { busy, error, setError, run } = useSubmit();

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!username.trim() || !code.trim()) return setError('请填写用户名和恢复码');
    const problem = newPasswordProblem(pw);
    if (problem) return setError(problem);
    await run(async () => onRecovered(await call('app.recover', { username: username.trim(), recoveryCode: code.trim(), newPassword: pw.password })));
  }

  return (
    <AuthCard title="用恢复码重设密码" subtitle="输入建立台账时保存的恢复码，为指定用户设置新密码。" testId="recover-page">
      <form className="form" onSubmit={submit}>
        <Field label="用户名">
          <input data-testid="recover-username" value={username} onChange={(e) => setUsername(e.target.value)} autoComplete="username" autoFocus />
        </Field>
        <Field label="恢复码">
          <input data-testid="recover-code" value={code} onChange={(e) => setCode(e.target.value)} autoComplete="off" spellCheck={false} className="mono" />
        </Field>
        <NewPasswordFields value={pw} onChange={setPw} testId="recover-password" />
        <ErrorMessage message={error} />
        <div className="form-actions spread">
          <button type="button" className="link" data-testid="recover-back" onClick={onBack}>
            返回登录
          </button>
          <button className="primary" type="submit" data-testid="recover-submit" disabled={busy}>
            {busy ? '正在重设…' : '重设密码并登录'}
          </button>
        </div>
      </form>
    </AuthCard>
  );
}
