import { useEffect, useState } from 'react';
import { call } from '../api/index.js';
import type { Member } from '../../../shared/types/records.js';
import type { PersonRef } from '../../../shared/domain/pipeline-steps.js';

/**
 * 培养联系人 / 入党介绍人: names, each linked to the 正式党员 of the register it names when exactly one
 * bears it in the caller's scope (then the rules read that member's 转正日期).
 */
function PersonInput({ value, onChange, testId }: { value: PersonRef; onChange: (p: PersonRef) => void; testId: string }) {
  const [found, setFound] = useState<Member[]>([]);
  const name = value.name.trim();
  useEffect(() => {
    if (name.length < 2) return setFound([]);
    let live = true;
    const t = window.setTimeout(() => {
      call('member.list', { filter: { name, category: 'formal' }, limit: 8 })
        .then((r) => {
          if (!live) return;
          setFound(r.rows);
          const same = r.rows.filter((m) => m.name === name);
          const memberId = same.length === 1 ? same[0]!.id : null;
          if (memberId !== (value.memberId ?? null)) onChange({ name: value.name, memberId });
        })
        .catch(() => live && setFound([]));
    }, 300);
    return () => {
      live = false;
      window.clearTimeout(t);
    };
    // Re-run for a changed name only; onChange/value.memberId follow from it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [name]);
  const linked = value.memberId ? found.find((m) => m.id === value.memberId) : null;
  const listId = `${testId}-list`;
  return (
    <span>
      <input value={value.name} onChange={(e) => onChange({ name: e.target.value, memberId: null })} list={listId} maxLength={40} placeholder="姓名" data-testid={testId} />
      <datalist id={listId}>
        {found.map((m) => (
          <option key={m.id} value={m.name}>{`${m.orgName ?? ''} ${m.confirmedOn ? `${m.confirmedOn}转正` : ''}`}</option>
        ))}
      </datalist>
      {linked ? <span className="linked"> 党员：{linked.orgName ?? ''}{linked.confirmedOn ? `，${linked.confirmedOn}转正` : ''}</span> : name && found.filter((m) => m.name === name).length > 1 ? <span className="muted small"> 同名党员多名，未关联</span> : null}
    </span>
  );
}

export function PersonsInput({ value, onChange, rows, testId }: { value: PersonRef[]; onChange: (v: PersonRef[]) => void; rows: number; testId: string }) {
  const list = Array.from({ length: rows }, (_, i) => value[i] ?? { name: '', memberId: null });
  return (
    <span className="persons-input">
      {list.map((p, i) => (
        <PersonInput key={i} value={p} testId={`${testId}-${i}`} onChange={(next) => onChange(list.map((x, j) => (j === i ? next : x)).filter((x) => x.name.trim() !== '' || x.memberId))} />
      ))}
    </span>
  );
}
