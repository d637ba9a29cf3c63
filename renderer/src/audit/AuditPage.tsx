import { useEffect, useState } from 'react';
import { DiffList } from '../ui/DiffList.js';
import { call, errorText } from '../api/index.js';
import type { AuditEntry, AuditLogPage } from '../../../shared/types/records.js';
import { auditMethodLabel } from '../../../shared/audit/labels.js';
import { ErrorMessage } from '../ui/ErrorMessage.js';
import { Pager } from '../ui/Pager.js';
import { auditDiff, localTime, objectText, UNSEEN } from './audit-diff.js';
import { AuditFilters, filterInput, hasFilters, NO_FILTERS, type AuditFilterValues } from './AuditFilters.js';

const PAGE_SIZE = 50;

function Diff({ entry, names }: { entry: AuditEntry; names: AuditLogPage['names'] }) {
  const lines = auditDiff(entry.before, entry.after, { entity: entry.entity, names });
  if (lines.length === 0) return <span className="muted">—</span>;
  const created = entry.before === null || entry.before === undefined;
  const removed = entry.after === null || entry.after === undefined;
  // A whole new (or removed) record, or an event, reads as one flowing line; changes as one line per field.
  if (created || removed) {
    return (
      <p className="diff-flow">
        {removed ? <span className="diff-tag">删除</span> : entry.method.endsWith('.create') || entry.method === 'import.commit' ? <span className="diff-tag">新建</span> : null}
        {lines.map((l) => (
          <span key={l.field} className="diff-pair">
            <span className="diff-field">{l.field}</span> {created ? l.after : l.before}
          </span>
        ))}
      </p>
    );
  }
  return <DiffList lines={lines} />;
}

/** 操作日志: the writes, exports, logins and backups of the reader's subtree, newest first, with filters. */
export function AuditPage() {
  const [filters, setFilters] = useState<AuditFilterValues>(NO_FILTERS);
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<AuditLogPage | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    call('audit.list', { offset, limit: PAGE_SIZE, ...filterInput(filters) })
      .then((p) => {
        if (!live) return;
        setPage(p);
        setError(null);
      })
      .catch((err) => live && setError(errorText(err)));
    return () => {
      live = false;
    };
  }, [offset, filters]);

  const total = page?.total ?? 0;
  const names = page?.names ?? {};

  return (
    <div className="page" data-testid="audit-page">
      <div className="toolbar">
        <h1 className="page-title">操作日志</h1>
        <span className="row-count" data-testid="audit-count">
          {page ? `共 ${total} 条` : ''}
        </span>
      </div>
      <AuditFilters
        value={filters}
        onChange={(f) => {
          setFilters(f);
          setOffset(0);
        }}
      />
      <ErrorMessage message={error} />
      <div className="table-scroll">
        <table className="table" data-testid="audit-table">
          <thead>
            <tr>
              <th style={{ width: 150 }}>时间</th>
              <th style={{ width: 120 }}>用户</th>
              <th style={{ width: 140 }}>操作</th>
              <th style={{ width: 170 }}>组织</th>
              <th style={{ width: 200 }}>对象</th>
              <th>内容</th>
            </tr>
          </thead>
          <tbody>
            {page?.rows.map((r) => (
              <tr key={r.id} data-testid="audit-row" data-method={r.method}>
                <td className="nowrap">{localTime(r.at)}</td>
                <td>
                  {r.userId === null && r.username === null ? (
                    <span className="muted">系统</span>
                  ) : (
                    <>
                      {(r.userId ? names[r.userId] : undefined) ?? r.username}
                      {r.userId && names[r.userId] && r.username ? <div className="muted small">{r.username}</div> : null}
                    </>
                  )}
                </td>
                <td>{auditMethodLabel(r.method)}</td>
                <td>{r.orgId ? (names[r.orgId] ?? <span className="muted">{UNSEEN}</span>) : <span className="muted">全县</span>}</td>
                <td title={r.entityId ?? undefined}>{objectText(r, names)}</td>
                <td>
                  <Diff entry={r} names={names} />
                </td>
              </tr>
            ))}
            {page && page.rows.length === 0 ? (
              <tr>
                <td colSpan={6} className="empty-cell">
                  {hasFilters(filters) ? '没有符合筛选条件的记录，可放宽时间范围或清除筛选' : '还没有操作记录'}
                </td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>
      <Pager offset={offset} pageSize={PAGE_SIZE} total={total} onOffset={setOffset} testId="audit" />
    </div>
  );
}
