import { useEffect, useState } from 'react';
import { call, errorText } from '../api/index.js';
import { BOARD_STAGES, type PipelineBoard as Board } from '../../../shared/contract/pipeline.js';
import { DEV_STAGE_NAMES } from '../../../shared/domain/pipeline-steps.js';
import { ErrorMessage } from '../ui/ErrorMessage.js';

/** 阶段看板: per branch of the subtree, who is in which stage since when (the longest-waiting first). */
export function PipelineBoard({ orgId, tick, onOpen, onPick }: { orgId: string | null; tick: number; onOpen: (personId: string) => void; onPick: (orgId: string) => void }) {
  const [board, setBoard] = useState<Board | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    call('pipeline.board', orgId ? { orgId } : {})
      .then((b) => live && (setBoard(b), setError(null)))
      .catch((err) => live && setError(errorText(err)));
    return () => {
      live = false;
    };
  }, [orgId, tick]);

  if (!board) return <ErrorMessage message={error} />;
  return (
    <div className="table-scroll" data-testid="pipeline-board" data-loaded="true">
      <ErrorMessage message={error} />
      <table className="pipe-board">
        <thead>
          <tr>
            <th>党组织</th>
            {BOARD_STAGES.map((s) => (
              <th key={s}>{DEV_STAGE_NAMES[s]}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {board.branches.length === 0 ? (
            <tr>
              <td colSpan={5} className="muted">范围内没有正在发展中的人员。点“登记入党申请人”开始。</td>
            </tr>
          ) : null}
          {board.branches.map((b) => (
            <tr key={b.orgId} data-testid="board-branch" data-branch={b.name}>
              <td>
                <button type="button" className="link" onClick={() => onPick(b.orgId)}>
                  {b.name}
                </button>
                {b.parentName ? <div className="muted small">{b.parentName}</div> : null}
              </td>
              {BOARD_STAGES.map((s) => (
                <td key={s} className="stage-cell" data-stage={s}>
                  {b.counts[s] > 0 ? <span className="count">{b.counts[s]} 人</span> : null}
                  {b.people[s].map((p) => (
                    <button key={p.id} type="button" className="link person" onClick={() => onOpen(p.id)} title={p.since ? `自 ${p.since} 起为${DEV_STAGE_NAMES[s]}` : undefined}>
                      {p.name}
                      <span className="since">{p.since ? `自 ${p.since}` : ''}</span>
                    </button>
                  ))}
                  {b.counts[s] > b.people[s].length ? <span className="muted small">另有 {b.counts[s] - b.people[s].length} 人，见“名单”</span> : null}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <td>合计</td>
            {BOARD_STAGES.map((s) => (
              <td key={s} data-testid={`board-total-${s}`}>
                {board.totals[s]} 人
              </td>
            ))}
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
