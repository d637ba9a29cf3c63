import { useEffect, useState } from 'react';
import { call, errorText } from '../api/index.js';
import type { OrgRow } from '../../../shared/contract/org.js';
import { STRUCTURE_WARNING_NAMES } from '../../../shared/domain/org-rules.js';
import { ORG_KIND_NAMES, display } from '../codes/code-names.js';
import { ErrorMessage } from '../ui/ErrorMessage.js';

/** 组织设置提醒: every organisation of the subtree whose structure breaks a rule of DOMAIN.md §1, today. */
export function WarningList({ rootId, version, onOpen }: { rootId: string | null; version: number; onOpen: (id: string) => void }) {
  const [rows, setRows] = useState<OrgRow[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    call('org.warnings', rootId ? { rootId } : {})
      .then((r) => live && (setRows(r), setError(null)))
      .catch((err) => live && setError(errorText(err)));
    return () => {
      live = false;
    };
  }, [rootId, version]);

  return (
    <div className="room-body" data-testid="warning-list">
      <div className="toolbar"><span className="row-count" data-testid="warning-count">{rows ? `共 ${rows.length} 个组织需要调整设置` : ''}</span></div>
      <ErrorMessage message={error} />
      <div className="table-scroll">
        <table className="table">
          <thead><tr><th>组织名称</th><th>上级组织</th><th>类别</th><th>党员</th><th>正式党员</th><th>提醒</th></tr></thead>
          <tbody>
            {rows && rows.length === 0 ? <tr><td colSpan={6} className="empty-cell">所选范围内的组织设置均符合要求</td></tr> : null}
            {rows?.map((r) => (
              <tr key={r.id} data-testid="warning-row" data-name={r.name}>
                <td><button type="button" className="link" onClick={() => onOpen(r.id)}>{r.name}</button></td>
                <td>{r.pathNames.at(-1) ?? ''}</td>
                <td>{display(ORG_KIND_NAMES, r.kind)}</td>
                <td>{r.members}</td>
                <td>{r.formal}</td>
                <td>
                  {r.warnings.map((w) => (
                    <div key={w.code} data-code={w.code}><span className="tag warn">{STRUCTURE_WARNING_NAMES[w.code]}</span> {w.message}</div>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
