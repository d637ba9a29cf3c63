import { sql } from 'kysely';
import { LedgerError } from '../../../shared/contract/envelope.js';
import { meetingSpan } from '../../../shared/domain/meeting-rules.js';
import type { HandlerMap } from '../handler-types.js';
import { listRootPath, subtreeUpper } from '../auth/scope.js';
import { escapeLike } from '../util/like.js';
import { loadAttendance, loadMeeting, meetingQuery, toMeeting } from './loaders.js';
import { saveMeeting } from './update.js';
import { missedInRange } from './missed.js';
import { meetingFrequencies } from './settings.js';

export const meetingHandlers: HandlerMap<'meeting.'> = {
  async 'meeting.list'(ctx, input) {
    const root = await listRootPath(ctx, input.orgId);
    let q = meetingQuery(ctx.db).where('o.path', '>=', root).where('o.path', '<', subtreeUpper(root));
    if (input.text) q = q.where(sql<boolean>`t.topic LIKE ${'%' + escapeLike(input.text) + '%'} ESCAPE '\\'`);
    if (input.kind) q = q.where('t.kind', '=', input.kind);
    if (input.from) q = q.where('t.heldOn', '>=', input.from);
    if (input.to) q = q.where('t.heldOn', '<=', input.to);
    const total = await q.clearSelect().select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
    const rows = await q.orderBy('t.heldOn', 'desc').orderBy('t.id', 'desc').limit(input.limit).offset(input.offset).execute();
    return { rows: rows.map(toMeeting), total: total.n };
  },

  async 'meeting.get'(ctx, input) {
    const meeting = await loadMeeting(ctx, input.id);
    return { meeting, attendance: await loadAttendance(ctx.db, input.id) };
  },

  async 'meeting.create'(ctx, input) {
    return saveMeeting(ctx, null, input);
  },

  async 'meeting.update'(ctx, input) {
    return saveMeeting(ctx, input.id, input.patch);
  },

  async 'meeting.remove'(ctx, input) {
    const before = { ...(await loadMeeting(ctx, input.id)), attendance: await loadAttendance(ctx.db, input.id) };
    await ctx.db.deleteFrom('meetingAttendance').where('meetingId', '=', input.id).execute();
    await ctx.db.deleteFrom('meetings').where('id', '=', input.id).execute();
    await ctx.audit('meeting', input.id, before, { removed: true, reason: input.reason });
    return { removed: true };
  },

  async 'meeting.missed'(ctx, input) {
    if ((input.span === 'month') !== /^\d{4}-\d{2}$/.test(input.at) || (input.span === 'quarter') !== /^\d{4}-Q[1-4]$/.test(input.at)) {
      throw new LedgerError('VALIDATION', `期间“${input.at}”与所选的${input.span === 'month' ? '月' : input.span === 'quarter' ? '季度' : '年度'}不符`, { field: 'at' });
    }
    const root = await listRootPath(ctx, input.orgId);
    const span = meetingSpan(input.span, input.at);
    const judgedOn = input.asOf ?? ctx.today;
    const r = await missedInRange(ctx.db, ctx.env.sqlite, { lo: root, hi: subtreeUpper(root) }, await meetingFrequencies(ctx.db), span.from, span.to, judgedOn);
    return { from: span.from, to: span.to, label: span.label, judgedOn, branches: r.branches, rows: r.rows };
  },
};
