/** 联系电话: a mainland mobile number or a landline with its area code. */
import { isValidPhone } from '../phone.js';
import { cleanCell } from '../text.js';

export function normalisePhone(raw: string): string {
  return cleanCell(raw);
}

export function phoneProblem(phone: string): string | null {
  return isValidPhone(phone) ? null : `联系电话“${phone}”不是有效的手机号码或带区号的固定电话`;
}
