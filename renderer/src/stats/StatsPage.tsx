import { useMemo, useState } from 'react';
import type { DrillDescriptor, ReportResult } from '../../../shared/reports/types.js';
import { useSession } from '../app/session-context.js';
import { useOrgTree } from '../org/use-org-tree.js';
import { flatten } from '../org/org-tree-model.js';
import { ORG_KIND_NAMES, display } from '../codes/code-names.js';
import { ErrorMessage } from '../ui/ErrorMessage.js';
import { errorText } from '../api/index.js';
import { DOMAINS, chartSpecOf, type DomainSpec, type KeyFigure } from './domains.js';
import { cellOf, dateZh, formatValue, share, todayIso, whenLabel } from './format.js';
import { chartHeight, chartModelOf, trendModelOf, type ChartModel } from './chart-options.js';
import { metaOf, kindsOf } from './report-meta.js';
import { useStatsPage, useTrend, type Query } from './use-stats.js';
import { Chart } from './Chart.js';
import { ReportTable } from './ReportTable.js';
import { DrillDialog, type DrillTarget } from './DrillDialog.js';
import { PrintPreview } from './print/PrintPreview.js';
import type { FigureItem, PrintDoc, PrintSection } from './print/model.js';
import { exportReport } from './export-report.js';
import './stats.css';

const DOMAIN_KEY = 'ledger.stats.domain';

function initialDomain(): DomainSpec {
  const saved = sessionStorage.getItem(DOMAIN_KEY);
  return DOMAINS.find((d) => d.id === saved) ?? DOMAINS.find((d) => d.id === 'members')!;
}

function figureText(reports: readonly ReportResult[], f: KeyFigure): { value: string; share: string; raw: number | null } {
  const cell = cellOf(reports, f);
  const r = reports.find((x) => x.definitionId === f.definitionId);
  const ci = r ? r.columns.findIndex((c) => c.key === f.columnKey) : -1;
  const kind = r && ci >= 0 ? kindsOf(r)[ci] : 'count';
  const whole = f.shareOf ? cellOf(reports, f.shareOf)?.value : null;
  return { value: formatValue(cell?.value, kind), share: f.shareOf ? share(cell?.value, whole) : '', raw: cell?.value ?? null };
}

function descriptorOf(reports: readonly ReportResult[], definitionId: string, rowKey: string, columnKey: string): { d: DrillDescriptor; value: number | null; caption: string } | null {
  const r = reports.find((x) => x.definitionId === definitionId);
  const row = r?.rows.find((x) => x.key === rowKey);
  const ci = r ? r.columns.findIndex((c) => c.key === columnKey) : -1;
  const d = row?.drill?.[ci];
  if (!r || !row || !d) return null;
  const col = r.columns[ci]!;
  const caption = [r.title, row.label, r.columns.length > 1 ? col.label : null].filter(Boolean).join(' · ');
  return { d, value: row.values[ci] ?? null, caption };
}

/** 统计: one page per dashboard domain — scope and dates, key figures, charts, report tables, print. */
export function StatsPage() {
  const { session } = useSession();
  const tree = useOrgTree();
  const [domain, setDomain] = useState<DomainSpec>(initialDomain);
  const [under, setUnder] = useState('');
  const [asOf, setAsOf] = useState(todayIso);
  const [fromOverride, setFromOverride] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  const [drill, setDrill] = useState<DrillTarget | null>(null);
  const [printing, setPrinting] = useState<PrintDoc | null>(null);
  const [exportError, setExportError] = useState<string | null>(null);

  const from = fromOverride ?? `${asOf.slice(0, 4)}-01-01`;
  const dateError = !/^\d{4}-\d{2}-\d{2}$/.test(asOf) ? '请选择截止日期' : domain.period && from > asOf ? '统计期的开始日期不能晚于截止日期' : null;
  const q: Query = useMemo(() => ({ under: under || undefined, asOf, from }), [under, asOf, from]);
  const page = useStatsPage(domain, q, tick, dateError !== null);
  const trend = useTrend(domain, q, tick);
  const reports = page.reports;

  // Scope choices: the tree in the user's scope without 党小组 (figures are by organisation, not group).
  const scopeOptions = useMemo(() => flatten(tree.model).filter(({ node }) => node.kind !== 'group'), [tree.model]);
  const scopeName = reports?.[0]?.under.name ?? tree.model.roots[0]?.name ?? '';

  const pickDomain = (d: DomainSpec) => {
    sessionStorage.setItem(DOMAIN_KEY, d.id);
    setDomain(d);
  };

  const openDrill = (definitionId: string, rowKey: string, columnKey: string) => {
    if (!reports) return;
    const hit = descriptorOf(reports, definitionId, rowKey, columnKey);
    if (hit && hit.value !== null) setDrill({ descriptor: hit.d, caption: hit.caption, figure: hit.value });
  };

  const chartOf = (r: ReportResult): ChartModel | null => chartModelOf(r, metaOf(r.definitionId).chart, chartSpecOf(domain, r.definitionId));
  const trendModel = domain.trend && trend ? trendModelOf(domain.trend, trend.points) : null;

  const headerWhen = `截至 ${dateZh(asOf)}`;
  const printReport = (r: ReportResult) => {
    const meta = metaOf(r.definitionId);
    setPrinting({
      title: r.title,
      unitName: session.unitName,
      scopeName: r.under.name,
      when: whenLabel(r, meta.period),
      fileName: `${r.title}_${r.under.name}_${r.asOf}`,
      sections: [{ kind: 'report', report: r, chart: chartOf(r), landscape: meta.landscape, sub: null }],
      report: r,
    });
  };
  const printPage = () => {
    if (!reports) return;
    const items: FigureItem[] = domain.figures.map((f) => ({ label: f.label, ...figureText(reports, f) }));
    const sections: PrintSection[] = [{ kind: 'figures', items }];
    if (trendModel) sections.push({ kind: 'chart', chart: trendModel, landscape: false });
    for (const r of reports) {
      const meta = metaOf(r.definitionId);
      sections.push({ kind: 'report', report: r, chart: chartOf(r), landscape: meta.landscape, sub: meta.period ? whenLabel(r, true) : null });
    }
    setPrinting({
      title: `${domain.label}统计`,
      unitName: session.unitName,
      scopeName,
      when: headerWhen,
      fileName: `${domain.label}统计_${scopeName}_${asOf}`,
      sections,
      report: null,
    });
  };
  const exportOne = async (r: ReportResult) => {
    setExportError(null);
    try {
      await exportReport(r);
    } catch (err) {
      setExportError('导出失败：' + errorText(err));
    }
  };

  return (
    <div className="page stats-page" data-testid="stats-page">
      <div className="stats-tabs" role="tablist">
        {DOMAINS.map((d) => (
          <button
            key={d.id}
            type="button"
            role="tab"
            aria-selected={d.id === domain.id}
            className={d.id === domain.id ? 'stats-tab active' : 'stats-tab'}
            onClick={() => pickDomain(d)}
            data-testid={`stats-tab-${d.id}`}
          >
            {d.label}
          </button>
        ))}
      </div>
      <div className="toolbar stats-toolbar">
        <label className="stats-field">
          <span>统计范围</span>
          <select value={under || (tree.model.roots[0]?.id ?? '')} onChange={(e) => setUnder(e.target.value)} data-testid="stats-under">
            {scopeOptions.map(({ node, level }) => (
              <option key={node.id} value={node.id}>
                {'\u3000'.repeat(level)}
                {node.name}（{display(ORG_KIND_NAMES, node.kind)}）
              </option>
            ))}
          </select>
        </label>
        {domain.period ? (
          <label className="stats-field">
            <span>统计期自</span>
            <input type="date" value={from} max={asOf} onChange={(e) => setFromOverride(e.target.value || null)} data-testid="stats-from" />
          </label>
        ) : null}
        <label className="stats-field">
          <span>{domain.period ? '至（截止日期）' : '截止日期'}</span>
          <input type="date" value={asOf} onChange={(e) => setAsOf(e.target.value || todayIso())} data-testid="stats-asof" />
        </label>
        <button type="button" onClick={() => setTick((t) => t + 1)} data-testid="stats-refresh">
          刷新
        </button>
        <span className="toolbar-spacer" />
        {page.loading ? <span className="muted">正在统计…</span> : null}
        <button type="button" className="primary" onClick={printPage} disabled={!reports || page.loading} data-testid="stats-print-page">
          打印本页
        </button>
      </div>
      <ErrorMessage message={dateError ?? page.error ?? tree.error ?? exportError} />
      <div className="stats-scroll" data-testid={`stats-domain-${domain.id}`} data-loaded={reports && !page.loading ? 'true' : 'false'}>
        {reports ? (
          <>
            <div className="stats-figures">
              {domain.figures.map((f) => {
                const t = figureText(reports, f);
                const canDrill = cellOf(reports, f)?.drillable && t.raw !== null;
                return (
                  <button
                    key={f.label}
                    type="button"
                    className="stats-figure"
                    disabled={!canDrill}
                    onClick={() => openDrill(f.definitionId, f.rowKey, f.columnKey)}
                    data-testid={`figure-${f.definitionId}-${f.rowKey}-${f.columnKey}`}
                    title={canDrill ? '点击查看明细' : undefined}
                  >
                    <span className="stats-figure-label">{f.label}</span>
                    <span className="stats-figure-value">{t.value}</span>
                    <span className="stats-figure-share">{t.share ? `占 ${t.share}` : '\u00a0'}</span>
                  </button>
                );
              })}
            </div>
            <div className="stats-cards">
              {domain.trend ? (
                <section className="stats-card">
                  <div className="stats-card-head">
                    <h2>{domain.trend.title}</h2>
                  </div>
                  {trendModel ? (
                    <Chart
                      model={trendModel}
                      testId="trend-chart"
                      onPick={(year) => {
                        const d = trend?.drill.get(year);
                        const v = trend?.points.find((p) => p.key === year)?.value ?? null;
                        if (d) setDrill({ descriptor: d, caption: `${domain.trend!.title} · ${year}年`, figure: v });
                      }}
                    />
                  ) : (
                    <div className="stats-chart-empty muted">正在统计各年数据…</div>
                  )}
                </section>
              ) : null}
              {reports.map((r) => {
                const chart = chartOf(r);
                const meta = metaOf(r.definitionId);
                return (
                  <section key={r.definitionId} className={chart ? 'stats-card' : 'stats-card stats-card-table'} data-testid={`report-${r.definitionId}`}>
                    <div className="stats-card-head">
                      <h2>{r.title}</h2>
                      {meta.period ? <span className="muted small">{whenLabel(r, true)}</span> : null}
                      <span className="toolbar-spacer" />
                      <button type="button" className="small" onClick={() => printReport(r)} data-testid={`print-preview-${r.definitionId}`}>
                        打印预览
                      </button>
                      <button type="button" className="small" onClick={() => void exportOne(r)} data-testid={`export-${r.definitionId}`}>
                        导出 Excel
                      </button>
                    </div>
                    {chart && chart.points.length > 0 ? (
                      <Chart model={chart} testId={`chart-${r.definitionId}`} height={chartHeight(chart, chart.type === 'pie' ? 280 : 260)} onPick={(rowKey) => openDrill(r.definitionId, rowKey, chart.columnKey)} />
                    ) : null}
                    <div className="stats-table-scroll">
                      <ReportTable report={r} onDrill={(ri, ci) => openDrill(r.definitionId, r.rows[ri]!.key, r.columns[ci]!.key)} />
                    </div>
                    {r.notes.map((n) => (
                      <p key={n} className="stats-note">
                        注：{n}
                      </p>
                    ))}
                  </section>
                );
              })}
            </div>
          </>
        ) : page.loading ? (
          <div className="page-loading">正在统计…</div>
        ) : null}
      </div>
      {drill ? <DrillDialog target={drill} onClose={() => setDrill(null)} /> : null}
      {printing ? <PrintPreview doc={printing} onClose={() => setPrinting(null)} /> : null}
    </div>
  );
}
