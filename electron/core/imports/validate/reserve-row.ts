/**
 * One 村级后备力量 row on its own: the ID number against 出生日期/性别, the stage dates in order, and
 * the stages the row reaches (stagesOfRow), which the evaluation checks and the commit writes.
 */
import { compareDates } from '../../../../shared/domain/dates.js';
import { RESERVE_STAGES, type ReserveStage } from '../../../../shared/domain/reserve-rules.js';
import type { RowState } from '../plan/state.js';
import { issueAt } from './issue.js';
import { columnOf, placeOf } from './normalise-row.js';
import { checkDateChain, checkIdAgainstRow } from './person-checks.js';

/** The date column of each stage. */
export const STAGE_FIELD: Record<ReserveStage, string> = {
  recommended: 'recommendedOn',
  assessed: 'assessedOn',
  training: 'enteredPoolOn',
  entered: 'enteredOn',
  exited: 'exitedOn',
};
const LABEL: Record<string, string> = { recommendedOn: '推荐日期', assessedOn: '考察日期', enteredPoolOn: '入库日期', enteredOn: '进入两委日期', exitedOn: '出库日期', birthDate: '出生日期' };
const chain = (last: string) => ['birthDate', 'recommendedOn', 'assessedOn', 'enteredPoolOn', last].map((field) => ({ field, label: LABEL[field]! }));

export interface RowStage {
  stage: ReserveStage;
  onDate: string;
  /** True when the row had no date for it and it took the next known one (or the import day). */
  filled: boolean;
}

/**
 * The stage records a row implies: every stage up to the furthest one with a date, earlier ones
 * without their own date taking the next known date; a row without any date is a 推荐 on `today`.
 */
export function stagesOfRow(v: Record<string, unknown>, today: string): RowStage[] {
  const dated = (s: ReserveStage) => (typeof v[STAGE_FIELD[s]] === 'string' ? (v[STAGE_FIELD[s]] as string) : null);
  const final: ReserveStage | null = dated('entered') ? 'entered' : dated('exited') ? 'exited' : null;
  const open = (['training', 'assessed', 'recommended'] as const).find((s) => dated(s) !== null) ?? 'recommended';
  const reached = [...RESERVE_STAGES.slice(0, RESERVE_STAGES.indexOf(open) + 1), ...(final ? [final] : [])];
  const out: RowStage[] = [];
  let next = today;
  for (let i = reached.length - 1; i >= 0; i--) {
    const s = reached[i]!;
    const d = dated(s);
    if (d !== null) next = d;
    out.unshift({ stage: s, onDate: d ?? next, filled: d === null });
  }
  return out;
}

export function checkReserveRow(r: RowState): void {
  checkIdAgainstRow(r);
  const v = r.values;
  const place = placeOf(r);
  checkDateChain(r, chain('enteredOn'));
  if (typeof v.exitedOn === 'string') {
    const before = ['enteredPoolOn', 'assessedOn', 'recommendedOn'].find((f) => typeof v[f] === 'string');
    if (before && compareDates(v.exitedOn, v[before] as string) < 0) {
      r.cellIssues.push(issueAt(place, columnOf(r, 'exitedOn'), 'DATE_ORDER', `出库日期${v.exitedOn}早于${LABEL[before]}${String(v[before])}，日期先后顺序不对`));
    }
    if (typeof v.enteredOn === 'string') r.cellIssues.push(issueAt(place, columnOf(r, 'exitedOn'), 'DATE_ORDER', '同一人不能既进入两委又调整出库，请只填其一'));
    else if (v.exitReason === null) r.cellIssues.push(issueAt(place, columnOf(r, 'exitReason'), 'RESERVE_RULE', '调整出库未填原因', 'exit-reason'));
  }
  if (v.enteredCommittee === false && typeof v.enteredOn === 'string') {
    r.cellIssues.push(issueAt(place, columnOf(r, 'enteredCommittee'), 'VALUE_INVALID', '是否进入两委为“否”，却填了进入两委日期'));
  }
  if (v.enteredCommittee === true && typeof v.enteredOn !== 'string') {
    r.cellIssues.push(issueAt(place, columnOf(r, 'enteredCommittee'), 'RESERVE_RULE', '是否进入两委为“是”，但没有进入两委日期：本次不登记进入两委，请补填日期后再导入或在后备力量页登记', 'entered-date'));
  }
  if (typeof v.enteredOn === 'string' && v.enteredPost === null) {
    r.cellIssues.push(issueAt(place, columnOf(r, 'enteredPost'), 'RESERVE_RULE', '进入两委未填担任的职务', 'entered-post'));
  }
}
