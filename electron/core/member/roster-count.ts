import type { SqliteHandle } from '../db/open.js';
import { orgTreeVersion, tablesVersion } from '../stats/versions.js';

/**
 * Roster counts kept per query while the members are unchanged, so paging never counts again and
 * a sort (same rows, another order) reuses the count. The version is exact: new members move
 * max(rowid), changes of filtered columns and deletions move member_changes (migration 006), name
 * and ID-number changes move table_changes 'members_search' (015), and moves in the organisation
 * tree ('orgs:tree', 009) or of grid units change which members a subtree or a grid holds. Whoever wrote, the version moves.
 */
const MAX_ENTRIES = 64;
const caches = new WeakMap<SqliteHandle, Map<string, { version: string; total: number }>>();

export function rosterVersion(sqlite: SqliteHandle): string {
  const top = sqlite.prepare('SELECT coalesce(max(rowid), 0) FROM members').pluck().get() as number;
  const seq = sqlite.prepare('SELECT coalesce(max(seq), 0) FROM member_changes').pluck().get() as number;
  const names = sqlite.prepare(`SELECT n FROM table_changes WHERE tbl = 'members_search'`).pluck().get() as number | undefined;
  return `${top}.${seq}.${names ?? 'x'}|${orgTreeVersion(sqlite)}|${tablesVersion(sqlite, ['grids'])}`;
}

/** The cached count of `key` at `version`, else `count()` kept for next time. */
export async function cachedCount(sqlite: SqliteHandle, key: string, version: string, count: () => Promise<number>): Promise<number> {
  let cache = caches.get(sqlite);
  if (!cache) caches.set(sqlite, (cache = new Map()));
  const hit = cache.get(key);
  if (hit && hit.version === version) {
    // Most recently used last, so the oldest goes first when the map is full.
    cache.delete(key);
    cache.set(key, hit);
    return hit.total;
  }
  const total = await count();
  cache.delete(key);
  cache.set(key, { version, total });
  if (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value!);
  return total;
}
