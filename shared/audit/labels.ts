/**
 * How the audit log reads in Chinese: what each kind of row is about (entity), what was done
 * (method), and per entity what each field of its before/after images means and how its coded
 * values read. Per entity, because the same key means different things: an organisation's `name`
 * is 名称, a member's 姓名; `kind` is a 组织类别, a 网格类别 or a 变动类型.
 *
 * test/integration/audit-labels.test.ts runs every write and export of the core and fails on a key
 * without a label here.
 */
import { api, isMethod } from '../contract/index.js';
import { DEV_STAGE_NAMES, GRID_KIND_NAMES, MEETING_KIND_NAMES } from '../contract/code-lists.js';
import { STEP_DEFS, STEP_FIELDS } from '../domain/pipeline-steps.js';
import { CODE_TABLES, type CodeTable } from '../codes/tables.js';
import { CATALOGUES, IMPORT_KIND_NAMES, monthField, parseMonthKey, type Choice, type FieldDef } from '../import/index.js';
import { ROSTER_KINDS, rosterName } from '../import/columns.js';
import { END_KIND_NAMES } from '../contract/team.js';
import { ROLE_NAMES } from '../types/roles.js';
import { OFFICER_POST } from '../codes/org-records.js';
import { RESERVE_CATALOGUE } from '../import/catalog-reserves.js';
import { RESERVE_DIRECTION_NAMES, RESERVE_RECORD_NAMES, RESERVE_STAGE_NAMES } from '../domain/reserve-rules.js';
import { GRID_CHANGE_NAMES } from '../domain/grid-rules.js';

/** A field of an audited record: its label, and for coded fields the names of the codes. */
export interface AuditField {
  readonly label: string;
  /** code → name (组织类别, 性别 …); an unknown code is shown as it is. */
  readonly values?: Readonly<Record<string, string>>;
  /** 是/否 fields (stored as true/false or 1/0); a new record's 否 is not listed. */
  readonly flag?: boolean;
  /** The value a new record has when nothing was set (not listed for a new record). */
  readonly unset?: number;
}
type Fields = Record<string, AuditField>;

/** Bookkeeping the reader does not need: the row already says when, and ids are named elsewhere. */
export const AUDIT_HIDDEN_FIELDS: ReadonlySet<string> = new Set(['id', 'createdAt', 'updatedAt', 'path', 'depth', 'passwordHash', 'importBatchId', 'initials']);

const namesOf = (table: CodeTable): Record<string, string> => Object.fromEntries(table.map((e) => [e.code, e.name]));
const choiceNames = (choices: readonly Choice[]): Record<string, string> => Object.fromEntries(choices.map((c) => [c.value, c.label]));
const label = (l: string): AuditField => ({ label: l });
const flag = (l: string): AuditField => ({ label: l, flag: true });
const coded = (l: string, values: Readonly<Record<string, string>>): AuditField => ({ label: l, values });

/** The import catalogues' fields as audit fields (their labels, code tables, choices and 是/否). */
function fromDefs(defs: readonly FieldDef[]): Fields {
  const out: Fields = {};
  for (const d of defs) {
    if (d.kind === 'boolean') out[d.key] = flag(d.label);
    else if (d.kind === 'code' && d.codeTable) out[d.key] = coded(d.label, namesOf(CODE_TABLES[d.codeTable].table));
    else if (d.kind === 'choice' && d.choices) out[d.key] = coded(d.label, choiceNames(d.choices));
    else out[d.key] = label(d.label);
  }
  return out;
}

export const MEMBER_EVENT_NAMES = namesOf(CODE_TABLES['member-event'].table);
/** Steps of the pipeline (DOMAIN.md §4) by code. */
export const DEV_STEP_NAMES: Readonly<Record<string, string>> = Object.fromEntries(Object.entries(STEP_DEFS).map(([code, d]) => [code, d.name]));
const STATUS = coded('状态', { active: '在册', left: '已离开' });
const RESERVE_STAGES: Record<string, string> = { ...RESERVE_STAGE_NAMES };

/** Fields of every entity, by the entity name the core writes in audit_log.entity. */
const FIELDS: Record<string, Fields> = {
  member: {
    ...fromDefs(CATALOGUES.members.fields),
    orgId: label('所在党组织'),
    orgName: label('所在党组织'),
    gridId: label('所在网格'),
    gridRegisteredOn: label('网格登记日期'),
    gridLeftOn: label('网格报到结束日期'),
    lostCircumstance: label('失联情形'),
    partyAgeAdjustMonths: { label: '党龄校正（月）', unset: 0 },
    status: STATUS,
    leftOn: label('离开日期'),
    leftReason: coded('离开原因', MEMBER_EVENT_NAMES),
    // member.addEvent: what happened and when, beside the fields it set.
    event: coded('变动类型', { ...MEMBER_EVENT_NAMES, transfer: '组织关系转接' }),
    onDate: label('变动日期'),
    otherParty: label('转往/转自或外出地'),
    note: label('备注'),
    warnings: label('提示'),
    events: label('党员变动记录'),
    // member.correct: an administrator's 更正, its own kind in the log.
    correction: label('更正'),
  },
  memberEvent: {
    memberId: label('党员'),
    kind: coded('变动类型', MEMBER_EVENT_NAMES),
    onDate: label('日期'),
    orgId: label('党组织'),
    otherParty: label('转往/转自或外出地'),
    note: label('备注'),
  },
  org: {
    ...fromDefs(CATALOGUES.orgs.fields),
    name: label('名称'),
    kind: coded('组织类别', namesOf(CODE_TABLES['org-kind'].table)),
    canApprove: flag('有审批预备党员权限'),
    approvedByOrgId: label('批准成立的上级组织'),
    venueArea: label('活动阵地面积（m²）'),
    venueBuiltYear: label('阵地新建/改扩建年份'),
    venueFunds: label('阵地投入资金（万元）'),
    liaisonLeader: label('联系点县领导'),
    dissolvedOn: label('撤销日期'),
    dissolvedReason: label('撤销原因'),
    mergedIntoId: label('并入的党组织'),
    sortOrder: { label: '排序', unset: 0 },
    onDate: label('生效日期'),
    changedOn: label('变更日期'),
    reason: label('原因'),
    subtree: label('随之移动的组织数'),
    absorbedOrgId: label('并入本组织的党支部'),
    members: label('随之转入的党员数'),
  },
  orgOfficer: {
    orgId: label('党组织'),
    memberId: label('党员'),
    name: label('姓名'),
    post: coded('党内职务', namesOf(OFFICER_POST)),
    fromDate: label('任职日期'),
    toDate: label('离任日期'),
    endReason: label('离任原因'),
  },
  orgElection: {
    orgId: label('党组织'),
    electedOn: label('选举日期'),
    termYears: label('任期（年）'),
    dueOn: label('任期届满日'),
    extendedTo: label('经批准延期至'),
    extensionApprovedBy: label('批准延期的上级组织'),
    extensionApprovedByName: label('批准机关'),
    extensionApprovedOn: label('批准日期'),
    note: label('备注'),
  },
  orgRating: {
    orgId: label('党组织'),
    year: label('年度'),
    stars: label('星级'),
    weak: flag('软弱涣散'),
    note: label('备注'),
  },
  orgRectification: {
    orgId: label('党组织'),
    year: label('年度'),
    causes: label('软弱涣散情形'),
    measures: label('整顿措施'),
    leader: label('包联县级领导'),
    startedOn: label('开始整顿日期'),
    rectifiedOn: label('整顿完成日期'),
    closedOn: label('验收销号日期'),
  },
  grid: {
    ...fromDefs(CATALOGUES.grids.fields),
    name: label('网格名称'),
    kind: coded('网格类别', GRID_KIND_NAMES),
    parentId: label('上级网格'),
    orgId: label('网格党组织'),
    ownerOrgId: label('所属单位（乡镇、街道）'),
    foundedOn: label('设立日期'),
    dissolvedOn: label('撤销日期'),
    dissolvedReason: label('撤销原因'),
    onDate: label('变动日期'),
    correction: flag('更正错别字（不记为更名）'),
    initials: label('名称拼音首字母'),
    history: label('历史记录'),
  },
  gridChange: {
    gridId: label('网格单元'),
    kind: coded('变动类型', GRID_CHANGE_NAMES),
    onDate: label('日期'),
    name: label('名称'),
    parentId: label('上级网格'),
    ownerOrgId: label('所属单位（乡镇、街道）'),
    orgId: label('覆盖党组织'),
    reason: label('原因'),
  },
  gridRegistration: {
    memberId: label('党员'),
    gridId: label('报到网格'),
    fromDate: label('报到日期'),
    toDate: label('报到结束日期'),
  },
  devPerson: {
    ...fromDefs(CATALOGUES.pipeline.fields),
    stage: coded('发展阶段', DEV_STAGE_NAMES),
    memberId: label('转为党员'),
    steps: label('发展步骤'),
    findings: label('核对提示及继续的理由'),
    correction: label('更正原因'),
  },
  devStep: {
    personId: label('发展对象'),
    step: coded('步骤', DEV_STEP_NAMES),
    onDate: label('日期'),
    data: label('步骤信息'),
    stage: coded('发展阶段', DEV_STAGE_NAMES),
    findings: label('核对提示及继续的理由'),
    correction: label('更正原因'),
  },
  reserve: {
    ...fromDefs(RESERVE_CATALOGUE.fields),
    direction: coded('培养方向', { ...RESERVE_DIRECTION_NAMES }),
    stage: coded('所处阶段', RESERVE_STAGES),
    stageOn: label('阶段日期'),
    villageName: label('所在村'),
    exitKind: coded('出库方式', { 'entered-committee': '进入两委', adjusted: '调整出库' }),
    exitOn: label('出库日期'),
    exitPost: label('进入两委后职务'),
    exitReason: label('出库原因'),
    correction: label('更正原因'),
    linkedTo: coded('人员信息来自', { member: '党员名册', pipeline: '发展党员名册' }),
    memberId: label('党员记录'),
    devPersonId: label('发展党员记录'),
  },
  reserveRecord: {
    reserveId: label('后备力量'),
    kind: coded('记录类别', { ...RESERVE_RECORD_NAMES }),
    stage: coded('阶段', RESERVE_STAGES),
    onDate: label('日期'),
    content: label('内容'),
    post: label('职务'),
    reason: label('理由'),
    code: label('负面清单情形'),
    findings: label('提示的检查'),
    voidedAt: label('作废时间'),
    voidReason: label('作废原因'),
  },
  teamMember: {
    ...fromDefs(CATALOGUES.teams.fields),
    villageOrgId: label('驻村'),
    villageName: label('驻村'),
    memberId: label('党员记录'),
    endedOn: label('召回或轮换日期'),
    endKind: coded('离岗方式', END_KIND_NAMES),
    endReason: label('召回或轮换原因'),
    eligibility: label('第一书记任职条件'),
  },
  teamMonth: {
    teamMemberId: label('驻村干部'),
    month: label('月份'),
    daysInVillage: label('驻村天数'),
    logCount: label('工作日志篇数'),
    visitCount: label('走访农户数'),
  },
  teamLeave: {
    teamMemberId: label('驻村干部'),
    fromDate: label('请假开始日期'),
    toDate: label('请假结束日期'),
    days: label('请假天数'),
    reason: label('请假事由'),
    approvedBy: label('批准人'),
    approvedOn: label('批准日期'),
  },
  teamTraining: {
    teamMemberId: label('驻村干部'),
    onDate: label('培训日期'),
    topic: label('培训内容'),
    hours: label('学时'),
  },
  teamGrade: {
    teamMemberId: label('驻村干部'),
    year: label('年度'),
    grade: label('考核等次'),
    note: label('备注'),
  },
  meeting: {
    ...fromDefs(CATALOGUES.meetings.fields),
    orgId: label('党组织'),
    orgName: label('党组织'),
    kind: coded('类别', MEETING_KIND_NAMES),
    heldOn: label('召开日期'),
    attendees: label('实到人数'),
    attendance: label('出席情况'),
    removed: flag('已删除'),
    reason: label('删除原因'),
  },
  meetingAttendance: {
    meetingId: label('组织生活'),
    memberId: label('党员'),
    present: flag('出席'),
    reason: label('缺席原因'),
  },
  user: {
    username: label('用户名'),
    displayName: label('姓名'),
    role: coded('角色', ROLE_NAMES),
    scopeOrgId: label('管辖范围'),
    scopeOrgName: label('管辖范围'),
    active: flag('启用'),
    passwordChanged: flag('本人修改了密码'),
    passwordReset: flag('密码已重设'),
  },
  settings: {
    unitName: label('单位名称'),
    idleLockMinutes: label('闲置自动锁定（分钟）'),
    backupKeep: label('保留备份份数'),
    pipelineRules: label('启用的发展党员规则'),
    workCalendar: label('工作日历'),
    termGraceMonths: label('换届宽限期（月）'),
    rootOrgId: label('根组织'),
    ledgerId: label('台账编号'),
  },
  importBatch: {
    kind: coded('名册种类', IMPORT_KIND_NAMES),
    files: label('文件'),
    senderOrgId: label('报送单位'),
    counts: label('结果'),
    createdRecords: label('新建的记录'),
    status: coded('状态', { committed: '已导入', undone: '已撤销' }),
    deleted: label('删除记录数'),
    deletedRecords: label('删除的记录'),
    restored: label('恢复记录数'),
    force: flag('强制撤销'),
  },
  export: {
    kind: coded('导出内容', {
      ...Object.fromEntries(ROSTER_KINDS.map((k) => [k, rosterName(k)])),
      grid: '当前表格',
      importReport: '导入问题清单',
    }),
    rows: label('行数'),
    fileName: label('文件'),
    status: coded('范围', { active: '在册', left: '已离开', all: '全部' }),
    filter: label('筛选条件'),
    title: label('表格标题'),
    files: label('来源文件'),
  },
  backup: {
    file: label('备份文件'),
    keyring: label('密钥文件'),
    size: label('大小（字节）'),
    verified: label('校验'),
    note: label('备注'),
    method: label('操作'),
    target: label('备份位置'),
    error: label('错误'),
  },
  ledger: {
    unitName: label('单位名称'),
    admin: label('首位管理员（用户名）'),
    // The demo county (ledger demo / npm start).
    seed: label('随机种子'),
    orgs: label('党组织数'),
    grids: label('网格单元数'),
    members: label('党员数'),
    devPeople: label('发展党员数'),
    reserves: label('后备力量数'),
    teamMembers: label('驻村队员数'),
    leftMembers: label('已离开党员数'),
    memberEvents: label('党员变动记录数'),
    devSteps: label('发展步骤数'),
    meetings: label('组织生活数'),
    asOf: label('数据截至'),
    breaches: label('有意违反的发展规则（条）'),
    // A restore (backup.restore / backup.restoreFailed).
    from: label('恢复自'),
    via: coded('操作途径', { ui: '界面', cli: '命令行', smoke: '自检' }),
    unlockedWith: coded('备份解锁方式', { 'ledger-key': '本台账密钥', password: '密码', 'recovery-code': '恢复码' }),
    ledgerId: label('台账编号'),
    backupCreatedAt: label('备份时间'),
    organisations: label('党组织数'),
    lastAuditAt: label('最后一次操作时间'),
    schemaVersion: label('数据库架构版本'),
    integrity: label('完整性检查'),
    file: label('台账文件'),
    keptAs: label('原文件保留为'),
    error: label('错误'),
  },
  session: {
    role: coded('角色', ROLE_NAMES),
    reason: coded('原因', {
      wrongSecret: '密码或恢复码错误',
      inactive: '用户不存在或已停用',
      lockedOut: '处于锁定期',
      overflow: '失败次数过多（合并记录）',
      counterDamaged: '失败计数文件损坏',
    }),
    via: coded('凭据', { password: '密码', recoveryCode: '恢复码' }),
    failures: label('连续失败次数'),
    minutes: label('锁定（分钟）'),
    count: label('次数'),
    from: label('起'),
    to: label('止'),
    idleMinutes: label('闲置（分钟）'),
  },
};

/** Fields inside an object-valued field: an import's counts, an export's filter, a step's data. */
const SUBFIELDS: Record<string, Fields> = {
  counts: {
    rows: label('行数'),
    created: label('新增'),
    updated: label('更新'),
    unchanged: label('无变化'),
    skipped: label('跳过'),
  },
  filter: {
    text: label('关键字'),
    ...fromDefs(CATALOGUES.members.fields),
    mobile: flag('流动党员'),
    lostContact: flag('失联党员'),
  },
  data: { ...Object.fromEntries(Object.entries(STEP_FIELDS).map(([k, f]) => [k, label(f.label)])), to: label('结束日期') },
  workCalendar: { holidays: label('节假日'), workdays: label('调休上班日') },
  breaches: { R2: label('R2'), R4: label('R4'), R11: label('R11') },
  correction: {
    target: coded('更正对象', { event: '变动记录', opening: '建档时的入党、转正信息' }),
    was: label('更正前'),
    now: label('更正后'),
    reason: label('更正原因'),
  },
  verified: { ok: flag('通过'), integrity: label('完整性检查'), at: label('校验时间') },
  eligibility: { eligible: flag('符合条件'), source: label('依据'), checks: label('各项条件') },
};

export const AUDIT_ENTITY_LABELS: Readonly<Record<string, string>> = {
  member: '党员',
  memberEvent: '党员变动记录',
  org: '党组织',
  orgOfficer: '班子成员',
  orgElection: '换届记录',
  orgRating: '星级评定',
  orgRectification: '软弱涣散整顿',
  grid: '网格单元',
  gridChange: '网格单元历史记录',
  gridRegistration: '网格报到记录',
  devPerson: '发展党员',
  devStep: '发展步骤',
  reserve: '村级后备力量',
  reserveRecord: '后备力量记录',
  teamMember: '驻村干部',
  teamMonth: '驻村天数',
  teamLeave: '驻村干部请假',
  teamTraining: '驻村干部培训',
  teamGrade: '驻村干部年度考核',
  meeting: '组织生活',
  meetingAttendance: '组织生活出席',
  user: '用户',
  settings: '系统设置',
  importBatch: '导入批次',
  export: '导出',
  backup: '备份',
  ledger: '台账',
  session: '登录',
};

/**
 * Actions the hosts and the core write that are not contract calls (logins, backups, exports to a
 * file …), and contract calls whose summary reads badly as a log entry.
 */
export const AUDIT_EVENT_LABELS: Readonly<Record<string, string>> = {
  'app.setup': '初始化台账',
  'app.login': '登录',
  'app.loginFailed': '登录失败',
  'app.lockedOut': '连续输错被临时锁定',
  'app.recover': '用恢复码重设密码',
  'app.lock': '锁定',
  'app.logout': '退出登录',
  'app.sessionExpired': '闲置超时自动锁定',
  'backup.to': '备份到文件',
  'backup.failed': '备份失败',
  'backup.restore': '从备份恢复',
  'backup.restoreFailed': '从备份恢复失败',
  'export.toFile': '导出名册到文件',
  demo: '生成演示数据',
};

export const auditEntityKnown = (entity: string): boolean => Object.hasOwn(AUDIT_ENTITY_LABELS, entity);
export const auditMethodKnown = (method: string): boolean => Object.hasOwn(AUDIT_EVENT_LABELS, method) || isMethod(method);

/** 党员, 党组织 …; an entity this table does not know is shown as 其他记录（name）. */
export const auditEntityLabel = (entity: string): string => AUDIT_ENTITY_LABELS[entity] ?? `其他记录（${entity}）`;

/**
 * The action in words: the event table, else the contract's summary, else a readable fallback
 * (an event written by a newer part of the program than this page knows).
 */
export function auditMethodLabel(method: string): string {
  const known = AUDIT_EVENT_LABELS[method] ?? (isMethod(method) ? api[method].summary : undefined);
  if (known) return known;
  if (method.startsWith('backup.')) return `备份操作（${method}）`;
  if (method.startsWith('app.')) return `登录相关操作（${method}）`;
  return `其他操作（${method}）`;
}

/** The field's description for an entity, or undefined when this table has none (the test's check). */
export function auditField(entity: string, key: string): AuditField | undefined {
  const f = FIELDS[entity]?.[key];
  if (f || entity !== 'teamMember') return f;
  // A teams import lists a posting's changed months as its month columns (days.2026-01 …).
  const m = parseMonthKey(key);
  return m ? label(monthField(m.month, m.measure).label) : undefined;
}
export const auditFieldLabel = (entity: string, key: string): string | undefined => auditField(entity, key)?.label;

/** A field inside an object-valued field (counts.created, filter.category, data.talker). */
export function auditSubfield(key: string, sub: string): AuditField | undefined {
  // An import batch's created (or, undone, deleted) records, per kind of record (its entity names).
  if (key === 'createdRecords' || key === 'deletedRecords') return Object.hasOwn(AUDIT_ENTITY_LABELS, sub) ? label(AUDIT_ENTITY_LABELS[sub]!) : undefined;
  return SUBFIELDS[key]?.[sub];
}
