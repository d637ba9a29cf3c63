/**
 * 党员 rows create members plus the dated 'admitted' / 'confirmed' events their 入党日期 and 转正日期
 * imply (so counts "as of a date" see them); 发展党员 rows create dev_people plus one dev_step per date.
 * Matches update the fields the file fills and add the events or steps not yet recorded.
 */
import { randomInt } from 'node:crypto';
import { LedgerError } from '../../../../shared/contract/envelope.js';
import { MEMBER_CATALOGUE, PIPELINE_CATALOGUE } from '../../../../shared/import/index.js';
import type { PreviewState, RowState } from '../plan/state.js';
import { newId } from '../../util/ids.js';
import { faultPoint } from '../../util/fault.js';
import { DEV_STEP_FIELDS, stageOf } from '../plan/dev-steps.js';
import { introducerNames } from '../validate/pipeline-row.js';
import type { BatchWriter } from './batch-writer.js';

/** Member columns as the file fills them; 所在网格 is resolved (refs.gridId) and dated instead. */
const MEMBER_FIELDS = MEMBER_CATALOGUE.fields.filter((f) => !['orgId', 'idNumber', 'gridName', 'gridRegisteredOn'].includes(f.key));
/** A created member's columns the file does not fill (built once: same keys, same order, every row). */
const MEMBER_BLANK: Readonly<Record<string, unknown>> = Object.freeze({
  ...Object.fromEntries(MEMBER_FIELDS.map((f) => [f.key, null])),
  migrantWorker: 0, modelHousehold: 0, mobile: 0, lostContact: 0, hardship: 0,
});
const PERSON_FIELDS = PIPELINE_CATALOGUE.fields.filter((f) => ['name', 'gender', 'ethnicity', 'birthDate', 'education', 'jobCategory', 'phone', 'employer'].includes(f.key));

const sqlValue = (v: unknown): unknown => (typeof v === 'boolean' ? (v ? 1 : 0) : (v ?? null));

function columns(fields: readonly { key: string }[], values: Record<string, unknown>, onlyFilled: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    const v = values[f.key];
    if (onlyFilled && (v === null || v === undefined)) continue;
    out[f.key] = sqlValue(v);
  }
  return out;
}

/** The dated events a created member's row implies: 发展 on the 入党日期, 转正 on the 转正日期. */
function eventsOf(v: Record<string, unknown>): { kind: string; onDate: string }[] {
  const out: { kind: string; onDate: string }[] = [];
  for (const [kind, date] of [['admitted', v.joinedOn], ['confirmed', v.confirmedOn]] as const) if (typeof date === 'string') out.push({ kind, onDate: date });
  return out;
}

const eventRow = (w: BatchWriter, memberId: string, orgId: string, e: { kind: string; onDate: string }) =>
  ({ id: newId(), memberId, kind: e.kind, onDate: e.onDate, orgId, otherParty: null, note: '导入', importBatchId: w.batchId, createdAt: w.ctx.now });

/**
 * The admitted / confirmed events of the members this batch created, written by one INSERT …
 * SELECT over those members (rowid above the highest before the batch, carrying its batch id): the
 * same rows the per-member inserts wrote (kind, on_date = joined_on / confirmed_on, the member's
 * org, note 导入, the batch id, created_at = the member's), without binding ~10 values an event from
 * JS. Ids: one time-ordered id's first 24 characters (its millisecond, version and counter) with the
 * last 12 hex digits a random 40-bit base plus 2 × the member's place in the batch plus 0 / 1, so
 * they are unique and in member order. Returns how many events were written.
 */
function writeCreatedMemberEvents(w: BatchWriter, rowidBefore: number): number {
  const prefix = newId().slice(0, 24);
  const base = randomInt(0, 2 ** 40);
  const onDate = `iif(e.k = 0, m.joined_on, m.confirmed_on)`;
  return w.run(
    `INSERT INTO member_events (id, member_id, kind, on_date, org_id, other_party, note, import_batch_id, created_at)
     SELECT ? || printf('%012x', ? + 2 * (m.rowid - ?) + e.k), m.id, e.kind, ${onDate}, m.org_id, NULL, '导入', m.import_batch_id, m.created_at
     FROM members AS m CROSS JOIN (SELECT 0 AS k, 'admitted' AS kind UNION ALL SELECT 1, 'confirmed') AS e
     WHERE m.rowid > ? AND m.import_batch_id = ? AND ${onDate} IS NOT NULL`,
    prefix,
    base,
    rowidBefore,
    rowidBefore,
    w.batchId,
  );
}

/** Returns the number of events the created member has (written afterwards, see above). */
function writeMember(w: BatchWriter, r: RowState): number {
  const v = r.values;
  if (r.action === 'create') {
    const id = newId();
    const orgId = r.refs.orgId!;
    const row = {
      ...MEMBER_BLANK,
      ...columns(MEMBER_FIELDS, v, true),
      id,
      idNumber: v.idNumber,
      orgId,
      gridId: r.refs.gridId ?? null,
      gridRegisteredOn: r.refs.gridId && typeof v.gridRegisteredOn === 'string' ? v.gridRegisteredOn : null,
      partyAgeAdjustMonths: 0,
      status: 'active',
      leftOn: null,
      leftReason: null,
      importBatchId: w.batchId,
      createdAt: w.ctx.now,
      updatedAt: w.ctx.now,
    };
    w.create('member', row);
    return eventsOf(v).length;
  }
  const m = r.match!;
  if (r.action === 'update') {
    const patch = columns(MEMBER_FIELDS.filter((f) => f.key in m.after), m.after, false);
    if (typeof m.after.gridId === 'string') {
      const on = typeof m.after.gridRegisteredOn === 'string' ? m.after.gridRegisteredOn : w.ctx.today;
      Object.assign(patch, { gridId: m.after.gridId, gridRegisteredOn: on });
      moveRegistration(w, m.id, m.after.gridId, on);
    }
    w.update('member', m.id, patch);
  }
  // A 预备党员's 转正 is the one history change a roster brings (evaluate-people.ts): its dated event,
  // a row added to a known member, audited on its own.
  if (m.after.confirmedOn !== undefined) {
    const member = w.fetch('member', m.id);
    w.create('memberEvent', eventRow(w, m.id, String(member.orgId), { kind: 'confirmed', onDate: m.after.confirmedOn as string }), false);
  }
  return 0;
}

function writeDevPerson(w: BatchWriter, r: RowState): void {
  const v = r.values;
  const dated = DEV_STEP_FIELDS.filter((s) => typeof v[s.field] === 'string');
  const stepData = (step: string): string | null => {
    if (step === 'candidate' && introducerNames(v.introducers).length > 0) return JSON.stringify({ introducers: introducerNames(v.introducers) });
    if (step === 'training' && (v.trainingHours !== null || v.trainingDays !== null)) return JSON.stringify({ hours: v.trainingHours ?? null, days: v.trainingDays ?? null });
    return null;
  };
  const stepRow = (personId: string, s: { step: string; onDate: string }) =>
    ({ id: newId(), personId, step: s.step, onDate: s.onDate, data: stepData(s.step), importBatchId: w.batchId, createdAt: w.ctx.now });
  const addSteps = (personId: string, steps: readonly { step: string; onDate: string }[]) => {
    for (const s of steps) w.create('devStep', stepRow(personId, s), false);
  };
  if (r.action === 'create') {
    const id = newId();
    const steps = dated.map((s) => stepRow(id, { step: s.step, onDate: v[s.field] as string }));
    w.create('devPerson', {
      ...Object.fromEntries(PERSON_FIELDS.map((f) => [f.key, null])),
      ...columns(PERSON_FIELDS, v, true),
      id,
      idNumber: v.idNumber,
      orgId: r.refs.orgId!,
      stage: stageOf(dated.map((s) => s.step)),
      memberId: null,
      importBatchId: w.batchId,
      createdAt: w.ctx.now,
      updatedAt: w.ctx.now,
    });
    for (const s of steps) w.insert('devStep', s);
    return;
  }
  if (r.action !== 'update') return;
  const m = r.match!;
  const added = (m.after.steps as { step: string; onDate: string }[] | undefined) ?? [];
  const patch = columns(PERSON_FIELDS, m.after, true);
  if (added.length > 0) {
    const all = w.all<{ step: string }>('SELECT step FROM dev_steps WHERE person_id = ?', m.id).map((s) => s.step);
    const person = w.fetch('devPerson', m.id);
    const stage = stageOf([...all, ...added.map((a) => a.step)]);
    if (person.stage !== 'stopped' && stage !== person.stage) patch.stage = stage;
  }
  w.update('devPerson', m.id, patch);
  addSteps(m.id, added);
}

/** A known member's registration moves: the holding one ends that day, a new one starts (each a record of the batch). */
function moveRegistration(w: BatchWriter, memberId: string, gridId: string, on: string): void {
  const [holding] = w.all<{ id: string }>('SELECT id FROM grid_registrations WHERE member_id = ? AND to_date IS NULL', memberId);
  if (holding) w.update('gridRegistration', holding.id, { toDate: on }, false);
  w.create('gridRegistration', { id: newId(), memberId, gridId, fromDate: on, toDate: null, importBatchId: w.batchId, createdAt: w.ctx.now }, false);
}

/**
 * The registrations of the members this batch created with a 所在网格, by one INSERT … SELECT (their
 * rows say it: grid_id, grid_registered_on; see DERIVED_ROWS). Returns how many were written.
 */
function writeCreatedRegistrations(w: BatchWriter, rowidBefore: number): number {
  const prefix = newId().slice(0, 24);
  const base = randomInt(0, 2 ** 40);
  return w.run(
    `INSERT INTO grid_registrations (id, member_id, grid_id, from_date, to_date, import_batch_id, created_at)
     SELECT ? || printf('%012x', ? + m.rowid - ?), m.id, m.grid_id, m.grid_registered_on, NULL, m.import_batch_id, m.created_at
     FROM members AS m WHERE m.rowid > ? AND m.import_batch_id = ? AND m.grid_id IS NOT NULL`,
    prefix,
    base,
    rowidBefore,
    rowidBefore,
    w.batchId,
  );
}

export function writePeople(w: BatchWriter, state: PreviewState): void {
  const members = state.kind === 'members';
  const rowidBefore = members ? w.all<{ r: number }>('SELECT coalesce(max(rowid), 0) AS r FROM members')[0]!.r : 0;
  let events = 0;
  let done = 0;
  for (const r of state.rows) {
    if (r.action !== 'skip') {
      if (members) events += writeMember(w, r);
      else writeDevPerson(w, r);
    }
    if ((++done & 255) === 0) {
      w.ctx.progress('commit', done, state.rows.length);
      faultPoint('import.commit.afterSlice');
    }
  }
  faultPoint('import.commit.afterRows');
  if (members && events > 0) {
    const written = writeCreatedMemberEvents(w, rowidBefore);
    // Exactly the events the members' dates imply, or nothing at all (the transaction rolls back).
    w.tally('memberEvent', written);
    if (written !== events) throw new LedgerError('INTERNAL', `导入新建党员的状态记录数不符：应为${events}，实为${written}`);
  }
  faultPoint('import.commit.afterEvents');
  if (members && state.rows.some((r) => r.action === 'create' && r.refs.gridId)) w.tally('gridRegistration', writeCreatedRegistrations(w, rowidBefore));
}
