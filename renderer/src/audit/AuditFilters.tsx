import { useEffect, useMemo, useState } from 'react';
import { call } from '../api/index.js';
import type { Input } from '../../../shared/contract/index.js';
import type { User } from '../../../shared/types/records.js';
import { OrgSelect } from '../org/OrgSelect.js';
import { useOrgTree } from '../org/use-org-tree.js';
import { auditActionGroups } from './audit-actions.js';

/** The filters as the page holds them: local dates (YYYY-MM-DD) and ids, '' for none. */
export interface AuditFilterValues {
  from: string;
  to: string;
  userId: string;
  method: string;
  orgId: string;
}

export const NO_FILTERS: AuditFilterValues = { from: '', to: '', userId: '', method: '', orgId: '' };
export const hasFilters = (f: AuditFilterValues): boolean => Object.values(f).some((v) => v !== '');

/** Start of a local day as the core's UTC instant. */
const dayStart = (day: string, plusDays = 0): string => {
  const d = new Date(`${day}T00:00:00`);
  d.setDate(d.getDate() + plusDays);
  return d.toISOString();
};

/** audit.list's filter input: the 至 day is included whole (up to the next day's start). */
export function filterInput(f: AuditFilterValues): Omit<Input<'audit.list'>, 'offset' | 'limit'> {
  return {
    ...(f.from ? { from: dayStart(f.from) } : {}),
    ...(f.to ? { to: dayStart(f.to, 1) } : {}),
    ...(f.userId ? { userId: f.userId } : {}),
    ...(f.method ? { method: f.method } : {}),
    ...(f.orgId ? { orgId: f.orgId } : {}),
  };
}

/** 时间 / 用户 / 操作 / 组织 above the log; every change applies at once. */
export function AuditFilters({ value, onChange }: { value: AuditFilterValues; onChange: (v: AuditFilterValues) => void }) {
  const tree = useOrgTree();
  const [users, setUsers] = useState<User[]>([]);
  const groups = useMemo(auditActionGroups, []);
  useEffect(() => {
    let live = true;
    // Without the list the other filters still work; the user filter just stays empty.
    call('user.list', {})
      .then((u) => live && setUsers(u))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);
  const set = (patch: Partial<AuditFilterValues>) => onChange({ ...value, ...patch });

  return (
    <div className="audit-filters" data-testid="audit-filters">
      <label>
        时间
        <input type="date" value={value.from} max={value.to || undefined} onChange={(e) => set({ from: e.target.value })} data-testid="audit-from" aria-label="开始日期" />
        至
        <input type="date" value={value.to} min={value.from || undefined} onChange={(e) => set({ to: e.target.value })} data-testid="audit-to" aria-label="结束日期" />
      </label>
      <label>
        用户
        <select value={value.userId} onChange={(e) => set({ userId: e.target.value })} data-testid="audit-user">
          <option value="">全部用户</option>
          {users.map((u) => (
            <option key={u.id} value={u.id}>
              {u.displayName}（{u.username}）
            </option>
          ))}
        </select>
      </label>
      <label>
        操作
        <select value={value.method} onChange={(e) => set({ method: e.target.value })} data-testid="audit-method">
          <option value="">全部操作</option>
          {groups.map((g) => (
            <optgroup key={g.label} label={g.label}>
              {g.actions.map((a) => (
                <option key={a.value} value={a.value}>
                  {a.label}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      </label>
      <label>
        组织
        <OrgSelect model={tree.model} value={value.orgId} onChange={(orgId) => set({ orgId })} testId="audit-org" placeholder="全部组织（含下级）" />
      </label>
      {hasFilters(value) ? (
        <button type="button" className="small" onClick={() => onChange(NO_FILTERS)} data-testid="audit-clear">
          清除筛选
        </button>
      ) : null}
    </div>
  );
}
