/** At least 18 on a date (入党, 申请): whatever days month-precision values stand for. */
import { ageOn, firstDay, lastDay } from '../dates.js';

export function underAgeProblem(birthDate: string | null | undefined, on: string | null | undefined, label: string, minAge = 18): string | null {
  if (!birthDate || !on) return null;
  const age = ageOn(firstDay(birthDate), lastDay(on));
  return age >= minAge ? null : `${label}${on}时未满${minAge}周岁（出生日期${birthDate}，时年${age}岁）`;
}
