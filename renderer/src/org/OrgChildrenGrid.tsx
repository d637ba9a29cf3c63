import { useEffect, useMemo, useState } from 'react';
import { AgGridReact } from 'ag-grid-react';
import type { ColDef, NewValueParams } from 'ag-grid-community';
import '../grid/ag-setup.js';
import { gridLocale, gridTheme } from '../grid/ag-setup.js';
import { call, errorText } from '../api/index.js';
import type { OrgRow } from '../../../shared/contract/org.js';
import { ORG_KIND_NAMES, UNIT_CATEGORY_NAMES, display } from '../codes/code-names.js';
import { ErrorMessage } from '../ui/ErrorMessage.js';
import { termText } from './org-labels.js';

type EditableKey = 'shortName' | 'contactPerson' | 'phone';

/**
 * 下级组织: one row per child, its secretary, members, term and warnings; 简称, 联系人 and 联系电话
 * are edited in the cell (each edit one audited org.update). Clicking a name opens that organisation.
 */
export function OrgChildrenGrid({ orgId, includeDissolved, canEdit, version, onOpen, onSaved }: {
  orgId: string; includeDissolved: boolean; canEdit: boolean;
  /** Changes when the page saved something, so the rows are read again. */
  version: number;
  onOpen: (id: string) => void; onSaved: (notice: string) => void;
}) {
  const [rows, setRows] = useState<OrgRow[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    let live = true;
    call('org.children', { id: orgId, includeDissolved })
      .then((r) => live && (setRows(r), setError(null)))
      .catch((err) => live && setError(errorText(err)));
    return () => {
      live = false;
    };
  }, [orgId, includeDissolved, version, tick]);

  const columns = useMemo<ColDef<OrgRow>[]>(() => {
    const editable = (key: EditableKey, headerName: string, width: number): ColDef<OrgRow> => ({
      field: key,
      headerName,
      width,
      editable: (p) => canEdit && !p.data?.dissolvedOn,
      onCellValueChanged: (e: NewValueParams<OrgRow>) => {
        if (!e.data || (e.newValue ?? '') === (e.oldValue ?? '')) return;
        const value = typeof e.newValue === 'string' && e.newValue.trim() ? e.newValue.trim() : null;
        call('org.update', { id: e.data.id, patch: { [key]: value } })
          .then(() => onSaved(`已保存：${e.data!.name}的${headerName}`))
          .catch((err) => setError(`${e.data!.name}的${headerName}未保存：${errorText(err)}`))
          .finally(() => setTick((t) => t + 1));
      },
    });
    return [
      {
        field: 'name', headerName: '组织名称', width: 260, pinned: 'left', tooltipField: 'name',
        cellRenderer: (p: { data?: OrgRow }) => (p.data ? <button type="button" className="link" onClick={() => onOpen(p.data!.id)} data-testid="child-open">{p.data.name}</button> : null),
      },
      editable('shortName', '简称', 140),
      { field: 'kind', headerName: '类别', width: 110, valueFormatter: (p) => display(ORG_KIND_NAMES, p.value as string) },
      { field: 'unitCategory', headerName: '单位类别', width: 110, valueFormatter: (p) => display(UNIT_CATEGORY_NAMES, p.value as string | null) },
      { field: 'secretary', headerName: '书记', width: 90 },
      // A 党委's figure is its whole subtree, as in the tree pane; the branch's own members are the same number.
      { field: 'subtreeMembers', headerName: '党员', width: 76, type: 'numericColumn', headerTooltip: '含下级组织的党员' },
      { field: 'subtreeFormal', headerName: '正式党员', width: 92, type: 'numericColumn', headerTooltip: '含下级组织的正式党员' },
      { colId: 'term', headerName: '换届', width: 110, valueGetter: (p) => (p.data ? termText(p.data) : ''), cellClassRules: { 'cell-bad': (p) => p.data?.termStatus === 'overdue', 'cell-warn': (p) => p.data?.termStatus === 'due' } },
      { field: 'dueOn', headerName: '届满日期', width: 110 },
      { colId: 'warnings', headerName: '设置提醒', width: 220, valueGetter: (p) => p.data?.warnings.map((w) => w.message).join('；') ?? '', tooltipValueGetter: (p) => p.data?.warnings.map((w) => w.message).join('\n') ?? '', cellClassRules: { 'cell-warn': (p) => (p.data?.warnings.length ?? 0) > 0 } },
      editable('contactPerson', '联系人', 100),
      editable('phone', '联系电话', 130),
      { field: 'dissolvedOn', headerName: '撤销日期', width: 110, hide: !includeDissolved },
    ];
  }, [canEdit, includeDissolved, onOpen, onSaved]);

  return (
    <div className="org-children">
      <div className="pane-title">下级组织{rows ? `（${rows.length}）` : ''}</div>
      <ErrorMessage message={error} testId="children-error" />
      <div className="grid-host" data-testid="org-children" data-loaded={rows ? 'true' : 'false'}>
        <AgGridReact<OrgRow>
          theme={gridTheme}
          localeText={gridLocale}
          rowData={rows ?? []}
          columnDefs={columns}
          getRowId={(p) => p.data.id}
          defaultColDef={{ suppressHeaderMenuButton: true, sortable: true, resizable: true }}
          stopEditingWhenCellsLoseFocus
          suppressColumnVirtualisation
          tooltipShowDelay={200}
          overlayNoRowsTemplate="<span>没有下级组织</span>"
        />
      </div>
    </div>
  );
}
