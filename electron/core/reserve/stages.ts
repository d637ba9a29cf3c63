/**
 * A reserve's past is its dated records (reserve_records): stages, measures, rotations, mentors,
 * assessments, negative facts. The reserves row keeps the current stage, 入库日期, exit, mentor and
 * assessment as a convenience for lists and exports; `refreshCurrent` recomputes them from the
 * records after every write, so they can never disagree. Statistics read the records themselves.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { LedgerError } from '../../../shared/contract/envelope.js';
import { educationBucket } from '../../../shared/codes/lookup.js';
import { parseIdNumber } from '../../../shared/domain/idcard.js';
import { compareDates } from '../../../shared/domain/dates.js';
import {
  RESERVE_CHECKS_SETTING, RESERVE_STAGES, reserveChecksFrom, reserveFindings,
  type ReserveCheckInput, type ReserveChecks, type ReserveDirection, type ReserveFinding, type ReserveStage,
} from '../../../shared/domain/reserve-rules.js';
import { readSetting } from '../settings/settings.js';
import { newId } from '../util/ids.js';

const rank = (s: string | null) => (s === null ? 99 : RESERVE_STAGES.indexOf(s as ReserveStage));

interface RecordRow {
  kind: string;
  stage: string | null;
  onDate: string;
  content: string | null;
  post: string | null;
  reason: string | null;
  createdAt: string;
  id: string;
}

/** The records in the order they happened: by date, stages of one day in pipeline order. */
function inOrder<T extends Pick<RecordRow, 'onDate' | 'stage' | 'createdAt' | 'id'>>(rows: T[]): T[] {
  return [...rows].sort((a, b) => compareDates(a.onDate, b.onDate) || rank(a.stage) - rank(b.stage) || a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
}

/** The current columns the records imply. */
export function currentOf(records: RecordRow[]) {
  const live = inOrder(records);
  const stages = live.filter((r) => r.kind === 'stage' && r.stage !== null);
  const last = stages.at(-1);
  const stage = (last?.stage ?? 'recommended') as ReserveStage;
  const latest = (kind: string) => live.filter((r) => r.kind === kind).at(-1)?.content ?? null;
  const exit = stage === 'entered' || stage === 'exited' ? last! : null;
  return {
    stage,
    enteredPoolOn: stages.find((r) => r.stage === 'training')?.onDate ?? null,
    exitKind: exit ? (stage === 'entered' ? 'entered-committee' : 'adjusted') : null,
    exitOn: exit?.onDate ?? null,
    exitPost: exit?.post ?? null,
    exitReason: stage === 'exited' ? (exit?.reason ?? null) : null,
    mentor: latest('mentor'),
    assessment: latest('assessment'),
  };
}

/** Brings the reserve's current columns in line with its live records. */
export async function refreshCurrent(db: Kysely<DB>, reserveId: string, now: string): Promise<void> {
  const records = await db
    .selectFrom('reserveRecords')
    .select(['kind', 'stage', 'onDate', 'content', 'post', 'reason', 'createdAt', 'id'])
    .where('reserveId', '=', reserveId)
    .where('voidedAt', 'is', null)
    .execute();
  await db.updateTable('reserves').set({ ...currentOf(records), updatedAt: now }).where('id', '=', reserveId).execute();
}

export async function reserveChecks(db: Kysely<DB>): Promise<ReserveChecks> {
  return reserveChecksFrom(await readSetting(db, RESERVE_CHECKS_SETTING));
}

/** The person facts a check reads: birth date (from the ID number when not kept), education, negative facts. */
export async function checkFacts(
  db: Kysely<DB>,
  person: { id: string | null; idNumber: string; birthDate: string | null; education: string | null; direction: string | null },
): Promise<Omit<ReserveCheckInput, 'from' | 'to' | 'onDate'>> {
  const id = parseIdNumber(person.idNumber);
  const negatives = person.id
    ? await db.selectFrom('reserveRecords').select(['code', 'onDate']).where('reserveId', '=', person.id).where('kind', '=', 'negative').where('voidedAt', 'is', null).execute()
    : [];
  return {
    birthDate: person.birthDate ?? (id.ok ? id.birthDate : null),
    educationBucket: educationBucket(person.education),
    direction: (person.direction ?? null) as ReserveDirection | null,
    negatives,
  };
}

/**
 * The checks' warnings for a move. Without a reason the call is refused with RULE_WARNING and the
 * findings (the form shows them and asks for the reason); with one, the findings are returned to be
 * kept on the record.
 */
export async function passChecks(db: Kysely<DB>, input: ReserveCheckInput, acknowledge: string | null | undefined): Promise<ReserveFinding[]> {
  const findings = reserveFindings(input, await reserveChecks(db));
  if (findings.length > 0 && !acknowledge) {
    const list = findings.map((f) => `${f.rule}（${f.message}）`).join('；');
    throw new LedgerError('RULE_WARNING', `需要核对：${list}。如确需继续，请写明理由。`, { findings });
  }
  return findings;
}

/** Refuses a date after today or before the previous stage's. */
export function checkStageDate(onDate: string, today: string, previous: { stage: ReserveStage; onDate: string | null } | null): void {
  if (compareDates(onDate, today) > 0) throw new LedgerError('VALIDATION', `日期 ${onDate} 晚于今天，不能预先登记`, { field: 'onDate' });
  if (previous?.onDate && compareDates(onDate, previous.onDate) < 0) {
    throw new LedgerError('VALIDATION', `日期 ${onDate} 早于上一阶段的日期 ${previous.onDate}`, { field: 'onDate' });
  }
}

export interface NewRecord {
  reserveId: string;
  kind: string;
  stage?: ReserveStage | null;
  onDate: string;
  content?: string | null;
  post?: string | null;
  reason?: string | null;
  code?: string | null;
  findings?: ReserveFinding[] | null;
}

/** The row of a new record (writes go through Kysely in handlers, through the batch writer in imports). */
export function recordRow(r: NewRecord, now: string, importBatchId: string | null = null) {
  return {
    id: newId(),
    reserveId: r.reserveId,
    kind: r.kind,
    stage: r.stage ?? null,
    onDate: r.onDate,
    content: r.content ?? null,
    post: r.post ?? null,
    reason: r.reason ?? null,
    code: r.code ?? null,
    findings: r.findings && r.findings.length > 0 ? JSON.stringify(r.findings) : null,
    voidedAt: null,
    voidReason: null,
    importBatchId,
    createdAt: now,
  };
}
