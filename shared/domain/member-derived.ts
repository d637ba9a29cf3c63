/**
 * What a member record shows but nobody types (DOMAIN.md §3): 年龄, 党龄 (from 转正日期, adjusted by
 * 党龄校正值 in months) and "光荣在党50年" eligibility. The statistics use the same definitions.
 */
import { ageOn } from './dates.js';

/** Whole months of 党龄 on `d` (ISO day): from `confirmedOn`, plus `adjust` months. */
export function partyMonths(confirmedOn: string, d: string, adjust: number): number {
  const day = confirmedOn.slice(8, 10);
  return Number(d.slice(0, 4)) * 12 + Number(d.slice(5, 7)) - (Number(confirmedOn.slice(0, 4)) * 12 + Number(confirmedOn.slice(5, 7))) - (d.slice(8, 10) < day ? 1 : 0) + adjust;
}

export interface MemberAges {
  /** Whole years on the date, or null without a birth date. */
  age: number | null;
  /** Whole months of 党龄, or null for someone not (yet) confirmed on the date. */
  partyMonths: number | null;
  /** 党龄 ≥ 50 years: eligible for the "光荣在党50年" medal. */
  fiftyYears: boolean;
}

export function memberAges(m: { birthDate: string | null; confirmedOn: string | null; partyAgeAdjustMonths: number }, d: string): MemberAges {
  const months = m.confirmedOn !== null && m.confirmedOn <= d ? Math.max(0, partyMonths(m.confirmedOn, d, m.partyAgeAdjustMonths)) : null;
  return { age: m.birthDate ? ageOn(m.birthDate, d) : null, partyMonths: months, fiftyYears: months !== null && months >= 600 };
}

/** 党龄 as people say it: "32年", "32年5个月", or "不满1个月" in the first month. */
export function partyAgeText(months: number): string {
  if (months <= 0) return '不满1个月';
  const y = Math.floor(months / 12);
  const m = months % 12;
  return m === 0 ? `${y}年` : y === 0 ? `${m}个月` : `${y}年${m}个月`;
}
