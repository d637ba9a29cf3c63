/**
 * The database pass of a 村级后备力量 roster: 所在村 resolved among the village organisations of the
 * importing unit, the same ID number twice in the batch, members and 发展对象 of the unit linked by
 * the ID number, reserves already registered matched (stages only move forward: the ones the file
 * adds), and the checks of the county's settings on every stage the row adds (RESERVE_RULE warnings
 * with the rule's name; committing is the person's decision, recorded with each stage).
 * Runs at preview, after every fixCell, and again inside the commit's transaction.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { inSubtree, subtreeUpper } from '../../auth/scope.js';
import { CATALOGUES, type FieldDef } from '../../../../shared/import/index.js';
import { todayIso } from '../../../../shared/domain/dates.js';
import { educationBucket } from '../../../../shared/codes/lookup.js';
import { RESERVE_STAGES, RESERVE_STAGE_NAMES, isOpenStage, reserveFindings, type ReserveDirection, type ReserveFinding, type ReserveStage } from '../../../../shared/domain/reserve-rules.js';
import type { PreviewState, RowState } from './state.js';
import { rowIssues } from './state.js';
import { hasError, issueAt } from '../validate/issue.js';
import { columnOf, placeOf } from '../validate/normalise-row.js';
import { OrgResolver, orgIssueMessage, type OrgCandidate, type OrgResolution } from '../validate/org-resolver.js';
import { orgBase, orgKey } from '../validate/org-names.js';
import { stagesOfRow, STAGE_FIELD, type RowStage } from '../validate/reserve-row.js';
import { reserveChecks } from '../../reserve/stages.js';
import { PERSON_KEYS, PLACEMENT_KEYS } from '../../reserve/person.js';

const CHUNK = 500;

/** What the commit writes for a row, kept from the row's last evaluation. */
export interface ReservePlan {
  villageOrgId: string;
  memberId: string | null;
  devPersonId: string | null;
  /** Existing reserve, if any. */
  reserveId: string | null;
  /** Stage records to add, with the checks that warned on each (post: 进入两委; reason: 出库). */
  stages: (RowStage & { findings: ReserveFinding[]; post: string | null; reason: string | null })[];
  mentor: { onDate: string; content: string } | null;
  assessment: { onDate: string; content: string } | null;
  /** Changed columns of an existing reserve (person columns only for an unlinked one). */
  patch: Record<string, unknown>;
}
export const reservePlans = new WeakMap<RowState, ReservePlan>();

interface Existing {
  id: string;
  path: string;
  stage: ReserveStage;
  stageOn: string | null;
  mentor: string | null;
  assessment: string | null;
  linked: boolean;
  row: Record<string, unknown>;
  negatives: { code: string | null; onDate: string }[];
}

/** The top organisation of each 建制村 in the subtree (a reserve's village), live. */
async function villagesIn(db: Kysely<DB>, root: string): Promise<OrgCandidate[]> {
  const rows = (
    await sql<OrgCandidate & { parentCategory: string | null }>`
      SELECT o.id, o.name, o.short_name, o.kind, o.path, p.unit_category AS parent_category FROM orgs o LEFT JOIN orgs p ON p.id = o.parent_id
      WHERE o.path >= ${root} AND o.path < ${subtreeUpper(root)} AND o.unit_category = 'village' AND o.dissolved_on IS NULL AND o.kind <> 'group'`.execute(db)
  ).rows;
  return rows.filter((o) => o.parentCategory !== 'village').map(({ parentCategory: _p, ...o }) => o);
}

async function loadExisting(db: Kysely<DB>, ids: string[]): Promise<Map<string, Existing>> {
  const out = new Map<string, Existing>();
  for (let i = 0; i < ids.length; i += CHUNK) {
    const part = ids.slice(i, i + CHUNK);
    const rows = await db.selectFrom('reserves as r').innerJoin('orgs as o', 'o.id', 'r.villageOrgId').selectAll('r').select('o.path').where('r.idNumber', 'in', part).execute();
    const recs = rows.length === 0 ? [] : await db.selectFrom('reserveRecords').select(['reserveId', 'kind', 'stage', 'onDate', 'code']).where('reserveId', 'in', rows.map((r) => r.id)).where('voidedAt', 'is', null).execute();
    for (const { path, ...row } of rows) {
      const mine = recs.filter((x) => x.reserveId === row.id);
      const stageOn = mine.filter((x) => x.kind === 'stage' && x.stage === row.stage).map((x) => x.onDate).sort().at(-1) ?? null;
      out.set(row.idNumber, {
        id: row.id, path, stage: row.stage as ReserveStage, stageOn, mentor: row.mentor, assessment: row.assessment,
        linked: row.memberId !== null || row.devPersonId !== null, row,
        negatives: mine.filter((x) => x.kind === 'negative').map((x) => ({ code: x.code, onDate: x.onDate })),
      });
    }
  }
  return out;
}

interface Person {
  memberId: string | null;
  devPersonId: string | null;
  name: string;
  birthDate: string | null;
  education: string | null;
}

/** Members, else 发展对象, of the subtree with these ID numbers. */
async function loadPeople(db: Kysely<DB>, ids: string[], root: string): Promise<Map<string, Person>> {
  const out = new Map<string, Person>();
  for (let i = 0; i < ids.length; i += CHUNK) {
    const part = ids.slice(i, i + CHUNK);
    const range = (q: any) => q.where('o.path', '>=', root).where('o.path', '<', subtreeUpper(root));
    const devs = await range(db.selectFrom('devPeople as d').innerJoin('orgs as o', 'o.id', 'd.orgId').select(['d.id', 'd.idNumber', 'd.name', 'd.birthDate', 'd.education']).where('d.idNumber', 'in', part)).execute() as { id: string; idNumber: string; name: string; birthDate: string | null; education: string | null }[];
    for (const d of devs) out.set(d.idNumber, { memberId: null, devPersonId: d.id, name: d.name, birthDate: d.birthDate, education: d.education });
    const members = await range(db.selectFrom('members as m').innerJoin('orgs as o', 'o.id', 'm.orgId').select(['m.id', 'm.idNumber', 'm.name', 'm.birthDate', 'm.education']).where('m.idNumber', 'in', part)).execute() as { id: string; idNumber: string; name: string; birthDate: string | null; education: string | null }[];
    for (const m of members) out.set(m.idNumber, { memberId: m.id, devPersonId: null, name: m.name, birthDate: m.birthDate, education: m.education });
  }
  return out;
}

function fmt(f: FieldDef | undefined, v: unknown): string {
  if (v === null || v === undefined || v === '') return '（空）';
  if (f?.kind === 'choice') return f.choices?.find((c) => c.value === v)?.label ?? String(v);
  return String(v);
}

export async function evaluateReserves(db: Kysely<DB>, state: PreviewState, underPath: string): Promise<void> {
  const cat = CATALOGUES.reserves;
  const fieldOf = (k: string) => cat.fields.find((f) => f.key === k);
  const today = todayIso();
  const checks = await reserveChecks(db);
  const villages = await villagesIn(db, underPath);
  const resolver = new OrgResolver(villages);
  // Clerks name the village (红旗村), not its party organisation: the name before the kind word.
  const byVillage = new Map<string, OrgCandidate[]>();
  for (const o of villages) {
    for (const n of new Set([o.name, o.shortName ?? o.name].map((x) => orgBase(orgKey(x))))) byVillage.set(n, [...(byVillage.get(n) ?? []), o]);
  }
  const resolve = (text: string): OrgResolution => {
    const res = resolver.resolve(text);
    if (res.ok || res.code !== 'ORG_UNKNOWN' || orgKey(text).includes('|')) return res;
    const hits = [...new Set(byVillage.get(orgKey(text)) ?? [])];
    if (hits.length === 1) return { ok: true, org: hits[0]! };
    return hits.length > 1 ? { ok: false, code: 'ORG_AMBIGUOUS', candidates: hits } : res;
  };
  const firstById = new Map<string, RowState>();

  for (const r of state.rows) {
    r.dbIssues = [];
    r.refs = {};
    delete r.match;
    reservePlans.delete(r);
    const text = r.values.villageOrgId;
    if (typeof text === 'string') {
      const res = resolve(text);
      if (res.ok) r.refs.villageOrgId = res.org.id;
      else r.dbIssues.push(issueAt(placeOf(r), columnOf(r, 'villageOrgId'), res.code, orgIssueMessage('所在村', text, state.underName, res)));
    }
    const idNumber = r.values.idNumber;
    if (typeof idNumber !== 'string') continue;
    const first = firstById.get(idNumber);
    if (!first) {
      firstById.set(idNumber, r);
      continue;
    }
    const where = first.table.file === r.table.file && first.table.sheet === r.table.sheet ? `第${first.row}行` : `“${first.table.file}”工作表“${first.table.sheet}”第${first.row}行`;
    r.dbIssues.push(issueAt(placeOf(r), columnOf(r, 'idNumber'), 'DUPLICATE_IN_FILE', `公民身份号码“${idNumber}”与${where}重复`));
  }

  const ids = [...firstById.keys()];
  const existing = await loadExisting(db, ids);
  const people = await loadPeople(db, ids, underPath);

  for (const r of state.rows) {
    const idNumber = r.values.idNumber as string | null;
    const place = placeOf(r);
    const ex = idNumber && firstById.get(idNumber) === r ? existing.get(idNumber) : undefined;
    if (ex && !inSubtree(ex.path, underPath)) {
      r.dbIssues.push(issueAt(place, columnOf(r, 'idNumber'), 'EXISTS_ELSEWHERE', `公民身份号码“${idNumber}”已在其他单位的后备力量库中登记，不能通过导入转移`));
    }
    const person = idNumber ? people.get(idNumber) : undefined;
    const linked = ex ? ex.linked : person !== undefined;
    const notes: string[] = [];
    if (person && typeof r.values.name === 'string' && r.values.name !== person.name) {
      notes.push(`姓名以${person.memberId ? '党员' : '发展党员'}名册为准（名册为${person.name}）`);
    }
    if (!linked && !ex && r.values.name === null) r.dbIssues.push(issueAt(place, columnOf(r, 'name'), 'REQUIRED_MISSING', '姓名为空（该身份证号不是本单位的党员或发展对象），该项为必填'));
    if (hasError(rowIssues(r)) || !r.refs.villageOrgId) {
      r.action = 'skip';
      continue;
    }

    // Stages: everything the row reaches beyond the ledger's current stage.
    const all = stagesOfRow(r.values, today);
    const last = all.at(-1)!;
    const stated = r.values.stage as ReserveStage | null;
    if (stated && stated !== last.stage) {
      notes.push(`所处阶段为“${RESERVE_STAGE_NAMES[stated]}”，按所填日期为“${RESERVE_STAGE_NAMES[last.stage]}”，按日期登记`);
    }
    const rank = (s: ReserveStage) => RESERVE_STAGES.indexOf(s);
    let adding = all;
    if (ex) {
      if (!isOpenStage(ex.stage)) adding = [];
      else adding = all.filter((s) => rank(s.stage) > rank(ex.stage) && (ex.stageOn === null || s.onDate >= ex.stageOn));
      if (rank(last.stage) < rank(ex.stage) || (!isOpenStage(ex.stage) && last.stage !== ex.stage)) {
        notes.push(`台账中为“${RESERVE_STAGE_NAMES[ex.stage]}”${ex.stageOn ?? ''}，阶段不回退、不改动`);
      }
    }
    const direction = ((r.values.direction ?? ex?.row.direction ?? null) as ReserveDirection | null);
    let from: ReserveStage | null = ex ? ex.stage : null;
    const stages = adding.map((s) => {
      const findings = s.stage === 'recommended' ? [] : reserveFindings({
        from, to: s.stage, onDate: s.onDate,
        birthDate: person?.birthDate ?? ((r.values.birthDate as string | null) ?? (ex?.row.birthDate as string | null) ?? r.idInfo?.birthDate ?? null),
        educationBucket: educationBucket(person?.education ?? ((r.values.education as string | null) ?? (ex?.row.education as string | null))),
        direction,
        negatives: ex?.negatives ?? [],
      }, checks);
      from = s.stage;
      const post = s.stage === 'entered' ? ((r.values.enteredPost as string | null) ?? null) : null;
      return { ...s, findings, post, reason: s.stage === 'exited' ? ((r.values.exitReason as string | null) ?? null) : null };
    });

    // One warning a check, naming the stages it warned on (stages without a date of their own share one).
    const warned = new Map<string, { stages: RowStage[]; finding: ReserveFinding }>();
    for (const st of stages) for (const f of st.findings) {
      const w = warned.get(f.ruleId);
      if (w) w.stages.push(st);
      else warned.set(f.ruleId, { stages: [st], finding: f });
    }
    for (const { stages: on, finding: f } of warned.values()) {
      r.dbIssues.push(issueAt(place, columnOf(r, STAGE_FIELD[on[0]!.stage]), 'RESERVE_RULE', `${on.map((x) => RESERVE_STAGE_NAMES[x.stage]).join('、')}：${f.rule}（${f.message}）`, f.ruleId));
    }
    // 培养联系人 as of the row's first stage (a new reserve) or its latest; 考察评价 as of 考察.
    const latestOn = (adding.at(-1) ?? last).onDate;
    const mentor = typeof r.values.mentor === 'string' && r.values.mentor !== (ex?.mentor ?? null) ? { onDate: ex ? latestOn : all[0]!.onDate, content: r.values.mentor } : null;
    const assessedOn = typeof r.values.assessedOn === 'string' ? r.values.assessedOn : latestOn;
    const assessment = typeof r.values.assessment === 'string' && r.values.assessment !== (ex?.assessment ?? null) ? { onDate: assessedOn, content: r.values.assessment } : null;
    const plan: ReservePlan = { villageOrgId: r.refs.villageOrgId, memberId: person?.memberId ?? null, devPersonId: person?.devPersonId ?? null, reserveId: ex?.id ?? null, stages, mentor, assessment, patch: {} };
    reservePlans.set(r, plan);
    if (!ex) {
      r.action = 'create';
      if (notes.length > 0) r.dbIssues.push(issueAt(place, columnOf(r, 'stage'), 'RESERVE_RULE', notes.join('；'), 'stage-dates'));
      continue;
    }

    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    const compare = [...(linked ? [] : PERSON_KEYS), ...PLACEMENT_KEYS, 'villageOrgId'] as const;
    for (const k of compare) {
      // A member's 政治面貌 follows from the member record.
      if (k === 'politicalStatus' && (person?.memberId || ex.row.memberId)) continue;
      const v = k === 'villageOrgId' ? r.refs.villageOrgId : r.values[k];
      if (v === null || v === undefined || v === ex.row[k]) continue;
      before[k] = ex.row[k] ?? null;
      after[k] = v;
      if (k !== 'villageOrgId') notes.push(`${fieldOf(k)?.label ?? k}：${fmt(fieldOf(k), ex.row[k])} → ${fmt(fieldOf(k), v)}`);
      else notes.push('所在村改变');
    }
    plan.patch = { ...after };
    if (stages.length > 0) {
      after.stages = stages.map((s) => ({ stage: s.stage, onDate: s.onDate }));
      notes.push(`新增阶段：${stages.map((s) => `${RESERVE_STAGE_NAMES[s.stage]} ${s.onDate}`).join('、')}`);
    }
    if (mentor) after.mentor = mentor.content;
    if (assessment) after.assessment = assessment.content;
    const label = `${person?.name ?? (ex.row.name as string | null) ?? ''}（${String(idNumber)}）`;
    r.match = { entity: 'reserve', id: ex.id, label, before, after };
    r.action = Object.keys(after).length > 0 ? 'update' : 'unchanged';
    if (notes.length > 0) r.dbIssues.push(issueAt(place, columnOf(r, 'idNumber'), 'EXISTS_DIFFERENT', `后备力量库中已有${label}：${notes.join('；')}`));
  }
}
