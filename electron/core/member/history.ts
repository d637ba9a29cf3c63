/**
 * The member-event core: the one way a member's 人员类别, 入党/转正日期, branch, status and the
 * 流动/失联 flags change (DOMAIN.md §3). Every caller — member.addEvent, member.transfer, member.create,
 * member.correct, the pipeline's 党委审批 — runs inside its own transaction and passes here:
 *
 *   recordMemberEvents(ctx, memberId, [{ kind, onDate, orgId?, otherParty?, note?, data? }])
 *   createMemberRecord(ctx, fields, [start events])   a new record: 发展 / 转入 / 建档
 *   correctMemberRecord(ctx, memberId, correction)    an administrator's 更正
 *
 * Each loads the record and its events, replays the whole history with the change
 * (shared/domain/member-history.ts), refuses an impossible one with the reason, writes the events,
 * sets the members row to what the history says, and writes the audit row. Scope checks of the
 * member and of the organisations named are the caller's (auth/records.ts, auth/scope.ts).
 */
import { LedgerError } from '../../../shared/contract/envelope.js';
import { CODE_TABLES } from '../../../shared/codes/tables.js';
import {
  openingOf,
  orderEvents,
  replay,
  rowOf,
  type EventData,
  type HistoryEvent,
  type HistoryKind,
  type HistoryRow,
  type Opening,
  type Replay,
  type RowFacts,
} from '../../../shared/domain/member-history.js';
import type { Member, MemberEvent } from '../../../shared/types/records.js';
import type { Ctx } from '../context.js';
import type { MemberEventsTable, MemberRow } from '../db/schema.js';
import { newId } from '../util/ids.js';
import { faultPoint } from '../util/fault.js';
import { getMemberRow, MEMBER_BOOLEANS, toMember } from './repo.js';

export const EVENT_NAMES: Readonly<Record<string, string>> = Object.fromEntries(CODE_TABLES['member-event'].table.map((e) => [e.code, e.name]));

export interface EventInput {
  kind: HistoryKind;
  onDate: string;
  /** The organisation the event concerns (the receiving one for 转入); default the member's. */
  orgId?: string | null;
  otherParty?: string | null;
  note?: string | null;
  data?: EventData;
}

type EventRow = Omit<MemberEventsTable, 'importBatchId'> & { importBatchId?: string | null };

const parseData = (d: string | null): EventData | null => (d ? (JSON.parse(d) as EventData) : null);
const toHistory = (r: EventRow): HistoryEvent => ({ id: r.id, kind: r.kind, onDate: r.onDate, orgId: r.orgId, otherParty: r.otherParty, note: r.note, createdAt: r.createdAt, data: parseData(r.data) });
export const toMemberEvent = (r: EventRow): MemberEvent => ({ id: r.id, memberId: r.memberId, kind: r.kind, onDate: r.onDate, orgId: r.orgId, otherParty: r.otherParty, note: r.note, createdAt: r.createdAt, data: parseData(r.data) as Record<string, unknown> | null });

const rowFacts = (m: MemberRow): RowFacts => ({
  orgId: m.orgId,
  category: m.category,
  joinedOn: m.joinedOn,
  confirmedOn: m.confirmedOn,
  mobile: m.mobile === 1,
  mobileSince: m.mobileSince,
  mobilePlace: m.mobilePlace,
  lostContact: m.lostContact === 1,
  lostSince: m.lostSince,
  lostCircumstance: m.lostCircumstance,
  status: m.status,
  leftOn: m.leftOn,
  leftReason: m.leftReason,
});

export async function eventRowsOf(ctx: Ctx, memberId: string): Promise<EventRow[]> {
  return ctx.db.selectFrom('memberEvents').selectAll().where('memberId', '=', memberId).execute();
}

/** A member's history as the record page shows it: the opening, the events in order, the 更正 records. */
export async function historyOf(ctx: Ctx, m: MemberRow): Promise<{ opening: Opening; events: HistoryEvent[]; replay: Replay }> {
  const events = (await eventRowsOf(ctx, m.id)).map(toHistory);
  const opening = openingOf(rowFacts(m), events);
  return { opening, events: orderEvents(events), replay: replay(opening, events, { birthDate: m.birthDate }, ctx.today, EVENT_NAMES) };
}

/** The row's history columns as the replay leaves them, SQLite-shaped, and only those that change. */
function rowChanges(m: MemberRow, to: HistoryRow): { before: Record<string, unknown>; after: Record<string, unknown> } {
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(to)) {
    const sqlV = typeof v === 'boolean' ? (v ? 1 : 0) : v;
    const cur = (m as unknown as Record<string, unknown>)[k];
    if ((cur ?? null) !== (sqlV ?? null)) {
      const shown = (x: unknown) => ((MEMBER_BOOLEANS as readonly string[]).includes(k) ? x === 1 : x);
      before[k] = shown(cur ?? null);
      after[k] = sqlV;
    }
  }
  return { before, after };
}

async function writeRow(ctx: Ctx, m: MemberRow, to: HistoryRow): Promise<{ before: Record<string, unknown>; after: Record<string, unknown> }> {
  const diff = rowChanges(m, to);
  // An event that leaves the row as it was (延长预备期) leaves its updated_at too: only the history changed.
  if (Object.keys(diff.after).length > 0) await ctx.db.updateTable('members').set({ ...diff.after, updatedAt: ctx.now } as never).where('id', '=', m.id).execute();
  for (const k of MEMBER_BOOLEANS) if (k in diff.after) diff.after[k] = diff.after[k] === 1;
  return diff;
}

/** The refusal for a replay that fails: on a new event it says why; on an old one, that they clash. */
function refused(r: Extract<Replay, { ok: false }>, fresh: ReadonlySet<string>, prefix = ''): never {
  const msg = fresh.has(r.event.id) ? r.message : `与已有记录矛盾：${r.message}`;
  throw new LedgerError('VALIDATION', prefix + msg, { field: 'onDate', eventId: fresh.has(r.event.id) ? null : r.event.id });
}

function newEventRow(ctx: Ctx, memberId: string, defaultOrg: string, e: EventInput, data: EventData | undefined): EventRow {
  return { id: newId(), memberId, kind: e.kind, onDate: e.onDate, orgId: e.orgId ?? defaultOrg, otherParty: e.otherParty ?? null, note: e.note ?? null, createdAt: ctx.now, data: data && Object.keys(data).length > 0 ? JSON.stringify(data) : null };
}

/**
 * Dated events for an existing member, in one step (a move between branches of the ledger is its
 * 转出 + 转入 pair). Returns the events written and the rule warnings they raised (R12 …).
 */
export async function recordMemberEvents(ctx: Ctx, memberId: string, inputs: readonly EventInput[]): Promise<{ events: MemberEvent[]; warnings: string[]; member: Member }> {
  const m = await getMemberRow(ctx.db, memberId);
  const existing = (await eventRowsOf(ctx, memberId)).map(toHistory);
  const kept = existing.some((e) => e.data?.opening);
  const opening = openingOf(rowFacts(m), existing);
  // The first event written here keeps the opening, so later derivations no longer infer it from the row.
  const rows = inputs.map((e, i) => newEventRow(ctx, m.id, m.orgId, e, i === 0 && !kept ? { ...e.data, opening } : e.data));
  const fresh = new Set(rows.map((r) => r.id));
  const r = replay(opening, [...existing, ...rows.map(toHistory)], { birthDate: m.birthDate }, ctx.today, EVENT_NAMES);
  if (!r.ok) refused(r, fresh);
  await ctx.db.insertInto('memberEvents').values(rows.map((x) => ({ ...x, importBatchId: null }))).execute();
  faultPoint('member.event.afterInsert');
  const diff = await writeRow(ctx, m, rowOf(r.state));
  const warnings = r.steps.filter((s) => fresh.has(s.event.id) && s.warning).map((s) => s.warning!);
  const event = inputs.length === 2 && inputs[0]!.kind === 'transfer-out' && inputs[1]!.kind === 'transfer-in' ? 'transfer' : inputs[0]!.kind;
  await ctx.audit('member', m.id, diff.before, {
    ...diff.after,
    event,
    onDate: inputs[0]!.onDate,
    ...(inputs[0]!.otherParty ? { otherParty: inputs[0]!.otherParty } : {}),
    ...(inputs.some((e) => e.note) ? { note: inputs.map((e) => e.note).find(Boolean) } : {}),
    ...(warnings.length ? { warnings } : {}),
  });
  const { orgPath: _p, ...after } = await getMemberRow(ctx.db, m.id);
  return { events: rows.map(toMemberEvent), warnings, member: toMember(after) };
}

/** The fields of a new record besides its history (which its start events set). */
export type NewMemberFields = Omit<Member, 'id' | 'orgName' | 'createdAt' | 'updatedAt' | 'status' | 'leftOn' | 'leftReason' | 'category' | 'joinedOn' | 'confirmedOn' | 'mobile' | 'mobilePlace' | 'mobileSince' | 'lostContact' | 'lostSince' | 'lostCircumstance'>;

/**
 * A new record whose history starts with `starts` (发展 from the pipeline; 转入 from outside the
 * ledger; or, for a member the ledger never had, 建档: 发展 on the 入党日期 and 转正 on the 转正日期,
 * as the import does). `orgId` of the fields is where the record ends up.
 */
export async function createMemberRecord(ctx: Ctx, fields: NewMemberFields, starts: readonly EventInput[], importBatchId: string | null = null): Promise<{ member: Member; events: MemberEvent[]; warnings: string[] }> {
  const id = newId();
  const none: Opening = { status: 'none', orgId: fields.orgId, category: 'probationary', joinedOn: null, confirmedOn: null, mobile: false, mobileSince: null, mobilePlace: null, lostContact: false, lostSince: null, lostCircumstance: null, leftOn: null, leftReason: null };
  const rows = starts.map((e) => newEventRow(ctx, id, fields.orgId, e, e.data));
  const r = replay(none, rows.map(toHistory), { birthDate: fields.birthDate }, ctx.today, EVENT_NAMES);
  if (!r.ok) refused(r, new Set(rows.map((x) => x.id)));
  const row = rowOf(r.state);
  await ctx.db
    .insertInto('members')
    .values({
      ...(fields as object),
      ...row,
      migrantWorker: fields.migrantWorker ? 1 : 0,
      modelHousehold: fields.modelHousehold ? 1 : 0,
      hardship: fields.hardship ? 1 : 0,
      mobile: row.mobile ? 1 : 0,
      lostContact: row.lostContact ? 1 : 0,
      id,
      orgId: row.orgId ?? fields.orgId,
      gridRegisteredOn: fields.gridId ? ctx.today : null,
      importBatchId,
      createdAt: ctx.now,
      updatedAt: ctx.now,
    } as never)
    .execute();
  if (rows.length > 0) await ctx.db.insertInto('memberEvents').values(rows.map((x) => ({ ...x, importBatchId }))).execute();
  const { orgPath: _p, ...after } = await getMemberRow(ctx.db, id);
  const member = toMember(after);
  const events = rows.map(toMemberEvent);
  await ctx.audit('member', id, null, { ...member, events: events.map((e) => ({ kind: e.kind, onDate: e.onDate, ...(e.otherParty ? { otherParty: e.otherParty } : {}) })) });
  return { member, events, warnings: r.steps.filter((s) => s.warning).map((s) => s.warning!) };
}

export interface EventCorrection {
  kind?: HistoryKind;
  onDate?: string;
  otherParty?: string | null;
  note?: string | null;
  /** 发展: 入党日期 (the branch meeting). */
  joinedOn?: string;
  /** 延长预备期: months. */
  months?: number;
}

export interface Correction {
  reason: string;
  /** The event to mend, with `event` (new values) or `remove` (recorded in error). */
  eventId?: string;
  event?: EventCorrection;
  remove?: boolean;
  /** The record's state before its first event (a history begun before the ledger). */
  opening?: { category?: 'formal' | 'probationary'; joinedOn?: string | null; confirmedOn?: string | null };
}

/** The data a 更正 record keeps: what was mended, from what to what, and why. */
export interface CorrectionData {
  reason: string;
  target: 'event' | 'opening';
  eventIds?: string[];
  before: unknown;
  after: unknown;
  opening?: Opening;
}

/** The 转出 + 转入 halves of one move between branches: same member, date and record time. */
function partnerOf(e: HistoryEvent, all: readonly HistoryEvent[]): HistoryEvent | undefined {
  const other = e.kind === 'transfer-out' ? 'transfer-in' : e.kind === 'transfer-in' ? 'transfer-out' : null;
  return other ? all.find((x) => x.kind === other && x.onDate === e.onDate && x.createdAt === e.createdAt && x.id !== e.id) : undefined;
}

const image = (e: HistoryEvent) => ({ kind: e.kind, onDate: e.onDate, orgId: e.orgId, otherParty: e.otherParty, note: e.note, ...(e.data?.joinedOn ? { joinedOn: e.data.joinedOn } : {}), ...(e.data?.months ? { months: e.data.months } : {}) });

/**
 * An administrator's 更正 of a wrong record: an event's date or details, an event recorded in error
 * (removed), or the opening 入党/转正 dates of a history begun before the ledger. The corrected
 * history must be possible as a whole; the change is kept as a 更正 record in the history (what,
 * from, to, why) and in the audit log, never as a silent edit.
 */
export async function correctMemberRecord(ctx: Ctx, memberId: string, c: Correction): Promise<{ member: Member; correction: MemberEvent }> {
  const m = await getMemberRow(ctx.db, memberId);
  const existing = (await eventRowsOf(ctx, memberId)).map(toHistory);
  const opening = openingOf(rowFacts(m), existing);
  let next = existing;
  let nextOpening = opening;
  let data: CorrectionData;
  const changed: { id: string; data: EventData | null; to: HistoryEvent | null }[] = [];
  if (c.eventId) {
    const target = existing.find((e) => e.id === c.eventId);
    if (!target || target.kind === 'corrected') throw new LedgerError('NOT_FOUND', '要更正的变动记录不存在');
    const group = [target, partnerOf(target, existing)].filter((e): e is HistoryEvent => e !== undefined);
    if (c.remove) {
      next = existing.filter((e) => !group.includes(e));
      for (const e of group) changed.push({ id: e.id, data: e.data, to: null });
      data = { reason: c.reason, target: 'event', eventIds: group.map((e) => e.id), before: group.map(image), after: null };
    } else {
      const fix = c.event ?? {};
      const mended = group.map((e) => {
        const own = e.id === target.id;
        const d: EventData = { ...(e.data ?? {}) };
        if (own && fix.joinedOn !== undefined) d.joinedOn = fix.joinedOn;
        if (own && fix.months !== undefined) d.months = fix.months;
        return {
          ...e,
          kind: own && fix.kind ? fix.kind : e.kind,
          onDate: fix.onDate ?? e.onDate,
          otherParty: own && fix.otherParty !== undefined ? fix.otherParty : e.otherParty,
          note: own && fix.note !== undefined ? fix.note : e.note,
          data: Object.keys(d).length > 0 ? d : null,
        };
      });
      if (mended.every((x, i) => JSON.stringify(image(x)) === JSON.stringify(image(group[i]!)))) throw new LedgerError('VALIDATION', '更正内容与原记录相同，无需更正');
      next = existing.map((e) => mended.find((x) => x.id === e.id) ?? e);
      for (const x of mended) changed.push({ id: x.id, data: x.data, to: x });
      data = { reason: c.reason, target: 'event', eventIds: group.map((e) => e.id), before: group.map(image), after: mended.map(image) };
    }
  } else if (c.opening) {
    const o = c.opening;
    nextOpening = {
      ...opening,
      ...(o.category ? { category: o.category, ...(opening.status === 'probationary' || opening.status === 'formal' ? { status: o.category } : {}) } : {}),
      ...(o.joinedOn !== undefined ? { joinedOn: o.joinedOn } : {}),
      ...(o.confirmedOn !== undefined ? { confirmedOn: o.confirmedOn } : {}),
    };
    const pick = (x: Opening) => ({ category: x.category, joinedOn: x.joinedOn, confirmedOn: x.confirmedOn });
    if (JSON.stringify(pick(nextOpening)) === JSON.stringify(pick(opening))) throw new LedgerError('VALIDATION', '更正内容与原记录相同，无需更正');
    data = { reason: c.reason, target: 'opening', before: pick(opening), after: pick(nextOpening) };
  } else {
    throw new LedgerError('VALIDATION', '请指明要更正的变动记录或建档时的入党、转正信息');
  }
  const r = replay(nextOpening, next, { birthDate: m.birthDate }, ctx.today, EVENT_NAMES);
  if (!r.ok) throw new LedgerError('VALIDATION', `更正后记录前后矛盾：${r.message}`, { field: 'event' });
  // The opening in force from now on travels with the 更正 record (the latest one kept wins).
  data.opening = nextOpening;
  for (const x of changed) {
    if (x.to === null) await ctx.db.deleteFrom('memberEvents').where('id', '=', x.id).execute();
    else await ctx.db.updateTable('memberEvents').set({ kind: x.to.kind, onDate: x.to.onDate, otherParty: x.to.otherParty, note: x.to.note, data: x.data ? JSON.stringify(x.data) : null }).where('id', '=', x.id).execute();
  }
  const rec: EventRow = { id: newId(), memberId: m.id, kind: 'corrected', onDate: ctx.today, orgId: m.orgId, otherParty: null, note: c.reason, createdAt: ctx.now, data: JSON.stringify(data) };
  await ctx.db.insertInto('memberEvents').values({ ...rec, importBatchId: null }).execute();
  const diff = await writeRow(ctx, m, rowOf(r.state));
  const { opening: _o, ...shown } = data;
  await ctx.audit('member', m.id, { ...diff.before, correction: { target: shown.target, was: shown.before } }, { ...diff.after, correction: { target: shown.target, now: shown.after, reason: c.reason } });
  const { orgPath: _p, ...after } = await getMemberRow(ctx.db, m.id);
  return { member: toMember(after), correction: toMemberEvent(rec) };
}
