import { useState, type FormEvent } from 'react';
import { call } from '../api/index.js';
import { useSubmit } from '../ui/use-submit.js';
import type { Role } from '../../../shared/types/roles.js';
import type { User } from '../../../shared/types/records.js';
import type { TreeModel } from '../org/org-tree-model.js';
import { useSession } from '../app/session-context.js';
import { RoleScopeFields } from './RoleScopeFields.js';
import { PasswordRules } from '../auth/PasswordRules.js';
import { passwordOk } from '../auth/password-rules.js';
import { Dialog } from '../ui/Dialog.js';
import { Field } from '../ui/Field.js';
import { ErrorMessage } from '../ui/ErrorMessage.js';

/** 新增用户: each user is bound to one organisation subtree (管辖范围), by default the creator's own. */
export function UserFormDialog({ model, onClose, onCreated }: { model: TreeModel; onClose: () => void; onCreated: (u: User) => void }) {
  const { session } = useSession();
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<Role>('clerk');
  const [scopeOrgId, setScope] = useState(session.user.scopeOrgId);
  const [password, setPassword] = useState('');
  const { busy, error, run } = useSubmit();

  async function submit(e: FormEvent) {
    e.preventDefault();
    await run(async () => onCreated(await call('user.create', { username: username.trim(), displayName: displayName.trim(), role, scopeOrgId, password })));
  }

  return (
    <Dialog title="新增用户" onClose={onClose} testId="user-form">
      <form className="form" onSubmit={submit}>
        <Field label="用户名" required hint="登录时使用：字母、数字、下划线、点或减号">
          <input value={username} onChange={(e) => setUsername(e.target.value)} maxLength={32} data-testid="user-form-username" autoFocus />
        </Field>
        <Field label="姓名" required>
          <input value={displayName} onChange={(e) => setDisplayName(e.target.value)} maxLength={32} data-testid="user-form-name" />
        </Field>
        <RoleScopeFields model={model} role={role} scopeOrgId={scopeOrgId} onRole={setRole} onScope={setScope} testIdPrefix="user-form" />
        <Field label="初始密码" required hint="请当面告知本人，并提醒其登录后修改">
          <input type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="new-password" data-testid="user-form-password" />
        </Field>
        <PasswordRules password={password} />
        <ErrorMessage message={error} />
        <div className="form-actions">
          <button type="button" onClick={onClose}>
            取消
          </button>
          <button className="primary" type="submit" disabled={busy || !username.trim() || !displayName.trim() || !scopeOrgId || !passwordOk(password)} data-testid="user-form-submit">
            保存
          </button>
        </div>
      </form>
    </Dialog>
  );
}
