/** Checks shared by the people rosters: the ID number against 出生日期 and 性别, dates in order. */
import { ageOn, firstDay, lastDay } from '../../../../shared/domain/dates.js';
import type { RowState } from '../plan/state.js';
import { issueAt } from './issue.js';
import { columnOf, placeOf } from './normalise-row.js';

const GENDER_NAMES: Record<string, string> = { '1': '男', '2': '女' };

/** 出生日期 / 性别 against the ID number; empty ones are taken from it. */
export function checkIdAgainstRow(r: RowState): void {
  const id = r.idInfo;
  if (!id) return;
  const birth = r.values.birthDate as string | null;
  if (birth === null) {
    if (!hasIssue(r, 'birthDate')) r.values.birthDate = id.birthDate;
  } else if (birth.length === 7 ? birth !== id.birthDate.slice(0, 7) : birth !== id.birthDate) {
    r.cellIssues.push(issueAt(placeOf(r), columnOf(r, 'birthDate'), 'ID_BIRTH_MISMATCH', `出生日期${birth}与身份证号中的出生日期${id.birthDate}不一致`));
  }
  const gender = r.values.gender as string | null;
  if (gender === null) {
    if (!hasIssue(r, 'gender')) r.values.gender = id.gender;
  } else if ((gender === '1' || gender === '2') && gender !== id.gender) {
    r.cellIssues.push(issueAt(placeOf(r), columnOf(r, 'gender'), 'ID_SEX_MISMATCH', `性别“${GENDER_NAMES[gender]}”与身份证号显示的性别“${GENDER_NAMES[id.gender]}”不一致`));
  }
}

function hasIssue(r: RowState, field: string): boolean {
  const col = columnOf(r, field);
  return r.cellIssues.some((i) => i.column === col);
}

/** `later` must not be surely before `earlier` (month-precision values may stand for any day). */
export function surelyBefore(a: string, b: string): boolean {
  return lastDay(a) < firstDay(b);
}

export interface DateStep {
  field: string;
  label: string;
}

/**
 * Dates that must come in this order (出生 < 申请 < … ): each present date is compared with the
 * nearest present date before it; a breach is DATE_ORDER on the later column. Returns whether all
 * were in order.
 */
export function checkDateChain(r: RowState, chain: readonly DateStep[]): boolean {
  let prev: { step: DateStep; value: string } | null = null;
  let ok = true;
  for (const step of chain) {
    const v = r.values[step.field];
    if (typeof v !== 'string') continue;
    if (prev && surelyBefore(v, prev.value)) {
      r.cellIssues.push(
        issueAt(placeOf(r), columnOf(r, step.field), 'DATE_ORDER', `${step.label}${v}早于${prev.step.label}${prev.value}，日期先后顺序不对`),
      );
      ok = false;
      continue;
    }
    prev = { step, value: v };
  }
  return ok;
}

/** Under 18 on `field`'s date whatever days month-precision values stand for. */
export function checkAdult(r: RowState, field: string, label: string): boolean {
  const birth = r.values.birthDate;
  const on = r.values[field];
  if (typeof birth !== 'string' || typeof on !== 'string') return true;
  const age = ageOn(firstDay(birth), lastDay(on));
  if (age >= 18) return true;
  r.cellIssues.push(issueAt(placeOf(r), columnOf(r, field), 'AGE_UNDER_18', `${label}${on}时未满18周岁（出生日期${birth}，时年${age}岁）`));
  return false;
}
