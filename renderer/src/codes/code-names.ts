import { EDUCATION, ETHNICITY, GENDER, JOB_CATEGORY, ORG_KIND, UNIT_CATEGORY, type CodeTable } from '../../../shared/codes/tables.js';
import { ROLE_NAMES } from '../../../shared/types/roles.js';

export { ROLE_NAMES };

/** code → name maps for display (grid refData, labels). */
function namesOf(table: CodeTable): Record<string, string> {
  return Object.fromEntries(table.map((e) => [e.code, e.name]));
}

export const GENDER_NAMES = namesOf(GENDER);
export const ETHNICITY_NAMES = namesOf(ETHNICITY);
export const EDUCATION_NAMES = namesOf(EDUCATION);
export const JOB_CATEGORY_NAMES = namesOf(JOB_CATEGORY);
export const ORG_KIND_NAMES = namesOf(ORG_KIND);
export const UNIT_CATEGORY_NAMES = namesOf(UNIT_CATEGORY);
export const CATEGORY_NAMES: Record<'formal' | 'probationary', string> = { formal: '正式党员', probationary: '预备党员' };

/** Select options in table order. */
export function optionsOf(names: Record<string, string>): { value: string; label: string }[] {
  return Object.entries(names).map(([value, label]) => ({ value, label }));
}

/** Name of a code, or the raw code when the table does not know it (never hide data). */
export function display(names: Record<string, string>, code: string | null | undefined): string {
  if (code === null || code === undefined || code === '') return '';
  return names[code] ?? code;
}
