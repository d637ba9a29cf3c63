import { useState, type FormEvent } from 'react';
import { call } from '../api/index.js';
import { useSubmit } from '../ui/use-submit.js';
import type { Role } from '../../../shared/types/roles.js';
import type { User } from '../../../shared/types/records.js';
import type { TreeModel } from '../org/org-tree-model.js';
import { Dialog } from '../ui/Dialog.js';
import { Field } from '../ui/Field.js';
import { ErrorMessage } from '../ui/ErrorMessage.js';
import { RoleScopeFields } from './RoleScopeFields.js';

/**
 * 修改用户: name, role and scope (within the administrator's own). The core audits the change and
 * refuses to demote the last county-wide administrator; its message shows here.
 */
export function UserEditDialog({ user, model, onClose, onSaved }: { user: User; model: TreeModel; onClose: () => void; onSaved: (u: User) => void }) {
  const [displayName, setDisplayName] = useState(user.displayName);
  const [role, setRole] = useState<Role>(user.role);
  const [scopeOrgId, setScope] = useState(user.scopeOrgId);
  const { busy, error, run } = useSubmit();

  const patch = {
    ...(displayName.trim() !== user.displayName ? { displayName: displayName.trim() } : {}),
    ...(role !== user.role ? { role } : {}),
    ...(scopeOrgId !== user.scopeOrgId ? { scopeOrgId } : {}),
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    await run(async () => onSaved(await call('user.update', { id: user.id, patch })));
  }

  return (
    <Dialog title={`修改用户：${user.username}`} onClose={onClose} testId="user-edit-dialog">
      <form className="form" onSubmit={submit}>
        <Field label="姓名" required>
          <input value={displayName} onChange={(e) => setDisplayName(e.target.value)} maxLength={32} data-testid="user-edit-name" autoFocus />
        </Field>
        <RoleScopeFields model={model} role={role} scopeOrgId={scopeOrgId} onRole={setRole} onScope={setScope} testIdPrefix="user-edit" />
        <ErrorMessage message={error} />
        <div className="form-actions">
          <button type="button" onClick={onClose}>
            取消
          </button>
          <button className="primary" type="submit" disabled={busy || !displayName.trim() || !scopeOrgId || Object.keys(patch).length === 0} data-testid="user-edit-submit">
            保存
          </button>
        </div>
      </form>
    </Dialog>
  );
}
