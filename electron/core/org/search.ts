import { sql } from 'kysely';
import type { ParsedInput } from '../../../shared/contract/index.js';
import type { OrgHit } from '../../../shared/types/records.js';
import type { Ctx } from '../context.js';
import { listRootPath, subtreeUpper } from '../auth/scope.js';
import { escapeLike } from '../util/like.js';

/**
 * org.search: the organisation picker. A subtree is a range of the path index; the text is matched
 * against the name, the short name and their stored initials (migration 015), so at 30,000
 * organisations it is one pass over the subtree's rows in SQLite, no conversion per row. Hits
 * whose name or initials start with the text come first, then the shallower ones.
 */
export async function searchOrgs(ctx: Ctx, input: ParsedInput<'org.search'>): Promise<OrgHit[]> {
  const root = await listRootPath(ctx, input.rootId);
  const text = input.text.trim();
  const letters = /^[a-z]+$/i.test(text) ? text.toLowerCase() : null;
  const like = `%${escapeLike(text)}%`;
  const starts = `${escapeLike(text)}%`;
  const rows = await ctx.db
    .selectFrom('orgs as o')
    .select(['o.id', 'o.name', 'o.shortName', 'o.kind', 'o.dissolvedOn', 'o.path'])
    .where('o.path', '>=', root)
    .where('o.path', '<', subtreeUpper(root))
    .$if(!input.includeDissolved, (q) => q.where('o.dissolvedOn', 'is', null))
    .$if(input.kinds !== undefined, (q) => q.where('o.kind', 'in', input.kinds!.length > 0 ? input.kinds! : ['']))
    .$if(text !== '', (q) =>
      q.where(
        letters
          ? sql<boolean>`(o.initials LIKE ${`%${letters}%`} OR o.name LIKE ${like} ESCAPE '\\')`
          : sql<boolean>`(o.name LIKE ${like} ESCAPE '\\' OR o.short_name LIKE ${like} ESCAPE '\\')`,
      ),
    )
    .$if(text !== '', (q) =>
      q.orderBy(
        letters
          ? sql`(o.initials LIKE ${`${letters}%`} OR instr(o.initials, ${` ${letters}`}) > 0) DESC`
          : sql`(o.name LIKE ${starts} ESCAPE '\\' OR o.short_name LIKE ${starts} ESCAPE '\\') DESC`,
      ),
    )
    .orderBy('o.depth')
    .orderBy('o.sortOrder')
    .orderBy('o.name')
    .limit(input.limit)
    .execute();
  return withAbove(ctx, root, rows);
}

/** The names above each hit, from the scope root down (one read for all the hits' ancestors). */
async function withAbove(ctx: Ctx, root: string, rows: { id: string; name: string; shortName: string | null; kind: string; dissolvedOn: string | null; path: string }[]): Promise<OrgHit[]> {
  const rootDepth = root.split('/').length - 3;
  const ancestorIds = new Set<string>();
  const chains = rows.map((r) => {
    const ids = r.path.split('/').filter(Boolean).slice(Math.max(0, rootDepth), -1);
    ids.forEach((id) => ancestorIds.add(id));
    return ids;
  });
  const names = new Map<string, string>();
  if (ancestorIds.size > 0) {
    const found = await ctx.db.selectFrom('orgs').select(['id', 'name', 'shortName']).where('id', 'in', [...ancestorIds]).execute();
    for (const a of found) names.set(a.id, a.shortName ?? a.name);
  }
  return rows.map(({ path: _p, ...r }, i) => ({ ...r, above: chains[i]!.map((id) => names.get(id) ?? '') }));
}
