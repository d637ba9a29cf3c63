import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { subtreeUpper } from '../../auth/scope.js';
import type { OrgCandidate } from '../validate/org-resolver.js';

/** The live organisations of a subtree (the importing unit and everything below it). */
export async function orgsInSubtree(db: Kysely<DB>, rootPath: string): Promise<OrgCandidate[]> {
  return db
    .selectFrom('orgs')
    .select(['id', 'name', 'shortName', 'kind', 'path'])
    .where('path', '>=', rootPath)
    .where('path', '<', subtreeUpper(rootPath))
    .where('dissolvedOn', 'is', null)
    .orderBy('path')
    .execute();
}
