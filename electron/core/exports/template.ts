import type ExcelJS from 'exceljs';
import { loadExcelJS } from './exceljs.js';
import { CODE_TABLES } from '../../../shared/codes/index.js';
import { COLUMNS, monthColumns, NO, ROSTER_KIND_NAMES, YES, type ColumnDef, type RosterKind } from '../../../shared/import/columns.js';
import { columnLetter, HEADER_ALIGNMENT, HEADER_BORDER, HEADER_FILL, HEADER_FONT, REQUIRED_FONT, setProperties, sheetName, TEXT_FORMAT } from './book.js';
import { isTextColumn } from './cells.js';
import { guardFormulaText } from '../../../shared/domain/formula-text.js';
import { EXAMPLES } from './examples.js';

/** Rows of the data sheet that carry dropdowns and formats (a township's members fit). */
export const TEMPLATE_ROWS = 10_000;
/** Row of the header in the data sheet: title, 填报单位 row, then the header. */
export const TEMPLATE_HEADER_ROW = 3;
export const LIST_SHEET = '代码表';
export const GUIDE_SHEET = '填写说明';

export interface TemplateOptions {
  kind: RosterKind;
  /** Shown in the title: the unit the template is for (or the ledger's unit without a database). */
  unitName: string;
  /** Labels of the unit's organisations for the organisation dropdowns (empty without a database). */
  orgLabels: readonly string[];
  /** Names of the unit's grid units by kind (community, grid …) for the grid level columns. */
  gridNames: Readonly<Record<string, readonly string[]>>;
  today: string;
}

/** Code names a dropdown offers (地方党委 is the county itself: no unit creates one). */
function codeNames(col: ColumnDef): string[] {
  if (!col.codeTable) return [];
  const names = CODE_TABLES[col.codeTable].table.filter((e) => !(col.codeTable === 'org-kind' && e.code === 'local-committee')).map((e) => e.name);
  // 男 and 女 first: the others are almost never chosen.
  if (col.codeTable === 'gender') return [...names.filter((n) => n === '男' || n === '女'), ...names.filter((n) => n !== '男' && n !== '女')];
  return names;
}

/** The values of a column's dropdown, and how strictly Excel holds clerks to them. */
export function listFor(col: ColumnDef, o: Pick<TemplateOptions, 'orgLabels' | 'gridNames'>): { values: string[]; style: 'stop' | 'warning' | 'information' } | null {
  switch (col.kind) {
    case 'code':
      return { values: codeNames(col), style: 'stop' };
    case 'choice':
      return { values: (col.choices ?? []).map((c) => c.label), style: 'stop' };
    case 'boolean':
      return { values: [YES, NO], style: 'stop' };
    case 'orgRef':
      return o.orgLabels.length > 0 ? { values: [...o.orgLabels], style: 'warning' } : null;
    case 'gridLevel': {
      // New units may be added: the list only suggests the existing ones.
      const names = col.gridKind ? (o.gridNames[col.gridKind] ?? []) : [];
      return names.length > 0 ? { values: [...new Set(names)], style: 'information' } : null;
    }
    default:
      return col.suggestions ? { values: [...col.suggestions], style: 'information' } : null;
  }
}

/** One line of the instructions per column. */
export function hintFor(col: ColumnDef, withOrgList: boolean): string {
  const parts: string[] = [];
  switch (col.kind) {
    case 'code':
      parts.push(`从下拉列表选择（${col.codeTable ? CODE_TABLES[col.codeTable].title : ''}代码表的标准名称）`);
      break;
    case 'choice':
      parts.push(`可选：${(col.choices ?? []).map((c) => c.label).join('、')}`);
      break;
    case 'boolean':
      parts.push(`填“${YES}”或“${NO}”，不填视为“${NO}”`);
      break;
    case 'orgRef':
      parts.push(withOrgList ? '从下拉列表选择本单位的党组织' : '填写党组织全称（与公章一致）');
      break;
    case 'gridLevel':
      parts.push('该单元所属的各级网格单元名称，从上到下逐级填写；本行描述的是填到的最下一级');
      break;
    case 'idNumber':
      parts.push('按文本填写，18 位（末位可为 X）');
      break;
    case 'date':
      parts.push('日期，如 2024-05-01；只知道月份写 2024-05');
      break;
    case 'integer':
      parts.push('填整数');
      break;
    case 'number':
      parts.push('填数字');
      break;
    case 'phone':
      parts.push('手机 11 位，或固定电话（区号-号码）');
      break;
    default:
      if (col.suggestions) parts.push(`可从下拉列表选择（${col.suggestions.join('、')}），也可直接填写`);
  }
  if (col.hint) parts.push(col.hint);
  return parts.join('；');
}

/** exceljs has range validations (worksheet.dataValidations) but its typings omit them. */
const validations = (ws: ExcelJS.Worksheet) => (ws as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }).dataValidations;

/** The workbook subordinate units fill in (see CLI.md `template`). */
export async function buildTemplate(o: TemplateOptions): Promise<Buffer> {
  const Excel = await loadExcelJS();
  // A teams template carries the month grid of the current year (days in the village).
  const cols = o.kind === 'teams' ? [...COLUMNS.teams, ...monthColumns(Array.from({ length: 12 }, (_, i) => `${o.today.slice(0, 4)}-${String(i + 1).padStart(2, '0')}`))] : COLUMNS[o.kind];
  const kindName = ROSTER_KIND_NAMES[o.kind];
  const title = `${o.unitName}${kindName}信息采集表`;
  const wb = new Excel.Workbook();
  setProperties(wb, title, o.unitName);
  wb.subject = `${kindName}信息填报模板`;

  const data = wb.addWorksheet(sheetName(`${kindName}信息`), {
    views: [{ state: 'frozen', xSplit: o.kind === 'orgs' || o.kind === 'grids' ? 1 : 2, ySplit: TEMPLATE_HEADER_ROW, activeCell: `A${TEMPLATE_HEADER_ROW + 1}` }],
    properties: { defaultRowHeight: 18 },
    pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: `${TEMPLATE_HEADER_ROW}:${TEMPLATE_HEADER_ROW}` },
  });
  const guide = wb.addWorksheet(GUIDE_SHEET, { properties: { tabColor: { argb: 'FFC00000' } } });
  const lists = wb.addWorksheet(LIST_SHEET, { state: 'veryHidden' });

  // Data sheet: title, the 填报 line, the header.
  const last = columnLetter(cols.length);
  data.columns = cols.map((c) => ({ key: c.key, width: c.width ?? 12, ...(isTextColumn(c) ? { style: { numFmt: TEXT_FORMAT } } : {}) }));
  data.mergeCells(`A1:${last}1`);
  const t = data.getCell('A1');
  t.value = title;
  t.font = { name: '宋体', size: 16, bold: true };
  t.alignment = { horizontal: 'center', vertical: 'middle' };
  t.numFmt = 'General';
  data.getRow(1).height = 30;
  data.mergeCells(`A2:${last}2`);
  const f = data.getCell('A2');
  f.value = '填报单位：　　　　　　　　　　填报人：　　　　　　联系电话：　　　　　　　填报日期：　　　　年　　月　　日　　（填写前请阅读“填写说明”工作表；红色列名为必填项）';
  f.font = { name: '宋体', size: 11 };
  f.alignment = { horizontal: 'left', vertical: 'middle' };
  f.numFmt = 'General';
  data.getRow(2).height = 22;
  const header = data.getRow(TEMPLATE_HEADER_ROW);
  header.height = 30;
  cols.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.label;
    cell.numFmt = 'General';
    cell.font = c.required ? REQUIRED_FONT : HEADER_FONT;
    cell.fill = HEADER_FILL;
    cell.border = HEADER_BORDER;
    cell.alignment = HEADER_ALIGNMENT;
    cell.note = { texts: [{ text: (c.required ? '必填。' : '') + hintFor(c, o.orgLabels.length > 0) }] };
  });

  // Lists on the hidden sheet, one column each, referenced by a defined name (no 255-character limit).
  const first = TEMPLATE_HEADER_ROW + 1;
  const lastRow = TEMPLATE_HEADER_ROW + TEMPLATE_ROWS;
  const listNames = new Map<string, string>();
  let listCol = 0;
  cols.forEach((c, i) => {
    const letter = columnLetter(i + 1);
    const range = `${letter}${first}:${letter}${lastRow}`;
    const list = listFor(c, o);
    if (list && list.values.length > 0) {
      const key = list.values.join('\u0001');
      let name = listNames.get(key);
      if (!name) {
        listCol++;
        name = `L_${c.key}`;
        const colLetter = columnLetter(listCol);
        list.values.forEach((v, r) => {
          // Organisation and grid names are clerks' text: the picked value must not be a formula.
          lists.getCell(r + 1, listCol).value = guardFormulaText(v);
        });
        wb.definedNames.add(`'${LIST_SHEET}'!$${colLetter}$1:$${colLetter}$${list.values.length}`, name);
        listNames.set(key, name);
      }
      validations(data).add(range, {
        type: 'list',
        allowBlank: true,
        formulae: [name],
        showErrorMessage: true,
        errorStyle: list.style,
        errorTitle: c.label,
        error: list.style === 'stop' ? `请从下拉列表中选择${c.label}` : `“${c.label}”不在列表中，请确认是否填写正确`,
        showInputMessage: c.kind === 'orgRef' || c.kind === 'gridLevel',
        promptTitle: c.label,
        prompt: hintFor(c, true).slice(0, 250),
      });
    } else if (c.kind === 'date' || c.kind === 'idNumber') {
      validations(data).add(range, {
        type: 'textLength',
        operator: 'lessThanOrEqual',
        allowBlank: true,
        formulae: [c.kind === 'idNumber' ? 20 : 12],
        showInputMessage: true,
        promptTitle: c.label,
        prompt: c.kind === 'idNumber' ? '18 位公民身份号码，按文本填写（本列已设为文本格式）' : '如 2024-05-01；只知道月份写 2024-05',
        showErrorMessage: true,
        errorStyle: 'warning',
        errorTitle: c.label,
        error: c.kind === 'idNumber' ? '公民身份号码应为 18 位' : '日期写法如 2024-05-01 或 2024-05',
      });
    }
  });

  writeGuide(guide, o, cols, kindName, data.name);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function writeGuide(ws: ExcelJS.Worksheet, o: TemplateOptions, cols: readonly ColumnDef[], kindName: string, dataSheet: string): void {
  ws.columns = [{ width: 26 }, { width: 8 }, { width: 70 }, { width: 28 }];
  const one = o.kind === 'orgs' || o.kind === 'grids' ? '一行一个单位' : '一行一人';
  const rules = [
    `${kindName}信息采集表填写说明`,
    `1. 请在“${dataSheet}”工作表第 ${TEMPLATE_HEADER_ROW + 1} 行起逐行填写，${one}；第 2 行填写填报单位、填报人和填报日期。`,
    `2. 请勿修改、删除或调换第 ${TEMPLATE_HEADER_ROW} 行的列名，不要合并单元格，不要插入小计、合计行；不需要的列留空即可。`,
    '3. 红色列名为必填项，其余按实际情况填写。',
    '4. 公民身份号码按文本填写（本列已设为文本格式），18 位，末位 X 大小写均可。不要把该列改为“数值”或“常规”格式，否则 Excel 会把后几位变成 0，造成号码错误。从其他表格复制时请用“选择性粘贴—数值”。',
    '5. 日期可写为 2024-05-01、2024/5/1、2024.5.1、2024年5月1日 或 20240501；只知道年月的写 2024-05、2024.05 或 2024年5月，不要编造日期。',
    '6. 带下拉箭头的列请从列表中选择；代码类（性别、民族、学历、工作岗位等）请使用列表中的标准名称。',
    o.orgLabels.length > 0
      ? '7. 党组织请从下拉列表选择本单位已有的党组织（导入时不会自动新建党组织）。'
      : '7. 党组织请填写全称（与公章一致），如“中共某某村支部委员会”。',
    '8. 少数民族姓名中间的点请写作“·”。',
    '9. 同一人（同一单位）只填一行。填好后保存为 .xlsx 文件（WPS 亦可），报送上级组织部门。',
  ];
  rules.forEach((line, i) => {
    const row = ws.getRow(i + 1);
    ws.mergeCells(i + 1, 1, i + 1, 4);
    row.getCell(1).value = line;
    row.getCell(1).alignment = { wrapText: true, vertical: 'middle' };
    row.getCell(1).font = i === 0 ? { name: '宋体', size: 16, bold: true } : { name: '宋体', size: 11 };
    row.height = i === 0 ? 30 : Math.max(20, Math.ceil(line.length / 60) * 18);
  });
  const top = rules.length + 2;
  const head = ws.getRow(top);
  ['列名', '必填', '填写要求', '示例'].forEach((h, i) => {
    const c = head.getCell(i + 1);
    c.value = h;
    c.font = HEADER_FONT;
    c.fill = HEADER_FILL;
    c.border = HEADER_BORDER;
    c.alignment = HEADER_ALIGNMENT;
  });
  const examples = EXAMPLES[o.kind];
  cols.forEach((c, i) => {
    const row = ws.getRow(top + 1 + i);
    row.getCell(1).value = c.label;
    row.getCell(1).font = c.required ? REQUIRED_FONT : { name: '宋体', size: 11 };
    row.getCell(2).value = c.required ? '是' : '';
    row.getCell(2).alignment = { horizontal: 'center' };
    row.getCell(3).value = hintFor(c, o.orgLabels.length > 0) || '按实际情况填写';
    row.getCell(3).alignment = { wrapText: true, vertical: 'top' };
    row.getCell(4).value = examples[c.key] ?? '';
    row.getCell(4).numFmt = TEXT_FORMAT;
  });
}
