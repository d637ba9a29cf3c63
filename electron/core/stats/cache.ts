/**
 * Results of report definitions, kept for dashboards: a page opened twice, or stats.compute after
 * stats.page, does not recompute what no write has changed. An entry is keyed by the definition,
 * the subtree, the dates, and the data version of the ledger at computation time:
 *
 *   - a counter bumped by Core.dispatch after every write call (committed or not),
 *   - the connection's total_changes() (any row written through this connection, e.g. by a tool
 *     that writes without dispatch), and
 *   - PRAGMA data_version (a commit by another connection to the same file).
 *
 * Any of the three moving makes every older entry unreachable. One cache per open database.
 */
import type { SqliteHandle as Database } from '../db/open.js';
import type { ReportResult } from '../../../shared/reports/types.js';

const MAX_ENTRIES = 256;

interface Cache {
  writes: number;
  entries: Map<string, ReportResult>;
}

const caches = new WeakMap<Database, Cache>();

function cacheOf(sqlite: Database): Cache {
  let c = caches.get(sqlite);
  if (!c) caches.set(sqlite, (c = { writes: 0, entries: new Map() }));
  return c;
}

/** Called by Core.dispatch after every write call. */
export function noteWrite(sqlite: Database): void {
  const c = cacheOf(sqlite);
  c.writes += 1;
  c.entries.clear();
}

/** The data version now: changes whenever anything may have been written. */
export function dataVersion(sqlite: Database): string {
  const changes = sqlite.prepare('SELECT total_changes()').pluck().get() as number;
  const other = sqlite.pragma('data_version', { simple: true }) as number;
  return `${cacheOf(sqlite).writes}.${changes}.${other}`;
}

export interface CacheKey {
  definitionId: string;
  path: string;
  asOf: string;
  from: string;
  to: string;
}

const keyOf = (version: string, k: CacheKey) => `${version}|${k.definitionId}|${k.path}|${k.asOf}|${k.from}|${k.to}`;

export function cached(sqlite: Database, version: string, k: CacheKey): ReportResult | undefined {
  const c = cacheOf(sqlite);
  const key = keyOf(version, k);
  const hit = c.entries.get(key);
  if (!hit) return undefined;
  // Most recently used last.
  c.entries.delete(key);
  c.entries.set(key, hit);
  return structuredClone(hit);
}

export function remember(sqlite: Database, version: string, k: CacheKey, result: ReportResult): void {
  const c = cacheOf(sqlite);
  // Entries of an older version can never be hit again.
  for (const key of c.entries.keys()) {
    if (key.startsWith(version + '|')) break;
    c.entries.delete(key);
  }
  c.entries.set(keyOf(version, k), structuredClone(result));
  while (c.entries.size > MAX_ENTRIES) c.entries.delete(c.entries.keys().next().value!);
}

/** For tests and the bench: forget every result (the cold figure). */
export function forgetResults(sqlite: Database): void {
  cacheOf(sqlite).entries.clear();
}
