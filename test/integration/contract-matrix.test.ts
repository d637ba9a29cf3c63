import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, METHODS, type CoreMethod, type Input, LedgerError } from '../../shared/contract/index.js';
import type { Core } from '../../electron/core/core.js';
import { caller, createCore, idFor, tempDir, ADMIN_PASSWORD } from '../helpers/ledger.js';
import { todayIso } from '../../shared/domain/dates.js';
import { buildTwoTownships, type TwoTownships } from '../helpers/county.js';
import { idFieldPaths, idNamedPaths } from '../helpers/id-fields.js';

type Side = TwoTownships['A'];

/** Where backup.toFolder writes its pairs (the core checks the folder exists and is writable). */
const backupFolder = tempDir('ledger-matrix-backups-');
/** A pair of the rotating set, for backup.verify. */
let latestBackup = '';

/**
 * A valid input for every core method, aimed at one township's records. Typed as a complete map, so
 * a new contract method without a sample here fails to compile: the matrix cannot silently skip it.
 */
function samples(s: Side, t: TwoTownships, ownPassword = ADMIN_PASSWORD): { [K in CoreMethod]: () => Input<K> } {
  return {
    'app.changePassword': () => ({ oldPassword: ownPassword, newPassword: ownPassword + 'x9' }),
    'settings.get': () => ({}),
    'settings.update': () => ({ idleLockMinutes: 20 }),
    'org.tree': () => ({ rootId: s.town.id }),
    'org.treeColumns': () => ({ rootId: s.town.id }),
    'org.search': () => ({ rootId: s.town.id, text: '村' }),
    'org.get': () => ({ id: s.village.id }),
    'org.create': () => ({ parentId: s.town.id, name: '中共新建村支部委员会', kind: 'branch', unitCategory: 'village' }),
    'org.update': () => ({ id: s.village.id, patch: { phone: '0998-1234567' } }),
    'org.rename': () => ({ id: s.village.id, name: s.village.name + '（更名）', onDate: '2024-01-01' }),
    'org.dissolve': () => ({ id: s.spare.id, onDate: '2024-06-30', reason: '合并' }),
    'org.history': () => ({ id: s.village.id }),
    'org.stateOn': () => ({ id: s.village.id, date: '2024-06-30' }),
    'org.children': () => ({ id: s.town.id }),
    'org.terms': () => ({ rootId: s.town.id }),
    'org.warnings': () => ({ rootId: s.town.id }),
    'org.officers': () => ({ orgId: s.village.id }),
    'org.elections': () => ({ orgId: s.village.id }),
    'org.ratings': () => ({ orgId: s.village.id }),
    'org.move': () => ({ id: orgOf(s).mover, parentId: orgOf(s).general, onDate: '2024-05-01' }),
    'org.merge': () => ({ id: orgOf(s).merged, intoId: orgOf(s).mover, onDate: '2024-06-30' }),
    'org.addOfficer': () => ({ orgId: s.village.id, memberId: s.member.id, post: 'member', fromDate: '2024-01-01' }),
    'org.endOfficer': () => ({ id: orgOf(s).officerId, toDate: '2024-06-30' }),
    'org.updateOfficer': () => ({ id: orgOf(s).officerId, patch: { fromDate: '2023-02-01' } }),
    'org.addElection': () => ({ orgId: s.village.id, electedOn: '2021-05-01' }),
    'org.updateElection': () => ({ id: orgOf(s).electionId, patch: { note: '补记' } }),
    'org.setRating': () => ({ orgId: s.village.id, year: 2024, stars: 4, weak: false }),
    'org.setRectification': () => ({ orgId: orgOf(s).general, year: 2024, causes: ['01'] }),
    'member.list': () => ({ orgId: s.town.id }),
    'member.get': () => ({ id: s.member.id }),
    'member.create': () => ({ idNumber: idFor('1990-02-02', false), name: '新党员', gender: '2', category: 'probationary', joinedOn: '2024-07-01', orgId: s.village.id }),
    'member.update': () => ({ id: s.member.id, patch: { phone: '13912345678' } }),
    'member.paste': () => ({ rows: [{ id: s.member.id, patch: { phone: '13900001111' } }] }),
    'member.registerGrid': () => ({ ids: [s.member.id], gridId: s.grid.id }),
    'member.transferMany': () => ({ ids: [moverOf(s).ids.shift() ?? 'no-member-left'], toOrgId: moverOf(s).toOrgId, onDate: '2024-06-01' }),
    'change.list': () => ({}),
    'change.undo': () => ({ changeId: changeOf(s) }),
    'member.addEvent': () => ({ memberId: s.member.id, kind: 'mobile', onDate: '2024-05-01', otherParty: '乌鲁木齐市' }),
    'member.record': () => ({ id: s.member.id }),
    'member.transfer': () => ({ memberId: spareOf(s).memberId, onDate: '2024-06-01', toPlace: '县外某单位党支部' }),
    'member.receivingOrgs': () => ({ text: '村' }),
    'member.correct': () => ({ memberId: spareOf(s).memberId, eventId: spareOf(s).eventId, event: { note: '补记：支部大会通过' }, reason: '补充说明' }),
    'member.events': () => ({ memberId: s.member.id }),
    'grid.tree': () => ({ rootId: s.grid.id }),
    'grid.get': () => ({ id: s.grid.id }),
    'grid.create': () => ({ parentId: s.grid.id, name: `第${unique()}网格`, kind: 'grid' }),
    'grid.update': () => ({ id: s.grid.id, patch: { households: 320 } }),
    'grid.rename': () => ({ id: s.grid.id, name: `${s.grid.name}（${unique()}）`, onDate: todayIso() }),
    'grid.move': () => ({ id: gridsOf(s).unit, parentId: gridsOf(s).place, onDate: todayIso() }),
    'grid.cover': () => ({ id: s.grid.id, orgId: null, onDate: todayIso() }),
    'grid.dissolve': () => ({ id: gridsOf(s).leaf, onDate: todayIso() }),
    'grid.history': () => ({ id: s.grid.id }),
    'grid.register': () => ({ memberId: s.member.id, gridId: gridsOf(s).unit, onDate: todayIso() }),
    'grid.registrations': () => ({ gridId: s.grid.id }),
    'grid.coverage': () => ({ under: s.town.id }),
    'grid.saveRows': () => ({ parentId: s.grid.id, onDate: todayIso(), rows: [{ id: gridsOf(s).unit, households: 40 }, { name: `第${unique()}网格`, kind: 'grid', orgId: null }] }),
    'pipeline.list': () => ({ orgId: s.town.id }),
    'pipeline.get': () => ({ id: s.dev.id }),
    'pipeline.create': () => ({ idNumber: idFor('2000-08-08'), name: '新申请人', orgId: s.village.id, appliedOn: '2024-09-01' }),
    'pipeline.update': () => ({ id: s.dev.id, patch: { phone: '13800001111' } }),
    // Members and organisations named in a step's data are scope-checked whatever the step keeps.
    'pipeline.addStep': () => ({ personId: s.dev.id, step: 'talked', onDate: '2024-03-20', data: { talker: '王书记', contacts: [{ name: '联系人' }], introducers: [{ name: '介绍人' }] } }),
    'pipeline.checkStep': () => ({ personId: s.dev.id, step: 'talked', onDate: '2024-03-20', data: { talker: '王书记', contacts: [{ name: '联系人' }], introducers: [{ name: '介绍人' }] } }),
    'pipeline.correct': () => ({ stepId: stepOf(s), reason: '谈话日期录错' }),
    'pipeline.board': () => ({ orgId: s.town.id }),
    'pipeline.due': () => ({ orgId: s.town.id, asOf: '2024-06-30' }),
    'reserve.list': () => ({ orgId: s.town.id }),
    'reserve.get': () => ({ id: s.reserve.id }),
    'reserve.board': () => ({ orgId: s.town.id }),
    'reserve.create': () => ({ idNumber: idFor('1993-09-09'), name: '新后备', villageOrgId: s.village.id }),
    'reserve.update': () => ({ id: s.reserve.id, patch: { currentPost: '网格员' } }),
    'reserve.move': () => ({ id: s.reserve.id, to: 'exited', onDate: todayIso(), reason: '本人申请退出' }),
    'reserve.addRecord': () => ({ reserveId: s.reserve.id, kind: 'measure', onDate: '2024-06-01', content: '参加乡镇集中培训' }),
    'reserve.voidRecord': () => ({ id: reserveOf(s).recordId, reason: '录入有误' }),
    'reserve.correctStage': () => ({ id: reserveOf(s).reserveId, toStage: 'recommended', reason: '考察日期录错' }),
    'team.list': () => ({ orgId: s.town.id }),
    'team.create': () => ({ villageOrgId: s.village.id, name: '新队员', role: 'member' }),
    'team.update': () => ({ id: s.team.id, patch: { batch: '第五批' } }),
    'team.get': () => ({ id: s.team.id }),
    'team.checkEligibility': () => ({ memberId: s.member.id, appointedOn: '2024-03-01', workStartedOn: '2010-07-01' }),
    'team.end': () => ({ id: s.team.id, kind: 'rotation', onDate: '2025-03-01', reason: '期满轮换' }),
    'team.months': () => ({ orgId: s.town.id, from: '2024-01', to: '2024-06' }),
    'team.recordMonths': () => ({ entries: [{ teamMemberId: s.team.id, month: '2024-05', daysInVillage: 22, logCount: 20, visitCount: 15 }] }),
    'team.below': () => ({ orgId: s.town.id, from: '2024-01', to: '2024-06' }),
    'team.saveLeave': () => ({ teamMemberId: s.team.id, fromDate: '2024-06-03', toDate: '2024-06-04', reason: '事假' }),
    'team.removeLeave': () => ({ id: s.leave.id }),
    'team.saveTraining': () => ({ teamMemberId: s.team.id, onDate: '2024-06-10', topic: '基层治理培训' }),
    'team.removeTraining': () => ({ id: s.training.id }),
    'team.setGrade': () => ({ teamMemberId: s.team.id, year: 2024, grade: '称职' }),
    'meeting.list': () => ({ orgId: s.town.id }),
    'meeting.get': () => ({ id: s.meeting.id }),
    'meeting.create': () => ({ orgId: s.village.id, kind: 'theme-day', heldOn: '2024-05-10', topic: '主题党日', attendance: [{ memberId: s.member.id, present: false, reason: '外出务工' }] }),
    'meeting.update': () => ({ id: s.meeting.id, patch: { topic: '支部党员大会（更正）', attendance: [{ memberId: s.member.id, present: true }] } }),
    'meeting.remove': () => ({ id: s.meeting.id, reason: '重复登记' }),
    'meeting.missed': () => ({ orgId: s.town.id, span: 'year', at: '2024' }),
    'user.list': () => ({}),
    'user.create': () => ({ username: `u_${Math.random().toString(36).slice(2, 8)}`, displayName: '新用户', role: 'viewer', scopeOrgId: s.town.id, password: 'viewer-pass-2025' }),
    'user.update': () => ({ id: t.viewerA.id, patch: { displayName: '甲乡查阅员' } }),
    'user.resetPassword': () => ({ id: t.viewerA.id, password: 'viewer-pass-2026' }),
    'audit.list': () => ({}),
    'backup.create': () => ({}),
    'backup.list': () => ({}),
    'backup.toFolder': () => ({ folder: backupFolder.dir }),
    'backup.preview': () => ({ file: join(backupFolder.dir, 'none.ledger') }),
    'backup.verify': () => ({ file: latestBackup }),
    'import.preview': () => ({ files: [importCsv(s, idFor('1991-04-04'))], underOrgId: s.town.id }),
    'import.cancel': () => ({ jobId: 'job-not-running' }),
    'import.rows': () => ({ previewId: importOf(s).previewId }),
    'import.fixCell': () => ({ previewId: importOf(s).previewId, file: 'members.csv', sheet: 'members', row: 2, column: '姓名', value: '改后姓名' }),
    'import.commit': () => ({ previewId: importOf(s).previewId }),
    'import.undo': () => ({ batchId: importOf(s).batchId }),
    'import.batches': () => ({ orgId: s.town.id }),
    'import.report': () => ({ previewId: importOf(s).previewId }),
    'export.roster': () => ({ kind: 'members', under: s.town.id }),
    'export.template': () => ({ kind: 'members', under: s.town.id }),
    'export.grid': () => ({ title: '党员', columns: [{ header: '姓名', field: 'name', type: 'text' }], rows: [{ name: s.member.name }] }),
    'stats.compute': () => ({ under: s.town.id, asOf: '2024-12-31' }),
    'stats.report': () => ({ definitionId: 'member.summary', under: s.town.id }),
    'stats.page': () => ({ domain: 'members', under: s.town.id }),
    'stats.drill': () => ({ definitionId: 'member.summary', rowKey: 'total', columnKey: 'total', under: s.town.id }),
    'stats.definitions': () => ({}),
    'stats.resolveOrg': () => ({ ref: s.village.id }),
  };
}

/** A one-member CSV for the import methods, and per township a pending preview and a committed batch. */
function importCsv(s: Side, idNumber: string) {
  const csv = `\uFEFF姓名,公民身份号码,所在党组织,人员类别,入党日期\r\n导入党员,${idNumber},${s.village.shortName ?? s.village.name},预备党员,2024-07-01\r\n`;
  return { name: 'members.csv', dataBase64: Buffer.from(csv, 'utf8').toString('base64') };
}
const imports = new Map<string, { previewId: string; batchId: string }>();
/** Per township a reserve in 考察 (to correct) with a measure record (to void). */
const reserves = new Map<string, { reserveId: string; recordId: string }>();
const reserveOf = (s: Side) => reserves.get(s.town.id)!;
/** Per township a member of its own for the transfer and the 更正, with one of its events. */
const spares = new Map<string, { memberId: string; eventId: string }>();
const spareOf = (s: Side) => spares.get(s.town.id)!;
/** Per township a grid under its community (to register with, move, paste over), a second community, a building to dissolve. */
const gridUnits = new Map<string, { unit: string; place: string; leaf: string }>();
const gridsOf = (s: Side) => gridUnits.get(s.town.id)!;
let uniqueSeq = 0;
const unique = () => ++uniqueSeq;
/** Per township a step of the 发展党员 record, for pipeline.correct. */
const devSteps = new Map<string, string>();
const stepOf = (s: Side) => devSteps.get(s.town.id)!;
/** Per township members to move (one per member.transferMany sample) and the branch they move to. */
const movers = new Map<string, { ids: string[]; toOrgId: string }>();
const moverOf = (s: Side) => movers.get(s.town.id)!;
/** Per township change sets (pastes), one used by each change.undo sample. */
const changes = new Map<string, string[]>();
const changeOf = (s: Side) => changes.get(s.town.id)!.shift() ?? 'no-change-left';
/** Per township a 党总支 (weak in 2024) and a branch to move under it, an officer and an election. */
const orgRecords = new Map<string, { general: string; mover: string; merged: string; officerId: string; electionId: string }>();
const orgOf = (s: Side) => orgRecords.get(s.town.id)!;
const importOf = (s: Side) => imports.get(s.town.id)!;

const CORE_METHODS = METHODS.filter((m) => !api[m].host) as CoreMethod[];

async function errorOf(p: Promise<unknown>): Promise<LedgerError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof LedgerError) return e;
    throw e;
  }
  throw new Error('expected the call to be refused');
}

/** The kinds of record an id can name, each with its own scope check (electron/core/auth/). */
type Kind = 'org' | 'member' | 'memberEvent' | 'grid' | 'devPerson' | 'devStep' | 'reserve' | 'reserveRecord' | 'teamMember' | 'teamLeave' | 'teamTraining' | 'meeting' | 'user' | 'preview' | 'batch' | 'change' | 'officer' | 'election';

/** What a refusal says for each kind: the kind only, never whose record it is. */
const REFUSAL: Record<Kind, string> = {
  org: '该组织不在您的管理范围内',
  member: '该党员不在您的管理范围内',
  memberEvent: '该党员变动记录不在您的管理范围内',
  grid: '该网格单元不在您的管理范围内',
  devPerson: '该发展对象不在您的管理范围内',
  devStep: '该发展步骤不在您的管理范围内',
  reserve: '该后备力量人员不在您的管理范围内',
  reserveRecord: '该后备力量记录不在您的管理范围内',
  teamMember: '该驻村干部不在您的管理范围内',
  // A cadre's leave and training records are checked through the cadre they belong to.
  teamLeave: '该驻村干部不在您的管理范围内',
  teamTraining: '该驻村干部不在您的管理范围内',
  meeting: '该组织生活记录不在您的管理范围内',
  user: '该用户不在您的管理范围内',
  preview: '该导入预览不在您的管理范围内',
  batch: '该导入批次不在您的管理范围内',
  change: '该批量修改不在您的管理范围内',
  officer: '该班子成员记录不在您的管理范围内',
  election: '该换届记录不在您的管理范围内',
};

/**
 * Every id field of every call, as `method path`, with the kind of record it names. The test below
 * walks the contract's schemas and fails on any id field missing here, so none goes unchecked.
 * A field that is legitimately not scope-checked says why instead.
 */
const ID_FIELDS: Record<string, Kind | { exempt: string }> = {
  'org.tree rootId': 'org',
  'org.treeColumns rootId': 'org',
  'org.search rootId': 'org',
  'org.get id': 'org',
  // 批准成立的上级组织 may be a body above the caller's subtree (DOMAIN.md §1: the superior committee);
  // a neighbouring township is refused. The county committee as approver is tested separately.
  'org.create approvedByOrgId': 'org',
  'org.create parentId': 'org',
  'org.update id': 'org',
  'org.update patch.approvedByOrgId': 'org',
  'org.rename id': 'org',
  'org.dissolve id': 'org',
  'org.dissolve children.moveTo': 'org',
  'org.merge id': 'org',
  'org.merge intoId': 'org',
  'org.history id': 'org',
  'org.stateOn id': 'org',
  'org.children id': 'org',
  'org.terms rootId': 'org',
  'org.warnings rootId': 'org',
  'org.officers orgId': 'org',
  'org.elections orgId': 'org',
  'org.ratings orgId': 'org',
  'org.move id': 'org',
  'org.move parentId': 'org',
  'org.addOfficer orgId': 'org',
  'org.addOfficer memberId': 'member',
  'org.endOfficer id': 'officer',
  'org.updateOfficer id': 'officer',
  'org.addElection orgId': 'org',
  'org.updateElection id': 'election',
  // Like approvedByOrgId: the superior body approving an extension may sit above the caller's subtree.
  'org.updateElection patch.extensionApprovedBy': 'org',
  'org.setRating orgId': 'org',
  'org.setRectification orgId': 'org',
  'member.list orgId': 'org',
  'member.list filter.gridId': 'grid',
  'member.get id': 'member',
  'member.create orgId': 'org',
  'member.create gridId': 'grid',
  'member.update id': 'member',
  'member.update patch.gridId': 'grid',
  'member.record id': 'member',
  'member.addEvent memberId': 'member',
  'member.addEvent orgId': 'org',
  'member.transfer memberId': 'member',
  // The receiving organisation of a transfer may lie outside the sender's subtree: a move between
  // branches of the ledger is one 转出 + 转入 action and the receiving side then sees the member
  // (DOMAIN.md §3). It must be an organisation of the ledger that can hold members (holdingOrg in
  // member/handlers.ts); member-transfer.test.ts tests a 甲乡 clerk's transfer to 乙乡.
  'member.transfer toOrgId': { exempt: 'the receiving organisation of a transfer, anywhere in the ledger (DOMAIN.md §3; member-transfer.test.ts)' },
  'member.correct memberId': 'member',
  'member.correct eventId': 'memberEvent',
  'member.events memberId': 'member',
  'grid.tree under': 'org',
  'member.paste rows.[].id': 'member',
  'member.registerGrid ids.[]': 'member',
  'member.registerGrid gridId': 'grid',
  'member.transferMany ids.[]': 'member',
  'member.transferMany toOrgId': { exempt: 'the receiving organisation, anywhere in the ledger, as member.transfer toOrgId (DOMAIN.md §3)' },
  'change.undo changeId': 'change',
  'grid.tree rootId': 'grid',
  'grid.get id': 'grid',
  'grid.create orgId': 'org',
  'grid.create parentId': 'grid',
  'grid.create ownerOrgId': 'org',
  'grid.update id': 'grid',
  'grid.rename id': 'grid',
  'grid.move id': 'grid',
  'grid.move parentId': 'grid',
  'grid.move ownerOrgId': 'org',
  'grid.cover id': 'grid',
  'grid.cover orgId': 'org',
  'grid.dissolve id': 'grid',
  'grid.history id': 'grid',
  'grid.register memberId': 'member',
  'grid.register gridId': 'grid',
  'grid.registrations gridId': 'grid',
  'grid.coverage under': 'org',
  'grid.saveRows parentId': 'grid',
  'grid.saveRows ownerOrgId': 'org',
  'grid.saveRows rows.[].id': 'grid',
  'grid.saveRows rows.[].orgId': 'org',
  'grid.saveRows dissolveIds.[]': 'grid',
  'pipeline.list orgId': 'org',
  'pipeline.get id': 'devPerson',
  'pipeline.create orgId': 'org',
  'pipeline.update id': 'devPerson',
  'pipeline.update patch.orgId': 'org',
  'pipeline.addStep personId': 'devPerson',
  'pipeline.addStep data.contacts.[].memberId': 'member',
  'pipeline.addStep data.introducers.[].memberId': 'member',
  'pipeline.addStep data.approvingOrgId': 'org',
  'pipeline.checkStep personId': 'devPerson',
  'pipeline.checkStep data.contacts.[].memberId': 'member',
  'pipeline.checkStep data.introducers.[].memberId': 'member',
  'pipeline.checkStep data.approvingOrgId': 'org',
  'pipeline.correct stepId': 'devStep',
  'pipeline.board orgId': 'org',
  'pipeline.due orgId': 'org',
  'reserve.list orgId': 'org',
  'reserve.get id': 'reserve',
  'reserve.board orgId': 'org',
  'reserve.create villageOrgId': 'org',
  'reserve.update id': 'reserve',
  'reserve.update patch.villageOrgId': 'org',
  'reserve.move id': 'reserve',
  'reserve.addRecord reserveId': 'reserve',
  'reserve.voidRecord id': 'reserveRecord',
  'reserve.correctStage id': 'reserve',
  'team.list orgId': 'org',
  'team.get id': 'teamMember',
  'team.checkEligibility memberId': 'member',
  'team.create villageOrgId': 'org',
  'team.create memberId': 'member',
  'team.update id': 'teamMember',
  'team.update patch.villageOrgId': 'org',
  'team.update patch.memberId': 'member',
  'team.end id': 'teamMember',
  'team.months orgId': 'org',
  'team.recordMonths entries.[].teamMemberId': 'teamMember',
  'team.below orgId': 'org',
  'team.saveLeave id': 'teamLeave',
  'team.saveLeave teamMemberId': 'teamMember',
  'team.removeLeave id': 'teamLeave',
  'team.saveTraining id': 'teamTraining',
  'team.saveTraining teamMemberId': 'teamMember',
  'team.removeTraining id': 'teamTraining',
  'team.setGrade teamMemberId': 'teamMember',
  'meeting.list orgId': 'org',
  'meeting.get id': 'meeting',
  'meeting.create orgId': 'org',
  'meeting.create attendance.[].memberId': 'member',
  'meeting.update id': 'meeting',
  'meeting.update patch.orgId': 'org',
  'meeting.update patch.attendance.[].memberId': 'member',
  'meeting.remove id': 'meeting',
  'meeting.missed orgId': 'org',
  'user.create scopeOrgId': 'org',
  'user.update id': 'user',
  'user.update patch.scopeOrgId': 'org',
  'user.resetPassword id': 'user',
  'audit.list orgId': 'org',
  'audit.list entityId': { exempt: 'a filter inside the caller\'s view: audit/handlers.ts reads only the rows of the caller\'s subtree, so another township\'s record id finds nothing' },
  'audit.list userId': { exempt: 'a filter inside the caller\'s view: only rows of the caller\'s subtree are read (test/integration/audit-scope.test.ts)' },
  'export.roster under': 'org',
  'export.roster filter.gridId': 'grid',
  'export.template under': 'org',
  'import.preview underOrgId': 'org',
  'import.rows previewId': 'preview',
  'import.fixCell previewId': 'preview',
  'import.commit previewId': 'preview',
  'import.undo batchId': 'batch',
  'import.batches orgId': 'org',
  'import.report previewId': 'preview',
  'stats.compute under': 'org',
  'stats.report under': 'org',
  'stats.page under': 'org',
  'stats.drill under': 'org',
};

/** Fields named like ids that are not record ids (so they need not use the `id` schema). */
const NOT_RECORD_IDS: Record<string, string> = {
  'member.update patch.orgId': 'refused whatever it holds: a member changes branch only through member.transfer (a dated 转出 + 转入)',
  'import.cancel jobId': "the id of one of the caller's own running calls; Jobs.cancel refuses anyone else's",
  'stats.report definitionId': 'a report definition of shared/reports, the same for everyone',
  'stats.drill definitionId': 'a report definition of shared/reports, the same for everyone',
  'pipeline.create overrides.[].ruleId': 'a rule of shared/domain/pipeline-rules.ts (R1–R16, L1…), the same for everyone',
  'pipeline.addStep overrides.[].ruleId': 'a rule of shared/domain/pipeline-rules.ts (R1–R16, L1…), the same for everyone',
};

/** 乙乡's record of each kind: what a 甲乡 user puts into a field to reach across. */
function neighbours(t: TwoTownships): Record<Kind, string> {
  return {
    org: t.B.village.id,
    member: t.B.member.id,
    memberEvent: spareOf(t.B).eventId,
    grid: t.B.grid.id,
    devPerson: t.B.dev.id,
    devStep: stepOf(t.B),
    reserve: t.B.reserve.id,
    reserveRecord: reserveOf(t.B).recordId,
    teamMember: t.B.team.id,
    teamLeave: t.B.leave.id,
    teamTraining: t.B.training.id,
    meeting: t.B.meeting.id,
    user: t.clerkB.id,
    preview: importOf(t.B).previewId,
    batch: importOf(t.B).batchId,
    change: changes.get(t.B.town.id)![0]!,
    officer: orgOf(t.B).officerId,
    election: orgOf(t.B).electionId,
  };
}

/** Sets the field at a leaf path of idFieldPaths ('[]': every item of an array, one made if none). */
function setPath(input: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  const walk = (at: Record<string, unknown>, i: number): void => {
    const k = keys[i]!;
    if (i === keys.length - 1) return void (at[k] = value);
    // An array of ids itself (grid.saveRows dissolveIds): the record is its one item.
    if (keys[i + 1] === '[]' && i + 1 === keys.length - 1) return void (at[k] = [value]);
    if (keys[i + 1] === '[]') {
      // An array of ids: every item is the id; an array of objects: the field of every item.
      if (i + 1 === keys.length - 1) return void (at[k] = ((at[k] as unknown[] | undefined) ?? [null]).map(() => value));
      const items = (at[k] ??= [{}]) as Record<string, unknown>[];
      for (const item of items) walk(item, i + 2);
    } else walk((at[k] ??= {}) as Record<string, unknown>, i + 1);
  };
  walk(input, 0);
}

const FIELD_CASES = Object.entries(ID_FIELDS).filter((e): e is [string, Kind] => typeof e[1] === 'string');

describe('every contract method: roles, subtrees, audit', () => {
  const tmp = tempDir();
  let core: Core;
  let t: TwoTownships;
  let adminId: string;
  let rootId: string;

  beforeAll(async () => {
    const made = await createCore(tmp.dir);
    core = made.core;
    adminId = made.adminId;
    rootId = made.rootId;
    t = await buildTwoTownships(core, adminId, rootId);
    latestBackup = ((await core.dispatch(adminId, 'backup.create', {})) as { file: string }).file;
    for (const s of [t.A, t.B]) {
      const batch = await core.dispatch(adminId, 'import.preview', { files: [importCsv(s, idFor('1990-01-01'))], underOrgId: s.town.id }) as { previewId: string };
      const { batchId } = await core.dispatch(adminId, 'import.commit', { previewId: batch.previewId }) as { batchId: string };
      const pending = await core.dispatch(adminId, 'import.preview', { files: [importCsv(s, idFor('1990-02-02'))], underOrgId: s.town.id }) as { previewId: string };
      imports.set(s.town.id, { previewId: pending.previewId, batchId });
      const admin = caller(core, adminId);
      const r = await admin('reserve.create', { idNumber: idFor('1994-04-04'), name: '考察中', villageOrgId: s.village.id, education: '21', recommendedOn: '2024-01-01' });
      await admin('reserve.move', { id: r.id, to: 'assessed', onDate: '2024-02-01' });
      const rec = await admin('reserve.addRecord', { reserveId: r.id, kind: 'rotation', onDate: '2024-03-01', content: '便民服务站跟岗', post: '代办员' });
      reserves.set(s.town.id, { reserveId: r.id, recordId: rec.id });
      const spare = await admin('member.create', { idNumber: idFor('1985-05-05'), name: '待转出党员', category: 'formal', joinedOn: '2008-07-01', confirmedOn: '2009-07-01', orgId: s.village.id });
      spares.set(s.town.id, { memberId: spare.id, eventId: (await admin('member.events', { memberId: spare.id }))[0]!.id });
      const unit = await admin('grid.create', { parentId: s.grid.id, name: '矩阵网格', kind: 'grid' });
      const place = await admin('grid.create', { parentId: null, ownerOrgId: s.town.id, name: '矩阵社区', kind: 'community' });
      const leaf = await admin('grid.create', { parentId: unit.id, name: '矩阵楼', kind: 'building' });
      gridUnits.set(s.town.id, { unit: unit.id, place: place.id, leaf: leaf.id });
      devSteps.set(s.town.id, (await admin('pipeline.addStep', { personId: s.dev.id, step: 'talked', onDate: '2024-03-05', data: { talker: '李委员' } })).id);
      // Each a paste on a member of its own that nothing else writes, so each can be undone.
      const sets: string[] = [];
      for (let i = 0; i < 5; i++) {
        const m = await admin('member.create', { idNumber: idFor('1988-08-08'), name: `粘贴对象${i}`, category: 'formal', joinedOn: '2010-07-01', confirmedOn: '2011-07-01', orgId: s.village.id });
        sets.push((await admin('member.paste', { rows: [{ id: m.id, patch: { phone: '13900000000' } }] })).changeId);
      }
      changes.set(s.town.id, sets);
      const to = await admin('org.create', { parentId: s.town.id, name: '中共接收支部委员会', kind: 'branch', unitCategory: 'village', foundedOn: '2000-01-01' });
      const ids: string[] = [];
      for (let i = 0; i < 5; i++) ids.push((await admin('member.create', { idNumber: idFor('1987-07-07'), name: `转接对象${i}`, category: 'formal', joinedOn: '2010-07-01', confirmedOn: '2011-07-01', orgId: s.village.id })).id);
      movers.set(s.town.id, { ids, toOrgId: to.id });
      const general = await admin('org.create', { parentId: s.town.id, name: `中共${s.town.name}机关总支部委员会`, kind: 'general-branch', unitCategory: 'organ' });
      await admin('org.setRating', { orgId: general.id, year: 2024, stars: null, weak: true });
      const mover = await admin('org.create', { parentId: s.town.id, name: `中共${s.town.name}农技站支部委员会`, kind: 'branch', unitCategory: 'institution' });
      const officer = await admin('org.addOfficer', { orgId: mover.id, memberId: s.member.id, post: 'organisation', fromDate: '2023-01-01' });
      const election = await admin('org.addElection', { orgId: s.village.id, electedOn: '2019-05-01' });
      const merged = await admin('org.create', { parentId: s.town.id, name: `中共${s.town.name}兽医站支部委员会`, kind: 'branch', unitCategory: 'institution' });
      orgRecords.set(s.town.id, { general: general.id, mover: mover.id, merged: merged.id, officerId: officer.id, electionId: election.id });
    }
  });
  afterAll(async () => {
    await core.close();
    tmp.cleanup();
    backupFolder.cleanup();
  });

  it('has core methods to test', () => {
    expect(CORE_METHODS.length).toBeGreaterThan(35);
  });

  it.each(CORE_METHODS)('%s: a viewer is refused whatever needs more than 查阅', async (method) => {
    const def = api[method];
    const input = samples(t.A, t, 'viewer-pass-2024')[method]();
    if (def.role !== 'viewer') {
      const err = await errorOf(core.dispatch(t.viewerA.id, method, input));
      expect(err.code).toBe('FORBIDDEN');
    } else {
      await expect(core.dispatch(t.viewerA.id, method, input)).resolves.toBeDefined();
    }
  });

  it('every id field of the contract is listed with the kind of record it names, or why it is exempt', () => {
    const walked = METHODS.flatMap((m) => idFieldPaths(api[m].input).map((p) => `${m} ${p}`));
    expect(walked.sort()).toEqual(Object.keys(ID_FIELDS).sort());
  });

  it('fields named like ids use the contract\'s id schema, unless they name no record', () => {
    const named = METHODS.flatMap((m) => {
      const ids = new Set(idFieldPaths(api[m].input));
      return idNamedPaths(api[m].input).filter((p) => !ids.has(p)).map((p) => `${m} ${p}`);
    });
    expect(named.sort()).toEqual(Object.keys(NOT_RECORD_IDS).sort());
  });

  it.each(FIELD_CASES)('%s: a 甲乡 user naming 乙乡\'s record there is refused, and told nothing about it', async (field, kind) => {
    const [method, path] = field.split(' ') as [CoreMethod, string];
    const input = (samples(t.A, t) as Record<string, () => Record<string, unknown>>)[method]!();
    setPath(input, path, neighbours(t)[kind]);
    // The least user who may make the call at all, so the refusal can only come from the scope.
    const user = api[method].role === 'admin' ? t.adminA : t.clerkA;
    const err = await errorOf(core.dispatch(user.id, method, input));
    expect({ code: err.code, message: err.message }).toEqual({ code: 'FORBIDDEN', message: REFUSAL[kind] });
    expect(JSON.stringify(err.details ?? null)).not.toContain('乙');
  });

  it('a 甲乡 clerk may name the county committee above 甲乡 as the approving body, not a neighbour', async () => {
    const clerk = caller(core, t.clerkA.id);
    const made = await clerk('org.create', { parentId: t.A.town.id, name: '中共甲乡新村支部委员会', kind: 'branch', approvedByOrgId: rootId });
    expect(made.approvedByOrgId).toBe(rootId);
    const moved = await clerk('org.update', { id: made.id, patch: { approvedByOrgId: t.A.town.id } });
    expect(moved.approvedByOrgId).toBe(t.A.town.id);
    await expect(clerk('org.update', { id: made.id, patch: { approvedByOrgId: t.B.town.id } })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('stats.resolveOrg: an id or name of 乙乡 is refused for a 甲乡 clerk', async () => {
    for (const ref of [t.B.village.id, t.B.village.name]) {
      const err = await errorOf(core.dispatch(t.clerkA.id, 'stats.resolveOrg', { ref }));
      expect(err.code).toBe('FORBIDDEN');
    }
  });

  it.each(CORE_METHODS.filter((m) => api[m].countyWide))('%s: county-wide, so a township administrator is refused', async (method) => {
    const err = await errorOf(core.dispatch(t.adminA.id, method, samples(t.A, t)[method]()));
    expect(err.code).toBe('FORBIDDEN');
    expect(err.message).toContain('只有管理范围为全县的用户可以执行');
  });

  it.each(CORE_METHODS.filter((m) => api[m].write))('%s: a successful write leaves an audit row in the same transaction', async (method) => {
    const before = await core.db.selectFrom('auditLog').select((eb) => eb.fn.countAll<number>().as('n')).where('method', '=', method).executeTakeFirstOrThrow();
    await core.dispatch(adminId, method, samples(t.A, t)[method]());
    const after = await core.db.selectFrom('auditLog').selectAll().where('method', '=', method).orderBy('at', 'desc').execute();
    expect(after.length).toBeGreaterThan(Number(before.n));
    expect(after[0]!.userId).toBe(adminId);
  });

  it('a failed write leaves no audit row and no change', async () => {
    const count = async () => Number((await core.db.selectFrom('auditLog').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const n0 = await count();
    const members0 = await core.db.selectFrom('members').select('id').execute();
    const err = await errorOf(core.dispatch(adminId, 'member.create', { idNumber: '652302198001010000', name: '校验位错', category: 'formal', orgId: t.A.village.id }));
    expect(err.code).toBe('VALIDATION');
    expect(err.message).toMatch(/校验/);
    expect(await count()).toBe(n0);
    expect((await core.db.selectFrom('members').select('id').execute()).length).toBe(members0.length);
  });

  it('validation errors are Chinese and name the field', async () => {
    const err = await errorOf(core.dispatch(adminId, 'member.update', { id: t.A.member.id, patch: { birthDate: '2024/13/01' } }));
    expect(err.code).toBe('VALIDATION');
    expect(err.message).toContain('patch.birthDate');
    expect(err.message).toMatch(/日期格式/);
  });
});
