import { useCallback, useEffect, useRef, useState } from 'react';
import { errorText } from '../api/index.js';

/** A saved change the page can take back: its compensating write (one audited call). */
export interface UndoEntry {
  label: string;
  undo: () => Promise<void>;
}

/**
 * The last changes of a spreadsheet-like page, newest last, undone one at a time by a button or
 * Ctrl+Z (outside inputs and dialogs, as in a spreadsheet). Shared by the pages that edit in place.
 */
export function useUndoStack(depth = 20, onUndone?: (text: string) => void) {
  const [entries, setEntries] = useState<UndoEntry[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const latest = useRef({ entries, busy });
  latest.current = { entries, busy };

  const push = useCallback((e: UndoEntry) => setEntries((list) => [...list.slice(-(depth - 1)), e]), [depth]);

  const undoLast = useCallback(async () => {
    const { entries: list, busy: running } = latest.current;
    const last = list[list.length - 1];
    if (!last || running) return;
    setBusy(true);
    try {
      await last.undo();
      setEntries((l) => l.slice(0, -1));
      setError(null);
      onUndone?.(`已撤销：${last.label}`);
    } catch (err) {
      setError(`未能撤销“${last.label}”：${errorText(err)}`);
    } finally {
      setBusy(false);
    }
  }, [onUndone]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement | null;
      if (!(e.ctrlKey || e.metaKey) || e.key.toLowerCase() !== 'z' || t?.closest('input, textarea, select, dialog')) return;
      e.preventDefault();
      void undoLast();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [undoLast]);

  return { entries, busy, error, push, undoLast, nextLabel: entries[entries.length - 1]?.label ?? null };
}
