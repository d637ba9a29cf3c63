import { useEffect, useState } from 'react';
import { call, errorText } from '../api/index.js';
import type { GridChangeView, GridNode } from '../../../shared/contract/grid.js';
import { GRID_CHANGE_NAMES, gridKindName } from '../../../shared/domain/grid-rules.js';
import { ErrorMessage } from '../ui/ErrorMessage.js';
import type { ChangeMode } from './UnitChangeDialog.js';

function changeText(c: GridChangeView): string {
  switch (c.kind) {
    case 'found': return `设立“${c.name ?? ''}”${c.parentName ? `，隶属“${c.parentName}”` : c.ownerName ? `，属${c.ownerName}` : ''}${c.orgName ? `，由${c.orgName}覆盖` : ''}`;
    case 'rename': return `更名为“${c.name ?? ''}”`;
    case 'move': return c.parentName ? `调整到“${c.parentName}”之下` : `调整为${c.ownerName ?? ''}的社区或村`;
    case 'cover': return c.orgName ? `改由${c.orgName}覆盖` : '不再有覆盖的党组织';
    case 'dissolve': return `撤销${c.reason ? `（${c.reason}）` : ''}`;
  }
}

/** One unit: where it is, who runs it, its covering organisation, and its dated history. */
export function UnitDetail({ unit, path, canEdit, tick, onChange }: { unit: GridNode; path: string; canEdit: boolean; tick: number; onChange: (mode: ChangeMode) => void }) {
  const [history, setHistory] = useState<GridChangeView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    call('grid.history', { id: unit.id })
      .then((h) => live && (setHistory(h), setError(null)))
      .catch((err) => live && setError(errorText(err)));
    return () => {
      live = false;
    };
  }, [unit.id, tick]);

  const facts: [string, string][] = [
    ['类别', gridKindName(unit.kind)],
    ['所在位置', path || '（社区或村）'],
    ['所属单位', unit.ownerName],
    ['覆盖党组织', unit.orgName ?? '没有覆盖的党组织'],
    ['网格长', unit.leader ?? '—'],
    ['网格员', unit.workers ?? '—'],
    ['楼栋长', unit.buildingLeader ?? '—'],
    ['户数', unit.households === null ? '—' : String(unit.households)],
    ['人口', unit.population === null ? '—' : String(unit.population)],
    ['报到党员', `${unit.registered} 人`],
    ['设立日期', unit.foundedOn],
    ...(unit.dissolvedOn ? ([['撤销日期', `${unit.dissolvedOn}${unit.dissolvedReason ? `（${unit.dissolvedReason}）` : ''}`]] as [string, string][]) : []),
  ];
  return (
    <div className="room-body" data-testid="unit-detail">
      <div className="toolbar">
        <h2 className="unit-title">{unit.name}</h2>
        <span className="toolbar-spacer" />
        {canEdit && !unit.dissolvedOn
          ? (['rename', 'move', 'cover', 'dissolve'] as const).map((m) => (
              <button key={m} type="button" onClick={() => onChange(m)} data-testid={`unit-${m}`}>
                {{ rename: '更名', move: '调整隶属', cover: '变更覆盖党组织', dissolve: '撤销' }[m]}
              </button>
            ))
          : null}
      </div>
      <dl className="unit-facts">
        {facts.map(([k, v]) => (
          <div key={k}><dt>{k}</dt><dd className={k === '覆盖党组织' && !unit.orgName ? 'bad-text' : undefined}>{v}</dd></div>
        ))}
      </dl>
      <h3 className="unit-subtitle">历史沿革</h3>
      <ErrorMessage message={error} />
      <table className="table" data-testid="unit-history">
        <thead><tr><th>日期</th><th>变动</th><th>内容</th></tr></thead>
        <tbody>
          {history?.map((c) => (
            <tr key={c.id} data-kind={c.kind}><td>{c.onDate}</td><td>{GRID_CHANGE_NAMES[c.kind]}</td><td>{changeText(c)}</td></tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
