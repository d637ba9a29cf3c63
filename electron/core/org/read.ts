/** The organisation room's reads: tree, detail, state on a date, history, children, term and warning lists. */
import { sql } from 'kysely';
import type { HandlerMap } from '../handler-types.js';
import type { ParsedInput } from '../../../shared/contract/index.js';
import type { Ctx } from '../context.js';
import type { OrgTreeColumns } from '../../../shared/types/records.js';
import { treeRows } from '../../../shared/domain/org-tree-columns.js';
import type { OrgHistoryEntry, OrgRow } from '../../../shared/contract/org.js';
import { OFFICER_POST, RECTIFICATION_STATUS, nameOf } from '../../../shared/codes/org-records.js';
import { ORG_KIND, UNIT_CATEGORY, type OrgKind, type UnitCategory } from '../../../shared/codes/tables.js';
import { addMonths, compareDates } from '../../../shared/domain/dates.js';
import { electionOn, inPostOn, ratingOn, rectificationStatusOn, termStateOn } from '../../../shared/domain/org-rules.js';
import { termYearsFor } from '../../../shared/domain/terms.js';
import { inSubtree, listRootPath } from '../auth/scope.js';
import { orgOn, subtreeOn, type OrgOn } from './as-of.js';
import { committeeSizes, memberCounts, termsOn, warningsOf, type MemberCounts, type TermOn } from './facts.js';
import { electionsOf, loadOrgRow, officersOf, ratingsOf, termGraceMonths, toOrg } from './load.js';
import { dataVersion } from '../stats/cache.js';
import type { SqliteHandle } from '../db/open.js';

/**
 * Today's trees by scope and root, kept until anything is written (the statistics' data version):
 * the tree pane of a 30,000-organisation county is read on every visit and rarely changes between.
 */
const treeCache = new WeakMap<SqliteHandle, { version: string; trees: Map<string, OrgTreeColumns> }>();
function cachedTree(sqlite: SqliteHandle, key: string): { hit: OrgTreeColumns | undefined; keep: (v: OrgTreeColumns) => OrgTreeColumns } {
  const version = dataVersion(sqlite);
  let c = treeCache.get(sqlite);
  if (!c || c.version !== version) treeCache.set(sqlite, (c = { version, trees: new Map() }));
  const trees = c.trees;
  return { hit: trees.get(key), keep: (v) => (trees.size < 16 && trees.set(key, v), v) };
}

const codeName = (table: readonly { code: string; name: string }[], code: string | null) => (code ? (table.find((e) => e.code === code)?.name ?? code) : '');

/** The subtree on a date, limited to what the caller's scope holds today. */
async function scopedSubtree(ctx: Ctx, rootId: string | undefined, d: string, withDissolved: boolean) {
  const root = await listRootPath(ctx, rootId);
  const rows = await subtreeOn(ctx.db, root, d, { withDissolved, today: ctx.today });
  return rows.filter((r) => inSubtree(r.path, ctx.actor.scopePath));
}

interface RowFacts {
  counts: Map<string, MemberCounts>;
  committees: Map<string, number>;
  terms: Map<string, TermOn>;
  secretaries: Map<string, string>;
}

async function rowFacts(ctx: Ctx, d: string): Promise<RowFacts> {
  const grace = await termGraceMonths(ctx.db);
  const sec = await sql<{ orgId: string; name: string }>`
    SELECT org_id, name FROM org_officers WHERE post = 'secretary' AND (from_date IS NULL OR from_date <= ${d}) AND (to_date IS NULL OR to_date >= ${d})`.execute(ctx.db);
  return {
    counts: memberCounts(ctx.env.sqlite),
    committees: await committeeSizes(ctx.db, d),
    terms: await termsOn(ctx.db, d, grace),
    secretaries: new Map(sec.rows.map((r) => [r.orgId, r.name])),
  };
}

/** Rows of the grids and lists, with the names from `rows`' first entry down to each parent. */
function orgRows(list: readonly OrgOn[], pick: readonly OrgOn[], f: RowFacts): OrgRow[] {
  const byId = new Map(list.map((o) => [o.id, o]));
  const top = list[0]?.id;
  const pathNames = (o: OrgOn): string[] => {
    const names: string[] = [];
    let p = o.parentId ? byId.get(o.parentId) : undefined;
    while (p) {
      names.unshift(p.shortName || p.name);
      if (p.id === top) break;
      p = p.parentId ? byId.get(p.parentId) : undefined;
    }
    return names;
  };
  // Members counted up every ancestor within the list (each caller's list holds the picks' whole subtrees).
  const sums = new Map<string, MemberCounts>();
  for (const o of list) {
    const c = f.counts.get(o.id);
    if (!c) continue;
    for (let a: OrgOn | undefined = o; a; a = a.parentId ? byId.get(a.parentId) : undefined) {
      const s = sums.get(a.id) ?? { total: 0, formal: 0 };
      s.total += c.total;
      s.formal += c.formal;
      sums.set(a.id, s);
    }
  }
  return pick.map((o) => {
    const t = f.terms.get(o.id);
    const c = f.counts.get(o.id);
    const sub = sums.get(o.id);
    return {
      id: o.id, parentId: o.parentId, name: o.name, shortName: o.shortName, kind: o.kind, unitCategory: o.unitCategory,
      pathNames: pathNames(o),
      foundedOn: o.foundedOn, dissolvedOn: o.dissolvedOn,
      secretary: f.secretaries.get(o.id) ?? null,
      contactPerson: o.contactPerson, phone: o.phone,
      members: c?.total ?? 0, formal: c?.formal ?? 0,
      subtreeMembers: sub?.total ?? 0, subtreeFormal: sub?.formal ?? 0,
      electedOn: t?.electedOn ?? null, termYears: t?.termYears ?? null, dueOn: t?.dueOn ?? null, extendedTo: t?.extendedTo ?? null,
      termStatus: t?.status ?? null,
      warnings: o.dissolvedOn ? [] : warningsOf(o, f.counts, f.committees),
    };
  });
}

/** The tree of org.tree as columns, kept (for today) until anything is written. */
async function treeColumns(ctx: Ctx, input: ParsedInput<'org.tree'>): Promise<OrgTreeColumns> {
  const d = input.asOf ?? ctx.today;
  const present = d >= ctx.today;
  const cache = cachedTree(ctx.env.sqlite, `${ctx.actor.scopePath}|${input.rootId ?? ''}|${input.includeDissolved}|${d}|${ctx.today}`);
  if (cache.hit) return cache.hit;
  const rows = await scopedSubtree(ctx, input.rootId, d, input.includeDissolved);
  const f = await rowFacts(ctx, d);
  // Depths below the root, plus the root's own depth in today's tree ('/a/' is depth 0).
  const rootDepth = rows[0] ? rows[0].path.split('/').length - 3 : 0;
  const index = new Map(rows.map((o, i) => [o.id, i]));
  const c: OrgTreeColumns = { ids: [], parents: [], names: [], shortNames: [], kinds: [], unitCategories: [], dissolvedOn: [], depths: [], memberCounts: [], terms: [], warned: [] };
  rows.forEach((o, i) => {
    const t = f.terms.get(o.id)?.status;
    c.ids.push(o.id);
    c.parents.push(o.parentId === null ? null : (index.get(o.parentId) ?? o.parentId));
    c.names.push(o.name);
    c.shortNames.push(o.shortName);
    c.kinds.push(o.kind);
    c.unitCategories.push(o.unitCategory);
    c.dissolvedOn.push(o.dissolvedOn);
    c.depths.push(rootDepth + o.depth);
    // Counts are today's; a past date's tree has none (the statistics answer "as of").
    c.memberCounts.push(present ? (f.counts.get(o.id)?.total ?? 0) : null);
    c.terms.push(t === 'due' || t === 'overdue' ? t : null);
    const warnings = present && !o.dissolvedOn ? warningsOf(o, f.counts, f.committees).map((w) => w.code) : [];
    if (warnings.length > 0) c.warned.push([i, warnings]);
  });
  return cache.keep(c);
}

const selectedKinds = (kinds: readonly string[] | undefined) => (kinds && kinds.length > 0 ? new Set(kinds) : null);

export const orgReadHandlers = {
  'org.tree': async (ctx, input) => treeRows(await treeColumns(ctx, input)),
  'org.treeColumns': (ctx, input) => treeColumns(ctx, input),

  async 'org.get'(ctx, input) {
    const row = await loadOrgRow(ctx, input.id);
    const names = async (id: string | null) => (id ? ((await ctx.db.selectFrom('orgs').select('name').where('id', '=', id).executeTakeFirst())?.name ?? null) : null);
    const counts = await sql<{ n: number; formal: number }>`SELECT count(*) AS n, coalesce(sum(category = 'formal'), 0) AS formal FROM members WHERE org_id = ${row.id} AND status = 'active'`.execute(ctx.db);
    const c = counts.rows[0] ?? { n: 0, formal: 0 };
    const below = await sql<{ n: number; formal: number }>`
      SELECT count(*) AS n, coalesce(sum(m.category = 'formal'), 0) AS formal FROM members m JOIN orgs o ON o.id = m.org_id
      WHERE substr(o.path, 1, ${row.path.length}) = ${row.path} AND m.status = 'active'`.execute(ctx.db);
    const sub = below.rows[0] ?? { n: 0, formal: 0 };
    const officers = (await officersOf(ctx.db, row.id)).filter((o) => inPostOn(o, ctx.today));
    const secretary = officers.find((o) => o.post === 'secretary');
    const elections = await electionsOf(ctx.db, row.id);
    const election = electionOn(elections, ctx.today);
    const children = await ctx.db.selectFrom('orgs').select(sql<number>`count(*)`.as('n')).where('parentId', '=', row.id).where('dissolvedOn', 'is', null).executeTakeFirstOrThrow();
    const committee = officers.filter((o) => o.post !== 'group-leader').length;
    return {
      org: toOrg(row),
      parentName: await names(row.parentId),
      approvedByName: await names(row.approvedByOrgId),
      mergedIntoName: await names(row.mergedIntoId),
      secretary: secretary ? { memberId: secretary.memberId, name: secretary.name } : null,
      formerNames: await ctx.db.selectFrom('orgNames').select(['name', 'shortName', 'validFrom', 'validTo']).where('orgId', '=', row.id).orderBy('validTo').execute(),
      members: c.n,
      formal: c.formal,
      subtreeMembers: sub.n,
      subtreeFormal: sub.formal,
      children: children.n,
      term: election ? { election, status: termStateOn([election], ctx.today, await termGraceMonths(ctx.db))! } : null,
      warnings: row.dissolvedOn ? [] : warningsOf(row, new Map([[row.id, { total: c.n, formal: c.formal }]]), new Map([[row.id, committee]])),
    };
  },

  async 'org.stateOn'(ctx, input) {
    await loadOrgRow(ctx, input.id);
    const d = input.date;
    const o = await orgOn(ctx.db, input.id, d);
    const parent = o.parentId ? await orgOn(ctx.db, o.parentId, d) : null;
    const officers = (await officersOf(ctx.db, input.id)).filter((x) => inPostOn(x, d));
    const secretary = officers.find((x) => x.post === 'secretary');
    const election = electionOn(await electionsOf(ctx.db, input.id), d);
    const { ratings, rectifications } = await ratingsOf(ctx.db, input.id);
    const rating = ratingOn(ratings, d);
    const rect = rating?.weak ? rectifications.find((r) => r.year === rating.year) : undefined;
    return {
      date: d,
      existed: (o.foundedOn === null || compareDates(o.foundedOn, d) <= 0) && (o.dissolvedOn === null || o.dissolvedOn > d),
      name: o.name,
      shortName: o.shortName,
      kind: o.kind,
      unitCategory: o.unitCategory,
      parent: parent ? { id: parent.id, name: parent.name } : null,
      dissolvedOn: o.dissolvedOn !== null && o.dissolvedOn <= d ? o.dissolvedOn : null,
      officers,
      secretary: secretary ? { memberId: secretary.memberId, name: secretary.name } : null,
      term: election ? { election, status: termStateOn([election], d, await termGraceMonths(ctx.db))! } : null,
      rating,
      rectification: rect ? { ...rect, status: rectificationStatusOn(rect, d) } : null,
    };
  },

  async 'org.history'(ctx, input) {
    const row = await loadOrgRow(ctx, input.id);
    const out: (OrgHistoryEntry & { sort: string })[] = [];
    const add = (onDate: string | null, kind: OrgHistoryEntry['kind'], text: string, sort = onDate ?? '') => out.push({ onDate, kind, text, sort });
    const nameOfOrg = async (id: string | null) => (id ? ((await ctx.db.selectFrom('orgs').select('name').where('id', '=', id).executeTakeFirst())?.name ?? '（已删除）') : '（无）');
    if (row.foundedOn) add(row.foundedOn, 'founded', '成立');
    const former = await ctx.db.selectFrom('orgNames').selectAll().where('orgId', '=', row.id).orderBy('validTo').execute();
    former.forEach((n, i) => add(n.validTo, 'renamed', `由“${n.name}”更名为“${former[i + 1]?.name ?? row.name}”`));
    for (const c of await ctx.db.selectFrom('orgChanges').selectAll().where('orgId', '=', row.id).orderBy('onDate').orderBy('createdAt').execute()) {
      const why = c.reason ? `（${c.reason}）` : '';
      if (c.field === 'parent_id') add(c.onDate, 'moved', `由“${await nameOfOrg(c.oldValue)}”之下移至“${await nameOfOrg(c.newValue)}”之下${why}`);
      else if (c.field === 'kind') add(c.onDate, 'reclassified', `组织类别由“${codeName(ORG_KIND, c.oldValue)}”改为“${codeName(ORG_KIND, c.newValue)}”${why}`);
      else add(c.onDate, 'reclassified', `单位类别由“${codeName(UNIT_CATEGORY, c.oldValue) || '未填写'}”改为“${codeName(UNIT_CATEGORY, c.newValue) || '未填写'}”${why}`);
    }
    for (const e of await electionsOf(ctx.db, row.id)) {
      add(e.electedOn, 'election', `换届选举，任期 ${e.termYears} 年（${e.dueOn} 届满）`);
      if (e.extendedTo) add(e.extensionApprovedOn, 'extension', `经${e.extensionApprovedByName ?? '上级党组织'}批准延期换届至 ${e.extendedTo}`, e.extensionApprovedOn ?? e.dueOn);
    }
    for (const o of await officersOf(ctx.db, row.id)) {
      const post = nameOf(OFFICER_POST, o.post);
      add(o.fromDate, 'officer-start', `${o.name} 任${post}`);
      if (o.toDate) add(o.toDate, 'officer-end', `${o.name} 离任${post}${o.endReason ? `（${o.endReason}）` : ''}`);
    }
    const { ratings, rectifications } = await ratingsOf(ctx.db, row.id);
    for (const r of ratings) {
      const what = [r.stars !== null ? `${r.stars} 星` : '未评星', r.weak ? '软弱涣散' : ''].filter(Boolean).join('，');
      add(String(r.year), 'rating', `${r.year} 年度：${what}${r.note ? `（${r.note}）` : ''}`, `${r.year}-12-31`);
    }
    for (const r of rectifications) {
      if (r.startedOn) add(r.startedOn, 'rectification', `${r.year} 年度软弱涣散：开始整顿`);
      if (r.rectifiedOn) add(r.rectifiedOn, 'rectification', `${r.year} 年度软弱涣散：${nameOf(RECTIFICATION_STATUS, 'pending-acceptance')}`);
      if (r.closedOn) add(r.closedOn, 'rectification', `${r.year} 年度软弱涣散：${nameOf(RECTIFICATION_STATUS, 'closed')}`);
    }
    for (const a of await ctx.db.selectFrom('orgs').select(['name', 'dissolvedOn']).where('mergedIntoId', '=', row.id).execute()) add(a.dissolvedOn, 'absorbed', `“${a.name}”并入本组织`);
    if (row.dissolvedOn) {
      if (row.mergedIntoId) add(row.dissolvedOn, 'merged', `并入“${await nameOfOrg(row.mergedIntoId)}”${row.dissolvedReason ? `（${row.dissolvedReason}）` : ''}`);
      else add(row.dissolvedOn, 'dissolved', `撤销${row.dissolvedReason ? `：${row.dissolvedReason}` : ''}`);
    }
    // Undated lines first, then by date; a year's rating at the year's end.
    out.sort((a, b) => (a.sort < b.sort ? -1 : a.sort > b.sort ? 1 : 0));
    return out.map(({ sort: _s, ...e }) => e);
  },

  async 'org.children'(ctx, input) {
    const row = await loadOrgRow(ctx, input.id);
    const list = await subtreeOn(ctx.db, row.path, ctx.today, { withDissolved: input.includeDissolved, today: ctx.today });
    const kids = list.filter((o) => o.parentId === row.id);
    return orgRows(list, kids, await rowFacts(ctx, ctx.today));
  },

  async 'org.terms'(ctx, input) {
    const d = input.asOf ?? ctx.today;
    const list = await scopedSubtree(ctx, input.rootId, d, false);
    const f = await rowFacts(ctx, d);
    const kinds = selectedKinds(input.kinds);
    const wanted = new Set(input.statuses);
    const soonUntil = addMonths(d, input.withinMonths);
    const pick = list.slice(1).filter((o) => {
      if (kinds && !kinds.has(o.kind)) return false;
      const t = f.terms.get(o.id);
      if (!t) return wanted.has('unknown') && termYearsFor(o.kind as OrgKind, o.unitCategory as UnitCategory | null) !== null;
      if (t.status !== 'ok') return wanted.has(t.status);
      return wanted.has('soon') && compareDates(t.dueOn, soonUntil) <= 0;
    });
    const rows = orgRows(list, pick, f);
    // Most urgent first: overdue, then due, then by expiry.
    const rank = (r: OrgRow) => (r.termStatus === 'overdue' ? 0 : r.termStatus === 'due' ? 1 : r.termStatus === 'ok' ? 2 : 3);
    return rows.sort((a, b) => rank(a) - rank(b) || (a.dueOn ?? '').localeCompare(b.dueOn ?? '') || a.pathNames.join('/').localeCompare(b.pathNames.join('/')));
  },

  async 'org.warnings'(ctx, input) {
    const list = await scopedSubtree(ctx, input.rootId, ctx.today, false);
    const f = await rowFacts(ctx, ctx.today);
    const kinds = selectedKinds(input.kinds);
    const pick = list.filter((o) => (!kinds || kinds.has(o.kind)) && warningsOf(o, f.counts, f.committees).length > 0);
    return orgRows(list, pick, f);
  },

  async 'org.officers'(ctx, input) {
    await loadOrgRow(ctx, input.orgId);
    return officersOf(ctx.db, input.orgId);
  },
  async 'org.elections'(ctx, input) {
    await loadOrgRow(ctx, input.orgId);
    return electionsOf(ctx.db, input.orgId);
  },
  async 'org.ratings'(ctx, input) {
    await loadOrgRow(ctx, input.orgId);
    return ratingsOf(ctx.db, input.orgId);
  },
} satisfies Partial<HandlerMap<'org.'>>;
