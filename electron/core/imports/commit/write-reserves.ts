/**
 * 村级后备力量 rows: a new reserve with its dated stage records (and 培养联系人 / 考察评价 records),
 * counted by the batch's audit row; a matched reserve gets the changed columns and
 * the stage records the file adds, each audited. The reserve's current columns are recomputed from
 * its live records (reserve/stages.ts currentOf), as every handler does. Stages a check warned on
 * keep the findings, with the batch as the reason: committing was the clerk's decision.
 */
import type { PreviewState } from '../plan/state.js';
import { reservePlans, type ReservePlan } from '../plan/evaluate-reserves.js';
import { currentOf, recordRow } from '../../reserve/stages.js';
import { PERSON_KEYS, PLACEMENT_KEYS } from '../../reserve/person.js';
import { newId } from '../../util/ids.js';
import type { BatchWriter } from './batch-writer.js';


function recordsOf(w: BatchWriter, plan: ReservePlan, reserveId: string, confirmed: string) {
  const rows = plan.stages.map((s) =>
    recordRow(
      {
        reserveId,
        kind: 'stage',
        stage: s.stage,
        onDate: s.onDate,
        post: s.post,
        content: s.filled ? '导入：该阶段日期按下一阶段日期补记' : null,
        findings: s.findings,
        reason: s.reason ?? (s.findings.length > 0 ? confirmed : null),
      },
      w.ctx.now,
      w.batchId,
    ),
  );
  if (plan.mentor) rows.push(recordRow({ reserveId, kind: 'mentor', ...plan.mentor }, w.ctx.now, w.batchId));
  if (plan.assessment) rows.push(recordRow({ reserveId, kind: 'assessment', ...plan.assessment }, w.ctx.now, w.batchId));
  return rows;
}

export function writeReserves(w: BatchWriter, state: PreviewState): void {
  const confirmed = `导入时确认（${[...new Set(state.fileNames)].join('、')}）`;
  let done = 0;
  for (const r of state.rows) {
    if ((++done & 255) === 0) w.ctx.progress('commit', done, state.rows.length);
    const plan = reservePlans.get(r);
    if (!plan || (r.action !== 'create' && r.action !== 'update')) continue;
    const v = r.values;
    if (r.action === 'create') {
      const id = newId();
      const records = recordsOf(w, plan, id, confirmed);
      const linked = plan.memberId !== null || plan.devPersonId !== null;
      const row = {
        id,
        idNumber: v.idNumber,
        ...Object.fromEntries(PERSON_KEYS.map((k) => [k, linked ? null : (v[k] ?? null)])),
        ...Object.fromEntries(PLACEMENT_KEYS.map((k) => [k, v[k] ?? null])),
        // A member's 政治面貌 follows from the member record.
        ...(plan.memberId ? { politicalStatus: null } : {}),
        villageOrgId: plan.villageOrgId,
        ...currentOf(records),
        memberId: plan.memberId,
        devPersonId: plan.devPersonId,
        importBatchId: w.batchId,
        createdAt: w.ctx.now,
        updatedAt: w.ctx.now,
      };
      w.create('reserve', row);
      for (const x of records) w.insert('reserveRecord', x);
      continue;
    }
    const id = plan.reserveId!;
    for (const x of recordsOf(w, plan, id, confirmed)) w.create('reserveRecord', x, false);
    const live = w.all<{ kind: string; stage: string | null; onDate: string; content: string | null; post: string | null; reason: string | null; createdAt: string; id: string }>(
      'SELECT kind, stage, on_date AS onDate, content, post, reason, created_at AS createdAt, id FROM reserve_records WHERE reserve_id = ? AND voided_at IS NULL',
      id,
    );
    w.update('reserve', id, { ...plan.patch, ...currentOf(live) });
  }
}
