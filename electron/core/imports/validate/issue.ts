import { ISSUE_CODES, type ImportIssue, type IssueCode } from '../../../../shared/import/index.js';

/** Where a row lives, for the issues it raises. */
export interface RowPlace {
  file: string;
  sheet: string;
  row: number;
}

export function issueAt(place: RowPlace, column: string | null, code: IssueCode, message: string, ruleId?: string): ImportIssue {
  const issue: ImportIssue = { file: place.file, sheet: place.sheet, row: place.row, column, code, severity: ISSUE_CODES[code].severity, message };
  if (ruleId) issue.ruleId = ruleId;
  return issue;
}

export const hasError = (issues: readonly ImportIssue[]): boolean => issues.some((i) => i.severity === 'error');
