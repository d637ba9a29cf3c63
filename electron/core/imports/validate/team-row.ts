/**
 * One 驻村干部 row on its own: 任职 dates in order, and each month column a real count for a month
 * that has come (days no more than the month has). The term and eligibility need the ledger
 * (plan/evaluate-teams.ts).
 */
import { MONTH_MEASURES, parseMonthKey } from '../../../../shared/import/index.js';
import { monthLength } from '../../../../shared/domain/village-days.js';
import type { RowState } from '../plan/state.js';
import { issueAt } from './issue.js';
import { columnOf, placeOf } from './normalise-row.js';
import { checkDateChain } from './person-checks.js';

export function checkTeamRow(r: RowState, today: string): void {
  checkDateChain(r, [
    { field: 'fromDate', label: '任职开始日期' },
    { field: 'toDate', label: '任职结束日期' },
  ]);
  for (const f of r.table.extraFields ?? []) {
    const m = parseMonthKey(f.key);
    const v = r.values[f.key];
    if (!m || typeof v !== 'number') continue;
    const where = columnOf(r, f.key);
    if (m.month > today.slice(0, 7)) {
      r.cellIssues.push(issueAt(placeOf(r), where, 'DATE_FUTURE', `${m.month} 尚未到来，不能登记${MONTH_MEASURES[m.measure].label}`));
      r.values[f.key] = null;
    } else if (m.measure === 'days' && v > monthLength(m.month)) {
      r.cellIssues.push(issueAt(placeOf(r), where, 'VALUE_INVALID', `${m.month} 只有 ${monthLength(m.month)} 天，驻村天数不能是 ${v}`));
      r.values[f.key] = null;
    } else if (v > MONTH_MEASURES[m.measure].max) {
      r.cellIssues.push(issueAt(placeOf(r), where, 'VALUE_INVALID', `${MONTH_MEASURES[m.measure].label}${v}过大`));
      r.values[f.key] = null;
    }
  }
}
