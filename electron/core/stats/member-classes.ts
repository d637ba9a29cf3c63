/**
 * The member classes statistics group by, computed from the packed members_facts values
 * (migration 004): what does not depend on the as-of date (codes as the definitions use them,
 * 入党时间 class) is one "static" number per member, kept by the member store.
 */
import { ETHNICITY, EDUCATION } from '../../../shared/codes/tables.js';
import { JOIN_BANDS } from '../../../shared/reports/bands.js';
import { MEMBER_FACT_BITS } from '../db/migrations/004-member-facts.js';

const BUCKET: ReadonlyMap<string, number> = new Map(EDUCATION.filter((e) => e.bucket !== undefined).map((e) => [e.code, e.bucket!]));
export const MINORITY: ReadonlySet<string> = new Set(ETHNICITY.map((e) => e.code).filter((c) => c !== '01'));
export const bucketOf = (code: string | null): number | null => (code ? (BUCKET.get(code) ?? null) : null);

/** An ISO day (or month, year) as the yyyymmdd integer migration 004 stores. */
export const dateInt = (d: string) => Number((d.replace(/-/g, '') + '0000').slice(0, 8));

/** The text of a code packed by codeInt (migration 004); a value of another shape is no code. */
export function codeText(v: number, width: number): string | null {
  if (v === 0) return null;
  if (v === 10 ** width + 1) return '\u0000other';
  return String(v - 1).padStart(width, '0');
}
/** The ISO text of a date packed by dateInt (migration 004). */
export function dateText(v: number): string | null {
  if (v === 0) return null;
  const s = String(v).padStart(8, '0');
  return s.slice(4, 6) === '00' ? s.slice(0, 4) : s.slice(6, 8) === '00' ? `${s.slice(0, 4)}-${s.slice(4, 6)}` : `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}`;
}

/** Per packed education code (7 bits): 1 + its bucket, 0 when none; per ethnicity code: 1 for a minority. */
const BUCKET_OF = Uint8Array.from({ length: 128 }, (_, v) => (bucketOf(codeText(v, 2)) ?? -1) + 1);
const MINORITY_OF = Uint8Array.from({ length: 128 }, (_, v) => {
  const t = codeText(v, 2);
  return t !== null && MINORITY.has(t) ? 1 : 0;
});

/**
 * The codes of c as the definitions use them, packed small so members group into few keys:
 * gender (4 bits), minority (1), education bucket + 1 (3), job (7), then 流动, 失联, 网格报到.
 */
function reducedCodes(c: number): number {
  const B = MEMBER_FACT_BITS;
  return (c & 15) | (MINORITY_OF[(c >>> B.ethnicity) & 127]! << 4) | (BUCKET_OF[(c >>> B.education) & 127]! << 5) | (((c >>> B.job) & 127) << 8) | (((c >>> B.mobile) & 7) << 15);
}

export const JOIN_CLASSES = JOIN_BANDS.length + 1;
const JOIN_MAX = JOIN_BANDS.map((b) => (b.where as { max?: string }).max).filter((x): x is string => x !== undefined).map(dateInt);
/** 入党时间 class: 0 unknown, else 1 + the number of band ends the date is after. */
export const joinRep = (cls: number): string | null => (cls === 0 ? null : ((JOIN_BANDS[cls - 1]!.where as { min?: string }).min ?? '0000-00'));

/** The member's date-independent class from its packed a (birth, joined) and c (codes, flags). */
export function staticClass(a: number, c: number): number {
  const joined = a % 1e8;
  let joinCls = 0;
  if (joined > 0) {
    joinCls = 1;
    for (const m of JOIN_MAX) if (joined > m) joinCls++;
  }
  return joinCls + JOIN_CLASSES * reducedCodes(c);
}

/** The fields of a member fact that a static class decides. */
export function staticFields(st: number) {
  const k = Math.floor(st / JOIN_CLASSES);
  const bucket = ((k >>> 5) & 7) - 1;
  const flagsHi = k >>> 15;
  return {
    joinedOn: joinRep(st % JOIN_CLASSES),
    educationBucket: bucket < 0 ? null : bucket,
    collegeOrAbove: bucket >= 0 && bucket <= 3,
    jobCategory: codeText((k >>> 8) & 127, 2),
    gender: codeText(k & 15, 1),
    minority: ((k >>> 4) & 1) === 1,
    mobile: (flagsHi & 1) === 1,
    lostContact: (flagsHi & 2) === 2,
    gridRegistered: (flagsHi & 4) === 4,
  };
}
