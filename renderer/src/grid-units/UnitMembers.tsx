import { useEffect, useState } from 'react';
import { call, errorText } from '../api/index.js';
import type { GridNode, GridRegistrationView } from '../../../shared/contract/grid.js';
import type { Member } from '../../../shared/types/records.js';
import { ErrorMessage } from '../ui/ErrorMessage.js';
import { useSubmit } from '../ui/use-submit.js';

/**
 * 在职党员到社区报到: the members registered with a unit and the units below it on a day, and the
 * registering of a member (one unit at a time: registering elsewhere ends the previous one).
 */
export function UnitMembers({ unit, asOf, today, canEdit, tick, onDone }: { unit: GridNode; asOf: string; today: string; canEdit: boolean; tick: number; onDone: (text: string) => void }) {
  const [data, setData] = useState<{ rows: GridRegistrationView[]; outside: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [text, setText] = useState('');
  const [found, setFound] = useState<Member[]>([]);
  const [memberId, setMemberId] = useState('');
  const [onDate, setOnDate] = useState(today);
  const { busy, error: saveError, run } = useSubmit();

  useEffect(() => {
    let live = true;
    call('grid.registrations', { gridId: unit.id, asOf, subtree: true })
      .then((r) => live && (setData(r), setError(null)))
      .catch((err) => live && setError(errorText(err)));
    return () => {
      live = false;
    };
  }, [unit.id, asOf, tick]);

  useEffect(() => {
    const t = text.trim();
    if (!t) return setFound([]);
    let live = true;
    const timer = window.setTimeout(() => {
      call('member.list', { filter: { text: t }, limit: 20 })
        .then((p) => live && (setFound(p.rows), setMemberId(p.rows[0]?.id ?? '')))
        .catch(() => live && setFound([]));
    }, 250);
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
  }, [text]);

  const register = (id: string, gridId: string | null, name: string) =>
    run(async () => {
      await call('grid.register', { memberId: id, gridId, onDate });
      onDone(gridId ? `${name}自 ${onDate} 起在“${unit.name}”报到` : `${name}的报到自 ${onDate} 起结束`);
      setText('');
    });

  return (
    <div className="room-body" data-testid="unit-members">
      {canEdit && !unit.dissolvedOn ? (
        <form className="toolbar" onSubmit={(e) => { e.preventDefault(); const m = found.find((x) => x.id === memberId); if (m) void register(m.id, unit.id, m.name); }}>
          <input type="search" className="quick-search" placeholder="按姓名或身份证号查找党员" value={text} onChange={(e) => setText(e.target.value)} maxLength={40} data-testid="register-search" />
          <select value={memberId} onChange={(e) => setMemberId(e.target.value)} data-testid="register-member">
            {found.length === 0 ? <option value="">{text.trim() ? '没有找到党员' : '先输入姓名查找'}</option> : null}
            {found.map((m) => <option key={m.id} value={m.id}>{m.name}（{m.orgName ?? ''}）</option>)}
          </select>
          <label className="inline-field">报到日期 <input type="date" value={onDate} max={today} onChange={(e) => setOnDate(e.target.value)} data-testid="register-date" /></label>
          <button type="submit" className="primary" disabled={busy || !memberId} data-testid="register-submit">到“{unit.name}”报到</button>
        </form>
      ) : null}
      <ErrorMessage message={saveError ?? error} />
      <div className="muted" data-testid="unit-members-count">
        {data ? `${asOf} 在“${unit.name}”${unit.kind === 'building' ? '' : '及其下级'}报到的党员 ${data.rows.length + data.outside} 人${data.outside ? `（其中 ${data.outside} 人属管理范围外的组织，只计数不列名）` : ''}` : ''}
      </div>
      <div className="table-scroll">
        <table className="table" data-testid="unit-members-table">
          <thead><tr><th>姓名</th><th>所在党组织</th><th>报到单元</th><th>报到日期</th>{canEdit ? <th /> : null}</tr></thead>
          <tbody>
            {data && data.rows.length === 0 ? <tr><td colSpan={5} className="empty-cell">没有报到的党员</td></tr> : null}
            {data?.rows.map((r) => (
              <tr key={r.id} data-name={r.memberName ?? ''}>
                <td>{r.memberName}</td>
                <td>{r.orgName}</td>
                <td>{r.gridName}</td>
                <td>{r.fromDate ?? '（早于记录）'}</td>
                {canEdit ? <td><button type="button" className="link small" disabled={busy} onClick={() => void register(r.memberId, null, r.memberName ?? '')} data-testid="register-end">结束报到</button></td> : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
