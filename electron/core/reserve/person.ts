/**
 * One person, one identity: a reserve whose ID number is a member's (or a pipeline person's) in the
 * caller's subtree is linked to that record and keeps no copy of the name, sex, birth date,
 * ethnicity or education. A match outside the subtree is not linked (nor named): the clerk enters
 * the person as their own, like anyone not yet in the ledger.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { Ctx } from '../context.js';
import { LedgerError } from '../../../shared/contract/envelope.js';
import { inSubtree, orgPath } from '../auth/scope.js';
import { parseIdNumber } from '../../../shared/domain/idcard.js';

/** The person's columns (kept only by an unlinked reserve) and the reserve's own placement columns. */
export const PERSON_KEYS = ['name', 'gender', 'birthDate', 'ethnicity', 'education'] as const;
export const PLACEMENT_KEYS = ['major', 'politicalStatus', 'source', 'currentPost', 'direction'] as const;

export interface Link {
  memberId: string | null;
  devPersonId: string | null;
}

/** The member, else the pipeline person, with this ID number inside `scopePath`. */
export async function linkFor(db: Kysely<DB>, idNumber: string, scopePath: string): Promise<Link> {
  const m = await db.selectFrom('members as m').innerJoin('orgs as o', 'o.id', 'm.orgId').select(['m.id', 'o.path']).where('m.idNumber', '=', idNumber).executeTakeFirst();
  if (m && inSubtree(m.path, scopePath)) return { memberId: m.id, devPersonId: null };
  const d = await db.selectFrom('devPeople as d').innerJoin('orgs as o', 'o.id', 'd.orgId').select(['d.id', 'o.path']).where('d.idNumber', '=', idNumber).executeTakeFirst();
  if (d && inSubtree(d.path, scopePath)) return { memberId: null, devPersonId: d.id };
  return { memberId: null, devPersonId: null };
}

/**
 * The person columns a reserve stores: none when linked; otherwise the typed values, sex and birth
 * date taken from the ID number where not typed (and checked against it where typed).
 */
export function ownPerson(idNumber: string, linked: boolean, values: Partial<Record<(typeof PERSON_KEYS)[number], string | null | undefined>>) {
  if (linked) return { name: null, gender: null, birthDate: null, ethnicity: null, education: null };
  if (!values.name) throw new LedgerError('VALIDATION', '请填写姓名（该身份证号不是本范围内的党员或发展对象）', { field: 'name' });
  const id = parseIdNumber(idNumber);
  return {
    name: values.name,
    gender: values.gender ?? (id.ok ? id.gender : null),
    birthDate: values.birthDate ?? (id.ok ? id.birthDate : null),
    ethnicity: values.ethnicity ?? null,
    education: values.education ?? null,
  };
}

/** A reserve belongs to a village organisation (建制村) that still exists. */
export async function assertVillage(ctx: Ctx, orgId: string): Promise<void> {
  await orgPath(ctx.db, orgId);
  const org = await ctx.db.selectFrom('orgs').select(['unitCategory', 'dissolvedOn', 'name']).where('id', '=', orgId).executeTakeFirstOrThrow();
  if (org.unitCategory !== 'village') throw new LedgerError('VALIDATION', `“${org.name}”不是村党组织；后备力量须登记在所在村的党组织下`, { field: 'villageOrgId' });
  if (org.dissolvedOn) throw new LedgerError('VALIDATION', `“${org.name}”已于 ${org.dissolvedOn} 撤销`, { field: 'villageOrgId' });
}
