import { useEffect, useState } from 'react';
import { call, errorText } from '../api/index.js';
import type { MissedList as Missed } from '../../../shared/contract/meeting.js';
import { MEETING_KIND_NAMES, MEETING_KINDS, periodLabel, type SpanKind } from '../../../shared/domain/meeting-rules.js';
import type { ReportResult } from '../../../shared/reports/types.js';
import { saveFile } from '../files/download.js';
import { PrintPreview } from '../stats/print/PrintPreview.js';
import type { PrintDoc } from '../stats/print/model.js';
import { dateZh } from '../stats/format.js';
import { ErrorMessage } from '../ui/ErrorMessage.js';

const periods = (keys: readonly string[]) => keys.map(periodLabel).join('、');

/**
 * 未按要求开展组织生活的党支部 for a month, quarter or year: the branch, the kind, the periods it
 * was due and those it missed, the last meeting held. Exported as xlsx; printed on A4 as a table of
 * branches × kinds (how many required meetings each missed).
 */
export function MissedList({ orgId, scopeName, unitName, span, at, tick }: { orgId: string | null; scopeName: string; unitName: string; span: SpanKind; at: string; tick: number }) {
  const [data, setData] = useState<Missed | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [printing, setPrinting] = useState<PrintDoc | null>(null);
  useEffect(() => {
    let live = true;
    setData(null);
    call('meeting.missed', { ...(orgId ? { orgId } : {}), span, at })
      .then((r) => live && (setData(r), setError(null)))
      .catch((err) => live && setError(errorText(err)));
    return () => {
      live = false;
    };
  }, [orgId, span, at, tick]);

  const title = data ? `未按要求开展组织生活的党支部（${data.label}）` : '';
  const branches = data ? new Set(data.rows.map((r) => r.orgId)).size : 0;

  const exportList = async () => {
    if (!data) return;
    try {
      const r = await call('export.grid', {
        title: `${scopeName}${title}`.slice(0, 100),
        sheetName: '未按要求开展',
        columns: [
          { header: '上级组织', field: 'parent', type: 'text', width: 20 }, { header: '党支部', field: 'org', type: 'text', width: 28 },
          { header: '类型', field: 'kind', type: 'text' }, { header: '应开展', field: 'due', type: 'text', width: 30 },
          { header: '未开展', field: 'missed', type: 'text', width: 30 }, { header: '未开展次数', field: 'n', type: 'int' }, { header: '最近一次', field: 'last', type: 'date' },
        ],
        rows: data.rows.map((x) => ({ parent: x.parentName, org: x.orgName, kind: MEETING_KIND_NAMES[x.kind], due: periods(x.due), missed: periods(x.missed), n: x.missed.length, last: x.lastHeldOn })),
      });
      saveFile(r.fileName, r.dataBase64);
    } catch (err) {
      setError('导出失败：' + errorText(err));
    }
  };

  const print = () => {
    if (!data) return;
    const kinds = MEETING_KINDS.filter((k) => data.rows.some((r) => r.kind === k));
    const byOrg = new Map<string, { label: string; values: (number | null)[] }>();
    for (const r of data.rows) {
      let row = byOrg.get(r.orgId);
      if (!row) byOrg.set(r.orgId, (row = { label: r.parentName ? `${r.orgName}（${r.parentName}）` : r.orgName, values: kinds.map(() => null) }));
      row.values[kinds.indexOf(r.kind)] = r.missed.length;
    }
    const report: ReportResult = {
      definitionId: 'meeting.missed', title, asOf: data.judgedOn, from: data.from, to: data.to, under: { id: orgId ?? '', name: scopeName },
      columns: kinds.map((k) => ({ key: k, label: MEETING_KIND_NAMES[k] })),
      rows: [...byOrg.entries()].map(([id, r]) => ({ key: id, label: r.label, values: r.values })),
      notes: [`表中数字为${data.label}内未开展的次数（按要求频次计），“—”为该项无缺。判断截至${dateZh(data.judgedOn)}；尚未结束的月份、季度、年度不作判断。`],
    };
    setPrinting({ title, unitName, scopeName, when: data.label, fileName: `${scopeName}${title}.pdf`, sections: [{ kind: 'report', report, chart: null, landscape: kinds.length > 4, sub: null }], report: null });
  };

  return (
    <div className="room-body">
      <div className="toolbar">
        <span className="muted" data-testid="missed-summary" data-loaded={data ? 'true' : 'false'}>
          {data ? `${data.label}：判断 ${data.branches} 个党支部，其中 ${branches} 个未按要求开展（截至 ${dateZh(data.judgedOn)}）` : '正在计算…'}
        </span>
        <span className="toolbar-spacer" />
        <button type="button" onClick={() => void exportList()} disabled={!data} data-testid="missed-export">导出 Excel</button>
        <button type="button" onClick={print} disabled={!data || data.rows.length === 0} data-testid="missed-print">打印</button>
      </div>
      <ErrorMessage message={error} />
      <div className="table-scroll">
        <table className="table" data-testid="missed-table">
          <thead>
            <tr><th>上级组织</th><th>党支部</th><th>类型</th><th>应开展</th><th>未开展</th><th>最近一次</th></tr>
          </thead>
          <tbody>
            {data && data.rows.length === 0 ? <tr><td colSpan={6} className="empty-cell">所选期间各党支部均按要求开展了组织生活</td></tr> : null}
            {data?.rows.map((x) => (
              <tr key={`${x.orgId}|${x.kind}`} data-org={x.orgName} data-kind={x.kind}>
                <td>{x.parentName ?? ''}</td>
                <td>{x.orgName}</td>
                <td>{MEETING_KIND_NAMES[x.kind]}</td>
                <td>{periods(x.due)}</td>
                <td className="bad">{periods(x.missed)}</td>
                <td>{x.lastHeldOn ?? '从未开展'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {printing ? <PrintPreview doc={printing} onClose={() => setPrinting(null)} /> : null}
    </div>
  );
}
