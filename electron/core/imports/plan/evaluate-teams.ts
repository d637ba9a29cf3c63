/**
 * The ledger-dependent checks of a 驻村工作队 roster: the village inside the importing unit, the same
 * person twice in the files, the posting matched (same person, same village, overlapping term) or
 * created, a posting of the same person elsewhere whose term overlaps (refused), month columns
 * inside the term, and the first-secretary check (a warning: a person decides). A cadre who is a
 * member of the ledger inside the importing unit is linked to the member record.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { inSubtree, subtreeUpper } from '../../auth/scope.js';
import { MONTH_MEASURES, parseMonthKey, TEAM_CATALOGUE, type MonthMeasure } from '../../../../shared/import/index.js';
import { eligibilitySummary, type PartyCategory } from '../../../../shared/domain/team-eligibility.js';
import { inPostSomeOfMonth } from '../../../../shared/domain/village-days.js';
import { firstDay, lastDay } from '../../../../shared/domain/dates.js';
import { eligibilityOf, type MemberFacts } from '../../team/loaders.js';
import type { PreviewState, RowState } from './state.js';
import { rowIssues } from './state.js';
import { hasError, issueAt } from '../validate/issue.js';
import { columnOf, placeOf } from '../validate/normalise-row.js';
import { OrgResolver, orgIssueMessage } from '../validate/org-resolver.js';
import { orgsInSubtree } from './scope-orgs.js';
import { diffFields } from './diff.js';

/** Posting fields compared with the ledger (the village decides the match, the ID number the person). */
export const POSTING_FIELDS = TEAM_CATALOGUE.fields.filter((f) => f.key !== 'villageOrgId' && f.key !== 'idNumber');
/** team_months columns by measure. */
export const MONTH_COLUMN: Readonly<Record<MonthMeasure, 'daysInVillage' | 'logCount' | 'visitCount'>> = { days: 'daysInVillage', logs: 'logCount', visits: 'visitCount' };

interface Posting {
  id: string;
  villageOrgId: string;
  villageName: string;
  path: string;
  name: string;
  idNumber: string | null;
  memberId: string | null;
  fromDate: string | null;
  toDate: string | null;
  endedOn: string | null;
  row: Record<string, unknown>;
}

const overlaps = (a: { fromDate: string | null; toDate: string | null; endedOn?: string | null }, b: { fromDate: string | null; toDate: string | null; endedOn?: string | null }) => {
  const end = (x: typeof a) => (x.endedOn ? x.endedOn : x.toDate ? lastDay(x.toDate) : '9999-12-31');
  const start = (x: typeof a) => (x.fromDate ? firstDay(x.fromDate) : '0000-01-01');
  return start(a) <= end(b) && start(b) <= end(a);
};

export async function evaluateTeams(db: Kysely<DB>, state: PreviewState, underPath: string): Promise<void> {
  const resolver = new OrgResolver(await orgsInSubtree(db, underPath));
  const ids = [...new Set(state.rows.map((r) => r.values.idNumber).filter((v): v is string => typeof v === 'string'))];
  const names = [...new Set(state.rows.map((r) => r.values.name).filter((v): v is string => typeof v === 'string'))];
  // Postings of these people anywhere (a term overlapping elsewhere is refused), and the unit's own by name.
  const postings = (await sql<Omit<Posting, 'row'> & Record<string, unknown>>`
    SELECT t.*, coalesce(o.short_name, o.name) AS village_name, o.path FROM team_members t JOIN orgs o ON o.id = t.village_org_id
    WHERE t.id_number IN (SELECT value FROM json_each(${JSON.stringify(ids)}))
       OR (t.name IN (SELECT value FROM json_each(${JSON.stringify(names)})) AND o.path >= ${underPath} AND o.path < ${subtreeUpper(underPath)})`.execute(db)).rows.map((r) => ({ ...r, row: r }) as Posting);
  const members = new Map(
    (await db
      .selectFrom('members as m')
      .innerJoin('orgs as o', 'o.id', 'm.orgId')
      .select(['m.id', 'm.idNumber', 'm.name', 'm.category', 'm.confirmedOn', 'm.partyAgeAdjustMonths', 'o.path'])
      .where('m.idNumber', 'in', ids.length ? ids : [''])
      .where('m.status', '=', 'active')
      .execute()).filter((m) => inSubtree(m.path, underPath)).map((m) => [m.idNumber, m]),
  );
  const firstOf = new Map<string, RowState>();

  for (const r of state.rows) {
    r.dbIssues = [];
    r.refs = {};
    delete r.match;
    const v = r.values;
    const village = v.villageOrgId;
    if (typeof village === 'string') {
      const res = resolver.resolve(village);
      if (res.ok) r.refs.villageOrgId = res.org.id;
      else r.dbIssues.push(issueAt(placeOf(r), columnOf(r, 'villageOrgId'), res.code, orgIssueMessage('驻村', village, state.underName, res)));
    }
    const person = typeof v.idNumber === 'string' ? v.idNumber : typeof v.name === 'string' && r.refs.villageOrgId ? `${v.name}|${r.refs.villageOrgId}` : null;
    if (person === null) continue;
    const first = firstOf.get(person);
    if (first) {
      r.dbIssues.push(issueAt(placeOf(r), columnOf(r, typeof v.idNumber === 'string' ? 'idNumber' : 'name'), 'DUPLICATE_IN_FILE', `与第${first.row}行是同一人（${String(v.name ?? '')}），一人只填一行`));
      continue;
    }
    firstOf.set(person, r);
  }

  for (const r of state.rows) {
    const v = r.values;
    if (hasError(rowIssues(r)) || !r.refs.villageOrgId) {
      r.action = 'skip';
      continue;
    }
    const member = typeof v.idNumber === 'string' ? members.get(v.idNumber) : undefined;
    if (member) {
      // A linked member's name is the member record's: the file's spelling is not a change.
      r.refs.memberId = member.id;
      v.name = member.name;
    }
    const term = { fromDate: (v.fromDate as string | null) ?? null, toDate: (v.toDate as string | null) ?? null };
    const mine = postings.filter((p) => (typeof v.idNumber === 'string' ? p.idNumber === v.idNumber : p.idNumber === null && p.name === v.name));
    const here = mine.filter((p) => p.villageOrgId === r.refs.villageOrgId && (term.fromDate === null || p.fromDate === null || overlaps(p, term)));
    const match = here.find((p) => p.fromDate === term.fromDate) ?? here.sort((a, b) => ((a.fromDate ?? '') < (b.fromDate ?? '') ? 1 : -1))[0];
    const effective = { fromDate: term.fromDate ?? match?.fromDate ?? null, toDate: term.toDate ?? match?.toDate ?? null, endedOn: match?.endedOn ?? null };
    const elsewhere = mine.find((p) => p !== match && overlaps(p, effective));
    if (elsewhere) {
      const where = inSubtree(elsewhere.path, underPath) ? `“${elsewhere.villageName}”` : '其他单位';
      r.dbIssues.push(issueAt(placeOf(r), columnOf(r, typeof v.idNumber === 'string' ? 'idNumber' : 'name'), 'EXISTS_ELSEWHERE', `${String(v.name)}已在${where}驻村（${elsewhere.fromDate ?? '—'} 至 ${elsewhere.toDate ?? '—'}），任职期不能重叠；如已召回或轮换，请先在台账中登记`));
    }
    for (const f of r.table.extraFields ?? []) {
      const m = parseMonthKey(f.key);
      if (!m || typeof v[f.key] !== 'number' || inPostSomeOfMonth(effective, m.month)) continue;
      r.dbIssues.push(issueAt(placeOf(r), columnOf(r, f.key), 'VALUE_INVALID', `${m.month} 不在任职期内（${effective.fromDate ?? '—'} 至 ${effective.endedOn ?? effective.toDate ?? '—'}），不能登记${MONTH_MEASURES[m.measure].label}`));
    }
    if (hasError(r.dbIssues)) {
      r.action = 'skip';
      continue;
    }
    if (!match) {
      warnEligibility(r, member, effective.fromDate, null, state.today);
      r.action = 'create';
      continue;
    }
    r.refs.postingId = match.id;
    r.action = 'unchanged';
    const { before, after, notes } = diffFields(POSTING_FIELDS, v, match.row);
    r.match = { entity: 'teamMember', id: match.id, label: `${match.name}（${match.villageName}）`, before, after };
    if (member && match.memberId !== member.id) {
      r.match.before.memberId = match.memberId;
      r.match.after.memberId = member.id;
    }
    if (notes.length > 0) r.dbIssues.push(issueAt(placeOf(r), columnOf(r, 'name'), 'EXISTS_DIFFERENT', `台账中已有${match.name}（${match.villageName}），信息不同：${notes.join('；')}`));
    // A posting recorded before was warned then: only a change of what the check reads warns again.
    if (ELIGIBILITY_FIELDS.some((k) => k in after)) warnEligibility(r, member, effective.fromDate, match, state.today);
  }
  await compareMonths(db, state);
  // Month checks may have refused a row; a match's months may have turned it into an update.
  for (const r of state.rows) {
    if (r.action === 'skip') continue;
    if (hasError(r.dbIssues)) r.action = 'skip';
    else if (r.match) r.action = Object.keys(r.match.after).length > 0 ? 'update' : 'unchanged';
  }
}

const ELIGIBILITY_FIELDS = ['role', 'fromDate', 'workStartedOn', 'partyCategory', 'partyConfirmedOn', 'memberId'];

/** A 第一书记 who does not meet the conditions, or cannot be shown to: a warning on the row. */
function warnEligibility(r: RowState, member: MemberFacts | undefined, fromDate: string | null, match: Posting | null, today: string): void {
  const v = r.values;
  const role = v.role ?? match?.row.role;
  if (role !== 'first-secretary') return;
  const fact = (k: string) => ((v[k] ?? match?.row[k] ?? null) as string | null);
  const e = eligibilityOf(member, { partyCategory: fact('partyCategory') as PartyCategory | null, partyConfirmedOn: fact('partyConfirmedOn'), workStartedOn: fact('workStartedOn'), fromDate }, today);
  if (e.eligible !== true) r.dbIssues.push(issueAt(placeOf(r), columnOf(r, 'role'), 'TEAM_ELIGIBILITY', eligibilitySummary(e)));
}

/**
 * Month columns against the ledger: a matched posting's differing months join the row's update; a
 * work-log or visit count needs the month's days (in the row or already recorded).
 */
async function compareMonths(db: Kysely<DB>, state: PreviewState): Promise<void> {
  const rows = state.rows.filter((r) => r.action !== 'skip' && (r.table.extraFields?.length ?? 0) > 0);
  if (rows.length === 0) return;
  const have = new Map<string, { daysInVillage: number; logCount: number; visitCount: number }>();
  const got = await sql<{ teamMemberId: string; month: string; daysInVillage: number; logCount: number; visitCount: number }>`
    SELECT team_member_id, month, days_in_village, log_count, visit_count FROM team_months
    WHERE team_member_id IN (SELECT value FROM json_each(${JSON.stringify(rows.filter((r) => r.match).map((r) => r.match!.id))}))`.execute(db);
  for (const m of got.rows) have.set(`${m.teamMemberId}|${m.month}`, m);
  for (const r of rows) {
    for (const f of r.table.extraFields!) {
      const m = parseMonthKey(f.key);
      const v = r.values[f.key];
      if (!m || typeof v !== 'number') continue;
      const recorded = r.match ? have.get(`${r.match.id}|${m.month}`) : undefined;
      if (m.measure !== 'days' && typeof r.values[`days.${m.month}`] !== 'number' && !recorded) {
        r.dbIssues.push(issueAt(placeOf(r), columnOf(r, f.key), 'REQUIRED_MISSING', `${m.month} 没有驻村天数，${MONTH_MEASURES[m.measure].label}无处登记；请同时填写“${m.month.slice(0, 4)}年${Number(m.month.slice(5))}月”驻村天数`));
        continue;
      }
      if (!r.match) continue;
      const old = recorded?.[MONTH_COLUMN[m.measure]] ?? null;
      if (old === v) continue;
      r.match.before[f.key] = old;
      r.match.after[f.key] = v;
    }
  }
}
