// Only what the 统计 pages use, with the SVG renderer: crisp on screen and real vector text in print.
import * as echarts from 'echarts/core';
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, TooltipComponent, TitleComponent, LegendComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import { LabelLayout } from 'echarts/features';

echarts.use([BarChart, LineChart, PieChart, GridComponent, TooltipComponent, TitleComponent, LegendComponent, SVGRenderer, LabelLayout]);

export { echarts };
export type { EChartsCoreOption } from 'echarts/core';

/** ECharts ships the Chinese locale built in as 'ZH'. */
export const CHART_LOCALE = 'ZH';

/** The app's dark red first, then muted greys and earth tones that stay apart in black-and-white print. */
export const PALETTE = ['#b5121b', '#6b6b6b', '#c98b6b', '#3f5a6b', '#a3a3a3', '#8e6f3e', '#d8b4b0', '#4d4d4d', '#7f9aa8', '#e0c9a6'];

/** Same fonts as the page: the PDF then embeds one CJK family. */
export const CHART_FONT = "'Noto Sans CJK SC', 'Microsoft YaHei', 'PingFang SC', 'Source Han Sans SC', sans-serif";
