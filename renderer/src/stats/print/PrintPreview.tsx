import { Fragment, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { errorText } from '../../api/index.js';
import { ErrorMessage, Notice } from '../../ui/ErrorMessage.js';
import { chartSvg } from '../Chart.js';
import { nowZh } from '../format.js';
import { exportReport } from '../export-report.js';
import { BlockView, PrintTable, chartBox } from './blocks.js';
import { paginate, runsOf, type Block, type LaidPage, type Measures, type PrintDoc } from './model.js';
import './print.css';

/** Lets print CSS hide the app and show only the portal while a preview is open. */
const HTML_CLASS = 'stats-printing';

function SheetHead({ doc }: { doc: PrintDoc }) {
  return (
    <header className="sheet-header">
      <span className="sh-unit">{doc.unitName}</span>
      <span className="sh-title">{doc.title}</span>
      <span className="sh-when">{doc.when}</span>
    </header>
  );
}

function DocTitle({ doc }: { doc: PrintDoc }) {
  return (
    <div className="p-block p-doc-title">
      <h1>{doc.title}</h1>
      <div className="p-doc-sub">
        统计范围：{doc.scopeName}{'\u3000'}{doc.when}
      </div>
    </div>
  );
}

function SheetFoot({ page, pages, time }: { page: number; pages: number; time: string }) {
  return (
    <footer className="sheet-footer">
      <span>打印时间：{time}</span>
      <span className="sf-page">
        第 {page} 页 / 共 {pages} 页
      </span>
      <span>基层党建台账</span>
    </footer>
  );
}

/**
 * A4 print view computed by us: blocks are measured off-screen, packed into pages, and every page is
 * its own fixed-size sheet with the running header and a "第 x 页 / 共 y 页" footer — what Chromium's
 * print (window.print, printToPDF) then lays one per sheet of paper under `@page { margin: 15mm }`.
 */
export function PrintPreview({ doc, onClose }: { doc: PrintDoc; onClose: () => void }) {
  const runs = useMemo(() => runsOf(doc), [doc]);
  const svgs = useMemo(() => {
    const out = new Map<string, string>();
    for (const run of runs)
      for (const b of run.blocks)
        if (b.kind === 'chart') {
          const box = chartBox(run.landscape, b.chart);
          out.set(b.id, chartSvg(b.chart, box.width, box.height));
        }
    return out;
  }, [runs]);
  const [pages, setPages] = useState<LaidPage[] | null>(null);
  const [time, setTime] = useState(nowZh);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const measure = useRef<HTMLDivElement>(null);
  const orientations = [...new Set(runs.map((r) => r.landscape))];
  const landscapeFirst = runs[0]?.landscape ?? false;

  useEffect(() => {
    document.documentElement.classList.add(HTML_CLASS);
    return () => document.documentElement.classList.remove(HTML_CLASS);
  }, []);

  useLayoutEffect(() => {
    let live = true;
    setPages(null);
    // Fonts decide row heights: measure only once the CJK font is in.
    void document.fonts.ready.then(() => {
      const root = measure.current;
      if (!live || !root) return;
      const byOrientation = new Map<boolean, Measures>();
      for (const landscape of new Set(runs.map((r) => r.landscape))) {
        const box = root.querySelector<HTMLElement>(`[data-orient="${landscape ? 'l' : 'p'}"]`)!;
        const h = (el: Element | null) => (el ? el.getBoundingClientRect().height : 0);
        const ms: Measures = {
          // A hair less than the page: rounding must never push a sheet onto a second sheet of paper.
          body: h(box.querySelector('.sheet-body')) - 4,
          firstTitle: h(box.querySelector('.p-doc-title')),
          block: new Map(),
          table: new Map(),
        };
        box.querySelectorAll<HTMLElement>('[data-mid]').forEach((el) => {
          const id = el.dataset.mid!;
          if (el.dataset.table) {
            const rows = [...el.querySelectorAll('tbody tr')].map(h);
            const cont = h(el.querySelector('.p-cont'));
            ms.table.set(id, { head: h(el) - cont - rows.reduce((s, x) => s + x, 0), rows, cont });
          } else ms.block.set(id, h(el));
        });
        byOrientation.set(landscape, ms);
      }
      setPages(paginate(runs, (l) => byOrientation.get(l)!));
    });
    return () => {
      live = false;
    };
  }, [runs]);

  const doPrint = async () => {
    setError(null);
    setTime(nowZh());
    // Let the footer show the new print time before the page is handed to the printer.
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    try {
      if (window.ledger) {
        const r = await window.ledger.print({ landscape: landscapeFirst });
        if (!r.ok) setError(r.error.message);
      } else window.print();
    } catch (err) {
      setError(errorText(err));
    }
  };

  const doPdf = async () => {
    if (!window.ledger) return;
    setBusy(true);
    setError(null);
    setNotice(null);
    setTime(nowZh());
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    try {
      const r = await window.ledger.printToPdf({ landscape: landscapeFirst, suggestedName: doc.fileName });
      if (!r.ok) setError(r.error.message);
      else if (r.value) setNotice(`已保存：${r.value.file}`);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  const doExport = async () => {
    if (!doc.report) return;
    setBusy(true);
    setError(null);
    try {
      const name = await exportReport(doc.report);
      setNotice(`已导出：${name}`);
    } catch (err) {
      setError('导出失败：' + errorText(err));
    } finally {
      setBusy(false);
    }
  };

  const renderPlaced = (b: Block, landscape: boolean, from?: number, to?: number, continued?: boolean) =>
    b.kind === 'table' ? (
      <div className="p-block">
        <PrintTable report={b.report} from={from} to={to} caption={continued ? `${b.report.title}（续表）` : null} />
      </div>
    ) : (
      <div className="p-block">
        <BlockView block={b} svg={svgs.get(b.id)} landscape={landscape} />
      </div>
    );

  return createPortal(
    <div className="print-portal" data-testid="print-preview" data-ready={pages ? 'true' : 'false'} data-pages={pages?.length ?? 0}>
      <div className="print-toolbar">
        <strong className="print-toolbar-title">打印预览：{doc.title}</strong>
        <span className="muted">{pages ? `共 ${pages.length} 页，A4${landscapeFirst ? '横向' : '纵向'}` : '正在排版…'}</span>
        <span className="toolbar-spacer" />
        <button type="button" className="primary" onClick={() => void doPrint()} disabled={!pages} data-testid="print-button">
          打印
        </button>
        {window.ledger ? (
          <button type="button" onClick={() => void doPdf()} disabled={!pages || busy} data-testid="print-pdf">
            保存为 PDF
          </button>
        ) : null}
        {doc.report ? (
          <button type="button" onClick={() => void doExport()} disabled={busy} data-testid="print-export">
            导出 Excel
          </button>
        ) : null}
        <button type="button" onClick={onClose} data-testid="print-close">
          关闭
        </button>
      </div>
      {error || notice ? (
        <div className="print-messages">
          <ErrorMessage message={error} />
          <Notice message={notice} />
        </div>
      ) : null}
      <div className="print-sheets">
        {pages?.map((p, i) => (
          <section key={i} className={p.landscape ? 'sheet landscape' : 'sheet'} data-testid="print-sheet">
            <SheetHead doc={doc} />
            <div className="sheet-body">
              {p.first ? <DocTitle doc={doc} /> : null}
              {p.items.map((it, j) => (
                <Fragment key={j}>{renderPlaced(it.block, p.landscape, it.from, it.to, it.continued)}</Fragment>
              ))}
            </div>
            <SheetFoot page={i + 1} pages={pages.length} time={time} />
          </section>
        ))}
      </div>
      {/* Off-screen copies at page width, measured once to lay the pages out. */}
      <div className="p-measure" ref={measure} aria-hidden="true">
        {orientations.map((landscape) => (
          <div key={String(landscape)} data-orient={landscape ? 'l' : 'p'}>
            <section className={landscape ? 'sheet landscape' : 'sheet'}>
              <SheetHead doc={doc} />
              <div className="sheet-body">
                <DocTitle doc={doc} />
              </div>
              <SheetFoot page={1} pages={1} time={time} />
            </section>
            <div className={landscape ? 'p-measure-body landscape' : 'p-measure-body'}>
              {runs
                .filter((r) => r.landscape === landscape)
                .flatMap((r) => r.blocks)
                .map((b) =>
                  b.kind === 'table' ? (
                    <div key={b.id} className="p-block" data-mid={b.id} data-table="1">
                      <PrintTable report={b.report} caption={`${b.report.title}（续表）`} />
                    </div>
                  ) : (
                    <div key={b.id} className="p-block" data-mid={b.id}>
                      <BlockView block={b} svg={svgs.get(b.id)} landscape={landscape} />
                    </div>
                  ),
                )}
            </div>
          </div>
        ))}
      </div>
    </div>,
    document.body,
  );
}
