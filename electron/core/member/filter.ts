import { sql, type RawBuilder } from 'kysely';
import type { z } from 'zod';
import type { memberFilter } from '../../../shared/contract/member.js';
import { addYears } from '../../../shared/domain/dates.js';
import { escapeLike } from '../util/like.js';

export type MemberFilter = z.output<typeof memberFilter>;

/** What the roster's search box holds (see memberFilter.text). */
export type Search = { kind: 'idNumber' | 'initials'; prefix: string } | { kind: 'name'; fragment: string };

export function classifySearch(text: string | undefined): Search | null {
  const t = (text ?? '').trim();
  if (t === '') return null;
  if (/^\d+[xX]?$/.test(t)) return { kind: 'idNumber', prefix: t.toUpperCase() };
  if (/^[a-zA-Z]+$/.test(t)) return { kind: 'initials', prefix: t.toLowerCase() };
  return { kind: 'name', fragment: t };
}

/** The first text after every text starting with `prefix` (prefixes here are ASCII). */
const prefixEnd = (prefix: string) => prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);

/**
 * The roster's filter as SQL conditions on the members table aliased `a`, shared by member.list and
 * the roster export, so "export what I see" exports exactly what the grid shows. Each search kind is
 * an index range or lookup: ID numbers and initials by prefix, a name fragment through member_grams
 * (each character and pair of characters of every name, migration 015) and then checked whole.
 * `today` is the date ages and 党龄 are counted on. A gridId must have been scope-checked.
 */
export function memberConditions(a: string, f: MemberFilter | undefined, today: string): RawBuilder<boolean>[] {
  if (!f) return [];
  const out: RawBuilder<boolean>[] = [];
  const col = (c: string) => sql.ref(`${a}.${c}`);
  const search = classifySearch(f.text);
  if (search?.kind === 'idNumber') out.push(sql<boolean>`${col('id_number')} >= ${search.prefix} AND ${col('id_number')} < ${prefixEnd(search.prefix)}`);
  if (search?.kind === 'initials') out.push(sql<boolean>`${col('initials')} >= ${search.prefix} AND ${col('initials')} < ${prefixEnd(search.prefix)}`);
  if (search?.kind === 'name') {
    const gram = [...search.fragment].slice(0, 2).join('');
    out.push(sql<boolean>`${col('rowid')} IN (SELECT rid FROM member_grams WHERE gram = ${gram})`);
    if (gram !== search.fragment) out.push(sql<boolean>`instr(${col('name')}, ${search.fragment}) > 0`);
  }
  if (f.name) out.push(sql<boolean>`${col('name')} LIKE ${'%' + escapeLike(f.name) + '%'} ESCAPE '\\'`);
  if (f.idNumber) out.push(sql<boolean>`${col('id_number')} LIKE ${escapeLike(f.idNumber.toUpperCase()) + '%'} ESCAPE '\\'`);
  const eq = (c: string, v: string | number) => out.push(sql<boolean>`${col(c)} = ${v}`);
  if (f.gender) eq('gender', f.gender);
  if (f.ethnicity) eq('ethnicity', f.ethnicity);
  if (f.education) eq('education', f.education);
  if (f.category) eq('category', f.category);
  if (f.jobCategory) eq('job_category', f.jobCategory);
  if (f.mobile !== undefined) eq('mobile', f.mobile ? 1 : 0);
  if (f.lostContact !== undefined) eq('lost_contact', f.lostContact ? 1 : 0);
  // Age n or more today: born on or before today n years ago; at most n: born after today n + 1 years ago.
  if (f.ageMin !== undefined) out.push(sql<boolean>`${col('birth_date')} <= ${addYears(today, -f.ageMin)}`);
  if (f.ageMax !== undefined) out.push(sql<boolean>`${col('birth_date')} > ${addYears(today, -(f.ageMax + 1))}`);
  if (f.fiftyYears !== undefined) {
    // 党龄 counts from 转正日期, moved by the member's 党龄校正值 (months).
    const fifty = sql<boolean>`${col('confirmed_on')} <= date(${today}, (${col('party_age_adjust_months')} - 600) || ' months')`;
    out.push(f.fiftyYears ? fifty : sql<boolean>`NOT coalesce(${fifty}, 0)`);
  }
  if (f.gridId) {
    out.push(sql<boolean>`${col('grid_id')} IN (SELECT g.id FROM grids p JOIN grids g ON g.path >= p.path AND g.path < substr(p.path, 1, length(p.path) - 1) || '0' WHERE p.id = ${f.gridId})`);
  }
  if (f.hasGrid !== undefined) out.push(f.hasGrid ? sql<boolean>`${col('grid_id')} IS NOT NULL` : sql<boolean>`${col('grid_id')} IS NULL`);
  return out;
}

/** memberConditions on a Kysely query (the roster export). */
export function whereMemberFilter<Q extends { where: (...args: any[]) => Q }>(q: Q, a: string, f: MemberFilter | undefined, today: string): Q {
  for (const c of memberConditions(a, f, today)) q = q.where(c);
  return q;
}
