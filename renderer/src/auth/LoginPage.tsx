import { useState, type FormEvent } from 'react';
import { call } from '../api/index.js';
import { useSubmit } from '../ui/use-submit.js';
import type { Session } from '../../../shared/types/records.js';
import { AuthCard } from './AuthCard.js';
import { Field } from '../ui/Field.js';
import { ErrorMessage, Notice } from '../ui/ErrorMessage.js';

interface Props {
  unitName: string | null;
  notice: string | null;
  onLoggedIn: (s: Session) => void;
  onForgot: () => void;
}

export function LoginPage({ unitName, notice, onLoggedIn, onForgot }: Props) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const { busy, error, run } = useSubmit();

  async function submit(e: FormEvent) {
    e.preventDefault();
    // Wrong password and lockout messages come from the core, shown as they are.
    const ok = await run(async () => onLoggedIn(await call('app.login', { username: username.trim(), password })));
    if (!ok) setPassword('');
  }

  return (
    <AuthCard title="登录" subtitle={unitName ?? undefined} testId="login-page">
      <Notice message={notice} testId="login-notice" info />
      <form className="form" onSubmit={submit}>
        <Field label="用户名">
          <input data-testid="login-username" value={username} onChange={(e) => setUsername(e.target.value)} autoComplete="username" autoFocus />
        </Field>
        <Field label="密码">
          <input data-testid="login-password" type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="current-password" />
        </Field>
        <ErrorMessage message={error} />
        <div className="form-actions spread">
          <button type="button" className="link" data-testid="forgot-password" onClick={onForgot}>
            忘记密码？用恢复码重设
          </button>
          <button className="primary" type="submit" data-testid="login-submit" disabled={busy}>
            {busy ? '正在登录…' : '登录'}
          </button>
        </div>
      </form>
    </AuthCard>
  );
}
