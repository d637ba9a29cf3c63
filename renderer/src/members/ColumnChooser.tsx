import { useCallback, useRef, useState } from 'react';
import { useDismiss } from '../ui/use-dismiss.js';

/** 列: which roster columns are shown (the name stays; it anchors every row). */
export function ColumnChooser({ columns, hidden, onChange }: { columns: { field: string; label: string }[]; hidden: readonly string[]; onChange: (hidden: string[]) => void }) {
  const [open, setOpen] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  useDismiss(box, open, useCallback(() => setOpen(false), []));
  return (
    <div className="undo-menu" ref={box}>
      <button type="button" onClick={() => setOpen((o) => !o)} data-testid="columns-button">
        列…
      </button>
      {open ? (
        <div className="undo-list column-list" data-testid="columns-list">
          {columns.map((c) => (
            <label key={c.field} className="column-item">
              <input
                type="checkbox"
                checked={!hidden.includes(c.field)}
                disabled={c.field === 'name'}
                onChange={(e) => onChange(e.target.checked ? hidden.filter((h) => h !== c.field) : [...hidden, c.field])}
                data-testid={`column-${c.field}`}
              />
              {c.label}
            </label>
          ))}
        </div>
      ) : null}
    </div>
  );
}
