import { useState, type FormEvent } from 'react';
import { call } from '../api/index.js';
import type { Session } from '../../../shared/types/records.js';
import { AuthCard } from './AuthCard.js';
import { NewPasswordFields, newPasswordProblem } from './NewPasswordFields.js';
import { useSubmit } from '../ui/use-submit.js';
import { Field } from '../ui/Field.js';
import { ErrorMessage } from '../ui/ErrorMessage.js';

/** First run: creates the encrypted ledger and its administrator. */
export function SetupWizard({ onDone }: { onDone: (recoveryCode: string, session: Session) => void }) {
  const [unitName, setUnitName] = useState('');
  const [rootOrgName, setRootOrgName] = useState('');
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [pw, setPw] = useState({ password: '', confirm: '' });
  const { busy, error, setError, run } = useSubmit();

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (unitName.trim().length < 2) return setError('请填写单位名称（至少 2 个字）');
    if (!username.trim()) return setError('请填写管理员用户名');
    if (!displayName.trim()) return setError('请填写管理员姓名');
    const problem = newPasswordProblem(pw, '密码');
    if (problem) return setError(problem);
    await run(async () => {
      const root = rootOrgName.trim();
      const r = await call('app.setup', {
        unitName: unitName.trim(),
        ...(root ? { rootOrgName: root } : {}),
        adminUsername: username.trim(),
        adminDisplayName: displayName.trim(),
        password: pw.password,
      });
      onDone(r.recoveryCode, r.session);
    });
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
          <NewPasswordFields value={pw} onChange={setPw} label="密码" testId="setup-password" required />
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
