/**
 * The whole `stats --json` object of CLI.md (keys exactly as listed there, a few more added:
 * `change`, `villages`, `development.due`, `organisations.rectification`, `teams.notRecordedByMonth`,
 * `life.branchesDue`), assembled from the report results so every figure has one source.
 */
import type { Ctx } from '../context.js';
import { REPORTS } from '../../../shared/reports/definitions.js';
import type { ReportResult } from '../../../shared/reports/types.js';
import { computeReports, type StatsInput } from './engine.js';

export type StatsJson = Record<string, unknown> & {
  asOf: string;
  under: { id: string; name: string };
};

const USED = ['org.byKind', 'org.byUnitCategory', 'org.terms', 'org.stars', 'member.summary', 'member.age', 'member.education', 'member.job', 'member.joined', 'member.change', 'development.admitted', 'development.pipeline', 'development.due', 'reserve.bySource', 'reserve.profile', 'reserve.villages', 'team.inPost', 'team.belowByMonth', 'life.missed', 'grid.summary', 'org.coverage', 'grid.registered'];

/** CLI.md's keys of the life block, by meeting kind (the other kinds are added under their own codes). */
const LIFE_KEYS: Record<string, string> = { 'member-congress': 'branch-meeting', committee: 'committee-meeting', group: 'group-meeting', lecture: 'party-lecture', 'life-meeting': 'life-meeting' };

export async function computeStats(ctx: Ctx, input: StatsInput): Promise<StatsJson> {
  const defs = REPORTS.filter((d) => USED.includes(d.id));
  const results = await computeReports(ctx, defs, input);
  const by = new Map(results.map((r) => [r.definitionId, r]));
  const res = (id: string): ReportResult => by.get(id)!;
  const v = (id: string, row: string, col: string): number => {
    const r = res(id);
    const ci = r.columns.findIndex((c) => c.key === col);
    const value = r.rows.find((x) => x.key === row)?.values[ci];
    return typeof value === 'number' ? value : 0;
  };
  const column = (id: string, col: string, skip: string[] = ['total', 'unknown']) =>
    Object.fromEntries(res(id).rows.filter((x) => !skip.includes(x.key)).map((x) => [x.key, v(id, x.key, col)]));
  const any = res('member.summary');
  const change = res('member.change');
  return {
    asOf: any.asOf,
    under: any.under,
    organisations: {
      basic: v('org.byKind', 'basic', 'count'),
      byKind: column('org.byKind', 'count', ['basic']),
      byUnitCategory: column('org.byUnitCategory', 'count', ['none']),
      termDue: v('org.terms', 'total', 'due'),
      termOverdue: v('org.terms', 'total', 'overdue'),
      weak: v('org.stars', 'weak', 'count'),
      reelected: v('org.terms', 'total', 'reelected'),
      stars: column('org.stars', 'count', ['weak', 'weak-rectifying', 'weak-done', 'weak-pending', 'weak-closed', 'weak-unknown']),
      // 整顿 status of the 软弱涣散 ones: rectifying + rectified + unknown = weak.
      rectification: {
        rectifying: v('org.stars', 'weak-rectifying', 'count'),
        rectified: v('org.stars', 'weak-done', 'count'),
        pendingAcceptance: v('org.stars', 'weak-pending', 'count'),
        closed: v('org.stars', 'weak-closed', 'count'),
        unknown: v('org.stars', 'weak-unknown', 'count'),
      },
    },
    members: {
      total: v('member.summary', 'total', 'total'),
      probationary: v('member.summary', 'total', 'probationary'),
      female: v('member.summary', 'total', 'female'),
      minority: v('member.summary', 'total', 'minority'),
      collegeOrAbove: v('member.summary', 'total', 'collegeOrAbove'),
      ageBands: column('member.age', 'total', ['total', 'unknown']),
      education: column('member.education', 'total', ['total', 'unknown']),
      job: column('member.job', 'total', ['total', 'unknown']),
      joinBands: column('member.joined', 'total', ['total', 'unknown']),
      partyAge50: v('member.summary', 'partyAge50', 'total'),
      mobile: v('member.summary', 'mobile', 'total'),
      lostContact: v('member.summary', 'lostContact', 'total'),
      gridRegistered: v('member.summary', 'gridRegistered', 'total'),
      // Members without a birth date, education, job or 入党日期 (left out of the bands above).
      unknown: {
        age: v('member.age', 'unknown', 'total'),
        education: v('member.education', 'unknown', 'total'),
        job: v('member.job', 'unknown', 'total'),
        joined: v('member.joined', 'unknown', 'total'),
      },
    },
    change: { from: change.from, to: change.to, ...Object.fromEntries(change.rows.map((x) => [x.key, x.values[0] ?? 0])) },
    development: {
      from: res('development.admitted').from,
      to: res('development.admitted').to,
      admitted: v('development.admitted', 'total', 'admitted'),
      female: v('development.admitted', 'total', 'female'),
      minority: v('development.admitted', 'total', 'minority'),
      age35OrUnder: v('development.admitted', 'total', 'age35OrUnder'),
      collegeOrAbove: v('development.admitted', 'total', 'collegeOrAbove'),
      byJob: column('development.admitted', 'admitted'),
      pipeline: column('development.pipeline', 'count', []),
      // Next steps due by the end of the as-of month (…Due, probationEnding) or overdue (see development.due).
      due: {
        dueThisMonth: v('development.due', 'total', 'dueThisMonth'),
        overdue: v('development.due', 'total', 'overdue'),
        talkDue: v('development.due', 'talk', 'dueThisMonth'),
        talkOverdue: v('development.due', 'talk', 'overdue'),
        activistYear: v('development.due', 'activistYear', 'total'),
        activistYearThisMonth: v('development.due', 'activistYear', 'dueThisMonth'),
        approvalDue: v('development.due', 'approval', 'dueThisMonth'),
        approvalOverdue: v('development.due', 'approval', 'overdue'),
        probationEnding: v('development.due', 'probation', 'dueThisMonth'),
        probationOverdue: v('development.due', 'probation', 'overdue'),
        confirmApprovalDue: v('development.due', 'confirmApproval', 'dueThisMonth'),
        confirmApprovalOverdue: v('development.due', 'confirmApproval', 'overdue'),
      },
    },
    reserves: {
      from: res('reserve.bySource').from,
      to: res('reserve.bySource').to,
      total: v('reserve.bySource', 'total', 'total'),
      // Entered 两委 by the as-of date (all time), and in the period over the period's pool (%).
      enteredCommittees: v('reserve.bySource', 'total', 'enteredToDate'),
      enteredCommitteesInPeriod: v('reserve.bySource', 'total', 'enteredInPeriod'),
      poolInPeriod: v('reserve.bySource', 'total', 'cohort'),
      ratio: res('reserve.bySource').rows[0]?.values[res('reserve.bySource').columns.findIndex((c) => c.key === 'ratio')] ?? null,
      bySource: column('reserve.bySource', 'total', ['total', 'unknown']),
      ageBands: Object.fromEntries(res('reserve.profile').rows.filter((x) => x.key.startsWith('age')).map((x) => [x.key.slice(3), x.values[0] ?? 0])),
      education: Object.fromEntries(res('reserve.profile').rows.filter((x) => x.key.startsWith('edu-')).map((x) => [x.key.slice(4), x.values[0] ?? 0])),
      villagesWithSecretaryReserve: v('reserve.villages', 'with', 'count'),
      villagesWithoutSecretaryReserve: v('reserve.villages', 'without', 'count'),
    },
    teams: {
      inPost: v('team.inPost', 'total', 'total'),
      firstSecretaries: v('team.inPost', 'total', 'firstSecretary'),
      byLevel: column('team.inPost', 'total'),
      // People in post all of each month of the period with days (approved leave counted) below the required.
      belowRequiredByMonth: column('team.belowByMonth', 'below'),
      notRecordedByMonth: column('team.belowByMonth', 'notRecorded'),
      avgDays: res('team.inPost').rows[0]?.values[4] ?? null,
      belowDays: v('team.inPost', 'total', 'belowDays'),
    },
    life: {
      from: res('life.missed').from,
      to: res('life.missed').to,
      // Branches that missed a required meeting of the kind in a period of the span (judged up to asOf).
      branchesMissing: Object.fromEntries(res('life.missed').rows.map((x) => [LIFE_KEYS[x.key] ?? x.key, v('life.missed', x.key, 'missed')])),
      branchesDue: Object.fromEntries(res('life.missed').rows.map((x) => [LIFE_KEYS[x.key] ?? x.key, v('life.missed', x.key, 'due')])),
    },
    grids: {
      communities: v('grid.summary', 'communities', 'count'),
      grids: v('grid.summary', 'grids', 'count'),
      buildings: v('grid.summary', 'buildings', 'count'),
      gridBranches: v('grid.summary', 'gridBranches', 'count'),
      buildingGroups: v('grid.summary', 'buildingGroups', 'count'),
      villages: v('grid.summary', 'villages', 'count'),
      villageGroups: v('grid.summary', 'villageGroups', 'count'),
      // Coverage: units no party organisation covers that day.
      communitiesWithoutOrg: v('org.coverage', 'community', 'withoutOrg'),
      villagesWithoutOrg: v('org.coverage', 'village', 'withoutOrg'),
      gridsWithoutOrg: v('org.coverage', 'grid', 'withoutOrg'),
      buildingsWithoutGroup: v('org.coverage', 'building', 'withoutOrg'),
      // Registered with a unit of the area that day (dated registrations), whatever their branch.
      membersRegistered: v('grid.registered', 'total', 'count'),
    },
  };
}
