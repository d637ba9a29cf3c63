import { LedgerError } from '../../../shared/contract/envelope.js';

const W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

/** GB 11643 check for records typed in the UI (imports use the richer shared parser). */
export function checkIdNumber(raw: string): string {
  const v = raw.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(v)) throw new LedgerError('VALIDATION', '公民身份号码应为 18 位', { field: 'idNumber' });
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(v[i]) * W[i]!;
  if (CHECK[sum % 11] !== v[17]) throw new LedgerError('VALIDATION', '公民身份号码校验位不正确', { field: 'idNumber' });
  return v;
}
