/**
 * Reading a person's 发展党员 record: rows as the contract carries them, the facts the rules need
 * beyond the steps (introducers' 转正日期, the approving body), and the rule options the county
 * keeps in settings (rules switched on, the working-day calendar).
 */
import type { Kysely } from 'kysely';
import type { DB, DevPeopleTable, DevStepsTable } from '../db/schema.js';
import type { Ctx } from '../context.js';
import type { DevPerson, DevStep } from '../../../shared/types/records.js';
import type { OverriddenFinding, StepCorrection } from '../../../shared/contract/pipeline.js';
import type { OrgKind, UnitCategory } from '../../../shared/codes/tables.js';
import { PIPELINE_RULES_SETTING, enabledRulesFrom, type EvaluateOptions } from '../../../shared/domain/pipeline-rules.js';
import { personRefs, type DevStepCode, type RecordFacts, type StepRecord } from '../../../shared/domain/pipeline-steps.js';
import { WORK_CALENDAR_SETTING, workCalendarFrom, workingDayTest } from '../../../shared/domain/work-calendar.js';
import { parseIdNumber } from '../../../shared/domain/idcard.js';
import { readSetting } from '../settings/settings.js';
import { withoutBatch } from '../util/paged.js';

const json = <T>(text: string | null): T | null => (text ? (JSON.parse(text) as T) : null);

export const toPerson = (r: DevPeopleTable): DevPerson => withoutBatch(r) as DevPerson;
export const toStep = (r: DevStepsTable): DevStep => {
  const { importBatchId: _b, data, findings, ...rest } = r;
  return { ...rest, data: json(data), findings: json<OverriddenFinding[]>(findings) };
};

export async function stepsOf(db: Kysely<DB>, personId: string): Promise<DevStep[]> {
  const rows = await db.selectFrom('devSteps').selectAll().where('personId', '=', personId).orderBy('onDate').orderBy('createdAt').orderBy('id').execute();
  return rows.map(toStep);
}

export async function correctionsOf(db: Kysely<DB>, personId: string): Promise<StepCorrection[]> {
  const rows = await db
    .selectFrom('devStepCorrections as c')
    .innerJoin('users as u', 'u.id', 'c.userId')
    .select(['c.id', 'c.stepId', 'c.step', 'c.onDate', 'c.data', 'c.findings', 'c.reason', 'u.displayName as correctedBy', 'c.createdAt as correctedAt'])
    .where('c.personId', '=', personId)
    .orderBy('c.createdAt')
    .execute();
  return rows.map((r) => ({ ...r, step: r.step as DevStepCode, data: json(r.data), findings: json<OverriddenFinding[]>(r.findings) }));
}

/** The birth date the rules use: the one kept, else the ID number's. */
export function birthDateOf(p: Pick<DevPerson, 'birthDate' | 'idNumber'>): string | null {
  if (p.birthDate) return p.birthDate;
  const id = parseIdNumber(p.idNumber);
  return id.ok ? id.birthDate : null;
}

/** Ids of members and organisations the steps name. */
function namedIds(steps: readonly StepRecord[]): { members: string[]; orgs: string[] } {
  const members = new Set<string>();
  const orgs = new Set<string>();
  for (const s of steps) {
    const d = s.data ?? {};
    for (const p of [...personRefs(d.contacts), ...personRefs(d.introducers)]) if (p.memberId) members.add(p.memberId);
    if (typeof d.approvingOrgId === 'string') orgs.add(d.approvingOrgId);
  }
  return { members: [...members], orgs: [...orgs] };
}

/** The facts of the members and organisations named, and their names (for the record page). */
export async function factsOf(db: Kysely<DB>, steps: readonly StepRecord[]): Promise<{ facts: RecordFacts; names: Record<string, string> }> {
  const ids = namedIds(steps);
  const names: Record<string, string> = {};
  const formalSince = new Map<string, string | null>();
  const approvingOrg = new Map<string, { kind: OrgKind; canApprove: boolean; unitCategory: UnitCategory | null }>();
  if (ids.members.length > 0) {
    for (const m of await db.selectFrom('members').select(['id', 'name', 'category', 'confirmedOn']).where('id', 'in', ids.members).execute()) {
      names[m.id] = m.name;
      // A 正式党员 with an unknown 转正日期 is not judged (left out of the map).
      if (m.category !== 'formal') formalSince.set(m.id, null);
      else if (m.confirmedOn) formalSince.set(m.id, m.confirmedOn);
    }
  }
  if (ids.orgs.length > 0) {
    for (const o of await db.selectFrom('orgs').select(['id', 'name', 'kind', 'canApprove', 'unitCategory']).where('id', 'in', ids.orgs).execute()) {
      names[o.id] = o.name;
      approvingOrg.set(o.id, { kind: o.kind as OrgKind, canApprove: o.canApprove === 1, unitCategory: o.unitCategory as UnitCategory | null });
    }
  }
  return { facts: { formalSince, approvingOrg }, names };
}

/** The rules switched on and the working-day calendar, as of a day. */
export async function ruleOptions(db: Kysely<DB>, asOf: string): Promise<EvaluateOptions> {
  const enabled = enabledRulesFrom(await readSetting(db, PIPELINE_RULES_SETTING));
  return { asOf, enabled, isWorkingDay: workingDayTest(workCalendarFrom(await readSetting(db, WORK_CALENDAR_SETTING))) };
}

/** The person with their organisation's name (the record page's heading). */
export async function personView(ctx: Ctx, person: DevPeopleTable | Omit<DevPeopleTable, 'importBatchId'>): Promise<DevPerson & { orgName: string }> {
  const org = await ctx.db.selectFrom('orgs').select('name').where('id', '=', person.orgId).executeTakeFirstOrThrow();
  return { ...(withoutBatch(person as DevPeopleTable) as DevPerson), orgName: org.name };
}

/**
 * The body that normally approves a person of the organisation at `orgPath`: the nearest superior
 * organisation granted 审批权限, else the nearest 党委 / 党工委 above it (R16 then says what is wrong).
 */
export async function approverOf(db: Kysely<DB>, orgPath: string): Promise<{ id: string; name: string } | null> {
  const above = orgPath.split('/').filter(Boolean).slice(0, -1);
  if (above.length === 0) return null;
  const rows = await db.selectFrom('orgs').select(['id', 'name', 'kind', 'canApprove', 'unitCategory', 'dissolvedOn']).where('id', 'in', above).where('dissolvedOn', 'is', null).execute();
  const nearest = (ok: (o: (typeof rows)[number]) => boolean) => [...above].reverse().map((id) => rows.find((o) => o.id === id)).find((o) => o !== undefined && ok(o));
  const hit = nearest((o) => o.canApprove === 1) ?? nearest((o) => o.kind === 'committee' || o.kind === 'working-committee');
  return hit ? { id: hit.id, name: hit.name } : null;
}
