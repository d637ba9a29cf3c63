import { sql, type RawBuilder } from 'kysely';
import type { MemberCursor } from '../../../shared/contract/member.js';

/** One key of the roster's order: a column expression of alias m, ascending or descending. */
export interface OrderKey {
  expr: string;
  dir: 'asc' | 'desc';
}

type Value = MemberCursor['values'][number];

const raw = (s: string) => sql.raw(s);

/**
 * Where the rows after a cursor lie, as the index holds them: SQLite orders NULL below every value,
 * so ascending the NULLs come first and descending last. With one key (what the grid sorts by)
 * each region is one seek in the key's index; the page reads the regions in turn until it is full.
 * Several keys (a sort on up to three columns) get one region in the expanded form, which is exact
 * but seeks on nothing.
 */
export function regionsAfter(keys: readonly OrderKey[], c: MemberCursor | undefined): RawBuilder<boolean>[] {
  if (!c) return [sql<boolean>`1`];
  if (keys.length > 1) return [expandedAfter(keys, c)];
  const { expr, dir } = keys[0]!;
  const v = c.values[0] ?? null;
  const k = raw(expr);
  if (dir === 'asc') {
    return v === null ? [sql<boolean>`${k} IS NULL AND m.rowid > ${c.at}`, sql<boolean>`${k} IS NOT NULL`] : [sql<boolean>`(${k}, m.rowid) > (${v}, ${c.at})`];
  }
  return v === null ? [sql<boolean>`${k} IS NULL AND m.rowid < ${c.at}`] : [sql<boolean>`(${k}, m.rowid) < (${v}, ${c.at})`, sql<boolean>`${k} IS NULL`];
}

/** "k comes after v" and "k equals v" in k's direction, NULL being the lowest value. */
function after(k: RawBuilder<unknown>, dir: 'asc' | 'desc', v: Value): RawBuilder<boolean> {
  if (dir === 'asc') return v === null ? sql<boolean>`${k} IS NOT NULL` : sql<boolean>`${k} > ${v}`;
  return v === null ? sql<boolean>`0` : sql<boolean>`(${k} < ${v} OR ${k} IS NULL)`;
}
const equal = (k: RawBuilder<unknown>, v: Value) => (v === null ? sql<boolean>`${k} IS NULL` : sql<boolean>`${k} = ${v}`);

function expandedAfter(keys: readonly OrderKey[], c: MemberCursor): RawBuilder<boolean> {
  const all = [...keys.map((k, i) => ({ k: raw(k.expr), dir: k.dir, v: c.values[i] ?? null })), { k: raw('m.rowid'), dir: keys[keys.length - 1]!.dir, v: c.at }];
  const ors = all.map((x, i) => sql.join([...all.slice(0, i).map((p) => equal(p.k, p.v)), after(x.k, x.dir, x.v)], sql` AND `));
  return sql<boolean>`(${sql.join(ors.map((o) => sql`(${o})`), sql` OR `)})`;
}

/** ORDER BY of the keys, then the rowid in the last key's direction (the tiebreak every index ends with). */
export function orderBy(keys: readonly OrderKey[]): RawBuilder<unknown> {
  return sql.join([...keys.map((k) => raw(`${k.expr} ${k.dir}`)), raw(`m.rowid ${keys[keys.length - 1]!.dir}`)]);
}
