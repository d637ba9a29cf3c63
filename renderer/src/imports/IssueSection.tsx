import type { ImportIssue } from '../../../shared/import/index.js';
import { countByCode, issueTitle } from './import-model.js';

const LIST_CAP = 500;

/** Issues grouped by code (click to filter), then each one with file, sheet, row and column. */
export function IssueSection({ issues, code, onCode, onPick }: { issues: ImportIssue[]; code: string | null; onCode: (code: string | null) => void; onPick: (i: ImportIssue) => void }) {
  const groups = countByCode(issues);
  const shown = code ? issues.filter((i) => i.code === code) : issues;
  if (issues.length === 0) return <div className="notice-message" data-testid="issues-none">没有发现问题。</div>;
  return (
    <div className="issue-section">
      <div className="issue-groups" role="group" aria-label="按问题类型筛选">
        <button type="button" className={code === null ? 'issue-chip active' : 'issue-chip'} onClick={() => onCode(null)} data-testid="issue-group-all">
          全部问题 <b>{issues.length}</b>
        </button>
        {groups.map((g) => (
          <button
            key={g.code}
            type="button"
            className={`issue-chip ${g.severity}${code === g.code ? ' active' : ''}`}
            onClick={() => onCode(code === g.code ? null : g.code)}
            data-testid={`issue-group-${g.code}`}
            title={g.code}
          >
            {g.title} <b data-testid={`issue-count-${g.code}`}>{g.count}</b>
          </button>
        ))}
      </div>
      <div className="table-scroll issue-list">
        <table className="table compact" data-testid="issue-list">
          <thead>
            <tr>
              <th style={{ width: 56 }}>级别</th>
              <th>文件</th>
              <th>工作表</th>
              <th style={{ width: 56 }}>行</th>
              <th>列</th>
              <th>问题</th>
              <th>说明</th>
            </tr>
          </thead>
          <tbody>
            {shown.slice(0, LIST_CAP).map((i, n) => (
              <tr
                key={n}
                className={i.row !== null ? 'clickable' : undefined}
                onClick={() => i.row !== null && onPick(i)}
                data-testid="issue-row"
                data-code={i.code}
                data-row={i.row ?? ''}
              >
                <td>
                  <span className={`sev sev-${i.severity}`}>{i.severity === 'error' ? '错误' : '警告'}</span>
                </td>
                <td className="nowrap">{i.file}</td>
                <td className="nowrap">{i.sheet ?? ''}</td>
                <td>{i.row ?? ''}</td>
                <td className="nowrap">{i.column ?? ''}</td>
                <td className="nowrap">{issueTitle(i.code)}</td>
                <td>{i.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {shown.length > LIST_CAP ? <div className="muted pad">仅列出前 {LIST_CAP} 条（共 {shown.length} 条）；可点击上方问题类型分别查看，或下载退回报告。</div> : null}
      </div>
    </div>
  );
}
