/**
 * One 党员 row on its own: the ID number against 出生日期/性别, 出生 < 入党 < 转正, 18 on the 入党
 * date, 人员类别 (derived from 转正日期 when blank), and the development rule a roster row can decide.
 *
 * Of R1–R16 only R12 (转正 not before the probation year is over) is decidable from a roster row.
 * R15 (转正日期 = 预备期满之日) is not applied: rosters commonly record the approval date as 转正日期,
 * so it would flag nearly every row and hide the real defects.
 */
import { addMonths, evaluatePipelineRules } from '../../../../shared/domain/index.js';
import { memberCrossProblems, type MemberRecordValues } from '../../../../shared/domain/rules/index.js';
import type { RowState } from '../plan/state.js';
import { issueAt } from './issue.js';
import { columnOf, placeOf } from './normalise-row.js';
import { checkIdAgainstRow } from './person-checks.js';

export function checkMemberRow(r: RowState, today: string): void {
  // Blank 出生日期 / 性别 are taken from the ID number; then the record's rules, as everywhere.
  checkIdAgainstRow(r, false);
  const cross = memberCrossProblems(r.values as MemberRecordValues, { today, ...(r.idInfo ? { id: r.idInfo } : {}) });
  for (const p of cross) r.cellIssues.push(issueAt(placeOf(r), columnOf(r, p.field), p.code ?? 'VALUE_INVALID', p.message));
  const ordered = !cross.some((p) => p.code === 'DATE_ORDER');

  const v = r.values;
  if (v.category === null && !r.cellIssues.some((i) => i.column === columnOf(r, 'category'))) {
    // 人员类别 left blank: a 转正日期 says 正式党员; a 入党日期 within the probation year says 预备党员.
    if (typeof v.confirmedOn === 'string') v.category = 'formal';
    else if (typeof v.joinedOn === 'string' && addMonths(v.joinedOn, 12) > today) v.category = 'probationary';
    else r.cellIssues.push(issueAt(placeOf(r), columnOf(r, 'category'), 'REQUIRED_MISSING', '人员类别为空，且无法由转正日期判断是正式党员还是预备党员'));
  }

  if (ordered && typeof v.joinedOn === 'string' && typeof v.confirmedOn === 'string') {
    const findings = evaluatePipelineRules(
      { birthDate: (v.birthDate as string | null) ?? null, branchMeeting: { date: v.joinedOn }, confirmMeetingDate: v.confirmedOn, approvalDate: v.joinedOn },
      { asOf: today, enabled: ['R12'] },
    );
    for (const f of findings) {
      r.cellIssues.push(issueAt(placeOf(r), columnOf(r, 'confirmedOn'), 'PIPELINE_RULE', `${f.ruleId}：入党日期${v.joinedOn}，转正日期${v.confirmedOn}——${f.message}`, f.ruleId));
    }
  }
}
