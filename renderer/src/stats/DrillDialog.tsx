import { useEffect, useState } from 'react';
import { call, errorText } from '../api/index.js';
import type { DrillDescriptor } from '../../../shared/reports/types.js';
import type { DrillRow } from '../../../shared/contract/stats.js';
import { Dialog } from '../ui/Dialog.js';
import { ErrorMessage } from '../ui/ErrorMessage.js';
import { Pager } from '../ui/Pager.js';
import { REPORT_BY_ID } from '../../../shared/reports/definitions.js';

const PAGE = 100;

const NOUN: Record<DrillDescriptor['entity'], { unit: string; name: string }> = {
  member: { unit: '人', name: '姓名' },
  devPerson: { unit: '人', name: '姓名' },
  reserve: { unit: '人', name: '姓名' },
  teamMember: { unit: '人', name: '姓名' },
  org: { unit: '个', name: '组织名称' },
  grid: { unit: '个', name: '网格单元' },
};

export interface DrillTarget {
  descriptor: DrillDescriptor;
  /** What the figure is, e.g. "党员年龄 · 31至35岁 · 女". */
  caption: string;
  /** The figure as shown, for the header ("figure 355, list 355"). */
  figure: number | null;
}

/** The people or organisations behind one figure, paged through stats.drill. */
export function DrillDialog({ target, onClose }: { target: DrillTarget; onClose: () => void }) {
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<{ rows: DrillRow[]; total: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const f = target.descriptor.filter;
  const noun = NOUN[target.descriptor.entity];
  // memberChange lists carry the term key as detail: show the row's label instead.
  const termLabels = new Map((REPORT_BY_ID.get(f.definitionId)?.rows ?? []).map((r) => [r.key, r.label]));

  useEffect(() => {
    let live = true;
    setError(null);
    call('stats.drill', { ...f, offset, limit: PAGE })
      .then((p) => live && setPage(p))
      .catch((err) => live && setError(errorText(err)));
    return () => {
      live = false;
    };
  }, [f, offset]);

  const total = page?.total ?? null;

  return (
    <Dialog title={`明细：${target.caption}`} onClose={onClose} testId="drill-dialog" wide>
      <div className="drill-head">
        <span>
          共 <strong data-testid="drill-total">{total ?? '…'}</strong> {noun.unit}
        </span>
        {target.figure !== null && total !== null && target.figure !== total ? <span className="bad">（与统计数 {target.figure} 不一致）</span> : null}
      </div>
      <ErrorMessage message={error} />
      <div className="drill-scroll">
        <table className="table drill-table" data-testid="drill-table">
          <thead>
            <tr>
              <th className="num">序号</th>
              <th>{noun.name}</th>
              <th>所在组织</th>
              <th>说明</th>
            </tr>
          </thead>
          <tbody>
            {page?.rows.map((r, i) => (
              <tr key={r.id + i}>
                <td className="num">{offset + i + 1}</td>
                <td>{r.name}</td>
                <td>{r.orgName ?? ''}</td>
                <td className="muted">{r.detail ? (termLabels.get(r.detail) ?? r.detail) : ''}</td>
              </tr>
            ))}
            {page && page.rows.length === 0 ? (
              <tr>
                <td colSpan={4} className="empty-cell">
                  没有记录
                </td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>
      <Pager offset={offset} pageSize={PAGE} total={total ?? 0} onOffset={setOffset} testId="drill" />
    </Dialog>
  );
}
