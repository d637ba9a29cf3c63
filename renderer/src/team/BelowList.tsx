import { useEffect, useState } from 'react';
import { call, errorText } from '../api/index.js';
import { TEAM_ROLE_NAMES, type BelowRow } from '../../../shared/contract/team.js';
import type { ReportResult } from '../../../shared/reports/types.js';
import { saveFile } from '../files/download.js';
import { ErrorMessage } from '../ui/ErrorMessage.js';
import { PrintPreview } from '../stats/print/PrintPreview.js';
import type { PrintDoc } from '../stats/print/model.js';
import { monthLabel } from './month-grid-model.js';

const STATUS = { below: '低于要求', notRecorded: '未登记' } as const;

/**
 * 未达标名单: month by month, the cadres in post all month whose days (with approved leave) fell
 * below the required days, and those with nothing recorded. Exported as xlsx, printed on A4.
 */
export function BelowList({ orgId, scopeName, unitName, from, to }: { orgId: string | null; scopeName: string; unitName: string; from: string; to: string }) {
  const [data, setData] = useState<{ requiredDays: number; rows: BelowRow[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [printing, setPrinting] = useState<PrintDoc | null>(null);
  useEffect(() => {
    let live = true;
    call('team.below', { ...(orgId ? { orgId } : {}), from, to })
      .then((r) => live && (setData(r), setError(null)))
      .catch((err) => live && setError(errorText(err)));
    return () => {
      live = false;
    };
  }, [orgId, from, to]);

  const title = `驻村天数未达要求人员名单（${monthLabel(from)}至${monthLabel(to)}）`;
  const exportList = async () => {
    if (!data) return;
    try {
      const r = await call('export.grid', {
        title: `${scopeName}${title}`.slice(0, 100),
        sheetName: '未达要求名单',
        columns: [
          { header: '月份', field: 'month', type: 'text' }, { header: '驻村', field: 'village', type: 'text', width: 28 }, { header: '姓名', field: 'name', type: 'text' },
          { header: '身份', field: 'role', type: 'text' }, { header: '驻村天数', field: 'days', type: 'int' }, { header: '批准请假天数', field: 'leave', type: 'int' },
          { header: '应驻村天数', field: 'required', type: 'int' }, { header: '情况', field: 'status', type: 'text' },
        ],
        rows: data.rows.map((x) => ({ month: x.month, village: x.villageName, name: x.name, role: TEAM_ROLE_NAMES[x.role], days: x.days, leave: x.approvedLeave, required: data.requiredDays, status: STATUS[x.status] })),
      });
      saveFile(r.fileName, r.dataBase64);
    } catch (err) {
      setError('导出失败：' + errorText(err));
    }
  };

  const print = () => {
    if (!data) return;
    const report: ReportResult = {
      definitionId: 'team.belowList', title, asOf: to, from, to, under: { id: orgId ?? '', name: scopeName },
      columns: [{ key: 'days', label: '驻村天数' }, { key: 'leave', label: '批准请假天数' }, { key: 'required', label: '应驻村天数' }],
      rows: data.rows.map((x, i) => ({ key: String(i), label: `${monthLabel(x.month)}\u3000${x.villageName}\u3000${x.name}（${TEAM_ROLE_NAMES[x.role]}）${x.status === 'notRecorded' ? '\u3000未登记' : ''}`, values: [x.days, x.approvedLeave, data.requiredDays] })),
      notes: ['经批准的请假天数计入驻村天数；当月部分时间在岗的不作考核。'],
    };
    setPrinting({ title, unitName, scopeName, when: `${monthLabel(from)}至${monthLabel(to)}`, fileName: `${scopeName}${title}.pdf`, sections: [{ kind: 'report', report, chart: null, landscape: false, sub: null }], report: null });
  };

  return (
    <div className="room-body">
      <div className="toolbar">
        <span className="muted" data-testid="below-summary">{data ? `每月应驻村 ${data.requiredDays} 天；共 ${data.rows.filter((r) => r.status === 'below').length} 人次低于要求，${data.rows.filter((r) => r.status === 'notRecorded').length} 人次未登记` : '正在计算…'}</span>
        <span className="toolbar-spacer" />
        <button type="button" onClick={() => void exportList()} disabled={!data} data-testid="below-export">导出 Excel</button>
        <button type="button" onClick={print} disabled={!data} data-testid="below-print">打印</button>
      </div>
      <ErrorMessage message={error} />
      <div className="table-scroll">
        <table className="table" data-testid="below-table">
          <thead>
            <tr><th>月份</th><th>驻村</th><th>姓名</th><th>身份</th><th>驻村天数</th><th>批准请假</th><th>情况</th></tr>
          </thead>
          <tbody>
            {data && data.rows.length === 0 ? <tr><td colSpan={7} className="empty-cell">所选月份没有低于要求或未登记的人员</td></tr> : null}
            {data?.rows.map((x) => (
              <tr key={`${x.month}|${x.teamMemberId}`} data-status={x.status}>
                <td>{monthLabel(x.month)}</td>
                <td>{x.villageName}</td>
                <td>{x.name}</td>
                <td>{TEAM_ROLE_NAMES[x.role]}</td>
                <td>{x.days ?? '—'}</td>
                <td>{x.approvedLeave}</td>
                <td>{x.status === 'below' ? <span className="tag bad">低于要求</span> : <span className="tag warn">未登记</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {printing ? <PrintPreview doc={printing} onClose={() => setPrinting(null)} /> : null}
    </div>
  );
}
