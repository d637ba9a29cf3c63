import { useCallback, useEffect, useState } from 'react';
import { ApiError, call, errorText } from '../api/index.js';
import type { ImportBatch } from '../../../shared/contract/imports.js';
import { IMPORT_KIND_NAMES, type ImportKind } from '../../../shared/import/index.js';
import { useSession } from '../app/session-context.js';
import { Dialog } from '../ui/Dialog.js';
import { ErrorMessage, Notice } from '../ui/ErrorMessage.js';
import { Pager } from '../ui/Pager.js';

const LIMIT = 50;

const kindName = (k: string) => IMPORT_KIND_NAMES[k as ImportKind] ?? k;
/** Local time, as the clerk's clock shows it (the core stores UTC). */
function when(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString('zh-CN', { hour12: false, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
}

function countsText(c: Record<string, number>): string {
  const parts: string[] = [];
  if (c['created']) parts.push(`新增 ${c['created']}`);
  if (c['updated']) parts.push(`更新 ${c['updated']}`);
  if (c['unchanged']) parts.push(`无变化 ${c['unchanged']}`);
  if (c['skipped']) parts.push(`跳过 ${c['skipped']}`);
  return parts.join('，') || '—';
}

/** 导入记录: the batches of the user's subtree, newest first, each undoable as a whole. */
export function BatchesPanel() {
  const { isAdmin } = useSession();
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<{ rows: ImportBatch[]; total: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [undoing, setUndoing] = useState<ImportBatch | null>(null);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    let live = true;
    call('import.batches', { offset, limit: LIMIT })
      .then((p) => live && (setPage(p), setError(null)))
      .catch((err) => live && setError(errorText(err)));
    return () => {
      live = false;
    };
  }, [offset, tick]);

  const done = useCallback((text: string) => {
    setUndoing(null);
    setNotice(text);
    setTick((t) => t + 1);
  }, []);

  return (
    <section className="panel" data-testid="batches-panel">
      <ErrorMessage message={error} testId="batches-error" />
      <Notice message={notice} testId="batches-notice" />
      <div className="table-scroll">
        <table className="table" data-testid="batches-table">
          <thead>
            <tr>
              <th style={{ width: 150 }}>时间</th>
              <th style={{ width: 90 }}>类型</th>
              <th>报送单位</th>
              <th>文件</th>
              <th>结果</th>
              <th style={{ width: 140 }}>导入人</th>
              <th style={{ width: 150 }}>状态</th>
              <th style={{ width: 80 }} />
            </tr>
          </thead>
          <tbody>
            {page?.rows.map((b) => (
              <tr key={b.id} className={b.status === 'undone' ? 'inactive' : undefined} data-testid="batch-row" data-status={b.status}>
                <td className="nowrap">{when(b.createdAt)}</td>
                <td>{kindName(b.kind)}</td>
                <td>{b.senderOrgName ?? ''}</td>
                <td>{b.files.join('、')}</td>
                <td>{countsText(b.counts)}</td>
                <td data-testid="batch-user">{b.userDisplayName && b.userDisplayName !== b.username ? `${b.userDisplayName}（${b.username ?? ''}）` : (b.username ?? '')}</td>
                <td data-testid="batch-status" className="nowrap">
                  {b.status === 'undone' ? (
                    <>
                      已撤销
                      {b.undoneAt ? <div className="muted small">{when(b.undoneAt)}</div> : null}
                    </>
                  ) : (
                    '已导入'
                  )}
                </td>
                <td>
                  {/* The core says who may undo (a clerk their own batches, an administrator any). */}
                  {b.canUndo ? (
                    <button type="button" className="small" onClick={() => setUndoing(b)} data-testid="batch-undo">
                      撤销
                    </button>
                  ) : null}
                </td>
              </tr>
            ))}
            {page && page.rows.length === 0 ? (
              <tr>
                <td colSpan={8} className="empty-cell">
                  还没有导入记录
                </td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>
      {page && page.total > LIMIT ? <Pager offset={offset} pageSize={LIMIT} total={page.total} onOffset={setOffset} rows /> : null}
      {undoing ? <UndoDialog batch={undoing} isAdmin={isAdmin} onClose={() => setUndoing(null)} onDone={done} /> : null}
    </section>
  );
}

/** Confirms an undo; a refusal from the core is shown as it is, and an administrator may force it. */
function UndoDialog({ batch, isAdmin, onClose, onDone }: { batch: ImportBatch; isAdmin: boolean; onClose: () => void; onDone: (text: string) => void }) {
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<{ message: string; conflict: boolean } | null>(null);

  const undo = async (force: boolean) => {
    setBusy(true);
    try {
      const r = await call('import.undo', { batchId: batch.id, force });
      onDone(`已${force ? '强制' : ''}撤销${when(batch.createdAt)}的${kindName(batch.kind)}导入：删除 ${r.deleted} 条记录，恢复 ${r.restored} 条记录。`);
    } catch (err) {
      setRefusal({ message: errorText(err), conflict: err instanceof ApiError && err.code === 'CONFLICT' });
      setBusy(false);
    }
  };

  return (
    <Dialog title="撤销导入批次" onClose={onClose} testId="undo-dialog">
      <p>
        将撤销 {when(batch.createdAt)} 导入的{kindName(batch.kind)}（{batch.files.join('、')}，{countsText(batch.counts)}）：删除本批新增的记录，更新过的记录恢复为导入前的内容。
      </p>
      <ErrorMessage message={refusal?.message ?? null} testId="undo-error" />
      {refusal?.conflict && isAdmin ? (
        <div className="notice-info" data-testid="undo-force-hint">
          作为管理员可以强制撤销：上述记录在导入后所做的修改将一并丢失（操作日志中仍可查到）。
        </div>
      ) : null}
      <div className="form-actions">
        <button type="button" onClick={onClose} disabled={busy}>
          取消
        </button>
        {refusal?.conflict && isAdmin ? (
          <button type="button" className="primary" onClick={() => void undo(true)} disabled={busy} data-testid="undo-force">
            强制撤销
          </button>
        ) : (
          <button type="button" className="primary" onClick={() => void undo(false)} disabled={busy || refusal !== null} data-testid="undo-confirm">
            确认撤销
          </button>
        )}
      </div>
    </Dialog>
  );
}
