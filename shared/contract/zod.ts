import { z } from 'zod';

// Chinese default messages for every schema that does not set its own.
z.config(z.locales.zhCN());

export { z };

export const id = z.string().min(1, '缺少编号').max(64);
/** ISO day or month (month-only dates from imports stay months: the day is unknown). */
export const isoDateOrMonth = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?$/, '日期格式应为 YYYY-MM-DD 或 YYYY-MM');
export const isoDate = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, '日期格式应为 YYYY-MM-DD');
export const optText = (max = 200) => z.string().trim().max(max, `不能超过 ${max} 个字`).nullable().optional();
export const flag = z.boolean();
