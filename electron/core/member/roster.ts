import { sql, type RawBuilder } from 'kysely';
import type { ParsedInput } from '../../../shared/contract/index.js';
import type { MemberCursor, MEMBER_SORT_FIELDS } from '../../../shared/contract/member.js';
import type { Member } from '../../../shared/types/records.js';
import type { Ctx } from '../context.js';
import type { MemberRow } from '../db/schema.js';
import { isCountyPath, listRootPath, subtreeUpper } from '../auth/scope.js';
import { gridInScope } from '../auth/records.js';
import { toMember } from './repo.js';
import { memberConditions } from './filter.js';
import { cachedCount, rosterVersion } from './roster-count.js';
import { orderBy, regionsAfter, type OrderKey } from './roster-order.js';

type SortField = (typeof MEMBER_SORT_FIELDS)[number];

/**
 * Each sort column as the expression the roster orders by and the index that holds it in that
 * order (migration 015). Every index ends with the rowid, the roster's tiebreak, so an index walk
 * is already in the roster's order.
 */
const SORTS: Record<SortField, { expr: string; index: string | null }> = {
  name: { expr: 'm.name', index: 'members_name' },
  idNumber: { expr: 'm.id_number', index: 'sqlite_autoindex_members_2' },
  gender: { expr: 'm.gender', index: 'members_gender' },
  ethnicity: { expr: 'm.ethnicity', index: 'members_ethnicity' },
  birthDate: { expr: 'm.birth_date', index: 'members_birth' },
  education: { expr: 'm.education', index: 'members_education' },
  category: { expr: 'm.category', index: 'members_category' },
  joinedOn: { expr: 'm.joined_on', index: 'members_joined' },
  confirmedOn: { expr: 'm.confirmed_on', index: 'members_confirmed' },
  orgName: { expr: '(SELECT name FROM orgs WHERE id = m.org_id)', index: null },
  jobCategory: { expr: 'm.job_category', index: 'members_job' },
  phone: { expr: 'm.phone', index: 'members_phone' },
  updatedAt: { expr: 'm.updated_at', index: 'members_updated' },
};

/**
 * Up to this many matching members a page is read by collecting them all and sorting (SQLite then
 * starts from the most selective index: the search, a small subtree, a rare filter value). Above
 * it, the sort column's index is walked from the cursor and each row tested, which reads about
 * limit × (county ÷ matches) rows: at most ~85 rows per page row at 3,000 of 250,000.
 */
const COLLECT_MAX = 3000;

type ListInput = ParsedInput<'member.list'>;
type Row = MemberRow & { orgName: string; cursorAt: number; cursorK0?: unknown; cursorK1?: unknown; cursorK2?: unknown };

/** The conditions of a roster query: the subtree, the status, the filter and the search. */
function conditions(root: string, input: ListInput, today: string): RawBuilder<boolean>[] {
  const out = memberConditions('m', input.filter, today);
  // The whole county needs no organisation test at all.
  if (!isCountyPath(root)) out.push(sql<boolean>`m.org_id IN (SELECT id FROM orgs WHERE path >= ${root} AND path < ${subtreeUpper(root)})`);
  if (input.status !== 'all') out.push(sql<boolean>`m.status = ${input.status}`);
  return out;
}

const and = (conds: readonly RawBuilder<boolean>[]) => (conds.length === 0 ? sql<boolean>`1` : sql.join(conds, sql` AND `));

/** member.list: one page of the roster, in the core, from indexes. */
export async function rosterPage(ctx: Ctx, input: ListInput): Promise<{ rows: Member[]; total: number; next: MemberCursor | null }> {
  const root = await listRootPath(ctx, input.orgId);
  if (input.filter.gridId) await gridInScope(ctx, input.filter.gridId);
  const conds = conditions(root, input, ctx.today);

  const key = JSON.stringify([root, input.status, input.filter, ctx.today]);
  const total = await cachedCount(ctx.env.sqlite, key, rosterVersion(ctx.env.sqlite), async () => {
    const r = await sql<{ n: number }>`SELECT count(*) AS n FROM members AS m WHERE ${and(conds)}`.execute(ctx.db);
    return r.rows[0]!.n;
  });

  // No sort asked: by name, the order a clerk reads a roster in.
  const sorts = input.sort.length > 0 ? input.sort : [{ field: 'name' as const, dir: 'asc' as const }];
  const keys: OrderKey[] = sorts.map((s) => ({ expr: SORTS[s.field].expr, dir: s.dir }));
  const first = SORTS[sorts[0]!.field];
  const from = first.index !== null && total > COLLECT_MAX ? sql.raw(`members AS m INDEXED BY ${first.index}`) : sql.raw('members AS m');
  const cursorColumns = sql.join(keys.map((k, i) => sql.raw(`${k.expr} AS cursor_k${i}`)));
  const found: Row[] = [];
  for (const region of regionsAfter(keys, input.after)) {
    const q = sql<Row>`
      SELECT m.*, (SELECT name FROM orgs WHERE id = m.org_id) AS org_name, m.rowid AS cursor_at, ${cursorColumns}
      FROM ${from} WHERE ${and([...conds, region])} ORDER BY ${orderBy(keys)}
      LIMIT ${input.limit - found.length} OFFSET ${input.after ? 0 : input.offset}`;
    found.push(...(await q.execute(ctx.db)).rows);
    if (found.length === input.limit) break;
  }

  const rows = found.map(({ cursorAt: _a, cursorK0: _0, cursorK1: _1, cursorK2: _2, ...row }) => toMember(row));
  const last = found[found.length - 1];
  const next =
    last && found.length === input.limit
      ? { values: [last.cursorK0, last.cursorK1, last.cursorK2].slice(0, keys.length) as MemberCursor['values'], at: last.cursorAt }
      : null;
  return { rows, total, next };
}
