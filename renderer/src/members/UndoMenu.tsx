import { useCallback, useRef, useState } from 'react';
import { useDismiss } from '../ui/use-dismiss.js';
import { call, errorText } from '../api/index.js';
import type { ChangeSetInfo } from '../../../shared/contract/change.js';

const timeOf = (iso: string) => new Date(iso).toLocaleString('zh-CN', { hour12: false });

/**
 * 撤销: the user's recent changes on the roster (pastes, bulk actions, cell edits), newest first;
 * each not yet undone can be undone as a whole (change.undo, itself recorded in the audit log).
 */
export function UndoMenu({ onUndone, onError }: { onUndone: (message: string) => void; onError: (message: string) => void }) {
  const [open, setOpen] = useState(false);
  const [list, setList] = useState<ChangeSetInfo[] | null>(null);
  const [busy, setBusy] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  useDismiss(box, open, useCallback(() => setOpen(false), []));

  const toggle = async () => {
    if (open) return setOpen(false);
    setOpen(true);
    setList(null);
    try {
      setList(await call('change.list', { limit: 10 }));
    } catch (err) {
      setOpen(false);
      onError(errorText(err));
    }
  };

  const undo = async (c: ChangeSetInfo) => {
    setBusy(true);
    try {
      const r = await call('change.undo', { changeId: c.id });
      setOpen(false);
      onUndone(`已撤销“${c.summary}”（${r.count} 条记录已恢复）`);
    } catch (err) {
      setOpen(false);
      onError(`未能撤销“${c.summary}”：${errorText(err)}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="undo-menu" ref={box}>
      <button type="button" onClick={() => void toggle()} data-testid="undo-button" title="撤销最近的粘贴、批量操作或单元格修改">
        撤销…
      </button>
      {open ? (
        <div className="undo-list" data-testid="undo-list">
          {list === null ? <div className="muted pad">正在读取…</div> : null}
          {list?.length === 0 ? <div className="muted pad">最近没有可撤销的修改</div> : null}
          {list?.map((c) => (
            <div key={c.id} className="undo-item" data-testid="undo-item">
              <div>
                <div>{c.summary}</div>
                <div className="muted small">
                  {timeOf(c.at)} · {c.count} 条记录{c.undoneBy ? ' · 已撤销' : ''}
                </div>
              </div>
              {!c.undoneBy && !c.undoOf ? (
                <button type="button" className="small" disabled={busy} onClick={() => void undo(c)} data-testid="undo-item-button">
                  撤销
                </button>
              ) : null}
            </div>
          ))}
        </div>
      ) : null}
    </div>
  );
}
