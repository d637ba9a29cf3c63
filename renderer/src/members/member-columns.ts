import type { ColDef, ITooltipParams, CellClassParams } from 'ag-grid-community';
import type { Member } from '../../../shared/types/records.js';
import { CATEGORY_NAMES, EDUCATION_NAMES, ETHNICITY_NAMES, GENDER_NAMES, JOB_CATEGORY_NAMES } from '../codes/code-names.js';

/** Grid context: cell errors keyed `${rowId}|${field}`, read by class rules and tooltips. */
export interface MemberGridContext {
  errors: Map<string, string>;
}

export const errorKey = (id: string, field: string) => `${id}|${field}`;

const errorOf = (p: { data?: Member | undefined; colDef: ColDef<Member> | null | undefined; context: MemberGridContext }) =>
  p.data && p.colDef?.field ? p.context.errors.get(errorKey(p.data.id, p.colDef.field)) : undefined;

const withEmpty = (names: Record<string, string>) => ({ '': '', ...names });

/** Common parts of every column: sorted by the core, error marking, error tooltip. */
const base: ColDef<Member> = {
  sortable: true,
  resizable: true,
  cellClassRules: { 'cell-error': (p: CellClassParams<Member>) => errorOf(p) !== undefined },
  tooltipValueGetter: (p: ITooltipParams<Member>) => (p.data && p.colDef && 'field' in p.colDef && p.colDef.field ? p.context.errors.get(errorKey(p.data.id, p.colDef.field)) : undefined),
};

/** A code column edited by choosing from its code table ('' clears it). */
function codeColumn(names: Record<string, string>, canEdit: boolean): Pick<ColDef<Member>, 'refData' | 'editable' | 'cellEditor' | 'cellEditorParams'> {
  return { refData: withEmpty(names), editable: canEdit, cellEditor: 'agSelectCellEditor', cellEditorParams: { values: ['', ...Object.keys(names)] } };
}

/** The column that opens the member's record (党员档案). */
export const RECORD_COLUMN = 'record';

/**
 * Fields only dated events change (shared/contract/member.ts HISTORY_FIELDS): not edited in place;
 * double-click or Enter opens the event dialog instead (MembersPage).
 */
const historyCell: ColDef<Member> = { editable: false, cellClass: 'history-cell', headerTooltip: '由变动记录决定：双击登记变动' };

export function memberColumns(canEdit: boolean): ColDef<Member>[] {
  const cols: ColDef<Member>[] = [
    { colId: RECORD_COLUMN, headerName: '档案', width: 72, pinned: 'left', sortable: false, valueGetter: () => '查看', cellClass: 'record-link' },
    // Minority names with "·" run long (艾则孜·吾术尔).
    { field: 'name', headerName: '姓名', width: 150, pinned: 'left', editable: canEdit },
    { field: 'gender', headerName: '性别', width: 80, ...codeColumn(GENDER_NAMES, canEdit) },
    { field: 'ethnicity', headerName: '民族', width: 100, ...codeColumn(ETHNICITY_NAMES, canEdit) },
    { field: 'idNumber', headerName: '公民身份号码', width: 190, cellClass: 'mono' },
    { field: 'birthDate', headerName: '出生日期', width: 115 },
    { field: 'education', headerName: '学历', width: 150, ...codeColumn(EDUCATION_NAMES, canEdit) },
    { field: 'category', headerName: '人员类别', width: 110, refData: CATEGORY_NAMES, ...historyCell },
    { field: 'joinedOn', headerName: '入党日期', width: 115, ...historyCell },
    { field: 'confirmedOn', headerName: '转正日期', width: 115, ...historyCell },
    { field: 'orgName', headerName: '所在党支部', width: 220, tooltipField: 'orgName', ...historyCell },
    { field: 'jobCategory', headerName: '工作岗位', width: 150, ...codeColumn(JOB_CATEGORY_NAMES, canEdit) },
    { field: 'phone', headerName: '联系电话', width: 130, editable: canEdit, cellEditorParams: { maxLength: 32 } },
  ];
  return cols.map((c) => ({ ...base, ...c }));
}
