import type { ImportTableInfo } from '../../../shared/contract/imports.js';
import { IMPORT_KIND_NAMES } from '../../../shared/import/index.js';
import { fieldOptions, SOURCE_NAMES } from './import-model.js';

/** Per file and sheet: where the header is and which field each column goes to (changeable). */
export function MappingSection({ tables, onRemap, busy }: { tables: ImportTableInfo[]; onRemap: (t: ImportTableInfo, header: string, field: string | null) => void; busy: boolean }) {
  if (tables.length === 0) return <p className="muted">没有找到可导入的表格。</p>;
  return (
    <div className="mapping-list">
      {tables.map((t) => {
        const options = fieldOptions(t.kind, t.columns.map((c) => c.header));
        // Open when something needs the clerk's eye: an unmapped column or a guess by similarity.
        const doubtful = t.columns.some((c) => c.source === 'none' || (c.field !== null && c.confidence < 1));
        return (
          <details key={t.file + '\u0000' + t.sheet} className="mapping-table" data-testid="mapping-table" open={doubtful && tables.length <= 3}>
            <summary>
              <span className="mapping-title">
                {t.file} · 工作表“{t.sheet}”
              </span>
              <span className={doubtful ? 'bad' : 'muted'} data-testid="mapping-summary">
                {IMPORT_KIND_NAMES[t.kind]}名册，表头在第 {t.headerRow} 行，数据 {t.dataRows} 行，已对应 {Object.keys(t.mapping).length} / {t.columns.length} 列{doubtful ? '，请核对' : '（点击展开查看或修改）'}
              </span>
            </summary>
            <table className="table compact">
              <thead>
                <tr>
                  <th style={{ width: 48 }}>列</th>
                  <th>表头</th>
                  <th style={{ width: 240 }}>对应字段</th>
                  <th style={{ width: 180 }}>依据</th>
                </tr>
              </thead>
              <tbody>
                {t.columns.map((c) => (
                  <tr key={c.letter} className={c.field === null && c.source === 'none' ? 'unmapped' : undefined}>
                    <td className="mono">{c.letter}</td>
                    <td>{c.header}</td>
                    <td>
                      <select
                        value={c.field ?? ''}
                        disabled={busy}
                        aria-label={`“${c.header}”对应的字段`}
                        data-testid={`mapping-select-${c.header}`}
                        onChange={(e) => onRemap(t, c.header, e.target.value || null)}
                      >
                        <option value="">不导入</option>
                        {options.map((o) => (
                          <option key={o.value} value={o.value}>
                            {o.label}
                          </option>
                        ))}
                      </select>
                    </td>
                    <td className="muted small">
                      {SOURCE_NAMES[c.source] ?? c.source}
                      {c.field && c.source !== 'override' && c.source !== 'ignored' ? `（${Math.round(c.confidence * 100)}%）` : ''}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        );
      })}
    </div>
  );
}
