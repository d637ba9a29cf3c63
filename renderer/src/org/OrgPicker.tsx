import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { call, errorText } from '../api/index.js';
import type { OrgKind } from '../../../shared/codes/tables.js';
import type { OrgHit } from '../../../shared/types/records.js';
import { ORG_KIND_NAMES, display } from '../codes/code-names.js';
import { useDismiss } from '../ui/use-dismiss.js';
import './org-picker.css';

export interface OrgPickerProps {
  /** The chosen organisation's id, '' for none. */
  value: string;
  onChange: (id: string, hit: OrgHit | null) => void;
  /** Only these kinds are offered (e.g. MEMBER_ORG_KINDS for a member's branch); all when absent. */
  kinds?: readonly OrgKind[];
  /** Search under this organisation instead of the whole of the user's scope. */
  rootId?: string;
  placeholder?: string;
  /** Offer "none" (a filter that may be cleared); a required field leaves it out. */
  clearLabel?: string;
  testId?: string;
  disabled?: boolean;
}

/**
 * The one organisation picker (issue 8 and 9 pages alike): type a fragment of the name or the
 * pinyin initials ('jcz' → 嘉城镇), the core searches (org.search: scope-limited, indexed), each
 * hit shows the path above it. Keyboard: ↑ ↓ to move, Enter to choose, Esc to close.
 */
export function OrgPicker({ value, onChange, kinds, rootId, placeholder = '输入名称或拼音首字母查找组织', clearLabel, testId = 'org-picker', disabled }: OrgPickerProps) {
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const [hits, setHits] = useState<OrgHit[] | null>(null);
  const [active, setActive] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [label, setLabel] = useState('');
  const listId = useId();
  const box = useRef<HTMLDivElement>(null);
  const kindsKey = kinds?.join(',') ?? '';
  const close = useCallback(() => setOpen(false), []);

  // The chosen organisation's name, when the value comes from outside (a saved view, a default).
  useEffect(() => {
    let live = true;
    if (!value) setLabel('');
    else call('org.get', { id: value }).then(({ org: o }) => live && setLabel(o.shortName ?? o.name)).catch(() => live && setLabel(''));
    return () => {
      live = false;
    };
  }, [value]);

  useEffect(() => {
    if (!open) return;
    let live = true;
    // A short pause in typing, then one search: the core answers from an index.
    const t = window.setTimeout(() => {
      call('org.search', { text, ...(kindsKey ? { kinds: kindsKey.split(',') as OrgKind[] } : {}), ...(rootId ? { rootId } : {}), limit: 30 })
        .then((r) => {
          if (!live) return;
          setHits(r);
          setActive(clearLabel && text === '' ? 0 : clearLabel ? 1 : 0);
          setError(null);
        })
        .catch((err) => live && setError(errorText(err)));
    }, 120);
    return () => {
      live = false;
      window.clearTimeout(t);
    };
  }, [open, text, kindsKey, rootId, clearLabel]);

  useDismiss(box, open, close);

  const choose = (hit: OrgHit | null) => {
    onChange(hit?.id ?? '', hit);
    setLabel(hit ? (hit.shortName ?? hit.name) : '');
    setText('');
    setOpen(false);
  };

  const options: (OrgHit | null)[] = clearLabel ? [null, ...(hits ?? [])] : (hits ?? []);
  const onKey = (e: React.KeyboardEvent) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setOpen(true);
      setActive((a) => Math.min(options.length - 1, a + 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => Math.max(0, a - 1));
    } else if (e.key === 'Enter' && open) {
      e.preventDefault();
      if (options[active] !== undefined) choose(options[active]!);
    } else if (e.key === 'Escape') {
      setOpen(false);
    }
  };

  return (
    <div className="org-picker" ref={box}>
      <input
        type="text"
        role="combobox"
        aria-expanded={open}
        aria-controls={listId}
        aria-autocomplete="list"
        value={open ? text : label}
        placeholder={open ? placeholder : label || clearLabel || placeholder}
        onFocus={() => setOpen(true)}
        onClick={() => setOpen(true)}
        onChange={(e) => {
          setText(e.target.value);
          setHits(null);
          setOpen(true);
        }}
        onKeyDown={onKey}
        disabled={disabled}
        maxLength={40}
        data-testid={testId}
        data-value={value}
      />
      {open ? (
        <ul className="org-picker-list" id={listId} role="listbox" data-testid={`${testId}-list`}>
          {error ? <li className="org-picker-empty error-text">{error}</li> : null}
          {options.map((h, i) => (
            <li
              key={h?.id ?? ''}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'active' : undefined}
              onMouseDown={(e) => {
                e.preventDefault();
                choose(h);
              }}
              onMouseEnter={() => setActive(i)}
              data-testid={`${testId}-option`}
            >
              {h ? (
                <>
                  <span className="org-picker-name">
                    {h.name}
                    <span className="org-picker-kind">{display(ORG_KIND_NAMES, h.kind)}</span>
                  </span>
                  {h.above.length > 0 ? <span className="org-picker-path">{h.above.join(' › ')}</span> : null}
                </>
              ) : (
                <span className="org-picker-name">{clearLabel}</span>
              )}
            </li>
          ))}
          {!error && hits?.length === 0 ? <li className="org-picker-empty">没有找到组织，请换个名称或拼音首字母</li> : null}
        </ul>
      ) : null}
    </div>
  );
}
