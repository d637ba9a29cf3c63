import { useState, type FormEvent } from 'react';
import { call, errorText } from '../api/index.js';
import type { Session } from '../../../shared/types/records.js';
import { AuthCard } from './AuthCard.js';
import { Field } from '../ui/Field.js';
import { ErrorMessage } from '../ui/ErrorMessage.js';
import { PasswordRules } from './PasswordRules.js';
import { passwordOk } from './password-rules.js';

export function RecoverPage({ onRecovered, onBack }: { onRecovered: (s: Session) => void; onBack: () => void }) {
  const [username, setUsername] = useState('');
  const [code, setCode] = useState('');
  const [password, setPassword] = useState('');
  const [password2, setPassword2] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!username.trim() || !code.trim()) return setError('请填写用户名和恢复码');
    if (!passwordOk(password)) return setError('新密码至少10位，且须同时包含字母和数字');
    if (password !== password2) return setError('两次输入的新密码不一致');
    setBusy(true);
    setError(null);
    try {
      onRecovered(await call('app.recover', { username: username.trim(), recoveryCode: code.trim(), newPassword: password }));
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
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
        <Field label="新密码">
          <input data-testid="recover-password" type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="new-password" />
        </Field>
        <Field label="确认新密码">
          <input data-testid="recover-password2" type="password" value={password2} onChange={(e) => setPassword2(e.target.value)} autoComplete="new-password" />
        </Field>
        <PasswordRules password={password} confirm={password2} />
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
