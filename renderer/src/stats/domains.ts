import type { ReportDefinition } from '../../../shared/reports/types.js';

export type Domain = ReportDefinition['domain'];

/** A cell of a report: a key figure points at one, and so does every clickable number. */
export interface CellRef {
  definitionId: string;
  rowKey: string;
  columnKey: string;
}

export interface KeyFigure extends CellRef {
  label: string;
  /** Show the figure's share of this other cell ("占 33.1%"). */
  shareOf?: CellRef;
}

/** A yearly series of one cell: state at each year end, or the count within each year. */
export interface TrendSpec extends CellRef {
  title: string;
  /** True: the figure is counted over a period (1 Jan – 31 Dec of each year). */
  period: boolean;
}

/** Which rows and which column a report's chart shows (default: every row but 合计, first column). */
export interface ChartSpec {
  /** Overrides the definition's suggested chart. */
  type?: 'bar' | 'pie';
  rows?: (key: string) => boolean;
  column?: string;
}

export interface DomainSpec {
  id: Domain;
  label: string;
  /** The page counts things over a period as well as on the as-of date. */
  period: boolean;
  figures: KeyFigure[];
  trend?: TrendSpec;
  charts?: Record<string, ChartSpec>;
}

const c = (definitionId: string, rowKey: string, columnKey: string): CellRef => ({ definitionId, rowKey, columnKey });
const fig = (label: string, ref: CellRef, shareOf?: CellRef): KeyFigure => ({ label, ...ref, ...(shareOf ? { shareOf } : {}) });

const MEMBER_TOTAL = c('member.summary', 'total', 'total');
const notTotal = (k: string) => k !== 'total';

/** The 统计 pages, one per dashboard domain of the report definitions. */
export const DOMAINS: readonly DomainSpec[] = [
  {
    id: 'organisations',
    label: '党组织',
    period: true,
    figures: [
      fig('基层党组织', c('org.byKind', 'basic', 'count')),
      fig('基层党委', c('org.byKind', 'committee', 'count')),
      fig('党总支', c('org.byKind', 'general-branch', 'count')),
      fig('党支部', c('org.byKind', 'branch', 'count')),
      fig('任期届满（应换届）', c('org.terms', 'total', 'due')),
      fig('超期未换届', c('org.terms', 'total', 'overdue')),
      fig('软弱涣散', c('org.stars', 'weak', 'count')),
      fig('未建党组织的网格', c('org.coverage', 'grid', 'withoutOrg')),
    ],
    charts: {
      'org.byKind': { rows: (k) => k !== 'basic' },
      'org.stars': { rows: (k) => k.startsWith('stars-') },
    },
  },
  {
    id: 'members',
    label: '党员',
    period: false,
    figures: [
      fig('党员总数', MEMBER_TOTAL),
      fig('预备党员', c('member.summary', 'total', 'probationary'), MEMBER_TOTAL),
      fig('女党员', c('member.summary', 'total', 'female'), MEMBER_TOTAL),
      fig('少数民族党员', c('member.summary', 'total', 'minority'), MEMBER_TOTAL),
      fig('大专及以上', c('member.summary', 'total', 'collegeOrAbove'), MEMBER_TOTAL),
      fig('党龄50年以上', c('member.summary', 'partyAge50', 'total'), MEMBER_TOTAL),
      fig('流动党员', c('member.summary', 'mobile', 'total'), MEMBER_TOTAL),
      fig('失联党员', c('member.summary', 'lostContact', 'total'), MEMBER_TOTAL),
    ],
    trend: { title: '党员总数（各年末）', ...MEMBER_TOTAL, period: false },
  },
  {
    id: 'change',
    label: '党员变化',
    period: true,
    figures: [
      fig('期初党员数', c('member.change', 'start', 'count')),
      fig('发展党员', c('member.change', 'admitted', 'count')),
      fig('转入组织关系', c('member.change', 'transferIn', 'count')),
      fig('恢复党籍', c('member.change', 'restored', 'count')),
      fig('出党', c('member.change', 'expelled', 'count')),
      fig('转出组织关系', c('member.change', 'transferOut', 'count')),
      fig('死亡', c('member.change', 'deceased', 'count')),
      fig('期末党员数', c('member.change', 'end', 'count')),
    ],
    charts: { 'member.change': { rows: (k) => k !== 'start' && k !== 'end' } },
  },
  {
    id: 'development',
    label: '发展党员',
    period: true,
    figures: [
      fig('发展党员', c('development.admitted', 'total', 'admitted')),
      fig('女', c('development.admitted', 'total', 'female'), c('development.admitted', 'total', 'admitted')),
      fig('35岁及以下', c('development.admitted', 'total', 'age35OrUnder'), c('development.admitted', 'total', 'admitted')),
      fig('大专及以上', c('development.admitted', 'total', 'collegeOrAbove'), c('development.admitted', 'total', 'admitted')),
      fig('入党申请人', c('development.pipeline', 'applicant', 'count')),
      fig('入党积极分子', c('development.pipeline', 'activist', 'count')),
      fig('发展对象', c('development.pipeline', 'candidate', 'count')),
      fig('预备党员', c('development.pipeline', 'probationary', 'count')),
      fig('本月到期事项', c('development.due', 'total', 'dueThisMonth')),
      fig('逾期事项', c('development.due', 'total', 'overdue')),
    ],
    trend: { title: '发展党员（各年度）', ...c('development.admitted', 'total', 'admitted'), period: true },
  },
  {
    id: 'reserves',
    label: '后备力量',
    period: true,
    figures: [
      fig('在库人数', c('reserve.bySource', 'total', 'total')),
      fig('其中书记方向', c('reserve.stages', 'training', 'secretary'), c('reserve.bySource', 'total', 'total')),
      fig('期内进入两委', c('reserve.bySource', 'total', 'enteredInPeriod'), c('reserve.bySource', 'total', 'cohort')),
      fig('有书记后备人选的村', c('reserve.villages', 'with', 'count'), c('reserve.villages', 'total', 'count')),
      fig('无书记后备人选的村', c('reserve.villages', 'without', 'count'), c('reserve.villages', 'total', 'count')),
      fig('累计进入两委', c('reserve.bySource', 'total', 'enteredToDate')),
    ],
    charts: { 'reserve.bySource': { column: 'total' }, 'reserve.stages': { column: 'count' }, 'reserve.villages': { rows: (k) => k !== 'total' } },
    trend: { title: '进入两委（各年度）', ...c('reserve.bySource', 'total', 'enteredInPeriod'), period: true },
  },
  {
    id: 'teams',
    label: '第一书记/工作队',
    period: true,
    figures: [
      fig('在岗人数', c('team.inPost', 'total', 'total')),
      fig('第一书记', c('team.inPost', 'total', 'firstSecretary')),
      fig('工作队长', c('team.inPost', 'total', 'leader')),
      fig('队员', c('team.inPost', 'total', 'member')),
      fig('月均驻村天数', c('team.inPost', 'total', 'avgDays')),
      fig('有月份未达要求', c('team.inPost', 'total', 'belowDays'), c('team.inPost', 'total', 'total')),
      fig('未达要求（人次）', c('team.belowByMonth', 'total', 'below'), c('team.belowByMonth', 'total', 'judged')),
      fig('未登记（人次）', c('team.belowByMonth', 'total', 'notRecorded'), c('team.belowByMonth', 'total', 'judged')),
    ],
    charts: { 'team.inPost': { type: 'bar', column: 'total' }, 'team.belowByMonth': { type: 'bar', column: 'below', rows: notTotal } },
  },
  {
    id: 'life',
    label: '组织生活',
    period: true,
    figures: [
      fig('支部党员大会未按要求', c('life.missed', 'member-congress', 'missed'), c('life.missed', 'member-congress', 'due')),
      fig('支委会未按要求', c('life.missed', 'committee', 'missed'), c('life.missed', 'committee', 'due')),
      fig('党小组会未按要求', c('life.missed', 'group', 'missed'), c('life.missed', 'group', 'due')),
      fig('党课未按要求', c('life.missed', 'lecture', 'missed'), c('life.missed', 'lecture', 'due')),
      fig('主题党日未按要求', c('life.missed', 'theme-day', 'missed'), c('life.missed', 'theme-day', 'due')),
      fig('组织生活会未按要求', c('life.missed', 'life-meeting', 'missed'), c('life.missed', 'life-meeting', 'due')),
      fig('民主评议党员未按要求', c('life.missed', 'review', 'missed'), c('life.missed', 'review', 'due')),
    ],
    charts: { 'life.missed': { type: 'bar', column: 'missed', rows: () => true } },
  },
  {
    id: 'grids',
    label: '网格',
    period: false,
    figures: [
      fig('社区', c('grid.summary', 'communities', 'count')),
      fig('村', c('grid.summary', 'villages', 'count')),
      fig('网格', c('grid.summary', 'grids', 'count')),
      fig('楼栋（巷道）', c('grid.summary', 'buildings', 'count')),
      fig('网格党支部', c('grid.summary', 'gridBranches', 'count'), c('grid.summary', 'grids', 'count')),
      fig('楼栋（巷道）党小组', c('grid.summary', 'buildingGroups', 'count'), c('grid.summary', 'buildings', 'count')),
      fig('未建党组织的村', c('grid.summary', 'villagesWithoutOrg', 'count'), c('grid.summary', 'villages', 'count')),
      fig('到网格报到党员', c('grid.registered', 'total', 'count')),
    ],
    charts: { 'grid.summary': { type: 'bar', rows: (k) => ['communities', 'villages', 'grids', 'buildings', 'villageGroups'].includes(k) }, 'grid.registered': { rows: (k) => k !== 'total' } },
  },
];

export function chartSpecOf(domain: DomainSpec | undefined, definitionId: string): ChartSpec {
  return domain?.charts?.[definitionId] ?? { rows: notTotal };
}
