import { useCallback, useMemo, useRef, useState } from 'react';
import type { GridApi } from 'ag-grid-community';
import { call, errorText } from '../api/index.js';
import type { ImportGridRow, ImportPreview, ImportTableInfo } from '../../../shared/contract/imports.js';
import { IMPORT_KIND_NAMES, type ImportIssue } from '../../../shared/import/index.js';
import { ErrorMessage, Notice } from '../ui/ErrorMessage.js';
import { saveFile } from '../files/download.js';
import { flattenIssues, liveIssues, rowKey, withRows, type Totals } from './import-model.js';
import { MappingSection } from './MappingSection.js';
import { IssueSection } from './IssueSection.js';
import { ProblemGrid } from './ProblemGrid.js';
import { UpdatesSection } from './UpdatesSection.js';
import { KIND_CHOICES, type KindChoice } from './ImportForm.js';

export interface PreviewPanelProps {
  preview: ImportPreview;
  /** The rows with problems (all pages the page fetched). */
  problemRows: ImportGridRow[];
  /** More problem rows exist than the grid holds. */
  truncated: boolean;
  kindAsked: KindChoice;
  busy: boolean;
  onRemap: (t: ImportTableInfo, header: string, field: string | null) => void;
  onKind: (k: KindChoice) => void;
  onCommit: (totals: Totals) => void;
  onReset: () => void;
}

/** Step two: everything the import would do, nothing written yet. */
export function PreviewPanel({ preview, problemRows, truncated, kindAsked, busy, onRemap, onKind, onCommit, onReset }: PreviewPanelProps) {
  const [rows, setRows] = useState(problemRows);
  const [live, setLive] = useState(() => liveIssues(preview, new Set(problemRows.map(rowKey))));
  const [totals, setTotals] = useState<Totals>({ rows: preview.rows, plan: preview.plan });
  // A fix can turn a row into an update or change what an update writes.
  const [updates, setUpdates] = useState(preview.updates);
  const [code, setCode] = useState<string | null>(null);
  // Rows corrected while a filter is on stay in view, so the clerk sees the result of the fix.
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [fixError, setFixError] = useState<string | null>(null);
  const [fixed, setFixed] = useState<string | null>(null);
  const [reportBusy, setReportBusy] = useState(false);
  const [reportError, setReportError] = useState<string | null>(null);
  const gridApi = useRef<GridApi<ImportGridRow> | null>(null);

  const issues = useMemo(() => flattenIssues(live), [live]);
  const gridRows = useMemo(() => (code ? rows.filter((r) => touched.has(rowKey(r)) || r.issues.some((i) => i.code === code)) : rows), [rows, code, touched]);

  const onFix = useCallback(
    async (row: ImportGridRow, column: string, value: string) => {
      setFixError(null);
      setFixed(null);
      try {
        const r = await call('import.fixCell', { previewId: preview.previewId, file: row.file, sheet: row.sheet, row: row.row, column, value });
        const changed = [r.row, ...r.affected];
        const byKey = new Map(changed.map((x) => [rowKey(x), x]));
        setRows((cur) => {
          const next = cur.map((x) => byKey.get(rowKey(x)) ?? x);
          // A fix can make another row a problem (a new duplicate): it joins the grid.
          for (const x of changed) if (!cur.some((c) => rowKey(c) === rowKey(x)) && x.issues.length > 0) next.push(x);
          return next;
        });
        setLive((cur) => withRows(cur, changed));
        setTotals({ rows: r.rows, plan: r.plan });
        setUpdates(r.updates);
        setTouched((t) => new Set(t).add(rowKey(r.row)));
        const left = r.row.issues.filter((i) => i.severity === 'error').length;
        setFixed(left === 0 ? `已修改第${row.row}行“${column}”，该行可以导入` : `已修改第${row.row}行“${column}”，该行仍有 ${left} 个错误`);
      } catch (err) {
        setFixError(`第${row.row}行“${column}”未修改：${errorText(err)}`);
        throw err;
      }
    },
    [preview.previewId],
  );

  const pick = (i: ImportIssue) => {
    const api = gridApi.current;
    const node = api?.getRowNode(rowKey(i));
    if (!api || !node) return;
    api.ensureNodeVisible(node, 'middle');
    if (i.column) {
      api.ensureColumnVisible(i.column);
      api.flashCells({ rowNodes: [node], columns: [i.column] });
    }
  };

  const report = async () => {
    setReportBusy(true);
    setReportError(null);
    try {
      const r = await call('import.report', { previewId: preview.previewId });
      saveFile(r.fileName, r.dataBase64);
    } catch (err) {
      setReportError(errorText(err));
    } finally {
      setReportBusy(false);
    }
  };

  const { rows: counts, plan } = totals;
  const importable = counts.valid;
  const commitText =
    importable === 0 ? '没有可导入的行' : counts.withErrors > 0 ? `确认导入：导入 ${importable} 行，跳过 ${counts.withErrors} 行有错误的行` : `确认导入：导入 ${importable} 行`;

  return (
    <div className="import-preview" data-testid="import-preview">
      <section className="panel">
        <div className="panel-head">
          <h2>检查结果</h2>
          <span className="muted">
            报送单位：{preview.under.name} · 类型：{IMPORT_KIND_NAMES[preview.kind]}
          </span>
          <span className="toolbar-spacer" />
          <label className="inline-field">
            导入类型
            <select value={kindAsked} onChange={(e) => onKind(e.target.value as KindChoice)} disabled={busy} data-testid="preview-kind">
              {KIND_CHOICES.map((k) => (
                <option key={k.value} value={k.value}>
                  {k.label}
                </option>
              ))}
            </select>
          </label>
        </div>
        <div className="stat-row">
          <div className="stat" data-testid="count-total">
            <span>共</span>
            <b>{counts.total}</b>
            <span>行</span>
          </div>
          <div className="stat ok" data-testid="count-valid">
            <span>可导入</span>
            <b>{counts.valid}</b>
          </div>
          <div className="stat warn" data-testid="count-warnings">
            <span>有警告</span>
            <b>{counts.withWarnings}</b>
          </div>
          <div className="stat err" data-testid="count-errors">
            <span>有错误</span>
            <b>{counts.withErrors}</b>
          </div>
          <div className="stat-sep" />
          <div className="stat" data-testid="plan-create">
            <span>新增</span>
            <b>{plan.create}</b>
          </div>
          <div className="stat" data-testid="plan-update">
            <span>更新</span>
            <b>{plan.update - plan.unchanged}</b>
          </div>
          <div className="stat" data-testid="plan-skip">
            <span>跳过</span>
            <b>{plan.skip}</b>
          </div>
          <div className="stat" data-testid="plan-unchanged">
            <span>无变化</span>
            <b>{plan.unchanged}</b>
          </div>
        </div>
        <div className="hint-line">有错误的行不会导入：可在下方表格中双击单元格直接修改，或下载退回报告交报送单位更正。</div>
      </section>

      <section className="panel">
        <div className="panel-head">
          <h2>列的对应关系</h2>
          <span className="muted">修改后将重新检查</span>
        </div>
        <MappingSection tables={preview.files} onRemap={onRemap} busy={busy} />
      </section>

      <section className="panel">
        <div className="panel-head">
          <h2>问题</h2>
        </div>
        <IssueSection issues={issues} code={code} onCode={setCode} onPick={pick} />
      </section>

      {rows.length > 0 ? (
        <section className="panel">
          <div className="panel-head">
            <h2>有问题的行</h2>
            <span className="muted" data-testid="grid-count">
              {code ? `筛选后 ${gridRows.length} 行` : `${rows.length} 行`}
              {truncated ? '（仅显示前 5000 行）' : ''}
            </span>
            <span className="legend">
              <i className="swatch swatch-error" />错误 <i className="swatch swatch-warning" />警告
            </span>
          </div>
          {fixError ? (
            <ErrorMessage message={fixError} testId="fix-error" />
          ) : (
            <Notice message={fixed} testId="fix-notice" />
          )}
          <ProblemGrid rows={gridRows} tables={preview.files} onFix={onFix} apiRef={gridApi} canEdit={!busy} />
          <div className="hint-line">红色为错误，黄色为警告，鼠标停留可看说明；双击单元格修改，按 Enter 确认后立即重新检查该行。</div>
        </section>
      ) : null}

      {plan.update - plan.unchanged > 0 ? (
        <section className="panel">
          <div className="panel-head">
            <h2>将更新的记录</h2>
          </div>
          <UpdatesSection updates={updates} />
        </section>
      ) : null}

      <ErrorMessage message={reportError} testId="report-error" />
      <div className="import-actions">
        <button type="button" onClick={onReset} disabled={busy} data-testid="import-reset">
          重新选择
        </button>
        <button type="button" onClick={() => void report()} disabled={busy || reportBusy || counts.withErrors === 0} data-testid="import-report">
          {reportBusy ? '正在生成…' : '下载退回报告'}
        </button>
        <span className="toolbar-spacer" />
        <button type="button" className="primary" onClick={() => onCommit(totals)} disabled={busy || importable === 0} data-testid="import-commit">
          {commitText}
        </button>
      </div>
    </div>
  );
}
