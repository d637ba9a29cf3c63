import { useCallback, useEffect, useMemo, useRef, useState, type ClipboardEvent } from 'react';
import { AgGridReact } from 'ag-grid-react';
import type { CellClassParams, ColDef, GridApi, ITooltipParams, NewValueParams, ValueParserParams } from 'ag-grid-community';
import '../grid/ag-setup.js';
import { gridLocale, gridTheme } from '../grid/ag-setup.js';
import { ApiError, call, errorText } from '../api/index.js';
import { TEAM_ROLE_NAMES, type MonthGrid as Grid, type MonthGridRow, type RefusedCell } from '../../../shared/contract/team.js';
import { checkCells, layBlock, parseClipboard } from '../grid/paste.js';
import { entriesOf, MEASURES, monthLabel, parseFor, shown, type Entry, type Measure } from './month-grid-model.js';

interface Problem {
  title: string;
  lines: string[];
}

const STATUS_TEXT = { ok: '达到要求', below: '低于要求', notRecorded: '未登记', notJudged: '当月部分时间在岗，不作考核' } as const;

/**
 * 驻村天数: one row per cadre, one column per month, one measure at a time. A typed cell is saved
 * at once; a block pasted from Excel / WPS is checked cell by cell and saved as one change, or not
 * at all with the refused cells listed.
 */
export function MonthGrid({ orgId, from, to, measure, canEdit, today, onSaved }: { orgId: string | null; from: string; to: string; measure: Measure; canEdit: boolean; today: string; onSaved: (text: string) => void }) {
  const [grid, setGrid] = useState<Grid | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [tick, setTick] = useState(0);
  const api = useRef<GridApi<MonthGridRow> | null>(null);
  const currentMonth = today.slice(0, 7);

  useEffect(() => {
    let live = true;
    setError(null);
    // Whole subtrees are a few thousand cadres: fetched a page at a time, shown at once.
    (async () => {
      let rows: MonthGridRow[] = [];
      let first: Grid | null = null;
      for (let offset = 0; ; offset += 1000) {
        const page = await call('team.months', { ...(orgId ? { orgId } : {}), from, to, offset, limit: 1000 });
        first ??= page;
        rows = rows.concat(page.rows);
        if (rows.length >= page.total || page.rows.length === 0) break;
      }
      if (live && first) setGrid({ ...first, rows });
    })().catch((err) => live && setError(errorText(err)));
    return () => {
      live = false;
    };
  }, [orgId, from, to, tick]);

  const reload = useCallback(() => setTick((t) => t + 1), []);

  const save = useCallback(
    async (entries: Entry[], done: string) => {
      if (entries.length === 0) return;
      try {
        const r = await call('team.recordMonths', { entries });
        setProblem(null);
        onSaved(`${done}：保存 ${r.saved} 格${r.unchanged ? `，${r.unchanged} 格未变` : ''}`);
      } catch (err) {
        const refused = err instanceof ApiError ? ((err.details as { refused?: RefusedCell[] } | undefined)?.refused ?? []) : [];
        const names = new Map(grid?.rows.map((r) => [r.teamMemberId, r.name]));
        setProblem({ title: errorText(err).split('：')[0] ?? '未保存', lines: refused.map((x) => `${names.get(x.teamMemberId) ?? ''} ${monthLabel(x.month)}：${x.message}`) });
      }
      reload();
    },
    [grid, onSaved, reload],
  );

  const columns = useMemo<ColDef<MonthGridRow>[]>(() => {
    const m = MEASURES[measure];
    const monthCols: ColDef<MonthGridRow>[] = (grid?.months ?? []).map((month) => ({
      colId: month,
      headerName: monthLabel(month),
      width: 104,
      type: 'numericColumn',
      valueGetter: (p) => (p.data ? shown(p.data, month, measure) : null),
      editable: (p) => canEdit && !!p.data?.cells[month] && month <= currentMonth,
      valueParser: (p: ValueParserParams<MonthGridRow>) => p.newValue,
      onCellValueChanged: (e: NewValueParams<MonthGridRow>) => {
        if (!e.data) return;
        const parsed = parseFor(e.data, month, measure, e.newValue === null || e.newValue === undefined ? '' : String(e.newValue), currentMonth);
        if (!parsed.ok) {
          setProblem({ title: `${e.data.name} ${monthLabel(month)}的${m.label}未保存`, lines: [parsed.message] });
          reload();
          return;
        }
        void save(entriesOf([{ row: e.data, column: month, text: '', at: { row: 0, column: 0 }, value: parsed.value }], measure), `已保存 ${e.data.name} ${monthLabel(month)}的${m.label}`);
      },
      cellClassRules: {
        'month-below': (p: CellClassParams<MonthGridRow>) => measure === 'daysInVillage' && p.data?.cells[month]?.status === 'below',
        'month-missing': (p: CellClassParams<MonthGridRow>) => measure === 'daysInVillage' && p.data?.cells[month]?.status === 'notRecorded' && month < currentMonth,
        'month-partial': (p: CellClassParams<MonthGridRow>) => p.data?.cells[month]?.status === 'notJudged',
        'month-out': (p: CellClassParams<MonthGridRow>) => !p.data?.cells[month],
      },
      tooltipValueGetter: (p: ITooltipParams<MonthGridRow>) => {
        const c = p.data?.cells[month];
        if (!c) return '不在任职期内';
        return `${STATUS_TEXT[c.status]}；驻村 ${c.days ?? '—'} 天，批准请假 ${c.approvedLeave} 天，工作日志 ${c.logCount ?? '—'} 篇，走访农户 ${c.visitCount ?? '—'} 户`;
      },
    }));
    return [
      { field: 'villageName', headerName: '驻村', width: 200, pinned: 'left', tooltipField: 'villageName' },
      { field: 'name', headerName: '姓名', width: 110, pinned: 'left' },
      { field: 'role', headerName: '身份', width: 90, pinned: 'left', valueFormatter: (p) => TEAM_ROLE_NAMES[p.value as MonthGridRow['role']] ?? '' },
      ...monthCols,
    ];
  }, [grid?.months, measure, canEdit, currentMonth, save, reload]);

  // A block copied from Excel / WPS, laid from the focused cell over the rows and months shown.
  const onPaste = (e: ClipboardEvent<HTMLDivElement>) => {
    const g = api.current;
    if (!g || !canEdit || !grid || g.getEditingCells().length > 0) return;
    const focused = g.getFocusedCell();
    if (!focused) return;
    e.preventDefault();
    const months = g.getAllDisplayedColumns().map((c) => c.getColId()).filter((id) => grid.months.includes(id));
    const anchorColumn = months.indexOf(focused.column.getColId());
    if (anchorColumn < 0) return setProblem({ title: '未粘贴', lines: ['请先点选要粘贴到的第一个月份单元格，再按 Ctrl+V'] });
    const rows: MonthGridRow[] = [];
    g.forEachNodeAfterFilterAndSort((n) => n.data && rows.push(n.data));
    const block = parseClipboard(e.clipboardData.getData('text/plain'));
    const laid = layBlock(block, rows, months, focused.rowIndex, anchorColumn);
    const checked = checkCells(laid.cells, (c) => parseFor(c.row, c.column, measure, c.text, currentMonth));
    const lines = checked.refused.map((c) => `第 ${c.at.row + 1} 行第 ${c.at.column + 1} 列（${c.row.name} ${monthLabel(c.column)}）：${c.message}`);
    if (laid.outside > 0) lines.push(`有 ${laid.outside} 格超出表格范围（行或月份不够）`);
    const bad = checked.refused.length + laid.outside;
    if (bad > 0) return setProblem({ title: `粘贴的 ${laid.cells.length + laid.outside} 格中有 ${bad} 格不能保存，本次未保存任何数据`, lines });
    void save(entriesOf(checked.accepted, measure), `已粘贴 ${checked.accepted.length} 格${MEASURES[measure].label}`);
  };

  return (
    <div className="room-body">
      {error ? <div className="error-message" role="alert" data-testid="month-grid-error">{error}</div> : null}
      {problem ? (
        <div className="error-message" role="alert" data-testid="month-grid-problem">
          <strong>{problem.title}</strong>
          {problem.lines.length > 0 ? (
            <ul className="refused-list">
              {problem.lines.map((l, i) => <li key={i}>{l}</li>)}
            </ul>
          ) : null}
          <button type="button" className="link small" onClick={() => setProblem(null)}>知道了</button>
        </div>
      ) : null}
      <div className="grid-host" data-testid="month-grid" onPaste={onPaste} data-loaded={grid ? 'true' : 'false'}>
        <AgGridReact<MonthGridRow>
          theme={gridTheme}
          localeText={gridLocale}
          rowData={grid?.rows ?? []}
          columnDefs={columns}
          getRowId={(p) => p.data.teamMemberId}
          defaultColDef={{ suppressHeaderMenuButton: true, sortable: false, resizable: true }}
          onGridReady={(e) => (api.current = e.api)}
          singleClickEdit={false}
          stopEditingWhenCellsLoseFocus
          suppressColumnVirtualisation
          tooltipShowDelay={200}
          overlayNoRowsTemplate="<span>所选范围内没有在岗的驻村干部</span>"
        />
      </div>
      <div className="month-legend">
        {grid ? <span>每月应驻村 {grid.requiredDays} 天（经批准的请假天数计入）</span> : null}
        <span><i className="month-below" />低于要求</span>
        <span><i className="month-missing" />已过月份未登记</span>
        <span><i className="month-out" />不在任职期内</span>
        <span>双击单元格修改；从 Excel/WPS 复制一块后，点选第一个月份单元格按 Ctrl+V 粘贴</span>
      </div>
    </div>
  );
}
