/**
 * 党组织 files, one row per organisation naming its parent. A row matches an organisation of the
 * importing unit's subtree by canonical name (update) or is created under its parent, which is
 * another row of the file or an organisation of the subtree; an empty parent is the importing unit.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { ORG_CATALOGUE } from '../../../../shared/import/index.js';
import type { PreviewState, RowState } from './state.js';
import { rowIssues } from './state.js';
import { hasError, issueAt } from '../validate/issue.js';
import { columnOf, placeOf } from '../validate/normalise-row.js';
import { OrgResolver, orgIssueMessage, type OrgCandidate } from '../validate/org-resolver.js';
import { orgKey } from '../validate/org-names.js';
import { orgsInSubtree } from './scope-orgs.js';
import { diffFields } from './diff.js';
import { newId } from '../../util/ids.js';
import { approvalRightsRefusal } from '../../../../shared/domain/org-rules.js';
import { termYearsFor } from '../../../../shared/domain/terms.js';
import type { OrgKind, UnitCategory } from '../../../../shared/codes/tables.js';

/** The latest election of each organisation (what the file's 本届选举日期 / 任期年数 compare with). */
async function latestElections(db: Kysely<DB>, ids: readonly string[]): Promise<Map<string, { electedOn: string; termYears: number }>> {
  const out = new Map<string, { electedOn: string; termYears: number }>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await sql<{ orgId: string; electedOn: string; termYears: number }>`
      SELECT org_id, max(elected_on) AS elected_on, term_years FROM org_elections WHERE org_id IN (SELECT value FROM json_each(${JSON.stringify(ids.slice(i, i + 500))})) GROUP BY org_id`.execute(db);
    for (const r of rows.rows) out.set(r.orgId, r);
  }
  return out;
}

const UPDATABLE = ORG_CATALOGUE.fields.filter((f) => f.key !== 'parentId' && f.key !== 'name');

/**
 * Checks of an organisation row against the rules of the 组织 page: approval rights only on a
 * 基层党委 (imported as the file says, flagged), a 换届 date only for kinds that hold elections.
 */
function ruleIssues(r: RowState, kind: string, unitCategory: string | null): void {
  const why = r.values.canApprove === true ? approvalRightsRefusal(kind as OrgKind, unitCategory as UnitCategory | null) : null;
  if (why) r.dbIssues.push(issueAt(placeOf(r), columnOf(r, 'canApprove'), 'ORG_APPROVAL_RIGHTS', `${why}；将按文件导入，并在“组织设置提醒”中列出，请核实后在组织页面取消`));
  if (r.values.termElectedOn && termYearsFor(kind as OrgKind, unitCategory as UnitCategory | null) === null) {
    r.dbIssues.push(issueAt(placeOf(r), columnOf(r, 'termElectedOn'), 'ORG_NO_TERM', '党工委、临时党支部和党小组不实行换届选举，本届选举日期不导入'));
  }
}

export async function evaluateOrgs(db: Kysely<DB>, state: PreviewState, underPath: string): Promise<void> {
  const dbOrgs = await orgsInSubtree(db, underPath);
  const resolver = new OrgResolver(dbOrgs);
  const fullRows = new Map((await db.selectFrom('orgs').selectAll().where('id', 'in', dbOrgs.length > 0 ? dbOrgs.map((o) => o.id) : ['-']).execute()).map((o) => [o.id, o]));
  const terms = await latestElections(db, [...fullRows.keys()]);
  const byKey = new Map<string, RowState>();
  const fileResolver = new OrgResolver([]);

  // Pass 1: each row is an existing organisation (update) or a new one (create), once per file.
  for (const r of state.rows) {
    r.dbIssues = [];
    r.refs = {};
    delete r.match;
    const name = r.values.name;
    if (typeof name !== 'string') continue;
    const key = orgKey(name);
    const first = byKey.get(key);
    if (first) {
      r.dbIssues.push(issueAt(placeOf(r), columnOf(r, 'name'), 'DUPLICATE_IN_FILE', `党组织“${name}”与第${first.row}行（${String(first.values.name)}）重复`));
      continue;
    }
    byKey.set(key, r);
    const res = resolver.resolve(name);
    if (res.ok) r.refs.selfId = res.org.id;
    else if (res.code === 'ORG_AMBIGUOUS') r.dbIssues.push(issueAt(placeOf(r), columnOf(r, 'name'), 'ORG_AMBIGUOUS', orgIssueMessage('党组织名称', name, state.underName, res)));
    else {
      r.refs.selfId = newId();
      r.refs.isNew = '1';
    }
    if (r.refs.selfId) {
      const cand: OrgCandidate = { id: r.refs.selfId, name, shortName: (r.values.shortName as string | null) ?? null, kind: String(r.values.kind ?? ''), path: '' };
      fileResolver.add(cand);
    }
  }

  // Pass 2: parents, from the file first, then the subtree; the importing unit when blank.
  const rowById = new Map(state.rows.filter((r) => r.refs.selfId).map((r) => [r.refs.selfId!, r]));
  for (const r of state.rows) {
    if (!r.refs.selfId) continue;
    const text = r.values.parentId;
    if (r.refs.selfId === state.underOrgId) continue;
    if (typeof text !== 'string') {
      r.refs.parentId = state.underOrgId;
      continue;
    }
    const inFile = fileResolver.resolve(text);
    const parent = inFile.ok && inFile.org.id !== r.refs.selfId ? inFile : resolver.resolve(text);
    if (parent.ok) r.refs.parentId = parent.org.id;
    else {
      const res = parent.code === 'ORG_UNKNOWN' ? { ...parent, suggestions: [...new Set([...fileResolver.closest(orgKey(text), 3), ...parent.suggestions])].slice(0, 3) } : parent;
      r.dbIssues.push(issueAt(placeOf(r), columnOf(r, 'parentId'), res.code, orgIssueMessage('上级党组织', text, state.underName, res)));
    }
  }

  // Pass 3: a new organisation needs its parent to exist or be created; cycles are refused.
  const blocked = (r: RowState, seen: Set<RowState>): string | null => {
    const pid = r.refs.parentId;
    if (!pid) return null;
    const p = rowById.get(pid);
    if (!p || !p.refs.isNew) return null;
    if (seen.has(p)) return '上级党组织之间形成循环';
    if (hasError(rowIssues(p))) return `上级党组织“${String(p.values.name)}”（第${p.row}行）有错误，未能导入`;
    seen.add(p);
    return blocked(p, seen);
  };
  for (const r of state.rows) {
    if (!r.refs.isNew || hasError(rowIssues(r))) continue;
    const why = blocked(r, new Set([r]));
    if (why) r.dbIssues.push(issueAt(placeOf(r), columnOf(r, 'parentId'), 'ORG_UNKNOWN', why));
  }

  for (const r of state.rows) {
    if (hasError(rowIssues(r)) || !r.refs.selfId) {
      r.action = 'skip';
      continue;
    }
    if (r.refs.isNew) {
      ruleIssues(r, String(r.values.kind), (r.values.unitCategory as string | null) ?? null);
      r.action = 'create';
      continue;
    }
    const ex = fullRows.get(r.refs.selfId)!;
    ruleIssues(r, (r.values.kind as string | null) ?? ex.kind, (r.values.unitCategory as string | null) ?? ex.unitCategory);
    // The term columns compare with the latest election on record (the commit adds or corrects one).
    const term = terms.get(ex.id);
    const ledger = { ...ex, termElectedOn: term?.electedOn ?? null, termYears: term?.termYears ?? null } as unknown as Record<string, unknown>;
    const { before, after, notes } = diffFields(UPDATABLE, r.values, ledger);
    if (r.refs.parentId && ex.parentId && r.refs.parentId !== ex.parentId && r.refs.selfId !== state.underOrgId) {
      const np = rowById.get(r.refs.parentId)?.values.name ?? dbOrgs.find((o) => o.id === r.refs.parentId)?.name;
      notes.push(`上级党组织：台账为“${dbOrgs.find((o) => o.id === ex.parentId)?.name ?? ''}”，文件为“${String(np)}”（导入不移动组织，请在组织管理中调整）`);
    }
    r.match = { entity: 'org', id: ex.id, label: ex.name, before, after };
    r.action = Object.keys(after).length > 0 ? 'update' : 'unchanged';
    if (notes.length > 0) r.dbIssues.push(issueAt(placeOf(r), columnOf(r, 'name'), 'EXISTS_DIFFERENT', `台账中已有“${ex.name}”，信息不同：${notes.join('；')}`));
  }
}
