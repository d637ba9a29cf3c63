import { useEffect, useState } from 'react';
import { DiffList } from '../ui/DiffList.js';
import { call, errorText } from '../api/index.js';
import { api, isMethod } from '../../../shared/contract/index.js';
import type { AuditEntry, Page } from '../../../shared/types/records.js';
import { ENTITY_LABELS } from '../codes/field-labels.js';
import { ErrorMessage } from '../ui/ErrorMessage.js';
import { Pager } from '../ui/Pager.js';
import { auditDiff, objectName } from './audit-diff.js';

const PAGE_SIZE = 50;

const summaryOf = (method: string) => (isMethod(method) ? api[method].summary : method);

function when(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString('zh-CN', { hour12: false });
}

function Diff({ entry }: { entry: AuditEntry }) {
  const lines = auditDiff(entry.before, entry.after);
  if (lines.length === 0) return <span className="muted">—</span>;
  const created = entry.before === null || entry.before === undefined;
  const removed = entry.after === null || entry.after === undefined;
  // A whole new (or removed) record reads as one flowing line; changes as one line per field.
  if (created || removed) {
    return (
      <p className="diff-flow">
        <span className="diff-tag">{created ? '新建' : '删除'}</span>
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

/** 操作日志: every write, newest first, with what changed. */
export function AuditPage() {
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<Page<AuditEntry> | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    call('audit.list', { offset, limit: PAGE_SIZE })
      .then((p) => {
        if (!live) return;
        setPage(p);
        setError(null);
      })
      .catch((err) => live && setError(errorText(err)));
    return () => {
      live = false;
    };
  }, [offset]);

  const total = page?.total ?? 0;

  return (
    <div className="page" data-testid="audit-page">
      <div className="toolbar">
        <h1 className="page-title">操作日志</h1>
        <span className="row-count">{page ? `共 ${total} 条` : ''}</span>
      </div>
      <ErrorMessage message={error} />
      <div className="table-scroll">
        <table className="table" data-testid="audit-table">
          <thead>
            <tr>
              <th style={{ width: 170 }}>时间</th>
              <th style={{ width: 110 }}>用户</th>
              <th style={{ width: 160 }}>操作</th>
              <th style={{ width: 200 }}>对象</th>
              <th>变更内容</th>
            </tr>
          </thead>
          <tbody>
            {page?.rows.map((r) => (
              <tr key={r.id} data-testid="audit-row">
                <td className="nowrap">{when(r.at)}</td>
                <td>{r.username ?? '系统'}</td>
                <td>{summaryOf(r.method)}</td>
                <td>
                  {ENTITY_LABELS[r.entity] ?? r.entity}
                  {objectName(r.before, r.after) ? `：${objectName(r.before, r.after)}` : ''}
                  {r.entityId ? <div className="muted mono small" title={r.entityId}>{r.entityId.slice(-12)}</div> : null}
                </td>
                <td>
                  <Diff entry={r} />
                </td>
              </tr>
            ))}
            {page && page.rows.length === 0 ? (
              <tr>
                <td colSpan={5} className="empty-cell">
                  还没有操作记录
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
