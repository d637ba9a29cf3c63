/**
 * 出生日期 and 性别 follow from the citizen ID number (GB 11643): a typed value that disagrees is a
 * mistake in one of them; a missing one is taken from the number.
 */
import type { FieldProblem } from './problem.js';

const GENDER_NAMES: Record<string, string> = { '1': '男', '2': '女' };

export interface IdFacts {
  birthDate: string;
  gender: '1' | '2';
}

export function idAgreementProblems(id: IdFacts, birthDate: string | null | undefined, gender: string | null | undefined): FieldProblem[] {
  const out: FieldProblem[] = [];
  if (birthDate && (birthDate.length === 7 ? birthDate !== id.birthDate.slice(0, 7) : birthDate !== id.birthDate)) {
    out.push({ field: 'birthDate', message: `出生日期${birthDate}与身份证号中的出生日期${id.birthDate}不一致` });
  }
  if ((gender === '1' || gender === '2') && gender !== id.gender) {
    out.push({ field: 'gender', message: `性别“${GENDER_NAMES[gender]}”与身份证号显示的性别“${GENDER_NAMES[id.gender]}”不一致` });
  }
  return out;
}
