import type { ReserveBoard as Board } from '../../../shared/contract/reserve.js';
import { RESERVE_STAGES } from '../../../shared/domain/reserve-rules.js';
import { STAGE_NAMES } from './reserve-names.js';

/** Stage board per village, the villages without a 书记 reserve, and entries into 两委 per year. */
export function ReserveBoard({ board, onPick }: { board: Board; onPick: (orgId: string) => void }) {
  const without = board.villages.filter((v) => v.secretaryReserves === 0);
  return (
    <div className="reserve-board" data-testid="reserve-board">
      <div className="board-villages">
        <table className="board-table">
          <thead>
            <tr>
              <th>村</th>
              <th>乡镇</th>
              {RESERVE_STAGES.map((s) => (
                <th key={s} className="num">
                  {STAGE_NAMES[s]}
                </th>
              ))}
              <th className="num">书记后备</th>
            </tr>
          </thead>
          <tbody>
            {board.villages.map((v) => (
              <tr key={v.orgId} data-testid="board-village" data-village={v.name} className={v.secretaryReserves === 0 ? 'no-secretary' : ''}>
                <td>
                  <button type="button" className="link" onClick={() => onPick(v.orgId)}>
                    {v.name}
                  </button>
                </td>
                <td className="muted">{v.townName ?? ''}</td>
                {RESERVE_STAGES.map((s) => (
                  <td key={s} className="num" data-stage={s}>
                    {v.stages[s] || ''}
                  </td>
                ))}
                <td className="num" data-testid="board-secretary">
                  {v.secretaryReserves > 0 ? v.secretaryReserves : <span className="tag warn">无</span>}
                </td>
              </tr>
            ))}
            {board.villages.length === 0 ? (
              <tr>
                <td colSpan={8} className="muted">
                  范围内没有村党组织
                </td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>
      <div className="board-side">
        <h3 className="section-title">无书记后备人选的村（{without.length}）</h3>
        <ul className="no-secretary-list" data-testid="no-secretary-list">
          {without.map((v) => (
            <li key={v.orgId}>{v.name}</li>
          ))}
          {without.length === 0 ? <li className="muted">每个村都有入库培养的书记后备人选</li> : null}
        </ul>
        <h3 className="section-title">进入两委与转化率</h3>
        <table className="board-table" data-testid="board-years">
          <thead>
            <tr>
              <th>年度</th>
              <th className="num">进入两委</th>
              <th className="num">当年在库</th>
              <th className="num">转化率</th>
            </tr>
          </thead>
          <tbody>
            {board.years.map((y) => (
              <tr key={y.year} data-year={y.year}>
                <td>{y.year}</td>
                <td className="num">{y.entered}</td>
                <td className="num">{y.pool}</td>
                <td className="num">{y.ratio === null ? '—' : `${y.ratio.toFixed(1)}%`}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="muted small">转化率 = 当年进入两委人数 ÷ 当年在库人数（当年任一天处于入库培养，或当年进入两委）。</div>
      </div>
    </div>
  );
}
