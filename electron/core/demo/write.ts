/**
 * Bulk writes of the demo county: one prepared INSERT per table, rows bound by name from the
 * generator's camelCase objects (extra fields are ignored). Called inside one transaction.
 */
import type { SqliteHandle } from '../db/open.js';

const snake = (s: string): string => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** Inserts `rows` into `table`; `stamps` adds created_at (and updated_at) with the given time. */
export function insertAll(
  sqlite: SqliteHandle,
  table: string,
  columns: readonly string[],
  rows: readonly object[],
  stamps: { now: string; updated: boolean } | null,
): void {
  if (rows.length === 0) return;
  const cols = columns.map(snake);
  const vals = columns.map((c) => `@${c}`);
  if (stamps) {
    // An ISO timestamp from this process (checked), written as a literal so rows bind as they are.
    if (!/^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/.test(stamps.now)) throw new RangeError('bad timestamp');
    cols.push('created_at');
    vals.push(`'${stamps.now}'`);
    if (stamps.updated) {
      cols.push('updated_at');
      vals.push(`'${stamps.now}'`);
    }
  }
  const stmt = sqlite.prepare(`INSERT INTO ${table} (${cols.join(', ')}) VALUES (${vals.join(', ')})`);
  for (const r of rows) stmt.run(r);
}
