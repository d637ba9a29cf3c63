import { isIsoDate } from '../../../shared/domain/dates.js';
import { normalisePersonName, normalisePhone, personNameProblem, phoneProblem } from '../../../shared/domain/rules/index.js';
import type { Member } from '../../../shared/types/records.js';

/** Fields editable in the grid, and how a typed cell value becomes a patch value. */
export const EDITABLE_FIELDS = ['name', 'gender', 'ethnicity', 'phone', 'education', 'jobCategory', 'category', 'joinedOn', 'confirmedOn'] as const;

/** Fields that change only through dated events: the page hands their edits to its event dialog (GridEventDialog). */
export const EVENT_FIELDS = ['category', 'joinedOn', 'confirmedOn'] as const;
export const isEventField = (f: string): f is (typeof EVENT_FIELDS)[number] => (EVENT_FIELDS as readonly string[]).includes(f);
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
    case 'category':
      return text === 'formal' || text === 'probationary' ? { ok: true, value: text } : { ok: false, message: '人员类别应为正式党员或预备党员' };
    case 'joinedOn':
    case 'confirmedOn':
      if (!text) return { ok: true, value: null };
      // Month-only values come from imports where the day is unknown; they stay valid.
      return isIsoDate(text) ? { ok: true, value: text } : { ok: false, message: '日期格式应为 YYYY-MM-DD（只知年月时可填 YYYY-MM），且须为有效日期' };
  }
}
