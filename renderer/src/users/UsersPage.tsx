import { useCallback, useEffect, useState } from 'react';
import { call, errorText } from '../api/index.js';
import type { User } from '../../../shared/types/records.js';
import { ROLE_NAMES } from '../codes/code-names.js';
import { useSession } from '../app/session-context.js';
import { useOrgTree } from '../org/use-org-tree.js';
import { ErrorMessage, Notice } from '../ui/ErrorMessage.js';
import { UserFormDialog } from './UserFormDialog.js';
import { ResetPasswordDialog } from './ResetPasswordDialog.js';
import { UserEditDialog } from './UserEditDialog.js';

/** 用户管理 (administrators): accounts, role and scope changes, enable/disable, password resets. */
export function UsersPage() {
  const { session } = useSession();
  const tree = useOrgTree();
  const [users, setUsers] = useState<User[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [resetting, setResetting] = useState<User | null>(null);
  const [editing, setEditing] = useState<User | null>(null);

  const load = useCallback(() => {
    call('user.list', {})
      .then((u) => {
        setUsers(u);
        setError(null);
      })
      .catch((err) => setError(errorText(err)));
  }, []);
  useEffect(load, [load]);

  async function setActive(u: User, active: boolean) {
    setError(null);
    try {
      await call('user.update', { id: u.id, patch: { active } });
      setNotice(`${active ? '已启用' : '已停用'}：${u.displayName}`);
      load();
    } catch (err) {
      setError(errorText(err));
    }
  }

  const scopeName = (u: User) => u.scopeOrgName ?? tree.model.byId.get(u.scopeOrgId)?.name ?? '—';

  return (
    <div className="page" data-testid="users-page">
      <div className="toolbar">
        <h1 className="page-title">用户管理</h1>
        <span className="row-count">{users ? `共 ${users.length} 个用户` : ''}</span>
        <span className="toolbar-spacer" />
        <button type="button" className="primary" onClick={() => setCreating(true)} data-testid="user-create-button" disabled={tree.nodes.length === 0}>
          新增用户
        </button>
      </div>
      <ErrorMessage message={error ?? tree.error} />
      <Notice message={notice} />
      <div className="table-scroll">
        <table className="table" data-testid="users-table">
          <thead>
            <tr>
              <th>用户名</th>
              <th>姓名</th>
              <th>角色</th>
              <th>管辖范围</th>
              <th>状态</th>
              <th style={{ width: 260 }}>操作</th>
            </tr>
          </thead>
          <tbody>
            {users?.map((u) => (
              <tr key={u.id} data-testid="user-row" className={u.active ? '' : 'inactive'}>
                <td className="mono">{u.username}</td>
                <td>{u.displayName}</td>
                <td>{ROLE_NAMES[u.role]}</td>
                <td>{scopeName(u)}</td>
                <td>{u.active ? '启用' : <span className="muted">已停用</span>}</td>
                <td>
                  <div className="actions">
                  <button type="button" className="small" onClick={() => setEditing(u)} data-testid="user-edit">
                    修改
                  </button>
                  <button type="button" className="small" onClick={() => setResetting(u)} data-testid="user-reset-password">
                    重设密码
                  </button>
                  {u.id === session.user.id ? null : u.active ? (
                    <button type="button" className="small" onClick={() => void setActive(u, false)} data-testid="user-disable">
                      停用
                    </button>
                  ) : (
                    <button type="button" className="small" onClick={() => void setActive(u, true)} data-testid="user-enable">
                      启用
                    </button>
                  )}
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {creating ? (
        <UserFormDialog
          model={tree.model}
          onClose={() => setCreating(false)}
          onCreated={(u) => {
            setCreating(false);
            setNotice(`已新增用户：${u.displayName}（${u.username}）`);
            load();
          }}
        />
      ) : null}
      {editing ? (
        <UserEditDialog
          user={editing}
          model={tree.model}
          onClose={() => setEditing(null)}
          onSaved={(u) => {
            setEditing(null);
            setNotice(`已修改用户：${u.displayName}（${ROLE_NAMES[u.role]}，${scopeName(u)}）`);
            load();
          }}
        />
      ) : null}
      {resetting ? (
        <ResetPasswordDialog
          user={resetting}
          onClose={() => setResetting(null)}
          onDone={() => {
            setNotice(`已重设 ${resetting.displayName} 的密码`);
            setResetting(null);
          }}
        />
      ) : null}
    </div>
  );
}
