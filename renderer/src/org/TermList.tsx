import { useEffect, useState } from 'react';
import { call, errorText } from '../api/index.js';
import type { OrgRow } from '../../../shared/contract/org.js';
import type { OrgKind } from '../../../shared/codes/tables.js';
import type { ReportResult } from '../../../shared/reports/types.js';
import { ORG_KIND_NAMES, display, optionsOf } from '../codes/code-names.js';
import { saveFile } from '../files/download.js';
import { PrintPreview } from '../stats/print/PrintPreview.js';
import type { PrintDoc } from '../stats/print/model.js';
import { todayIso } from '../stats/format.js';
import { ErrorMessage } from '../ui/ErrorMessage.js';
import { orBlank, termTagClass, termText } from './org-labels.js';

type Status = 'soon' | 'due' | 'overdue' | 'unknown';
const STATUS_LABELS: [Status, string][] = [['soon', '即将届满'], ['due', '应换届'], ['overdue', '超期未换届'], ['unknown', '未登记换届']];

/**
 * 换届名单 of a subtree on a date: terms ending within N months, 应换届, 超期未换届 (and, when asked,
 * organisations without a recorded election); by kind; exported as xlsx and printed on A4.
 */
export function TermList({ rootId, scopeName, unitName }: { rootId: string | null; scopeName: string; unitName: string }) {
  const [asOf, setAsOf] = useState(todayIso());
  const [withinMonths, setWithinMonths] = useState(6);
  const [statuses, setStatuses] = useState<Status[]>(['soon', 'due', 'overdue']);
  const [kind, setKind] = useState('');
  const [rows, setRows] = useState<OrgRow[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [printing, setPrinting] = useState<PrintDoc | null>(null);

  useEffect(() => {
    if (statuses.length === 0) return setRows([]);
    let live = true;
    call('org.terms', { ...(rootId ? { rootId } : {}), ...(kind ? { kinds: [kind as OrgKind] } : {}), asOf: asOf || todayIso(), withinMonths, statuses })
      .then((r) => live && (setRows(r), setError(null)))
      .catch((err) => live && setError(errorText(err)));
    return () => {
      live = false;
    };
  }, [rootId, kind, asOf, withinMonths, statuses]);

  const title = `换届名单（截至 ${asOf}）`;
  const state = (r: OrgRow) => termText(r, true);
  const exportList = async () => {
    if (!rows) return;
    try {
      const f = await call('export.grid', {
        title: `${scopeName}${title}`.slice(0, 100),
        sheetName: '换届名单',
        columns: [
          { header: '组织名称', field: 'name', type: 'text', width: 36 }, { header: '上级组织', field: 'parent', type: 'text', width: 28 }, { header: '类别', field: 'kind', type: 'text' },
          { header: '书记', field: 'secretary', type: 'text' }, { header: '党员数', field: 'members', type: 'int' }, { header: '选举日期', field: 'electedOn', type: 'text' },
          { header: '任期（年）', field: 'termYears', type: 'int' }, { header: '届满日期', field: 'dueOn', type: 'text' }, { header: '延期至', field: 'extendedTo', type: 'text' },
          { header: '换届状态', field: 'status', type: 'text' },
        ],
        rows: rows.map((r) => ({ name: r.name, parent: r.pathNames.at(-1) ?? '', kind: display(ORG_KIND_NAMES, r.kind), secretary: r.secretary, members: r.members, electedOn: r.electedOn, termYears: r.termYears, dueOn: r.dueOn, extendedTo: r.extendedTo, status: state(r) })),
      });
      saveFile(f.fileName, f.dataBase64);
    } catch (err) {
      setError('导出失败：' + errorText(err));
    }
  };
  const print = () => {
    if (!rows) return;
    const report: ReportResult = {
      definitionId: 'org.terms', title, asOf, from: null, to: null, under: { id: rootId ?? '', name: scopeName },
      columns: [{ key: 'members', label: '党员数' }, { key: 'years', label: '任期（年）' }],
      rows: rows.map((r) => ({ key: r.id, label: `${r.name}\u3000${r.dueOn ? `${r.dueOn} 届满` : ''}${r.extendedTo ? `（延期至 ${r.extendedTo}）` : ''}\u3000${state(r)}`, values: [r.members, r.termYears] })),
      notes: [`即将届满：任期在 ${withinMonths} 个月内届满；应换届：任期已满、在批准延期内；超期未换届：任期已满且无批准延期（宽限期按“设置”）。`],
    };
    setPrinting({ title, unitName, scopeName, when: `截至 ${asOf}`, fileName: `${scopeName}${title}.pdf`, sections: [{ kind: 'report', report, chart: null, landscape: false, sub: null }], report: null });
  };

  return (
    <div className="room-body" data-testid="term-list">
      <div className="toolbar">
        <label className="inline-field">截至 <input type="date" value={asOf} onChange={(e) => setAsOf(e.target.value)} data-testid="term-asof" /></label>
        <label className="inline-field">
          <input type="number" min={0} max={60} value={withinMonths} onChange={(e) => setWithinMonths(Math.max(0, Math.min(60, Number(e.target.value) || 0)))} className="narrow" data-testid="term-months" /> 个月内届满
        </label>
        {STATUS_LABELS.map(([s, label]) => (
          <label key={s} className="inline-field">
            <input type="checkbox" checked={statuses.includes(s)} onChange={(e) => setStatuses(e.target.checked ? [...statuses, s] : statuses.filter((x) => x !== s))} data-testid={`term-status-${s}`} /> {label}
          </label>
        ))}
        <select value={kind} onChange={(e) => setKind(e.target.value)} data-testid="term-kind">
          <option value="">全部类别</option>
          {optionsOf(ORG_KIND_NAMES).map((k) => <option key={k.value} value={k.value}>{k.label}</option>)}
        </select>
        <span className="row-count" data-testid="term-count">{rows ? `共 ${rows.length} 个组织` : ''}</span>
        <span className="toolbar-spacer" />
        <button type="button" onClick={() => void exportList()} disabled={!rows} data-testid="term-export">导出 Excel</button>
        <button type="button" onClick={print} disabled={!rows} data-testid="term-print">打印</button>
      </div>
      <ErrorMessage message={error} />
      <div className="table-scroll">
        <table className="table" data-testid="term-table">
          <thead><tr><th>组织名称</th><th>上级组织</th><th>类别</th><th>书记</th><th>党员</th><th>选举日期</th><th>任期</th><th>届满日期</th><th>延期至</th><th>换届状态</th></tr></thead>
          <tbody>
            {rows && rows.length === 0 ? <tr><td colSpan={10} className="empty-cell">所选范围内没有符合条件的组织</td></tr> : null}
            {rows?.map((r) => (
              <tr key={r.id} data-testid="term-row" data-name={r.name} data-status={r.termStatus ?? 'unknown'}>
                <td>{r.name}</td>
                <td>{r.pathNames.at(-1) ?? ''}</td>
                <td>{display(ORG_KIND_NAMES, r.kind)}</td>
                <td>{orBlank(r.secretary)}</td>
                <td>{r.members}</td>
                <td>{orBlank(r.electedOn)}</td>
                <td>{r.termYears ? `${r.termYears} 年` : ''}</td>
                <td>{orBlank(r.dueOn)}</td>
                <td>{orBlank(r.extendedTo)}</td>
                <td><span className={termTagClass(r.termStatus)}>{state(r)}</span></td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {printing ? <PrintPreview doc={printing} onClose={() => setPrinting(null)} /> : null}
    </div>
  );
}
