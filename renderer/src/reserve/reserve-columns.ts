import type { ColDef } from 'ag-grid-community';
import type { ReserveView } from '../../../shared/contract/reserve.js';
import { EDUCATION_NAMES, GENDER_NAMES } from '../codes/code-names.js';
import { DIRECTION_NAMES, POLITICAL_STATUS_NAMES, SOURCE_NAMES, STAGE_NAMES } from './reserve-names.js';

const withEmpty = (names: Record<string, string>) => ({ '': '', ...names });

/** The register's columns; the stage shows its date, a linked person says whose values are shown. */
export function reserveColumns(): ColDef<ReserveView>[] {
  const cols: ColDef<ReserveView>[] = [
    {
      field: 'name',
      headerName: '姓名',
      width: 150,
      pinned: 'left',
      tooltipValueGetter: (p) => (p.data?.linkedTo === 'member' ? '党员：信息取自党员名册' : p.data?.linkedTo === 'pipeline' ? '发展对象：信息取自发展党员名册' : undefined),
      cellClass: (p) => (p.data?.linkedTo ? 'linked-person' : ''),
    },
    { field: 'villageName', headerName: '所在村', width: 200 },
    {
      field: 'stage',
      headerName: '阶段',
      width: 180,
      valueFormatter: (p) => (p.data ? `${STAGE_NAMES[p.data.stage] ?? p.data.stage}${p.data.stageOn ? ` ${p.data.stageOn}` : ''}` : ''),
      cellClass: (p) => `stage-cell stage-${p.data?.stage ?? ''}`,
    },
    { field: 'direction', headerName: '培养方向', width: 120, refData: withEmpty(DIRECTION_NAMES) },
    { field: 'gender', headerName: '性别', width: 70, refData: withEmpty(GENDER_NAMES) },
    { field: 'birthDate', headerName: '出生日期', width: 110 },
    { field: 'education', headerName: '学历', width: 140, refData: withEmpty(EDUCATION_NAMES) },
    { field: 'politicalStatus', headerName: '政治面貌', width: 130, refData: withEmpty(POLITICAL_STATUS_NAMES) },
    { field: 'source', headerName: '来源类别', width: 150, refData: withEmpty(SOURCE_NAMES) },
    { field: 'currentPost', headerName: '现任职务', width: 130 },
    { field: 'mentor', headerName: '培养联系人', width: 110 },
    { field: 'exitPost', headerName: '进入两委职务', width: 140 },
    { field: 'idNumber', headerName: '公民身份号码', width: 190, cellClass: 'mono' },
  ];
  return cols.map((c) => ({ resizable: true, ...c }));
}
