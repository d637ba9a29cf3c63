import type { ImportUpdate } from '../../../shared/contract/imports.js';
import { auditDiff } from '../audit/audit-diff.js';
import { DiffList } from '../ui/DiffList.js';

/** What an update changes, record by record: field, before → after. */
export function UpdatesSection({ updates }: { updates: ImportUpdate[] }) {
  const changed = updates.map((u) => ({ u, lines: auditDiff(u.before, u.after, { entity: u.entity }) })).filter((x) => x.lines.length > 0);
  if (changed.length === 0) return <p className="muted" data-testid="updates-none">没有需要更新的记录。</p>;
  return (
    <div className="table-scroll updates-list">
      <table className="table compact" data-testid="updates-list">
        <thead>
          <tr>
            <th style={{ width: 90 }}>行</th>
            <th style={{ width: 200 }}>记录</th>
            <th>修改内容（原值 → 新值）</th>
          </tr>
        </thead>
        <tbody>
          {changed.map(({ u, lines }) => (
            <tr key={`${u.file}|${u.sheet}|${u.row}`} data-testid="update-row">
              <td className="nowrap">
                {u.sheet} 第{u.row}行
              </td>
              <td>{u.label}</td>
              <td>
                <DiffList lines={lines} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {updates.length >= 500 ? <div className="muted pad">仅列出前 500 条更新。</div> : null}
    </div>
  );
}
