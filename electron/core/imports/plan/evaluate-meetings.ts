/**
 * The ledger-dependent checks of a 组织生活 roster: the organisation inside the importing unit, the
 * same meeting (organisation, kind, date) twice in the files, a meeting already recorded (updated
 * when the file says more), and the names of 缺席人员 found among the organisation's members (a
 * name not found is a warning: the meeting is recorded without that entry).
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { subtreeUpper } from '../../auth/scope.js';
import { MEETING_CATALOGUE, formatAbsentList, parseAbsentList } from '../../../../shared/import/index.js';
import { MEETING_KIND_NAMES, type MeetingKind } from '../../../../shared/domain/meeting-rules.js';
import type { PreviewState, RowState } from './state.js';
import { rowIssues } from './state.js';
import { hasError, issueAt } from '../validate/issue.js';
import { columnOf, placeOf } from '../validate/normalise-row.js';
import { OrgResolver, orgIssueMessage } from '../validate/org-resolver.js';
import { orgsInSubtree } from './scope-orgs.js';
import { diffFields } from './diff.js';

/** Meeting fields compared with the ledger (organisation, kind and date identify the meeting). */
export const MEETING_FIELDS = MEETING_CATALOGUE.fields.filter((f) => ['topic', 'attendees', 'absentees', 'note'].includes(f.key));

/** The absent members a row names, as the commit writes them (refs carry strings). */
export interface Absent {
  memberId: string;
  name: string;
  reason: string | null;
}
export const absentOf = (r: RowState): Absent[] | null => (r.refs.absent ? (JSON.parse(r.refs.absent) as Absent[]) : null);

export async function evaluateMeetings(db: Kysely<DB>, state: PreviewState, underPath: string): Promise<void> {
  const orgs = await orgsInSubtree(db, underPath);
  const resolver = new OrgResolver(orgs);
  const pathOf = new Map(orgs.map((o) => [o.id, o.path]));
  const firstOf = new Map<string, RowState>();
  for (const r of state.rows) {
    r.dbIssues = [];
    r.refs = {};
    delete r.match;
    const text = r.values.orgId;
    if (typeof text !== 'string') continue;
    const res = resolver.resolve(text);
    if (!res.ok) {
      r.dbIssues.push(issueAt(placeOf(r), columnOf(r, 'orgId'), res.code, orgIssueMessage('党组织', text, state.underName, res)));
      continue;
    }
    r.refs.orgId = res.org.id;
    const key = `${res.org.id}|${String(r.values.kind)}|${String(r.values.heldOn)}`;
    const first = firstOf.get(key);
    if (first) r.dbIssues.push(issueAt(placeOf(r), columnOf(r, 'heldOn'), 'DUPLICATE_IN_FILE', `与第${first.row}行是同一次会议（同一党组织、类型和日期）`));
    else firstOf.set(key, r);
  }

  const live = state.rows.filter((r) => r.refs.orgId && !hasError(rowIssues(r)));
  const orgIds = [...new Set(live.map((r) => r.refs.orgId!))];
  const existing = new Map<string, Record<string, unknown> & { id: string; orgName: string }>();
  const absentNow = new Map<string, { memberId: string; name: string; reason: string | null }[]>();
  if (orgIds.length > 0) {
    const rows = (await sql<Record<string, unknown> & { id: string; orgId: string; kind: string; heldOn: string; orgName: string }>`
      SELECT m.*, coalesce(o.short_name, o.name) AS org_name FROM meetings m JOIN orgs o ON o.id = m.org_id
      WHERE m.org_id IN (SELECT value FROM json_each(${JSON.stringify(orgIds)}))`.execute(db)).rows;
    for (const m of rows) existing.set(`${m.orgId}|${m.kind}|${m.heldOn}`, m);
    const att = await sql<{ meetingId: string; memberId: string; name: string; reason: string | null }>`
      SELECT a.meeting_id, a.member_id, p.name, a.reason FROM meeting_attendance a JOIN members p ON p.id = a.member_id
      WHERE a.present = 0 AND a.meeting_id IN (SELECT value FROM json_each(${JSON.stringify(rows.map((m) => m.id))}))`.execute(db);
    for (const a of att.rows) absentNow.set(a.meetingId, [...(absentNow.get(a.meetingId) ?? []), a]);
  }
  // Members of each organisation named with absences (the branch and its groups), by name.
  const membersOf = new Map<string, Map<string, string[]>>();
  for (const id of new Set(live.filter((r) => typeof r.values.absentList === 'string').map((r) => r.refs.orgId!))) {
    const path = pathOf.get(id)!;
    const ms = await db
      .selectFrom('members as m')
      .innerJoin('orgs as o', 'o.id', 'm.orgId')
      .select(['m.id', 'm.name'])
      .where('o.path', '>=', path)
      .where('o.path', '<', subtreeUpper(path))
      .where('m.status', '=', 'active')
      .execute();
    const byName = new Map<string, string[]>();
    for (const m of ms) byName.set(m.name, [...(byName.get(m.name) ?? []), m.id]);
    membersOf.set(id, byName);
  }

  for (const r of state.rows) {
    if (!r.refs.orgId || hasError(rowIssues(r))) {
      r.action = 'skip';
      continue;
    }
    let absent: Absent[] | null = null;
    if (typeof r.values.absentList === 'string') {
      absent = [];
      for (const a of parseAbsentList(r.values.absentList)) {
        const ids = membersOf.get(r.refs.orgId)?.get(a.name) ?? [];
        if (ids.length === 1) absent.push({ memberId: ids[0]!, name: a.name, reason: a.reason });
        else r.dbIssues.push(issueAt(placeOf(r), columnOf(r, 'absentList'), 'MEMBER_UNKNOWN', ids.length === 0 ? `缺席人员“${a.name}”不是该党组织的在册党员，未记入出席名单` : `缺席人员“${a.name}”在该党组织有${ids.length}人同名，未记入出席名单，请在台账中登记`));
      }
      r.refs.absent = JSON.stringify(absent);
    }
    const ex = existing.get(`${r.refs.orgId}|${String(r.values.kind)}|${String(r.values.heldOn)}`);
    if (!ex) {
      r.action = 'create';
      continue;
    }
    const { before, after, notes } = diffFields(MEETING_FIELDS, r.values, ex);
    const had = absentNow.get(ex.id) ?? [];
    if (absent && formatAbsentList([...absent].sort(byId)) !== formatAbsentList([...had].sort(byId))) {
      before.absentList = formatAbsentList(had);
      after.absentList = formatAbsentList(absent);
      notes.push(`缺席人员：${formatAbsentList(had) || '（无）'} → ${formatAbsentList(absent) || '（无）'}`);
    }
    r.match = { entity: 'meeting', id: ex.id, label: `${ex.orgName} ${String(ex.heldOn)} ${MEETING_KIND_NAMES[ex.kind as MeetingKind] ?? ''}`, before, after };
    r.action = Object.keys(after).length > 0 ? 'update' : 'unchanged';
    if (notes.length > 0) r.dbIssues.push(issueAt(placeOf(r), columnOf(r, 'heldOn'), 'EXISTS_DIFFERENT', `台账中已有这次会议，信息不同：${notes.join('；')}`));
  }
}

const byId = (a: { memberId: string }, b: { memberId: string }) => (a.memberId < b.memberId ? -1 : a.memberId > b.memberId ? 1 : 0);
