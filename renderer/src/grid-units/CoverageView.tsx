import { useEffect, useMemo, useState } from 'react';
import { call, errorText } from '../api/index.js';
import type { CoverageRow } from '../../../shared/contract/grid.js';
import { BUILDING_KINDS, gridKindName, PLACE_KINDS } from '../../../shared/domain/grid-rules.js';
import { ErrorMessage } from '../ui/ErrorMessage.js';

type View = 'grids' | 'buildings' | 'places' | 'registered';

const VIEWS: Record<View, { label: string; pick: (r: CoverageRow) => boolean; empty: string }> = {
  grids: { label: '无党组织的网格', pick: (r) => r.kind === 'grid' && !r.covered, empty: '每个网格都有覆盖的党组织' },
  buildings: { label: '无党小组的楼栋', pick: (r) => BUILDING_KINDS.includes(r.kind) && !r.covered, empty: '每个楼栋、巷道都有党小组' },
  places: { label: '无党组织的村和社区', pick: (r) => PLACE_KINDS.includes(r.kind) && !r.covered, empty: '每个村和社区都有党组织' },
  registered: { label: '各网格报到党员', pick: (r) => r.kind === 'grid', empty: '没有网格' },
};

/** Coverage of the scope on a day: the gaps, and the members registered per grid. */
export function CoverageView({ asOf, tick, onOpen }: { asOf: string; tick: number; onOpen: (id: string) => void }) {
  const [rows, setRows] = useState<CoverageRow[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [view, setView] = useState<View>('grids');
  useEffect(() => {
    let live = true;
    setRows(null);
    call('grid.coverage', { asOf })
      .then((r) => live && (setRows(r.rows), setError(null)))
      .catch((err) => live && setError(errorText(err)));
    return () => {
      live = false;
    };
  }, [asOf, tick]);

  const counts = useMemo(() => Object.fromEntries((Object.keys(VIEWS) as View[]).map((v) => [v, rows?.filter(VIEWS[v].pick).length ?? 0])) as Record<View, number>, [rows]);
  const shown = useMemo(() => {
    const picked = rows?.filter(VIEWS[view].pick) ?? [];
    return view === 'registered' ? [...picked].sort((a, b) => b.registered - a.registered) : picked;
  }, [rows, view]);
  const total = (kinds: readonly string[]) => rows?.filter((r) => kinds.includes(r.kind)).length ?? 0;

  return (
    <div className="room-body" data-testid="coverage" data-loaded={rows ? 'true' : 'false'}>
      <div className="toolbar coverage-views" role="tablist">
        {(Object.keys(VIEWS) as View[]).map((v) => (
          <button key={v} type="button" role="tab" aria-selected={view === v} className={view === v ? 'chip active' : 'chip'} onClick={() => setView(v)} data-testid={`coverage-${v}`}>
            {VIEWS[v].label}
            {v === 'registered' ? '' : <b data-testid={`coverage-${v}-count`}>{counts[v]}</b>}
          </button>
        ))}
        <span className="toolbar-spacer" />
        <span className="muted">{rows ? `截至 ${asOf}：网格 ${total(['grid'])} 个，楼栋和巷道 ${total(BUILDING_KINDS)} 个，村和社区 ${total(PLACE_KINDS)} 个` : ''}</span>
      </div>
      <ErrorMessage message={error} />
      <div className="table-scroll">
        <table className="table" data-testid="coverage-table">
          <thead>
            <tr><th>名称</th><th>类别</th><th>所在位置</th><th>所属单位</th>{view === 'registered' ? <><th>覆盖党组织</th><th>报到党员</th></> : null}</tr>
          </thead>
          <tbody>
            {rows && shown.length === 0 ? <tr><td colSpan={6} className="empty-cell">{VIEWS[view].empty}</td></tr> : null}
            {shown.map((r) => (
              <tr key={r.id} data-name={r.name}>
                <td><button type="button" className="link" onClick={() => onOpen(r.id)}>{r.name}</button></td>
                <td>{gridKindName(r.kind)}</td>
                <td>{r.placePath}</td>
                <td>{r.ownerName}</td>
                {view === 'registered' ? <><td className={r.covered ? undefined : 'bad-text'}>{r.orgName ?? '无'}</td><td className="num" data-testid="coverage-registered-cell">{r.registered}</td></> : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
