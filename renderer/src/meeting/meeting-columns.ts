import type { Meeting } from '../../../shared/contract/meeting.js';
import { MEETING_KIND_NAMES } from '../../../shared/domain/meeting-rules.js';

/** Columns of the meeting list: header and how a record shows in it. */
export const MEETING_COLUMNS: readonly { key: string; label: string; text: (m: Meeting) => string }[] = [
  { key: 'heldOn', label: '日期', text: (m) => m.heldOn },
  { key: 'org', label: '党组织', text: (m) => m.orgName },
  { key: 'kind', label: '类型', text: (m) => MEETING_KIND_NAMES[m.kind] ?? m.kind },
  { key: 'topic', label: '主题', text: (m) => m.topic ?? '' },
  { key: 'attendees', label: '实到', text: (m) => (m.attendees === null ? '' : String(m.attendees)) },
  { key: 'absentees', label: '缺席', text: (m) => (m.absentees === null ? '' : String(m.absentees)) },
];

/** The quarter of a month: '2026-05' → '2026-Q2'. */
export const quarterOf = (month: string) => `${month.slice(0, 4)}-Q${Math.floor((Number(month.slice(5, 7)) - 1) / 3) + 1}`;

/** The last ended period of a kind before `today` (what the missed list opens on). */
export function lastEnded(span: 'month' | 'quarter' | 'year', today: string): string {
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7));
  if (span === 'year') return String(y - 1);
  if (span === 'quarter') {
    const q = Math.floor((m - 1) / 3);
    return q === 0 ? `${y - 1}-Q4` : `${y}-Q${q}`;
  }
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}
