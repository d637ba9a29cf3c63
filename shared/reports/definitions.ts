/**
 * The reports of STATISTICS.md, one definition each. Subjects and their fields:
 * - member (as of the date, in the subtree): age, educationBucket, collegeOrAbove, jobCategory,
 *   joinedOn, gender, minority, probationary, partyAge50, mobile, lostContact, gridRegistered
 * - memberChange (over [from, to]): term ('start' | 'admitted' | … | 'end')
 * - org (strictly below `under`, existing on the date): kind, basic, unitCategory, termStatus,
 *   reelected (elected in the period), stars, weak (the yearly rating in force), rectificationStatus
 *   (that rating's 整顿 on the date: 'rectifying' | 'pending-acceptance' | 'closed' | null)
 * - devAdmitted (approved 党委审批 in the period): age (on approval), gender, minority,
 *   collegeOrAbove, educationBucket, jobCategory
 * - devPerson (pipeline on the date): stage, due (the next step due by the end of the as-of month
 *   or overdue: 'talk' | 'activistYear' | 'approval' | 'probation' | 'confirmApproval', else null),
 *   dueStatus ('due' | 'overdue' | null); see nextDueStep in shared/domain/pipeline-rules.ts
 * - reserve (registered by the date; shared/domain/reserve-rules.ts): stage (on the date), inPool
 *   (入库培养 on the date), enteredToDate, enteredCommittee (in the period), inCohort (in the pool at
 *   some day of the period, or entered in it), source, age, educationBucket, politicalStatus, direction
 * - village (village organisations on the date): hasSecretaryReserve
 * - teamMember (in post on the date): role, dispatchingLevel, avgDays (recorded months of the
 *   period), belowDays (a judged month of the period below the required days), grade (as-of year)
 * - teamMonth (cadre × ended month of the period in post some day of it): month, status ('ok' |
 *   'below' | 'notRecorded' | 'notJudged'), role, dispatchingLevel; see shared/domain/village-days.ts
 * - branchLife (branch × kind of meeting due in the period, judged up to the date): kind, missed,
 *   missedPeriods; see shared/domain/meeting-rules.ts
 * - grid (on the date; electron/core/stats/grid-facts.ts): units (record 'unit': kind, hasOrg, orgKind)
 *   and members registered with them (record 'registration': unitKind)
 */
import {
  AGE_BANDS, ANNUAL_AGE_BANDS, BASIC_KINDS, DEV_AGE_BANDS, EDUCATION_ROWS, JOB_ROWS, JOIN_BANDS, ORG_KIND_ROWS,
  POLITICAL_STATUS_ROWS, RESERVE_AGE_BANDS, RESERVE_SOURCE_ROWS, UNIT_CATEGORY_ROWS,
} from './bands.js';
import type { Cell, Column, Predicate, ReportDefinition } from './types.js';
import { MEETING_KIND_NAMES, MEETING_KINDS } from '../domain/meeting-rules.js';
import type { RectificationStatus } from '../codes/org-records.js';

const COUNT: Column = { key: 'count', label: '人数' };

/**
 * 整顿 status of a 软弱涣散 organisation on the date (shared/codes/org-records.ts, from the dates of
 * the year's rectification record); null when no rectification is recorded for the rating in force.
 */
const weakWith = (statuses: readonly RectificationStatus[]): Predicate => ({ all: [{ field: 'weak', eq: true }, { field: 'rectificationStatus', in: statuses }] });

const isDue = (kind: string): Predicate => ({ field: 'due', eq: kind });
const TOTAL: Cell = { key: 'total', label: '合计' };
const withTotal = (rows: readonly Cell[]): Cell[] => [TOTAL, ...rows];

/** 党员 columns of the basic tables: 总数, 女, 少数民族, 大专及以上, 预备党员. */
const MEMBER_COLUMNS: readonly Column[] = [
  { key: 'total', label: '党员总数' },
  { key: 'female', label: '女', where: { field: 'gender', eq: '2' } },
  { key: 'minority', label: '少数民族', where: { field: 'minority', eq: true } },
  { key: 'collegeOrAbove', label: '大专及以上', where: { field: 'collegeOrAbove', eq: true } },
  { key: 'probationary', label: '预备党员', where: { field: 'probationary', eq: true } },
];

export const REPORTS: readonly ReportDefinition[] = [
  // ---- 党组织 ----
  {
    id: 'org.byKind',
    domain: 'organisations',
    title: '党组织数（按组织类别）',
    subject: 'org',
    rows: [
      { key: 'basic', label: '基层党组织', where: { field: 'basic', eq: true } },
      ...ORG_KIND_ROWS,
    ],
    columns: [{ key: 'count', label: '个数' }],
    chart: 'bar',
    notes: ['基层党组织 = 基层党委 + 党总支 + 党支部（含联合党支部、临时党支部）；不含所选组织本身。'],
  },
  {
    id: 'org.byUnitCategory',
    domain: 'organisations',
    title: '党组织数（按所在单位类别）',
    subject: 'org',
    rows: [...UNIT_CATEGORY_ROWS, { key: 'none', label: '未填写', where: { field: 'unitCategory', eq: null } }],
    columns: [
      { key: 'count', label: '党组织' },
      { key: 'basic', label: '基层党组织', where: { field: 'basic', eq: true } },
    ],
    chart: 'bar',
  },
  {
    id: 'org.terms',
    domain: 'organisations',
    title: '党组织换届情况',
    subject: 'org',
    rows: withTotal(ORG_KIND_ROWS.filter((r) => (BASIC_KINDS as readonly string[]).includes(r.key))).map((r) =>
      r.key === 'total' ? { ...r, where: { field: 'basic', eq: true } } : r,
    ),
    columns: [
      { key: 'count', label: '党组织数' },
      { key: 'due', label: '任期届满（应换届）', where: { field: 'termStatus', eq: 'due' } },
      { key: 'overdue', label: '超期未换届', where: { field: 'termStatus', eq: 'overdue' } },
      { key: 'reelected', label: '报告期内换届', where: { field: 'reelected', eq: true } },
      { key: 'unknown', label: '未登记选举日期', where: { field: 'termStatus', eq: null } },
    ],
    notes: ['以截止日期时有效的最近一次换届选举计算：任期届满之日（或经上级批准的延期内，设置中规定的宽限期内）为“应换届”，此后为“超期未换届”；党工委、临时党支部、党小组无任期。'],
  },
  {
    id: 'org.stars',
    domain: 'organisations',
    title: '星级化创建与软弱涣散整顿',
    subject: 'org',
    rows: [
      ...[5, 4, 3, 2, 1].map((s) => ({ key: `stars-${s}`, label: `${s}星`, where: { field: 'stars', eq: s } })),
      { key: 'stars-none', label: '未评星', where: { field: 'stars', eq: null } },
      { key: 'weak', label: '软弱涣散', where: { field: 'weak', eq: true } },
      { key: 'weak-rectifying', label: '软弱涣散（整顿中）', where: weakWith(['rectifying']) },
      { key: 'weak-done', label: '软弱涣散（已整顿）', where: weakWith(['pending-acceptance', 'closed']) },
      { key: 'weak-pending', label: '其中：已整顿待验收', where: weakWith(['pending-acceptance']) },
      { key: 'weak-closed', label: '其中：已销号', where: weakWith(['closed']) },
      { key: 'weak-unknown', label: '软弱涣散（整顿情况未登记）', where: { all: [{ field: 'weak', eq: true }, { field: 'rectificationStatus', eq: null }] } },
    ],
    columns: [{ key: 'count', label: '个数', where: { field: 'basic', eq: true } }],
    chart: 'pie',
    notes: [
      '只计基层党组织。',
      '星级、软弱涣散按截止日期所在年度的评定计（当年尚未评定的按最近一次评定）；整顿情况按整顿记录的日期确定。软弱涣散 = 整顿中 + 已整顿 + 整顿情况未登记；已整顿含已整顿待验收、已销号。',
    ],
  },
  {
    id: 'org.coverage',
    domain: 'organisations',
    title: '组织覆盖（社区、网格、楼栋）',
    subject: 'grid',
    rows: [
      { key: 'community', label: '社区', where: { field: 'kind', eq: 'community' } },
      { key: 'village', label: '村', where: { field: 'kind', eq: 'village' } },
      { key: 'grid', label: '网格', where: { field: 'kind', eq: 'grid' } },
      { key: 'building', label: '楼栋（巷道）', where: { field: 'kind', in: ['building', 'lane'] } },
      { key: 'village-group', label: '村民小组', where: { field: 'kind', eq: 'village-group' } },
    ],
    columns: [
      { key: 'count', label: '总数' },
      { key: 'withOrg', label: '已建党组织', where: { field: 'hasOrg', eq: true } },
      { key: 'withoutOrg', label: '未建党组织', where: { field: 'hasOrg', eq: false } },
    ],
  },
  // ---- 党员 ----
  {
    id: 'member.summary',
    domain: 'members',
    title: '党员基本情况',
    subject: 'member',
    rows: [
      TOTAL,
      { key: 'partyAge50', label: '党龄50年以上', where: { field: 'partyAge50', eq: true } },
      { key: 'mobile', label: '流动党员', where: { field: 'mobile', eq: true } },
      { key: 'lostContact', label: '失联党员', where: { field: 'lostContact', eq: true } },
      { key: 'gridRegistered', label: '到网格（社区）报到', where: { field: 'gridRegistered', eq: true } },
    ],
    columns: MEMBER_COLUMNS,
  },
  { id: 'member.age', domain: 'members', title: '党员年龄', subject: 'member', rows: withTotal([...AGE_BANDS, { key: 'unknown', label: '出生日期不详', where: { field: 'age', eq: null } }]), columns: MEMBER_COLUMNS, chart: 'bar' },
  { id: 'member.ageAnnual', domain: 'members', title: '党员年龄（年报口径）', subject: 'member', rows: withTotal([...ANNUAL_AGE_BANDS, { key: 'unknown', label: '出生日期不详', where: { field: 'age', eq: null } }]), columns: MEMBER_COLUMNS, landscape: true },
  { id: 'member.education', domain: 'members', title: '党员学历', subject: 'member', rows: withTotal([...EDUCATION_ROWS, { key: 'unknown', label: '未填写', where: { field: 'educationBucket', eq: null } }]), columns: MEMBER_COLUMNS, chart: 'pie' },
  { id: 'member.job', domain: 'members', title: '党员工作岗位', subject: 'member', rows: withTotal([...JOB_ROWS, { key: 'unknown', label: '未填写', where: { not: { field: 'jobCategory', in: JOB_ROWS.map((r) => r.key) } } }]), columns: MEMBER_COLUMNS, chart: 'bar', landscape: true },
  { id: 'member.joined', domain: 'members', title: '党员入党时间', subject: 'member', rows: withTotal([...JOIN_BANDS, { key: 'unknown', label: '入党时间不详', where: { field: 'joinedOn', eq: null } }]), columns: MEMBER_COLUMNS, chart: 'bar' },
  // ---- 党员数量变化 ----
  {
    id: 'member.change',
    domain: 'change',
    title: '党员数量变化',
    subject: 'memberChange',
    period: true,
    rows: [
      { key: 'start', label: '期初党员数', where: { field: 'term', eq: 'start' } },
      { key: 'admitted', label: '增加：发展党员', where: { field: 'term', eq: 'admitted' } },
      { key: 'transferIn', label: '增加：转入组织关系', where: { field: 'term', eq: 'transferIn' } },
      { key: 'restored', label: '增加：恢复党籍', where: { field: 'term', eq: 'restored' } },
      { key: 'expelled', label: '减少：出党', where: { field: 'term', eq: 'expelled' } },
      { key: 'transferOut', label: '减少：转出组织关系', where: { field: 'term', eq: 'transferOut' } },
      { key: 'suspended', label: '减少：停止党籍', where: { field: 'term', eq: 'suspended' } },
      { key: 'deceased', label: '减少：死亡', where: { field: 'term', eq: 'deceased' } },
      { key: 'end', label: '期末党员数', where: { field: 'term', eq: 'end' } },
    ],
    columns: [{ key: 'count', label: '人数' }],
    notes: ['期初 + 发展 + 转入 + 恢复 − 出党 − 转出 − 停止党籍 − 死亡 = 期末；所选范围内部的组织关系转接不计入转入、转出。'],
  },
  // ---- 发展党员 ----
  {
    id: 'development.admitted',
    domain: 'development',
    title: '发展党员情况',
    subject: 'devAdmitted',
    period: true,
    rows: withTotal(JOB_ROWS),
    columns: [
      { key: 'admitted', label: '发展党员' },
      { key: 'female', label: '女', where: { field: 'gender', eq: '2' } },
      { key: 'minority', label: '少数民族', where: { field: 'minority', eq: true } },
      { key: 'age35OrUnder', label: '35岁及以下', where: { field: 'age', max: 35 } },
      { key: 'collegeOrAbove', label: '大专及以上', where: { field: 'collegeOrAbove', eq: true } },
      { key: 'age35Share', label: '35岁及以下占比', measure: { percentOf: 'admitted' }, where: { field: 'age', max: 35 } },
    ],
    landscape: true,
    notes: ['以党委审批日期计入报告期；年龄按审批日计算。'],
  },
  { id: 'development.age', domain: 'development', title: '发展党员年龄', subject: 'devAdmitted', period: true, rows: withTotal([...DEV_AGE_BANDS, { key: 'unknown', label: '出生日期不详', where: { field: 'age', eq: null } }]), columns: [COUNT], chart: 'bar' },
  { id: 'development.education', domain: 'development', title: '发展党员学历', subject: 'devAdmitted', period: true, rows: withTotal([...EDUCATION_ROWS, { key: 'unknown', label: '未填写', where: { field: 'educationBucket', eq: null } }]), columns: [COUNT], chart: 'pie' },
  {
    id: 'development.pipeline',
    domain: 'development',
    title: '发展党员工作队伍',
    subject: 'devPerson',
    rows: [
      { key: 'applicant', label: '入党申请人', where: { field: 'stage', eq: 'applicant' } },
      { key: 'activist', label: '入党积极分子', where: { field: 'stage', eq: 'activist' } },
      { key: 'candidate', label: '发展对象', where: { field: 'stage', eq: 'candidate' } },
      { key: 'probationary', label: '预备党员', where: { field: 'stage', eq: 'probationary' } },
    ],
    columns: [COUNT],
    chart: 'bar',
    notes: ['阶段按截止日期前最近一次发展步骤确定。'],
  },
  {
    id: 'development.due',
    domain: 'development',
    title: '发展党员本月到期和逾期事项',
    subject: 'devPerson',
    rows: [
      { key: 'total', label: '合计', where: { not: { field: 'due', eq: null } } },
      { key: 'talk', label: '入党申请人谈话（1个月内）', where: isDue('talk') },
      { key: 'activistYear', label: '积极分子满1年（可列为发展对象）', where: isDue('activistYear') },
      { key: 'approval', label: '接收预备党员审批（支部大会后3个月内）', where: isDue('approval') },
      { key: 'probation', label: '预备期满（讨论转正）', where: isDue('probation') },
      { key: 'confirmApproval', label: '转正审批（转正支部大会后3个月内）', where: isDue('confirmApproval') },
    ],
    columns: [
      { key: 'total', label: '人数' },
      { key: 'dueThisMonth', label: '本月到期', where: { field: 'dueStatus', eq: 'due' } },
      { key: 'overdue', label: '已逾期', where: { field: 'dueStatus', eq: 'overdue' } },
    ],
    notes: [
      '每人只计当前阶段的下一步：入党申请人未谈话的计谈话（递交申请书后1个月）；积极分子计满1年（确定为积极分子后1年）；已开支部大会未审批的计党委审批（支部大会后3个月）；预备党员未开转正支部大会的计预备期满（支部大会后1年，延长预备期的顺延）；已开转正支部大会未审批的计转正审批（3个月）。',
      '本月到期：期限在截止日期当日至当月末；已逾期：截止日期已过期限仍未记录（与发展党员规则 R2、R11、R12、R14 的提示一致）。积极分子的“已逾期”指此前已满1年、尚未确定为发展对象。',
    ],
  },
  // ---- 村级后备力量 ----
  {
    id: 'reserve.bySource',
    domain: 'reserves',
    title: '村级后备力量（按来源）',
    subject: 'reserve',
    period: true,
    rows: withTotal([...RESERVE_SOURCE_ROWS, { key: 'unknown', label: '未填写', where: { field: 'source', eq: null } }]),
    columns: [
      { key: 'total', label: '在库人数', where: { field: 'inPool', eq: true } },
      { key: 'enteredToDate', label: '累计进入两委', where: { field: 'enteredToDate', eq: true } },
      { key: 'cohort', label: '期内在库', where: { field: 'inCohort', eq: true } },
      { key: 'enteredInPeriod', label: '期内进入两委', where: { field: 'enteredCommittee', eq: true } },
      { key: 'ratio', label: '进入两委比例', measure: { percentOf: 'cohort' }, where: { field: 'enteredCommittee', eq: true } },
    ],
    chart: 'bar',
    landscape: true,
    notes: [
      '在库人数：截止日期处于“入库培养”阶段的人数；推荐、考察阶段的人选见“村级后备力量（按阶段）”。',
      '期内在库：统计期内任一天处于入库培养，或统计期内进入两委的人数；进入两委比例 = 期内进入两委人数 ÷ 期内在库人数。',
    ],
  },
  {
    id: 'reserve.stages',
    domain: 'reserves',
    title: '村级后备力量（按阶段）',
    subject: 'reserve',
    rows: withTotal([
      { key: 'recommended', label: '推荐', where: { field: 'stage', eq: 'recommended' } },
      { key: 'assessed', label: '考察', where: { field: 'stage', eq: 'assessed' } },
      { key: 'training', label: '入库培养', where: { field: 'stage', eq: 'training' } },
      { key: 'entered', label: '进入两委', where: { field: 'stage', eq: 'entered' } },
      { key: 'exited', label: '调整出库', where: { field: 'stage', eq: 'exited' } },
    ]),
    columns: [
      { key: 'count', label: '人数' },
      { key: 'secretary', label: '书记方向', where: { field: 'direction', eq: 'secretary' } },
      { key: 'director', label: '主任方向', where: { field: 'direction', eq: 'director' } },
      { key: 'member', label: '委员方向', where: { field: 'direction', eq: 'member' } },
    ],
    chart: 'bar',
  },
  {
    id: 'reserve.profile',
    domain: 'reserves',
    title: '村级后备力量（年龄、学历、政治面貌）',
    subject: 'reserve',
    rows: withTotal([
      ...RESERVE_AGE_BANDS.map((r) => ({ ...r, key: `age${r.key}` })),
      ...EDUCATION_ROWS.map((r) => ({ ...r, key: `edu-${r.key}` })),
      ...POLITICAL_STATUS_ROWS.filter((r) => ['01', '02', '03', '13'].includes(r.key)).map((r) => ({ ...r, key: `ps-${r.key}` })),
    ]),
    columns: [{ key: 'count', label: '在库人数', where: { field: 'inPool', eq: true } }],
  },
  {
    id: 'reserve.villages',
    domain: 'reserves',
    title: '村党组织书记后备人选覆盖',
    subject: 'village',
    rows: [
      TOTAL,
      { key: 'with', label: '有书记后备人选的村', where: { field: 'hasSecretaryReserve', eq: true } },
      { key: 'without', label: '无书记后备人选的村', where: { field: 'hasSecretaryReserve', eq: false } },
    ],
    columns: [{ key: 'count', label: '村数' }],
    chart: 'pie',
  },
  // ---- 第一书记 / 工作队 ----
  {
    id: 'team.inPost',
    domain: 'teams',
    title: '第一书记和驻村工作队',
    subject: 'teamMember',
    period: true,
    rows: withTotal(
      (['central', 'province', 'city', 'county', 'township'] as const).map((l, i) => ({
        key: l,
        label: ['中央单位', '省级', '市级', '县级', '乡镇'][i] + '选派',
        where: { field: 'dispatchingLevel', eq: l },
      })),
    ),
    columns: [
      { key: 'total', label: '在岗人数' },
      { key: 'firstSecretary', label: '第一书记', where: { field: 'role', eq: 'first-secretary' } },
      { key: 'leader', label: '工作队长', where: { field: 'role', eq: 'leader' } },
      { key: 'member', label: '队员', where: { field: 'role', eq: 'member' } },
      { key: 'avgDays', label: '月均驻村天数', measure: { avg: 'avgDays' } },
      { key: 'belowDays', label: '有月份未达要求', where: { field: 'belowDays', eq: true } },
    ],
    landscape: true,
    notes: ['月均驻村天数按报告期内已登记的月份计算；“有月份未达要求”指报告期内整月在岗、驻村天数（经批准的请假天数计入）低于每月应驻村天数的月份。'],
  },
  {
    id: 'team.belowByMonth',
    domain: 'teams',
    title: '驻村天数未达要求情况（按月）',
    subject: 'teamMonth',
    period: true,
    rows: [TOTAL],
    monthRows: { field: 'month' },
    columns: [
      { key: 'judged', label: '整月在岗人数', where: { field: 'status', in: ['ok', 'below', 'notRecorded'] } },
      { key: 'below', label: '未达要求', where: { field: 'status', eq: 'below' } },
      { key: 'belowShare', label: '未达要求比例', where: { field: 'status', eq: 'below' }, measure: { percentOf: 'judged' } },
      { key: 'notRecorded', label: '未登记', where: { field: 'status', eq: 'notRecorded' } },
    ],
    chart: 'bar',
    notes: ['按月统计报告期内已结束的月份；经批准的请假天数计入驻村天数；当月部分时间在岗的不作考核。合计行为人次。'],
  },
  {
    id: 'team.grades',
    domain: 'teams',
    title: '驻村干部年度考核等次',
    subject: 'teamMember',
    rows: [
      { key: '优秀', label: '优秀', where: { field: 'grade', eq: '优秀' } },
      { key: '称职', label: '称职', where: { field: 'grade', eq: '称职' } },
      { key: '基本称职', label: '基本称职', where: { field: 'grade', eq: '基本称职' } },
      { key: '不称职', label: '不称职', where: { field: 'grade', eq: '不称职' } },
      { key: 'none', label: '未考核', where: { field: 'grade', eq: null } },
    ],
    columns: [{ key: 'count', label: '人数' }],
    chart: 'pie',
    notes: ['截止日期所在年度的考核等次。'],
  },
  // ---- 组织生活 ----
  {
    id: 'life.missed',
    domain: 'life',
    title: '组织生活未按要求开展的党支部',
    subject: 'branchLife',
    period: true,
    rows: MEETING_KINDS.map((k) => ({ key: k, label: MEETING_KIND_NAMES[k], where: { field: 'kind', eq: k } })),
    columns: [
      { key: 'due', label: '应开展的党支部' },
      { key: 'missed', label: '未按要求开展', where: { field: 'missed', eq: true } },
      { key: 'missedShare', label: '比例', where: { field: 'missed', eq: true }, measure: { percentOf: 'due' } },
    ],
    chart: 'bar',
    notes: ['按设置的要求频次（每月、每季度、每年）判断报告期内已结束的各期；支委会只要求正式党员7名以上的党支部，党小组会只要求设有党小组的党支部。'],
  },
  // ---- 网格 ----
  {
    id: 'grid.summary',
    domain: 'grids',
    title: '网格化党建',
    subject: 'grid',
    rows: [
      { key: 'communities', label: '社区', where: { field: 'kind', eq: 'community' } },
      { key: 'villages', label: '村', where: { field: 'kind', eq: 'village' } },
      { key: 'grids', label: '网格', where: { field: 'kind', eq: 'grid' } },
      { key: 'buildings', label: '楼栋（巷道）', where: { field: 'kind', in: ['building', 'lane'] } },
      { key: 'villageGroups', label: '村民小组', where: { field: 'kind', eq: 'village-group' } },
      { key: 'gridBranches', label: '网格党支部', where: { all: [{ field: 'kind', eq: 'grid' }, { field: 'orgKind', in: ['branch', 'joint-branch', 'temporary-branch', 'general-branch'] }] } },
      { key: 'buildingGroups', label: '楼栋（巷道）党小组', where: { all: [{ field: 'kind', in: ['building', 'lane'] }, { field: 'orgKind', eq: 'group' }] } },
      { key: 'villagesWithoutOrg', label: '未建党组织的村', where: { all: [{ field: 'kind', eq: 'village' }, { field: 'hasOrg', eq: false }] } },
    ],
    columns: [{ key: 'count', label: '个数' }],
    notes: ['网格党支部、楼栋党小组按覆盖网格单元计数。'],
  },
  {
    id: 'grid.registered',
    domain: 'grids',
    title: '在职党员到网格（社区）报到',
    subject: 'grid',
    rows: [
      { key: 'total', label: '合计', where: { field: 'record', eq: 'registration' } },
      { key: 'community', label: '在社区报到', where: { field: 'unitKind', eq: 'community' } },
      { key: 'village', label: '在村报到', where: { field: 'unitKind', eq: 'village' } },
      { key: 'grid', label: '在网格报到', where: { field: 'unitKind', eq: 'grid' } },
      { key: 'building', label: '在楼栋（巷道、小区）报到', where: { field: 'unitKind', in: ['building', 'lane', 'estate'] } },
      { key: 'village-group', label: '在村民小组报到', where: { field: 'unitKind', eq: 'village-group' } },
    ],
    columns: [COUNT],
    notes: ['截止日期当天仍在报到、且仍在党员名册中的党员；可能属于本单位以外的党组织。'],
  },
];

export const REPORT_BY_ID: ReadonlyMap<string, ReportDefinition> = new Map(REPORTS.map((r) => [r.id, r]));
