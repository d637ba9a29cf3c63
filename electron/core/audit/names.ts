import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { subtreeUpper } from '../auth/scope.js';

/** Tables whose ids audit rows mention, with the name shown for a record and the column binding it to an organisation. */
const NAMED = [
  { table: 'orgs', name: 'name', org: null },
  { table: 'users', name: 'displayName', org: 'scopeOrgId' },
  { table: 'members', name: 'name', org: 'orgId' },
  { table: 'devPeople', name: 'name', org: 'orgId' },
  { table: 'reserves', name: 'name', org: 'villageOrgId' },
  { table: 'teamMembers', name: 'name', org: 'villageOrgId' },
  { table: 'grids', name: 'name', org: 'ownerOrgId' },
] as const;

/** Keys of an image that hold a record's id (orgId, parentId, scopeOrgId, secretaryMemberId …). */
const ID_KEY = /(^|[a-z])Id$/;

/** The ids an audit row mentions: its user, organisation and record, and id-valued fields of its images. */
export function mentionedIds(row: { userId: string | null; orgId: string | null; entityId: string | null; before: unknown; after: unknown }, into: Set<string>): void {
  for (const v of [row.userId, row.orgId, row.entityId]) if (v) into.add(v);
  for (const image of [row.before, row.after]) {
    if (typeof image !== 'object' || image === null || Array.isArray(image)) continue;
    for (const [k, v] of Object.entries(image)) if (ID_KEY.test(k) && typeof v === 'string' && v.length <= 64) into.add(v);
  }
}

/**
 * Names of the given ids, limited to what a caller with scope `scopePath` may see: organisations in
 * the subtree and the chain above it (a township's parent is no secret: its rows name it as
 * 上级党组织), and people, grids and users bound to the subtree. Any other id gets no name.
 */
export async function namesOf(db: Kysely<DB>, ids: Set<string>, scopePath: string): Promise<Record<string, string>> {
  const names: Record<string, string> = {};
  if (ids.size === 0) return names;
  const list = [...ids];
  const upper = subtreeUpper(scopePath);
  const above = scopePath.split('/').filter((s) => s !== '').slice(0, -1);
  const anyDb = db as Kysely<any>;
  for (const t of NAMED) {
    const rows: { id: string; name: string }[] = t.org
      ? await anyDb
          .selectFrom(`${t.table} as t`)
          .innerJoin('orgs as o', 'o.id', `t.${t.org}`)
          .select(['t.id as id', `t.${t.name} as name`])
          .where('t.id', 'in', list)
          .where('o.path', '>=', scopePath)
          .where('o.path', '<', upper)
          .execute()
      : await anyDb
          .selectFrom('orgs as o')
          .select(['o.id as id', 'o.name as name'])
          .where('o.id', 'in', list)
          .where((eb) => eb.or([eb.and([eb('o.path', '>=', scopePath), eb('o.path', '<', upper)]), ...(above.length > 0 ? [eb('o.id', 'in', above)] : [])]))
          .execute();
    for (const r of rows) names[r.id] = r.name;
  }
  return names;
}
