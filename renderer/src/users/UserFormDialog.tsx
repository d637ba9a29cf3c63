import { useState, type FormEvent } from 'react';
import { call } from '../api/index.js';
import { useSubmit } from '../ui/use-submit.js';
import type { Role } from '../../../shared/types/roles.js';
import type { User } from '../../../shared/types/records.js';
import { ROLE_NAMES } from '../codes/code-names.js';
import type { TreeModel } from '../org/org-tree-model.js';
import { OrgSelect } from '../org/OrgSelect.js';
import { PasswordRules } from '../auth/PasswordRules.js';
import { passwordOk } from '../auth/password-rules.js';
import { Dialog } from '../ui/Dialog.js';
import { Field } from '../ui/Field.js';
import { ErrorMessage } from '../ui/ErrorMessage.js';

const ROLE_HINTS: Record<Role, string> = {
  admin: '管理用户、设置、备份与恢复',
  clerk: '在管辖范围内录入和修改',
  viewer: '只能查阅、打印和导出',
};

/** 新增用户: each user is bound to one organisation subtree (管辖范围). */
export function UserFormDialog({ model, onClose, onCreated }: { model: TreeModel; onClose: () => void; onCreated: (u: User) => void }) {
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<Role>('clerk');
  const [scopeOrgId, setScope] = useState(model.roots[0]?.id ?? '');
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
        <Field label="角色" required hint={ROLE_HINTS[role]}>
          <select value={role} onChange={(e) => setRole(e.target.value as Role)} data-testid="user-form-role">
            {(Object.keys(ROLE_NAMES) as Role[]).map((r) => (
              <option key={r} value={r}>
                {ROLE_NAMES[r]}
              </option>
            ))}
          </select>
        </Field>
        <Field label="管辖范围" required hint="只能查看和修改此组织及其下级">
          <OrgSelect model={model} value={scopeOrgId} onChange={setScope} testId="user-form-scope" />
        </Field>
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
