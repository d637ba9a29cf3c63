import type { Role } from '../../../shared/types/roles.js';
import { ROLE_NAMES } from '../codes/code-names.js';
import type { TreeModel } from '../org/org-tree-model.js';
import { OrgSelect } from '../org/OrgSelect.js';
import { Field } from '../ui/Field.js';

const ROLE_HINTS: Record<Role, string> = {
  admin: '管理用户、设置、备份与恢复',
  clerk: '在管辖范围内录入和修改',
  viewer: '只能查阅、打印和导出',
};

/**
 * 角色 and 管辖范围 of a user, in the new-user and edit dialogs. The organisations offered are the
 * administrator's own subtree: nobody can give a scope wider than their own.
 */
export function RoleScopeFields({ model, role, scopeOrgId, onRole, onScope, testIdPrefix }: { model: TreeModel; role: Role; scopeOrgId: string; onRole: (r: Role) => void; onScope: (id: string) => void; testIdPrefix: string }) {
  return (
    <>
      <Field label="角色" required hint={ROLE_HINTS[role]}>
        <select value={role} onChange={(e) => onRole(e.target.value as Role)} data-testid={`${testIdPrefix}-role`}>
          {(Object.keys(ROLE_NAMES) as Role[]).map((r) => (
            <option key={r} value={r}>
              {ROLE_NAMES[r]}
            </option>
          ))}
        </select>
      </Field>
      <Field label="管辖范围" required hint="只能查看和修改此组织及其下级">
        <OrgSelect model={model} value={scopeOrgId} onChange={onScope} testId={`${testIdPrefix}-scope`} />
      </Field>
    </>
  );
}
