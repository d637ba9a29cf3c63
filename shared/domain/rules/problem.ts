/**
 * What a field rule reports: the field it concerns, a Chinese sentence saying what is wrong, and the
 * kind of breach as the import names it (shared/import/issue-codes.ts), so a roster row, a form and
 * the contract tell the same thing the same way.
 */
export type RuleCode =
  | 'DATE_INVALID'
  | 'DATE_FUTURE'
  | 'DATE_ORDER'
  | 'AGE_UNDER_18'
  | 'ID_FORMAT'
  | 'ID_BIRTH_MISMATCH'
  | 'ID_SEX_MISMATCH'
  | 'PHONE_FORMAT'
  | 'VALUE_INVALID'
  | 'REQUIRED_MISSING';

export interface FieldProblem {
  field: string;
  message: string;
  code?: RuleCode;
}
