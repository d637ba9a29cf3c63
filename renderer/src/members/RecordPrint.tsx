import { useEffect, useState } from 'react';
import { createPortal } from 'react-dom';
import type { MemberRecord } from '../../../shared/types/records.js';
import { errorText } from '../api/index.js';
import { ErrorMessage } from '../ui/ErrorMessage.js';
import { nowZh } from '../stats/format.js';
import { infoSections, openingLine, timeline } from './record-model.js';
import './record-print.css';

/** Lets print CSS hide the app and show only this portal while it is open. */
const HTML_CLASS = 'record-printing';

/** Label/value pairs two to a row, as on a paper 党员档案 form. */
function pairs<T>(rows: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += 2) out.push(rows.slice(i, i + 2));
  return out;
}

/**
 * 一人一档: the member's record on A4 paper (real text, not a picture): every field, the derived
 * 年龄 / 党龄 / 50年, and the whole history with 更正 records as such. The document flows over as
 * many sheets as the history needs; Chromium's print lays it under `@page { size: A4; margin: 15mm }`.
 */
export function RecordPrint({ record, unitName, onClose }: { record: MemberRecord; unitName: string; onClose: () => void }) {
  const [time, setTime] = useState(nowZh);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    document.documentElement.classList.add(HTML_CLASS);
    return () => document.documentElement.classList.remove(HTML_CLASS);
  }, []);

  const doPrint = async () => {
    setError(null);
    setTime(nowZh());
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    try {
      if (window.ledger) {
        const r = await window.ledger.print({ landscape: false });
        if (!r.ok) setError(r.error.message);
      } else window.print();
    } catch (err) {
      setError(errorText(err));
    }
  };

  const opening = openingLine(record);
  const lines = timeline(record);
  return createPortal(
    <div className="record-print-portal" data-testid="record-print">
      <div className="rp-toolbar">
        <span className="rp-title">打印预览：{record.member.name} 一人一档（A4 纵向）</span>
        <span className="toolbar-spacer" />
        <button type="button" className="primary" onClick={() => void doPrint()} data-testid="record-print-go">
          打印
        </button>
        <button type="button" onClick={onClose} data-testid="record-print-close">
          关闭
        </button>
      </div>
      <div className="rp-messages">
        <ErrorMessage message={error} />
      </div>
      <article className="record-sheet">
        <header className="rs-head">
          <div className="rs-unit">{unitName}</div>
          <h1>党员档案（一人一档）</h1>
          <div className="rs-sub">
            {record.member.name}
            {'\u3000'}所在党支部：{record.orgPath.at(-1)?.name ?? ''}
            {'\u3000'}统计日期：{record.today}
          </div>
        </header>
        {infoSections(record).map((s) => (
          <section key={s.title} className="rs-section">
            <h2>{s.title}</h2>
            <table className="rs-table">
              <colgroup>
                <col className="rs-label" />
                <col />
                <col className="rs-label" />
                <col />
              </colgroup>
              <tbody>
                {pairs(s.rows).map((pair) => (
                  <tr key={pair[0]!.label}>
                    {pair.map((r) => (
                      <FieldCells key={r.label} label={r.label} value={r.value} />
                    ))}
                    {pair.length === 1 ? <td colSpan={2} /> : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        ))}
        <section className="rs-section">
          <h2>党籍变动记录</h2>
          {opening ? <p className="rs-opening">{opening}</p> : null}
          <table className="rs-table rs-history">
            <colgroup>
              <col className="rs-date" />
              <col className="rs-what" />
              <col className="rs-org" />
              <col />
            </colgroup>
            <thead>
              <tr>
                <th>日期</th>
                <th>变动</th>
                <th>党组织</th>
                <th>说明</th>
              </tr>
            </thead>
            <tbody>
              {lines.length === 0 ? (
                <tr>
                  <td colSpan={4}>（无变动记录）</td>
                </tr>
              ) : (
                lines.map((l) => (
                  <tr key={l.id} className={l.corrected ? 'rs-corrected' : undefined}>
                    <td>{l.date}</td>
                    <td>{l.what}</td>
                    <td>{l.org}</td>
                    <td>{l.detail}</td>
                  </tr>
                ))
              )}
            </tbody>
          </table>
        </section>
        <footer className="rs-foot">
          <span>打印时间：{time}</span>
          <span>基层党建台账</span>
        </footer>
      </article>
    </div>,
    document.body,
  );
}

function FieldCells({ label, value }: { label: string; value: string }) {
  return (
    <>
      <th>{label}</th>
      <td>{value}</td>
    </>
  );
}
