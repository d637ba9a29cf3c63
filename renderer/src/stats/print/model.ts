import type { ReportResult } from '../../../../shared/reports/types.js';
import type { ChartModel } from '../chart-options.js';

/** What a print view shows: a report, or a whole dashboard page (key figures, trend, reports). */
export interface PrintDoc {
  /** Running header and first-page title. */
  title: string;
  unitName: string;
  /** The subtree the figures cover. */
  scopeName: string;
  /** "截至 2026年11月22日" or the period. */
  when: string;
  fileName: string;
  sections: PrintSection[];
  /** The one report of a single-report print (xlsx export); null for a dashboard page. */
  report: ReportResult | null;
}

export interface FigureItem {
  label: string;
  value: string;
  share: string;
}

export type PrintSection =
  | { kind: 'figures'; items: FigureItem[] }
  | { kind: 'chart'; chart: ChartModel; landscape: boolean }
  | { kind: 'report'; report: ReportResult; chart: ChartModel | null; landscape: boolean; sub: string | null };

/** The unit of layout. Tables split between rows; everything else moves whole to the next page. */
export type Block =
  | { id: string; kind: 'heading'; title: string; sub: string | null }
  | { id: string; kind: 'figures'; items: FigureItem[] }
  | { id: string; kind: 'chart'; chart: ChartModel }
  | { id: string; kind: 'table'; report: ReportResult }
  | { id: string; kind: 'notes'; lines: string[] };

/** Consecutive sections of one orientation; each run starts on a new page. */
export interface Run {
  landscape: boolean;
  blocks: Block[];
}

export function runsOf(doc: PrintDoc): Run[] {
  const runs: Run[] = [];
  doc.sections.forEach((s, i) => {
    // Key figures go on the page of what follows them, so a page of figures never stands alone.
    const next = doc.sections.slice(i + 1).find((x) => x.kind !== 'figures');
    const landscape = s.kind === 'figures' ? (next?.landscape ?? false) : s.landscape;
    let run = runs.at(-1);
    if (!run || run.landscape !== landscape) {
      run = { landscape, blocks: [] };
      runs.push(run);
    }
    if (s.kind === 'figures') run.blocks.push({ id: `s${i}-fig`, kind: 'figures', items: s.items });
    else if (s.kind === 'chart') {
      run.blocks.push({ id: `s${i}-h`, kind: 'heading', title: s.chart.title, sub: null });
      run.blocks.push({ id: `s${i}-chart`, kind: 'chart', chart: s.chart });
    } else {
      // A single-report print has the title in the page head already.
      if (doc.report === null) run.blocks.push({ id: `s${i}-h`, kind: 'heading', title: s.report.title, sub: s.sub });
      if (s.chart && s.chart.points.length > 0) run.blocks.push({ id: `s${i}-chart`, kind: 'chart', chart: s.chart });
      run.blocks.push({ id: `s${i}-table`, kind: 'table', report: s.report });
      if (s.report.notes.length > 0) run.blocks.push({ id: `s${i}-notes`, kind: 'notes', lines: s.report.notes });
    }
  });
  return runs;
}

/** Measured heights in CSS px. */
export interface Measures {
  /** Usable body height of a page (first page: below the document title). */
  body: number;
  firstTitle: number;
  block: Map<string, number>;
  /** Tables: head row, each body row, and the "续表" caption on continuation pages. */
  table: Map<string, { head: number; rows: number[]; cont: number }>;
}

export interface Placed {
  block: Block;
  /** Tables: the row slice on this page and whether it continues one from the previous page. */
  from?: number;
  to?: number;
  continued?: boolean;
}

export interface LaidPage {
  landscape: boolean;
  first: boolean;
  items: Placed[];
}

/**
 * Packs blocks into pages: headings stay with what follows them, charts and rows never split, a table
 * that does not fit continues on the next page with its header row repeated.
 */
export function paginate(runs: readonly Run[], m: (landscape: boolean) => Measures): LaidPage[] {
  const pages: LaidPage[] = [];
  runs.forEach((run) => {
    const ms = m(run.landscape);
    let page: LaidPage = { landscape: run.landscape, first: pages.length === 0, items: [] };
    let left = ms.body - (page.first ? ms.firstTitle : 0);
    const newPage = () => {
      pages.push(page);
      page = { landscape: run.landscape, first: false, items: [] };
      left = ms.body;
    };
    const firstUnit = (b: Block | undefined): number => {
      if (!b) return 0;
      if (b.kind === 'table') {
        const t = ms.table.get(b.id)!;
        return t.head + (t.rows[0] ?? 0);
      }
      return ms.block.get(b.id) ?? 0;
    };
    run.blocks.forEach((b, i) => {
      if (b.kind === 'table') {
        const t = ms.table.get(b.id)!;
        let start = 0;
        let continued = false;
        while (start < t.rows.length || (start === 0 && t.rows.length === 0)) {
          const head = t.head + (continued ? t.cont : 0);
          if (left < head + (t.rows[start] ?? 0) && page.items.length > 0) {
            newPage();
            continue;
          }
          let used = head;
          let end = start;
          while (end < t.rows.length && (used + t.rows[end]! <= left || end === start)) used += t.rows[end++]!;
          page.items.push({ block: b, from: start, to: end, continued });
          left -= used;
          if (end >= t.rows.length) break;
          start = end;
          continued = true;
          newPage();
        }
        return;
      }
      const h = ms.block.get(b.id) ?? 0;
      // A heading needs room for itself and the first piece of what it introduces.
      const need = b.kind === 'heading' ? h + firstUnit(run.blocks[i + 1]) : h;
      if (need > left && page.items.length > 0) newPage();
      page.items.push({ block: b });
      left -= h;
    });
    pages.push(page);
  });
  return pages;
}
