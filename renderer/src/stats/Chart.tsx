import { useEffect, useRef } from 'react';
import { CHART_LOCALE, echarts } from './echarts-setup.js';
import { chartOption, type ChartModel } from './chart-options.js';

/** A live chart (SVG renderer); clicking a bar, slice or point hands its key to `onPick`. */
export function Chart({ model, height = 260, onPick, testId }: { model: ChartModel; height?: number; onPick?: (key: string) => void; testId?: string }) {
  const host = useRef<HTMLDivElement>(null);
  const pick = useRef(onPick);
  pick.current = onPick;

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const chart = echarts.init(el, null, { renderer: 'svg', locale: CHART_LOCALE });
    chart.on('click', (p) => {
      const key = (p.data as { key?: string } | undefined)?.key;
      if (key) pick.current?.(key);
    });
    const ro = new ResizeObserver(() => chart.resize());
    ro.observe(el);
    return () => {
      ro.disconnect();
      chart.dispose();
    };
  }, []);

  useEffect(() => {
    const el = host.current;
    const chart = el ? echarts.getInstanceByDom(el) : undefined;
    chart?.setOption(chartOption(model), { notMerge: true });
  }, [model]);

  return <div ref={host} className="stats-chart" style={{ height }} data-testid={testId} role="img" aria-label={model.title} />;
}

/** The same chart as a static SVG string (server-side rendering mode) for the print view. */
export function chartSvg(model: ChartModel, width: number, height: number): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height, locale: CHART_LOCALE });
  try {
    chart.setOption(chartOption(model, { print: true }));
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}
