import { z } from 'zod';
import { todayIso } from '../domain/dates.js';
import { parseIdNumber } from '../domain/idcard.js';
import { futureProblem, normalisePersonName, normalisePhone, personNameProblem, phoneProblem, realDateProblem } from '../domain/rules/index.js';

// Chinese default messages for every schema that does not set its own.
z.config(z.locales.zhCN());

export { z };

export const id = z.string().min(1, '缺少编号').max(64);

/** A real calendar date (2023-02-31 is refused), by the shared rule forms and the import use too. */
const realDate = (allowMonth: boolean) =>
  z.string().superRefine((v, c) => {
    const bad = realDateProblem(v, allowMonth);
    if (bad) c.addIssue({ code: 'custom', message: bad });
  });
/** ISO day or month (month-only dates from imports stay months: the day is unknown). */
export const isoDateOrMonth = realDate(true);
export const isoDate = realDate(false);

/** The date of something that has happened: real, and not after today on this machine. */
const past = (base: z.ZodString) =>
  base.superRefine((v, c) => {
    if (realDateProblem(v, true) !== null) return;
    const bad = futureProblem(v, todayIso(), '');
    if (bad) c.addIssue({ code: 'custom', message: `日期${bad}` });
  });
export const pastDate = past(isoDate);
export const pastDateOrMonth = past(isoDateOrMonth);

export const optText = (max = 200) => z.string().trim().max(max, `不能超过 ${max} 个字`).nullable().optional();
export const flag = z.boolean();

/** 公民身份号码: 18 characters with a right check character; a 15-digit legacy number is upgraded. */
export const idNumber = z.string().transform((s, c) => {
  const r = parseIdNumber(s);
  if (r.ok) return r.value;
  c.addIssue({ code: 'custom', message: r.message });
  return z.NEVER;
});

/** A person's name: spaces removed, every look-alike of "·" made "·" (艾则孜·吾术尔). */
export const personName = z.string().transform((s, c) => {
  const name = normalisePersonName(s);
  const bad = personNameProblem(name);
  if (bad === null) return name;
  c.addIssue({ code: 'custom', message: bad });
  return z.NEVER;
});

/** 联系电话: a mobile number or a landline with its area code; blank is none. */
export const phoneNumber = z
  .string()
  .transform((s, c) => {
    const p = normalisePhone(s);
    if (p === '') return null;
    const bad = phoneProblem(p);
    if (bad === null) return p;
    c.addIssue({ code: 'custom', message: bad });
    return z.NEVER;
  })
  .nullable()
  .optional();
