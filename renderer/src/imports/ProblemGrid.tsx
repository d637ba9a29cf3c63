import { useCallback, useMemo, useState, type RefObject } from 'react';
import { AgGridReact } from 'ag-grid-react';
import type { CellClassParams, CellValueChangedEvent, ColDef, GetRowIdParams, GridApi, ITooltipParams, ValueGetterParams, ValueSetterParams } from 'ag-grid-community';
import '../grid/ag-setup.js';
import { gridLocale, gridTheme } from '../grid/ag-setup.js';
import type { ImportGridRow, ImportTableInfo } from '../../../shared/contract/imports.js';
import { ACTION_NAMES, issueTitle, rowKey } from './import-model.js';

const tableKey = (file: string, sheet: string) => `${file}\u0000${sheet}`;

/** Rough pixel width of text at the grid's 14px CJK font: wide for Han characters, narrow otherwise. */
const textWidth = (t: string) => [...t].reduce((w, ch) => w + (/[\u2e80-\uffff]/.test(ch) ? 15 : 8.5), 0);
const ROW_HEIGHT = 34;
const HEADER_HEIGHT = 36;
const MAX_HEIGHT = 420;

const issuesAt = (row: ImportGridRow | undefined, header: string) => (row ? row.issues.filter((i) => i.column === header) : []);

export interface ProblemGridProps {
  rows: ImportGridRow[];
  tables: ImportTableInfo[];
  onFix: (row: ImportGridRow, column: string, value: string) => Promise<void>;
  apiRef: RefObject<GridApi<ImportGridRow> | null>;
  canEdit: boolean;
}

/**
 * The rows with problems, cells as in the file. A cell with an error is red, with a warning amber,
 * the message in its tooltip; cells of mapped columns can be corrected in place (import.fixCell).
 */
export function ProblemGrid({ rows, tables, onFix, apiRef, canEdit }: ProblemGridProps) {
  // Widths from the rows first shown: later fixes do not make columns jump.
  const [sample] = useState(() => rows.slice(0, 200));
  const multiFile = useMemo(() => new Set(tables.map((t) => t.file)).size > 1, [tables]);
  const multiSheet = tables.length > 1;
  const mapped = useMemo(() => {
    const s = new Set<string>();
    for (const t of tables) for (const c of t.columns) if (c.field) s.add(tableKey(t.file, t.sheet) + '\u0000' + c.header);
    return s;
  }, [tables]);

  const columnDefs = useMemo<ColDef<ImportGridRow>[]>(() => {
    const headers: string[] = [];
    for (const t of tables) for (const c of t.columns) if (c.header && !headers.includes(c.header)) headers.push(c.header);
    const cols: ColDef<ImportGridRow>[] = [];
    if (multiFile) cols.push({ colId: '_file', headerName: '文件', width: 160, pinned: 'left', valueGetter: (p) => p.data?.file });
    if (multiSheet) cols.push({ colId: '_sheet', headerName: '工作表', width: 110, pinned: 'left', valueGetter: (p) => p.data?.sheet });
    cols.push(
      { colId: '_row', headerName: '行', width: 70, pinned: 'left', valueGetter: (p) => p.data?.row, cellClass: 'num' },
      {
        colId: '_action',
        headerName: '处理',
        width: 90,
        pinned: 'left',
        valueGetter: (p) => (p.data ? ACTION_NAMES[p.data.action] : ''),
        cellClassRules: { 'cell-skip': (p: CellClassParams<ImportGridRow>) => p.data?.action === 'skip', 'cell-ok': (p: CellClassParams<ImportGridRow>) => p.data?.issues.length === 0 },
      },
      {
        colId: '_issues',
        headerName: '问题',
        width: 180,
        valueGetter: (p) => (p.data ? (p.data.issues.length === 0 ? '已无问题' : [...new Set(p.data.issues.map((i) => issueTitle(i.code)))].join('；')) : ''),
        tooltipValueGetter: (p: ITooltipParams<ImportGridRow>) => p.data?.issues.map((i) => `${i.column ? i.column + '：' : ''}${i.message}`).join('\n'),
      },
    );
    for (const h of headers) {
      cols.push({
        colId: h,
        headerName: h,
        width: Math.round(Math.min(320, Math.max(80, textWidth(h) + 40, ...sample.map((r) => textWidth(r.cells[h] ?? '') + 28)))),
        valueGetter: (p: ValueGetterParams<ImportGridRow>) => p.data?.cells[h] ?? '',
        valueSetter: (p: ValueSetterParams<ImportGridRow>) => {
          if (!p.data) return false;
          p.data.cells = { ...p.data.cells, [h]: String(p.newValue ?? '').trim() };
          return true;
        },
        editable: (p) => canEdit && !!p.data && mapped.has(tableKey(p.data.file, p.data.sheet) + '\u0000' + h),
        cellClassRules: {
          'cell-error': (p: CellClassParams<ImportGridRow>) => issuesAt(p.data, h).some((i) => i.severity === 'error'),
          'cell-warning': (p: CellClassParams<ImportGridRow>) => {
            const at = issuesAt(p.data, h);
            return at.length > 0 && at.every((i) => i.severity === 'warning');
          },
        },
        tooltipValueGetter: (p: ITooltipParams<ImportGridRow>) => {
          const at = issuesAt(p.data, h);
          return at.length ? at.map((i) => i.message).join('\n') : undefined;
        },
      });
    }
    return cols;
  }, [tables, multiFile, multiSheet, mapped, canEdit, sample]);

  const onCellValueChanged = useCallback(
    async (e: CellValueChangedEvent<ImportGridRow>) => {
      const column = e.colDef.colId;
      const row = e.data;
      if (!column || !row || String(e.oldValue ?? '') === String(e.newValue ?? '').trim()) return;
      try {
        await onFix(row, column, String(e.newValue ?? '').trim());
      } catch {
        // The page shows why; the cell goes back to what the preview holds.
        row.cells = { ...row.cells, [column]: String(e.oldValue ?? '') };
        e.api.refreshCells({ rowNodes: [e.node], columns: [column], force: true });
      }
    },
    [onFix],
  );

  // A handful of rows: the grid is as tall as they are (room for the horizontal scrollbar); many: a window that scrolls.
  const height = Math.min(MAX_HEIGHT, HEADER_HEIGHT + Math.max(rows.length, 3) * ROW_HEIGHT + 20);
  return (
    <div className="import-grid" style={{ height }} data-testid="import-grid">
      <AgGridReact<ImportGridRow>
        theme={gridTheme}
        localeText={gridLocale}
        rowData={rows}
        columnDefs={columnDefs}
        defaultColDef={{ resizable: true, sortable: true, suppressHeaderMenuButton: true, maxWidth: 320 }}
        getRowId={(p: GetRowIdParams<ImportGridRow>) => rowKey(p.data)}
        onGridReady={(e) => {
          apiRef.current = e.api;
        }}
        onCellValueChanged={onCellValueChanged}
        stopEditingWhenCellsLoseFocus
        // Filtering by issue code swaps many rows at once: no fading copies left behind.
        animateRows={false}
        suppressColumnVirtualisation
        tooltipShowDelay={200}
        overlayNoRowsTemplate="<span>没有需要处理的行</span>"
      />
    </div>
  );
}
