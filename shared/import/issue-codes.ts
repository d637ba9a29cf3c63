/** The stable issue codes of IMPORT.md: shown to users, used by tests and by the CLI's JSON. */
export const ISSUE_CODES = {
  HEADER_NOT_FOUND: { severity: 'error', title: '未找到表头' },
  COLUMN_UNMAPPED: { severity: 'warning', title: '列未对应字段' },
  REQUIRED_MISSING: { severity: 'error', title: '必填项为空' },
  ID_FORMAT: { severity: 'error', title: '身份证号格式错误' },
  ID_CHECKSUM: { severity: 'error', title: '身份证号校验位错误' },
  ID_PRECISION_LOST: { severity: 'error', title: '身份证号数字精度丢失' },
  ID_BIRTH_MISMATCH: { severity: 'warning', title: '出生日期与身份证号不符' },
  ID_SEX_MISMATCH: { severity: 'warning', title: '性别与身份证号不符' },
  DATE_INVALID: { severity: 'error', title: '日期无法识别' },
  DATE_FUTURE: { severity: 'error', title: '日期晚于今天' },
  DATE_ORDER: { severity: 'error', title: '日期先后顺序不对' },
  AGE_UNDER_18: { severity: 'error', title: '未满18周岁' },
  CODE_UNKNOWN: { severity: 'error', title: '代码表中无此值' },
  ORG_UNKNOWN: { severity: 'error', title: '党组织未找到' },
  ORG_AMBIGUOUS: { severity: 'error', title: '党组织名称对应多个组织' },
  DUPLICATE_IN_FILE: { severity: 'error', title: '文件中重复' },
  EXISTS_DIFFERENT: { severity: 'warning', title: '台账中已有且信息不同' },
  /**
   * Ours, beyond IMPORT.md's table: the person is already in the ledger under an organisation
   * outside the importing unit (another township). Importing would move them silently; a 组织关系转接
   * is the way. An error, so the row is left out.
   */
  EXISTS_ELSEWHERE: { severity: 'error', title: '已在其他单位登记' },
  PIPELINE_RULE: { severity: 'warning', title: '发展党员程序提示' },
  /** Ours: a 后备力量 check (age, education, negative list, entry from 入库培养) or stage note; ruleId names the check. */
  RESERVE_RULE: { severity: 'warning', title: '后备力量条件提示' },
  PHONE_FORMAT: { severity: 'warning', title: '电话号码格式不对' },
  /** Ours: a 第一书记 who does not meet (or cannot be shown to meet) the conditions of DOMAIN.md §6. */
  TEAM_ELIGIBILITY: { severity: 'warning', title: '第一书记任职条件' },
  /** Ours: a name in 缺席人员 that is no member of the branch (not recorded in the attendance). */
  MEMBER_UNKNOWN: { severity: 'warning', title: '人员不在该党组织' },
  /**
   * Ours: an organisation row that claims approval rights (审批权限) its kind cannot hold (only a
   * 基层党委 that is not a 村/社区党委 may approve). Imported as the file says and listed among the
   * structure warnings, so the clerk corrects it; the 组织 page refuses setting it.
   */
  ORG_APPROVAL_RIGHTS: { severity: 'warning', title: '不应有审批权限' },
  /** Ours: a 换届 date for a kind that holds no elections (党工委, 临时党支部, 党小组): not recorded. */
  ORG_NO_TERM: { severity: 'warning', title: '该类组织不实行换届' },
  /** Ours: a value that is not a number where one is expected, or longer than the field keeps. */
  VALUE_INVALID: { severity: 'error', title: '数值不正确' },
  /**
   * Ours, from the readers: a row or cell reference beyond what Excel allows (1,048,576 rows,
   * 16,384 columns A–XFD). No spreadsheet program saves one: the file is damaged or forged, and is
   * not read.
   */
  CELL_OUT_OF_RANGE: { severity: 'error', title: '行号或列号超出 Excel 范围' },
  /**
   * Ours, from the readers: a CSV field opens a quote that is never closed. Excel would swallow the
   * rest of the file into that one cell; we read the quote as a plain character and go on row by row,
   * and name the row so the clerk checks it.
   */
  CSV_QUOTE_UNCLOSED: { severity: 'warning', title: '引号没有配对' },
} as const satisfies Record<string, { severity: 'error' | 'warning'; title: string }>;

export type IssueCode = keyof typeof ISSUE_CODES;
export type Severity = 'error' | 'warning';

/** One finding: where (the sheet's own row, the header as in the file) and what, in Chinese. */
export interface ImportIssue {
  file: string;
  sheet: string | null;
  row: number | null;
  column: string | null;
  code: IssueCode | string;
  severity: Severity;
  message: string;
  /** For PIPELINE_RULE: R1 … R16. */
  ruleId?: string;
}

export const severityOf = (code: IssueCode): Severity => ISSUE_CODES[code].severity;
