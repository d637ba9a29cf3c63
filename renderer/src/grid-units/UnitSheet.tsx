import { useCallback, useEffect, useMemo, useRef, useState, type ClipboardEvent, type KeyboardEvent } from 'react';
import { AgGridReact } from 'ag-grid-react';
import type { CellEditRequestEvent, ColDef, GridApi } from 'ag-grid-community';
import '../grid/ag-setup.js';
import { gridLocale, gridTheme } from '../grid/ag-setup.js';
import { checkCells, layBlock, parseClipboard } from '../grid/paste.js';
import { ApiError, call, errorText } from '../api/index.js';
import type { GridNode, RefusedCell } from '../../../shared/contract/grid.js';
import { GRID_KIND_NAMES } from '../../../shared/contract/code-lists.js';
import { childKinds, defaultChildKind, gridKindName } from '../../../shared/domain/grid-rules.js';
import { COLUMN_LABELS, draftRow, EDITABLE_COLUMNS, parseCell, planSave, rowOf, type CellChange, type ColumnKey, type OrgChoice, type SheetRow, type UndoStep } from './unit-grid-model.js';

interface Problem {
  title: string;
  lines: string[];
}

/** A refused cell's field as the clerk knows it (the core names contract fields). */
const fieldLabel = (field: string): string => (field === 'orgId' ? COLUMN_LABELS.org : (COLUMN_LABELS as Record<string, string>)[field] ?? { ownerOrgId: '所属单位', foundedOn: '设立日期', onDate: '变动日期', id: '单元' }[field] ?? field);

const WIDTHS: Record<ColumnKey, number> = { name: 160, kind: 80, org: 180, leader: 90, workers: 150, buildingLeader: 90, households: 80, population: 80 };

/**
 * The units directly under one unit (or the places of the scope) as a spreadsheet: a typed cell is
 * saved at once; a block pasted from Excel / WPS is checked cell by cell and saved as one change
 * (rows past the end become new units), or not at all with the refused cells listed. Every saved
 * change is handed to the page as an undo step.
 */
export function UnitSheet(props: {
  parent: GridNode | null;
  units: readonly GridNode[];
  orgs: readonly OrgChoice[];
  canEdit: boolean;
  onDate: string;
  nameAs: 'rename' | 'correction';
  ownerOrgId: string | null;
  onSaved: (text: string, step: UndoStep) => void;
}) {
  const { parent, units, orgs, canEdit, onDate, nameAs, ownerOrgId, onSaved } = props;
  const [drafts, setDrafts] = useState<SheetRow[]>([]);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const api = useRef<GridApi<SheetRow> | null>(null);
  const allowed = useMemo(() => childKinds(parent?.kind ?? null), [parent?.kind]);
  const orgName = useMemo(() => new Map(orgs.map((o) => [o.id, o.shortName || o.name])), [orgs]);
  const rows = useMemo(() => [...units.map(rowOf), ...drafts], [units, drafts]);
  const draftSeq = useRef(0);
  const newDraft = useCallback(() => draftRow(`new-${++draftSeq.current}`, defaultChildKind(parent?.kind ?? null)), [parent?.kind]);

  useEffect(() => {
    setDrafts([]);
    setProblem(null);
  }, [parent?.id]);

  const save = useCallback(
    async (changes: CellChange[], label: string) => {
      const plan = planSave(changes);
      const touched = new Set(changes.map((c) => c.row.key));
      const pending = new Set(plan.pendingDrafts.map((d) => d.key));
      // Drafts hold what was typed into them until they are saved (or forever, without a name).
      setDrafts((ds) => ds.map((d) => (touched.has(d.key) ? { ...d, cells: { ...d.cells, ...Object.fromEntries(changes.filter((c) => c.row.key === d.key).map((c) => [c.column, c.value])) } } : d)));
      if (plan.rows.length === 0) return;
      setBusy(true);
      const base = { parentId: parent?.id ?? null, ...(parent === null && ownerOrgId ? { ownerOrgId } : {}), onDate, nameAs };
      try {
        const r = await call('grid.saveRows', { ...base, rows: plan.rows });
        setProblem(null);
        setDrafts((ds) => ds.filter((d) => pending.has(d.key) || !touched.has(d.key)));
        onSaved(`${label}：新增 ${r.created} 个、修改 ${r.updated} 个单元`, { ...base, label, rows: plan.undoRows, dissolveIds: r.createdIds });
      } catch (err) {
        const cells = err instanceof ApiError ? ((err.details as { cells?: RefusedCell[] } | undefined)?.cells ?? []) : [];
        const nameOf = (i: number) => plan.rows[i]?.name ?? units.find((u) => u.id === plan.rows[i]?.id)?.name ?? `第 ${i + 1} 行`;
        setProblem({ title: cells.length > 0 ? `${cells.length} 个单元格未通过检查，本次未保存任何数据` : errorText(err), lines: cells.map((c) => `${nameOf(c.row)}（${fieldLabel(c.field)}）：${c.message}`) });
      } finally {
        setBusy(false);
      }
    },
    [parent, ownerOrgId, onDate, nameAs, onSaved, units],
  );

  const shown = useCallback(
    (row: SheetRow, column: ColumnKey): string => {
      const v = row.cells[column];
      if (v === null) return '';
      if (column === 'kind') return gridKindName(String(v));
      if (column === 'org') return orgName.get(String(v)) ?? '（范围外的组织）';
      return String(v);
    },
    [orgName],
  );

  const columns = useMemo<ColDef<SheetRow>[]>(
    () => [
      ...EDITABLE_COLUMNS.map<ColDef<SheetRow>>((c) => ({
        colId: c,
        headerName: COLUMN_LABELS[c],
        width: WIDTHS[c],
        pinned: c === 'name' ? 'left' : undefined,
        type: c === 'households' || c === 'population' ? 'numericColumn' : undefined,
        valueGetter: (p) => (p.data ? shown(p.data, c) : ''),
        editable: (p) => canEdit && !!p.data && (c !== 'kind' || !p.data.unit),
        cellClassRules: { 'unit-gap-cell': (p) => c === 'org' && !!p.data?.unit && p.data.cells.org === null, 'unit-draft': (p) => !p.data?.unit },
        tooltipValueGetter: c === 'org' ? (p) => (p.data?.cells.org === null && p.data.unit ? '没有覆盖的党组织' : undefined) : undefined,
      })),
      { colId: 'registered', headerName: '报到党员', width: 90, type: 'numericColumn', valueGetter: (p) => p.data?.unit?.registered ?? '' },
      { colId: 'foundedOn', headerName: '设立日期', width: 110, valueGetter: (p) => p.data?.unit?.foundedOn ?? '（新增）' },
    ],
    [canEdit, shown],
  );

  const onEdit = (e: CellEditRequestEvent<SheetRow>) => {
    const column = e.column.getColId() as ColumnKey;
    if (!e.data) return;
    const parsed = parseCell(e.data, column, e.newValue === null || e.newValue === undefined ? '' : String(e.newValue), orgs, allowed);
    if (!parsed.ok) return setProblem({ title: `${e.data.unit?.name ?? '新增行'}的${COLUMN_LABELS[column]}未保存`, lines: [parsed.message] });
    void save([{ row: e.data, column, value: parsed.value }], `已保存 ${e.data.unit?.name ?? String(parsed.value)} 的${COLUMN_LABELS[column]}`);
  };

  const onPaste = (e: ClipboardEvent<HTMLDivElement>) => {
    const g = api.current;
    if (!g || !canEdit || busy || g.getEditingCells().length > 0) return;
    const focused = g.getFocusedCell();
    e.preventDefault();
    if (!focused) return setProblem({ title: '未粘贴', lines: ['请先点选要粘贴到的第一个单元格，再按 Ctrl+V'] });
    const cols = g.getAllDisplayedColumns().map((c) => c.getColId() as ColumnKey).filter((c) => EDITABLE_COLUMNS.includes(c));
    const anchorColumn = cols.indexOf(focused.column.getColId() as ColumnKey);
    if (anchorColumn < 0) return setProblem({ title: '未粘贴', lines: ['报到党员和设立日期不能粘贴，请从名称至人口之间的单元格开始'] });
    const block = parseClipboard(e.clipboardData.getData('text/plain'));
    // Rows past the last one become new units under the selected one.
    const grown = [...rows];
    while (grown.length < focused.rowIndex + block.length) grown.push(newDraft());
    const laid = layBlock(block, grown, cols, focused.rowIndex, anchorColumn);
    const checked = checkCells(laid.cells, (c) => parseCell(c.row, c.column, c.text, orgs, allowed));
    const lines = checked.refused.map((c) => `第 ${c.at.row + 1} 行第 ${c.at.column + 1} 列（${c.row.unit?.name ?? '新增行'} ${COLUMN_LABELS[c.column]}）：${c.message}`);
    if (laid.outside > 0) lines.push(`有 ${laid.outside} 格超出表格的列（粘贴从“${COLUMN_LABELS[cols[anchorColumn]!]}”列开始，最后一列是“人口”）`);
    const bad = checked.refused.length + laid.outside;
    if (bad > 0) return setProblem({ title: `粘贴的 ${laid.cells.length + laid.outside} 格中有 ${bad} 格不能保存，本次未保存任何数据`, lines });
    setDrafts(grown.filter((r) => !r.unit));
    void save(checked.accepted.map((c) => ({ row: c.row, column: c.column, value: c.value })), `已粘贴 ${checked.accepted.length} 格`);
  };

  const onKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const g = api.current;
    if (!g || !canEdit || busy || g.getEditingCells().length > 0) return;
    if (e.key === 'Delete') {
      // Clears the focused cell (name and kind cannot be empty).
      const f = g.getFocusedCell();
      const row = f ? g.getDisplayedRowAtIndex(f.rowIndex)?.data : undefined;
      const column = f?.column.getColId() as ColumnKey | undefined;
      if (!row || !column || !EDITABLE_COLUMNS.includes(column) || column === 'name' || column === 'kind' || row.cells[column] === null) return;
      void save([{ row, column, value: null }], `已清空 ${row.unit?.name ?? '新增行'} 的${COLUMN_LABELS[column]}`);
    }
  };

  const kindsText = allowed.map((k) => GRID_KIND_NAMES[k]).join('、');
  return (
    <div className="room-body">
      <div className="toolbar">
        <span className="muted">{parent ? `“${parent.name}”的下级单元（可新建：${kindsText}）` : '社区和村（地点登记）'}</span>
        <span className="toolbar-spacer" />
        {canEdit ? (
          <button type="button" onClick={() => setDrafts((d) => [...d, newDraft()])} disabled={allowed.length === 0} data-testid="sheet-add-row">
            新增一行
          </button>
        ) : null}
      </div>
      {problem ? (
        <div className="error-message" role="alert" data-testid="sheet-problem">
          <strong>{problem.title}</strong>
          {problem.lines.length > 0 ? (
            <ul className="refused-list">
              {problem.lines.map((l, i) => <li key={i}>{l}</li>)}
            </ul>
          ) : null}
          <button type="button" className="link small" onClick={() => setProblem(null)}>知道了</button>
        </div>
      ) : null}
      <div className="grid-host" data-testid="unit-sheet" data-busy={busy ? 'true' : 'false'} onPaste={onPaste} onKeyDown={onKey}>
        <AgGridReact<SheetRow>
          theme={gridTheme}
          localeText={gridLocale}
          rowData={rows}
          columnDefs={columns}
          getRowId={(p) => p.data.key}
          defaultColDef={{ suppressHeaderMenuButton: true, sortable: false, resizable: true }}
          onGridReady={(e) => (api.current = e.api)}
          readOnlyEdit
          onCellEditRequest={onEdit}
          stopEditingWhenCellsLoseFocus
          tooltipShowDelay={200}
          overlayNoRowsTemplate={`<span>${allowed.length ? `还没有下级单元：点“新增一行”，或从 Excel/WPS 复制名称等列后点选第一格按 Ctrl+V` : '此类单元之下不再分级'}</span>`}
        />
      </div>
      <div className="month-legend">
        <span><i className="unit-gap-cell" />没有覆盖的党组织</span>
        <span>双击单元格修改，Delete 清空；从 Excel/WPS 复制一块（列顺序同上：名称、类别、覆盖党组织……）后点选起始单元格按 Ctrl+V，超出末行的行作为新单元</span>
      </div>
    </div>
  );
}
