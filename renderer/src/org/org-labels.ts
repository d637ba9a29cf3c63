import type { TermStatus } from '../../../shared/domain/terms.js';
import type { OrgRow } from '../../../shared/contract/org.js';

/** A term's state as the 组织 page says it; 'soon' is a running term ending within the list's months. */
export const TERM_STATUS_NAMES: Record<TermStatus | 'soon', string> = { ok: '任期内', soon: '即将届满', due: '应换届', overdue: '超期未换届' };

export const termTagClass = (s: TermStatus | null): string => (s === 'overdue' ? 'tag bad' : s === 'due' ? 'tag warn' : 'tag');

/** The term column of a list row: its state, or 即将届满 for a running term on the term list. */
export const termText = (r: Pick<OrgRow, 'termStatus'>, soon = false): string =>
  r.termStatus === null ? '未登记换届' : r.termStatus === 'ok' && soon ? TERM_STATUS_NAMES.soon : TERM_STATUS_NAMES[r.termStatus];

/** Empty text for a missing value: lists show nothing rather than "null". */
export const orBlank = (v: string | number | null | undefined): string => (v === null || v === undefined ? '' : String(v));
