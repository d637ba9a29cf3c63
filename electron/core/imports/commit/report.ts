/**
 * The list a clerk sends back to the unit: every row left out (and every row with warnings), with
 * the cells as they were and the reasons, plus a sheet of all issues. exceljs writes the xlsx.
 */
import { loadExcelJS } from '../../exports/exceljs.js';
import type { PreviewState } from '../plan/state.js';
import { rowIssues } from '../plan/state.js';
import { shownValue } from '../validate/cells.js';
import { IMPORT_KIND_NAMES, ISSUE_CODES, type IssueCode } from '../../../../shared/import/index.js';
import { guardFormulaText, unguardFormulaText } from '../../../../shared/domain/formula-text.js';

/** A text of the sender's file as this report writes it: quoted if it could be taken for a formula (once). */
const safe = (text: string): string => guardFormulaText(unguardFormulaText(text));

const titleOf = (code: string): string => (ISSUE_CODES as Record<string, { title: string }>)[code as IssueCode]?.title ?? code;

export async function buildReport(state: PreviewState): Promise<{ fileName: string; dataBase64: string; rows: number }> {
  const Excel = await loadExcelJS();
  const wb = new Excel.Workbook();
  wb.creator = '基层党建台账';
  wb.created = new Date(state.createdAt);
  const rejected = state.rows.filter((r) => rowIssues(r).some((i) => i.severity === 'error'));

  for (const t of state.tables) {
    const mine = rejected.filter((r) => r.table === t);
    if (mine.length === 0) continue;
    const ws = wb.addWorksheet(`未导入-${t.sheet}`.slice(0, 31));
    const headers = t.headers.filter((h) => h !== '');
    ws.addRow([guardFormulaText(`${state.underName} ${IMPORT_KIND_NAMES[state.kind]}导入：以下 ${mine.length} 行有错误未导入（文件“${t.file}”，工作表“${t.sheet}”），请更正后重新报送`)]);
    ws.mergeCells(1, 1, 1, headers.length + 2);
    ws.getRow(1).font = { bold: true };
    const head = ws.addRow(['原行号', ...headers.map(safe), '问题']);
    head.font = { bold: true };
    head.eachCell((c) => (c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEFEFEF' } }));
    for (const r of mine) {
      const issues = rowIssues(r);
      const cells = t.headers.map((h, i) => (h === '' ? null : safe(shownValue(r.cells[i])))).filter((_v, i) => t.headers[i] !== '');
      const row = ws.addRow([r.row, ...cells, issues.map((i) => `【${titleOf(i.code)}】${i.message}`).join('\n')]);
      row.alignment = { vertical: 'top', wrapText: true };
      // Highlight the cells with an error, as in the preview grid.
      for (const i of issues) {
        if (i.severity !== 'error' || !i.column) continue;
        const idx = headers.indexOf(i.column);
        if (idx >= 0) row.getCell(idx + 2).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFC7CE' } };
      }
    }
    ws.getColumn(headers.length + 2).width = 60;
    // ID numbers and dates stay text, so the unit can correct them in place.
    for (let c = 2; c <= headers.length + 1; c++) ws.getColumn(c).numFmt = '@';
  }

  const all = wb.addWorksheet('问题清单');
  all.addRow(['文件', '工作表', '行号', '列', '问题代码', '问题', '级别', '说明']).font = { bold: true };
  for (const i of [...state.fileIssues, ...state.rows.flatMap(rowIssues)]) {
    all.addRow([safe(i.file), safe(i.sheet ?? ''), i.row ?? '', safe(i.column ?? ''), i.code, titleOf(i.code), i.severity === 'error' ? '错误（未导入）' : '提示', i.message]);
  }
  all.getColumn(8).width = 80;

  const buf = Buffer.from(await wb.xlsx.writeBuffer());
  const stamp = new Date(state.createdAt).toISOString().slice(0, 10);
  return { fileName: `${state.underName}-${IMPORT_KIND_NAMES[state.kind]}导入问题清单-${stamp}.xlsx`, dataBase64: buf.toString('base64'), rows: rejected.length };
}
