import { normalisePersonName, normalisePhone, personNameProblem, phoneProblem } from '../../../shared/domain/rules/index.js';
import type { Member } from '../../../shared/types/records.js';

/**
 * Fields editable in the grid, and how a typed cell value becomes a patch value: the shared field
 * rules (shared/domain/rules), as the form, the contract and the import use them. 人员类别, 入党/转正
 * 日期 and the branch change only through dated events (the event dialog).
 */
export const EDITABLE_FIELDS = ['name', 'gender', 'ethnicity', 'phone', 'education', 'jobCategory'] as const;
export type EditableField = (typeof EDITABLE_FIELDS)[number];

export const isEditableField = (f: string): f is EditableField => (EDITABLE_FIELDS as readonly string[]).includes(f);

export type Normalised = { ok: true; value: Member[EditableField] } | { ok: false; message: string };

/** Checks a cell value by the shared field rules before it is sent; the core validates again and has the last word. */
export function normaliseCell(field: EditableField, raw: unknown): Normalised {
  const text = raw === null || raw === undefined ? '' : String(raw).trim();
  switch (field) {
    case 'name': {
      const name = normalisePersonName(text);
      const problem = personNameProblem(name);
      return problem ? { ok: false, message: problem } : { ok: true, value: name };
    }
    case 'phone': {
      const phone = normalisePhone(text);
      const problem = phone ? phoneProblem(phone) : null;
      return problem ? { ok: false, message: problem } : { ok: true, value: phone || null };
    }
    case 'education':
    case 'ethnicity':
    case 'jobCategory':
      return { ok: true, value: text || null };
    case 'gender':
      return { ok: true, value: (text || null) as Member['gender'] };
  }
}
