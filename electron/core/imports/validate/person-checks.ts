/**
 * The shared field rules (shared/domain/rules) on a roster row: each problem becomes an issue on the
 * column of the field it concerns. The rules are the same the forms, the grids and the contract use.
 */
import { dateOrderProblems, idAgreementProblems, underAgeProblem, type DateStep, type FieldProblem } from '../../../../shared/domain/rules/index.js';
import type { IssueCode } from '../../../../shared/import/index.js';
import type { RowState } from '../plan/state.js';
import { issueAt } from './issue.js';
import { columnOf, placeOf } from './normalise-row.js';

export type { DateStep };

function push(r: RowState, problems: readonly FieldProblem[], code: (p: FieldProblem) => IssueCode): void {
  for (const p of problems) r.cellIssues.push(issueAt(placeOf(r), columnOf(r, p.field), code(p), p.message));
}

function hasIssue(r: RowState, field: string): boolean {
  const col = columnOf(r, field);
  return r.cellIssues.some((i) => i.column === col);
}

/** Empty 出生日期 / 性别 are taken from the ID number; `check`: the typed ones against it. */
export function checkIdAgainstRow(r: RowState, check = true): void {
  const id = r.idInfo;
  if (!id) return;
  const v = r.values;
  if (v.birthDate === null && !hasIssue(r, 'birthDate')) v.birthDate = id.birthDate;
  if (v.gender === null && !hasIssue(r, 'gender')) v.gender = id.gender;
  if (check) push(r, idAgreementProblems(id, v.birthDate as string | null, v.gender as string | null), (p) => (p.field === 'gender' ? 'ID_SEX_MISMATCH' : 'ID_BIRTH_MISMATCH'));
}

/** Dates that must come in this order (出生 < 申请 < … ); returns whether all were in order. */
export function checkDateChain(r: RowState, chain: readonly DateStep[]): boolean {
  const problems = dateOrderProblems(r.values, chain);
  push(r, problems, () => 'DATE_ORDER');
  return problems.length === 0;
}

/** Under 18 on `field`'s date whatever days month-precision values stand for. */
export function checkAdult(r: RowState, field: string, label: string): boolean {
  const bad = underAgeProblem(r.values.birthDate as string | null, r.values[field] as string | null, label);
  if (bad) push(r, [{ field, message: bad }], () => 'AGE_UNDER_18');
  return bad === null;
}
