import { sql } from 'kysely';
import type { z } from 'zod';
import type { memberFilter } from '../../../shared/contract/member.js';
import { escapeLike } from '../util/like.js';

export type MemberFilter = z.output<typeof memberFilter>;

/**
 * The members grid's filter as SQL, shared by member.list and the roster export so "export what I
 * see" exports exactly what the grid shows. `a` is the members table's alias in the query.
 */
export function whereMemberFilter<Q extends { where: (...args: any[]) => Q }>(q: Q, a: string, f: MemberFilter | undefined): Q {
  if (!f) return q;
  const col = (c: string) => sql.ref(`${a}.${c}`);
  if (f.text) {
    const like = `%${escapeLike(f.text)}%`;
    q = q.where(sql<boolean>`(${col('name')} LIKE ${like} ESCAPE '\\' OR ${col('id_number')} LIKE ${like} ESCAPE '\\')`);
  }
  if (f.name) q = q.where(sql<boolean>`${col('name')} LIKE ${'%' + escapeLike(f.name) + '%'} ESCAPE '\\'`);
  if (f.idNumber) q = q.where(sql<boolean>`${col('id_number')} LIKE ${escapeLike(f.idNumber.toUpperCase()) + '%'} ESCAPE '\\'`);
  const eq = (c: string, v: string | number) => (q = q.where(sql<boolean>`${col(c)} = ${v}`));
  if (f.gender) eq('gender', f.gender);
  if (f.ethnicity) eq('ethnicity', f.ethnicity);
  if (f.education) eq('education', f.education);
  if (f.category) eq('category', f.category);
  if (f.jobCategory) eq('job_category', f.jobCategory);
  if (f.mobile !== undefined) eq('mobile', f.mobile ? 1 : 0);
  if (f.lostContact !== undefined) eq('lost_contact', f.lostContact ? 1 : 0);
  return q;
}
