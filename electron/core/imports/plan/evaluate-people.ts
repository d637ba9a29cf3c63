/**
 * The part of validation that needs the ledger and the other rows, for people rosters (党员,
 * 发展党员): organisation names resolved inside the importing unit's subtree, the same ID number
 * twice in the batch, people matched by ID number (update with before/after), and the action.
 * Runs at preview, after every fixCell, and again inside the commit's transaction.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { inSubtree } from '../../auth/scope.js';
import { CATALOGUES, type FieldDef } from '../../../../shared/import/index.js';
import type { PreviewState, RowState } from './state.js';
import { rowIssues } from './state.js';
import { hasError, issueAt } from '../validate/issue.js';
import { columnOf, placeOf } from '../validate/normalise-row.js';
import { OrgResolver, orgIssueMessage } from '../validate/org-resolver.js';
import { orgsInSubtree } from './scope-orgs.js';
import { shownValue } from '../validate/cells.js';
import { DEV_STEP_FIELDS } from './dev-steps.js';
import { isHistoryField } from '../../../../shared/contract/member.js';
import { memberOrgProblem } from '../../../../shared/domain/rules/member-org.js';
import { GridResolver, gridIssueMessage } from '../validate/grid-resolver.js';
import { subtreeUpper } from '../../auth/scope.js';

const CHUNK = 500;

/**
 * History fields of a member the ledger has (人员类别, 入党/转正日期, 流动, 失联) change only through
 * dated events; of those a roster can say, only a 预备党员's 转正 is taken (write-people.ts adds the
 * 转正 event on the 转正日期 the row gives).
 */
function confirms(field: string, ledger: Record<string, unknown>, values: Record<string, unknown>): boolean {
  if (ledger.category !== 'probationary' || ledger.confirmedOn !== null || typeof values.confirmedOn !== 'string') return false;
  return field === 'confirmedOn' || (field === 'category' && values.category === 'formal');
}

interface Existing {
  id: string;
  name: string;
  orgId: string;
  orgName: string;
  orgPath: string;
  row: Record<string, unknown>;
  steps?: Map<string, string>;
}

async function loadExisting(db: Kysely<DB>, kind: 'members' | 'pipeline', ids: string[]): Promise<Map<string, Existing>> {
  const out = new Map<string, Existing>();
  for (let i = 0; i < ids.length; i += CHUNK) {
    const part = ids.slice(i, i + CHUNK);
    if (kind === 'members') {
      const rows = await db.selectFrom('members as m').innerJoin('orgs as o', 'o.id', 'm.orgId').selectAll('m').select(['o.name as orgName', 'o.path as orgPath']).where('m.idNumber', 'in', part).execute();
      for (const { orgName, orgPath, ...row } of rows) out.set(row.idNumber, { id: row.id, name: row.name, orgId: row.orgId, orgName, orgPath, row });
    } else {
      const rows = await db.selectFrom('devPeople as p').innerJoin('orgs as o', 'o.id', 'p.orgId').selectAll('p').select(['o.name as orgName', 'o.path as orgPath']).where('p.idNumber', 'in', part).execute();
      const steps = rows.length === 0 ? [] : await db.selectFrom('devSteps').select(['personId', 'step', 'onDate']).where('personId', 'in', rows.map((r) => r.id)).execute();
      for (const { orgName, orgPath, ...row } of rows) {
        const mine = new Map(steps.filter((s) => s.personId === row.id).map((s) => [s.step, s.onDate] as const));
        out.set(row.idNumber, { id: row.id, name: row.name, orgId: row.orgId, orgName, orgPath, row, steps: mine });
      }
    }
  }
  return out;
}

/** The ledger's value of a field in the form the file's value has after normalising. */
function ledgerValue(f: FieldDef, row: Record<string, unknown>): unknown {
  const v = row[f.key];
  if (f.kind === 'boolean') return v === 1 || v === true;
  return v ?? null;
}

function fmt(f: FieldDef, v: unknown): string {
  if (v === null || v === undefined || v === '') return '（空）';
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (f.kind === 'choice') return f.choices?.find((c) => c.value === v)?.label ?? String(v);
  return String(v);
}

/** The live grid units of the importing unit's area: 所在网格 is one of them. */
async function gridsInArea(db: Kysely<DB>, underPath: string): Promise<GridResolver> {
  const units = await db
    .selectFrom('grids as g')
    .innerJoin('orgs as o', 'o.id', 'g.ownerOrgId')
    .select(['g.id', 'g.parentId', 'g.name', 'g.foundedOn'])
    .where('o.path', '>=', underPath)
    .where('o.path', '<', subtreeUpper(underPath))
    .where('g.dissolvedOn', 'is', null)
    .execute();
  return new GridResolver(units);
}

/** Fields compared by their own rules, not as values of the row. */
const GRID_FIELDS: ReadonlySet<string> = new Set(['gridName', 'gridRegisteredOn']);

export async function evaluatePeople(db: Kysely<DB>, state: PreviewState, underPath: string): Promise<void> {
  const kind = state.kind as 'members' | 'pipeline';
  const cat = CATALOGUES[kind];
  const resolver = new OrgResolver(await orgsInSubtree(db, underPath));
  const grids = kind === 'members' && state.rows.some((r) => typeof r.values.gridName === 'string') ? await gridsInArea(db, underPath) : null;
  const firstById = new Map<string, RowState>();
  const ids = new Set<string>();

  for (const r of state.rows) {
    r.dbIssues = [];
    r.refs = {};
    delete r.match;
    const orgText = r.values.orgId;
    if (typeof orgText === 'string') {
      const res = resolver.resolve(orgText);
      // The rule the forms use: a 党小组 holds no member's relation (dissolved ones are not candidates).
      const notHolder = res.ok && kind === 'members' ? memberOrgProblem(res.org) : null;
      if (notHolder) r.dbIssues.push(issueAt(placeOf(r), columnOf(r, 'orgId'), 'ORG_UNKNOWN', notHolder));
      else if (res.ok) r.refs.orgId = res.org.id;
      else r.dbIssues.push(issueAt(placeOf(r), columnOf(r, 'orgId'), res.code, orgIssueMessage(cat.fields.find((f) => f.key === 'orgId')!.label, orgText, state.underName, res)));
    }
    const gridText = r.values.gridName;
    if (grids && typeof gridText === 'string') {
      const res = grids.resolve(gridText);
      const on = r.values.gridRegisteredOn;
      const unit = res.ok ? grids.unit(res.id) : undefined;
      if (!res.ok) r.dbIssues.push(issueAt(placeOf(r), columnOf(r, 'gridName'), res.code, gridIssueMessage(gridText, state.underName, res)));
      else if (typeof on === 'string' && unit?.foundedOn && on < unit.foundedOn) {
        r.dbIssues.push(issueAt(placeOf(r), columnOf(r, 'gridRegisteredOn'), 'DATE_ORDER', `报到日期${on}早于“${unit.name}”的设立日期${unit.foundedOn}；如该单元设立更早，请先在网格页更正设立日期`));
      } else r.refs.gridId = res.id;
    }
    const idNumber = r.values.idNumber;
    if (typeof idNumber !== 'string') continue;
    const first = firstById.get(idNumber);
    if (!first) {
      firstById.set(idNumber, r);
      ids.add(idNumber);
      continue;
    }
    const where = first.table.file === r.table.file && first.table.sheet === r.table.sheet ? `第${first.row}行` : `“${first.table.file}”工作表“${first.table.sheet}”第${first.row}行`;
    let msg = `公民身份号码“${idNumber}”与${where}（${String(first.values.name ?? '')}）重复`;
    const birth = r.values.birthDate;
    if (r.idInfo && typeof birth === 'string' && birth.slice(0, birth.length) !== r.idInfo.birthDate.slice(0, birth.length)) {
      msg += `；本行出生日期${birth}与该号码不符，可能是本行号码有误`;
    }
    r.dbIssues.push(issueAt(placeOf(r), columnOf(r, 'idNumber'), 'DUPLICATE_IN_FILE', msg));
  }

  const existing = await loadExisting(db, kind, [...ids]);
  const compared = cat.fields.filter((f) => f.key !== 'idNumber' && f.key !== 'orgId' && !GRID_FIELDS.has(f.key));

  for (const r of state.rows) {
    const issuesNow = rowIssues(r);
    const idNumber = r.values.idNumber;
    const ex = typeof idNumber === 'string' && firstById.get(idNumber) === r ? existing.get(idNumber) : undefined;
    if (ex && !inSubtree(ex.orgPath, underPath)) {
      // Who and where only inside the scope of the preview's owner: outside it, just that it is elsewhere.
      const msg = inSubtree(ex.orgPath, state.scopePath)
        ? `${ex.name}（${String(idNumber)}）已登记在“${ex.orgName}”，不在${state.underName}范围内；请办理组织关系转接，不能通过导入转移`
        : `公民身份号码“${String(idNumber)}”已在其他单位登记，不在您的管理范围内；请联系上级组织部门办理组织关系转接，不能通过导入转移`;
      r.dbIssues.push(issueAt(placeOf(r), columnOf(r, 'idNumber'), 'EXISTS_ELSEWHERE', msg));
    }
    if (hasError(issuesNow) || hasError(r.dbIssues)) {
      r.action = 'skip';
      continue;
    }
    if (!ex) {
      r.action = 'create';
      continue;
    }
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    const notes: string[] = [];
    const fields = kind === 'members' ? compared : cat.fields.filter((f) => ['name', 'gender', 'ethnicity', 'birthDate', 'education', 'jobCategory', 'phone', 'employer'].includes(f.key));
    for (const f of fields) {
      const v = r.values[f.key];
      if (v === null || v === undefined) continue;
      const old = ledgerValue(f, ex.row);
      if (old === v) continue;
      if (kind === 'members' && isHistoryField(f.key) && !confirms(f.key, ex.row, r.values)) {
        notes.push(`${f.label}：台账为${fmt(f, old)}，文件为${fmt(f, v)}（由党员的变动记录决定，导入不改；如台账有误，请管理员更正）`);
        continue;
      }
      before[f.key] = old;
      after[f.key] = v;
      notes.push(`${f.label}：${fmt(f, old)} → ${fmt(f, v)}`);
    }
    if (kind === 'pipeline' && ex.steps) {
      const added: { step: string; onDate: string }[] = [];
      for (const s of DEV_STEP_FIELDS) {
        const v = r.values[s.field];
        if (typeof v !== 'string') continue;
        const had = ex.steps.get(s.step);
        if (had === undefined) added.push({ step: s.step, onDate: v });
        else if (had !== v) notes.push(`${s.label}：台账为${had}，文件为${v}（已有步骤不改）`);
      }
      if (added.length > 0) {
        after.steps = added;
        notes.push(`新增步骤：${added.map((a) => `${DEV_STEP_FIELDS.find((s) => s.step === a.step)?.label ?? a.step} ${a.onDate}`).join('、')}`);
      }
    }
    if (kind === 'members' && r.refs.gridId && r.refs.gridId !== ex.row.gridId) {
      // A new registration from the file's 报到日期 (the commit's day when blank); the old one ends then.
      const on = typeof r.values.gridRegisteredOn === 'string' ? r.values.gridRegisteredOn : null;
      const since = typeof ex.row.gridRegisteredOn === 'string' ? ex.row.gridRegisteredOn : null;
      if (on && since && on < since) {
        r.dbIssues.push(issueAt(placeOf(r), columnOf(r, 'gridRegisteredOn'), 'DATE_ORDER', `报到日期${on}早于该党员在台账中现所在网格的报到日期${since}`));
        r.action = 'skip';
        continue;
      }
      before.gridId = ex.row.gridId ?? null;
      after.gridId = r.refs.gridId;
      after.gridRegisteredOn = on;
      notes.push(`所在网格：${grids?.unit(ex.row.gridId as string | null)?.name ?? '（空）'} → ${String(r.values.gridName)}`);
    }
    if (r.refs.orgId && r.refs.orgId !== ex.orgId) {
      notes.push(`所在党组织：台账为“${ex.orgName}”，文件为“${shownValue(r.cells[r.table.fieldCol.get('orgId')!])}”（导入不改变组织关系，请办理转接）`);
    }
    r.match = { entity: kind === 'members' ? 'member' : 'devPerson', id: ex.id, label: `${ex.name}（${String(idNumber)}）`, before, after };
    r.action = Object.keys(after).length > 0 ? 'update' : 'unchanged';
    if (notes.length > 0) {
      r.dbIssues.push(issueAt(placeOf(r), columnOf(r, 'idNumber'), 'EXISTS_DIFFERENT', `台账中已有${ex.name}（${String(idNumber)}），信息不同：${notes.join('；')}`));
    }
  }
}
