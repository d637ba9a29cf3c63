import { LedgerError } from '../../../shared/contract/envelope.js';
import { parseIdNumber } from '../../../shared/domain/idcard.js';

/** GB 11643 for records typed in the UI: the shared parser's verdict as a validation error. */
export function checkIdNumber(raw: string): string {
  const r = parseIdNumber(raw);
  if (!r.ok) throw new LedgerError('VALIDATION', r.message, { field: 'idNumber', code: r.code });
  return r.value;
}
