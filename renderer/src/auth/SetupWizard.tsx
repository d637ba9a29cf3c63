import { useState, type FormEvent } from 'react';
import { call, errorText } from '../api/index.js';
import type { Session } from '../../../shared/types/records.js';
import { AuthCard } from './AuthCard.js';
import { PasswordRules } from './PasswordRules.js';
import { passwordOk } from './password-rules.js';
import { Field } from '../ui/Field.js';
import { ErrorMessage } from '../ui/ErrorMessage.js';

/** First run: creates the encrypted ledger and its administrator. */
export function SetupWizard({ onDone }: { onDone: (recoveryCode: string, session: Session) => void }) {
  const [unitName, setUnitName] = useState('');
  const [rootOrgName, setRootOrgName] = useState('');
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [password2, setPassword2] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (unitName.trim().length < 2) return setError('请填写单位名称（至少 2 个字）');
    if (!username.trim()) return setError('请填写管理员用户名');
    if (!displayName.trim()) return setError('请填写管理员姓名');
    if (!passwordOk(password)) return setError('密码至少10位，且须同时包含字母和数字');
    if (password !== password2) return setError('两次输入的密码不一致');
    setBusy(true);
    setError(null);
    try {
      const root = rootOrgName.trim();
      const r = await call('app.setup', {
        unitName: unitName.trim(),
        ...(root ? { rootOrgName: root } : {}),
        adminUsername: username.trim(),
        adminDisplayName: displayName.trim(),
        password,
      });
      onDone(r.recoveryCode, r.session);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <AuthCard title="首次使用：建立台账" subtitle="台账数据加密保存在本机。请设置单位信息和管理员账号。" testId="setup-page">
      <form className="form" onSubmit={submit}>
        <fieldset>
          <legend>单位</legend>
          <Field label="单位名称" required hint="例如：中共某县委组织部">
            <input data-testid="setup-unit" value={unitName} onChange={(e) => setUnitName(e.target.value)} maxLength={60} autoFocus />
          </Field>
          <Field label="根组织名称" hint="组织树最上层，例如：中共某县委员会；不填则与单位名称相同">
            <input data-testid="setup-root-org" value={rootOrgName} onChange={(e) => setRootOrgName(e.target.value)} maxLength={60} placeholder={unitName} />
          </Field>
        </fieldset>
        <fieldset>
          <legend>管理员</legend>
          <Field label="用户名" required hint="字母、数字、下划线、点或减号">
            <input data-testid="setup-username" value={username} onChange={(e) => setUsername(e.target.value)} autoComplete="username" maxLength={32} />
          </Field>
          <Field label="姓名" required>
            <input data-testid="setup-display-name" value={displayName} onChange={(e) => setDisplayName(e.target.value)} maxLength={32} />
          </Field>
          <Field label="密码" required>
            <input data-testid="setup-password" type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="new-password" />
          </Field>
          <Field label="确认密码" required>
            <input data-testid="setup-password2" type="password" value={password2} onChange={(e) => setPassword2(e.target.value)} autoComplete="new-password" />
          </Field>
          <PasswordRules password={password} confirm={password2} />
        </fieldset>
        <ErrorMessage message={error} />
        <div className="form-actions">
          <button className="primary" type="submit" data-testid="setup-submit" disabled={busy}>
            {busy ? '正在建立…' : '建立台账'}
          </button>
        </div>
      </form>
    </AuthCard>
  );
}
