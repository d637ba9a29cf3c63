import { useEffect, useState } from 'react';
import { call, errorText } from '../api/index.js';
import type { PipelineDue } from '../../../shared/contract/pipeline.js';
import { DEV_STAGE_NAMES } from '../../../shared/domain/pipeline-steps.js';
import type { ReportResult } from '../../../shared/reports/types.js';
import { saveFile } from '../files/download.js';
import { PrintPreview } from '../stats/print/PrintPreview.js';
import type { PrintDoc } from '../stats/print/model.js';
import { dateZh } from '../stats/format.js';
import { ErrorMessage } from '../ui/ErrorMessage.js';
import { DUE_KIND_NAMES, DUE_STATUS_NAMES, daysBetween } from './pipeline-names.js';

/**
 * 到期提醒: who has a step due by the end of the as-of month or overdue (谈话, 积极分子满1年, 审批,
 * 预备期满, 转正审批), from the rules the statistics use; exported as xlsx, printed on A4.
 */
export function DueList({ orgId, scopeName, unitName, asOf, tick, onOpen }: { orgId: string | null; scopeName: string; unitName: string; asOf: string; tick: number; onOpen: (personId: string) => void }) {
  const [data, setData] = useState<PipelineDue | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [printing, setPrinting] = useState<PrintDoc | null>(null);
  useEffect(() => {
    let live = true;
    setData(null);
    call('pipeline.due', { ...(orgId ? { orgId } : {}), asOf })
      .then((r) => live && (setData(r), setError(null)))
      .catch((err) => live && setError(errorText(err)));
    return () => {
      live = false;
    };
  }, [orgId, asOf, tick]);

  const title = '发展党员到期和逾期事项';
  const overdue = data ? data.rows.filter((r) => r.status === 'overdue').length : 0;

  const exportList = async () => {
    if (!data) return;
    try {
      const r = await call('export.grid', {
        title: `${scopeName}${title}（截至${data.asOf}）`.slice(0, 100),
        sheetName: '到期提醒',
        columns: [
          { header: '党组织', field: 'org', type: 'text', width: 28 }, { header: '姓名', field: 'name', type: 'text' },
          { header: '阶段', field: 'stage', type: 'text' }, { header: '事项', field: 'kind', type: 'text', width: 32 },
          { header: '应办日期', field: 'dueOn', type: 'date' }, { header: '情况', field: 'status', type: 'text' }, { header: '逾期天数', field: 'late', type: 'int' },
        ],
        rows: data.rows.map((x) => ({
          org: x.orgName, name: x.name, stage: DEV_STAGE_NAMES[x.stage], kind: DUE_KIND_NAMES[x.kind], dueOn: x.dueOn,
          status: DUE_STATUS_NAMES[x.status], late: x.status === 'overdue' ? daysBetween(x.dueOn, data.asOf) : null,
        })),
      });
      saveFile(r.fileName, r.dataBase64);
    } catch (err) {
      setError('导出失败：' + errorText(err));
    }
  };

  const print = () => {
    if (!data) return;
    const report: ReportResult = {
      definitionId: 'pipeline.due', title, asOf: data.asOf, from: null, to: null, under: { id: orgId ?? '', name: scopeName },
      columns: [{ key: 'late', label: '逾期天数' }],
      rows: data.rows.map((x, i) => ({
        key: String(i),
        label: `${x.orgName}\u3000${x.name}（${DEV_STAGE_NAMES[x.stage]}）\u3000${DUE_KIND_NAMES[x.kind]}\u3000${x.status === 'overdue' ? '应于' : '本月'}${x.dueOn}${x.status === 'overdue' ? '前办理' : '到期'}`,
        values: [x.status === 'overdue' ? daysBetween(x.dueOn, data.asOf) : null],
      })),
      notes: [`截至${dateZh(data.asOf)}：本月到期 ${data.rows.length - overdue} 人，已逾期 ${overdue} 人。按《中国共产党发展党员工作细则》的时限计算，与统计中的“发展党员本月到期和逾期事项”一致。`],
    };
    setPrinting({ title, unitName, scopeName, when: `截至${dateZh(data.asOf)}`, fileName: `${scopeName}${title}.pdf`, sections: [{ kind: 'report', report, chart: null, landscape: false, sub: null }], report: null });
  };

  return (
    <div className="room-body">
      <div className="toolbar">
        <span className="muted" data-testid="due-summary" data-loaded={data ? 'true' : 'false'}>
          {data ? `截至 ${dateZh(data.asOf)}：本月到期 ${data.rows.length - overdue} 人，已逾期 ${overdue} 人` : '正在计算…'}
        </span>
        <span className="toolbar-spacer" />
        <button type="button" onClick={() => void exportList()} disabled={!data} data-testid="due-export">导出 Excel</button>
        <button type="button" onClick={print} disabled={!data || data.rows.length === 0} data-testid="due-print">打印</button>
      </div>
      <ErrorMessage message={error} />
      <div className="table-scroll">
        <table className="table" data-testid="due-table">
          <thead>
            <tr><th>党组织</th><th>姓名</th><th>阶段</th><th>事项</th><th>应办日期</th><th>情况</th></tr>
          </thead>
          <tbody>
            {data && data.rows.length === 0 ? <tr><td colSpan={6} className="empty-cell">本月没有到期或逾期的事项</td></tr> : null}
            {data?.rows.map((x) => (
              <tr key={`${x.personId}|${x.kind}`} data-person={x.name} data-kind={x.kind} data-status={x.status}>
                <td>{x.orgName}</td>
                <td><button type="button" className="link" onClick={() => onOpen(x.personId)}>{x.name}</button></td>
                <td>{DEV_STAGE_NAMES[x.stage]}</td>
                <td>{DUE_KIND_NAMES[x.kind]}</td>
                <td>{x.dueOn}</td>
                <td className={x.status === 'overdue' ? 'bad' : ''}>{x.status === 'overdue' ? `已逾期 ${daysBetween(x.dueOn, data!.asOf)} 天` : DUE_STATUS_NAMES.due}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {printing ? <PrintPreview doc={printing} onClose={() => setPrinting(null)} /> : null}
    </div>
  );
}
