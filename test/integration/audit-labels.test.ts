import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Api, CoreMethod } from '../../shared/contract/index.js';
import type { Core } from '../../electron/core/core.js';
import { exportRosterToFile } from '../../electron/core/exports/to-file.js';
import { LedgerHost } from '../../electron/core/host/ledger-host.js';
import { fillDemoCounty } from '../../electron/core/demo/fill.js';
import { auditEntityKnown, auditFieldLabel, auditMethodKnown, auditSubfield, AUDIT_HIDDEN_FIELDS } from '../../shared/audit/labels.js';
import { buildTwoTownships, type TwoTownships } from '../helpers/county.js';
import { memberRosterCsv } from '../helpers/roster.js';
import { ADMIN_PASSWORD, caller, createCore, idFor, tempDir } from '../helpers/ledger.js';
import { todayIso } from '../../shared/domain/dates.js';

type WriteMethod = { [K in CoreMethod]: Api[K]['write'] extends true ? K : never }[CoreMethod];
type Call = ReturnType<typeof caller>;

/**
 * Every write of the contract once (typed as a complete map: a new write method without a line here
 * fails to compile), aimed at 甲乡's records.
 */
function everyWrite(call: Call, t: TwoTownships, folder: string): { [K in WriteMethod]: () => Promise<unknown> } {
  const s = t.A;
  return {
    'app.changePassword': () => call('app.changePassword', { oldPassword: ADMIN_PASSWORD, newPassword: ADMIN_PASSWORD + 'x9' }),
    'settings.update': async () => {
      await call('settings.update', { pipelineRules: ['R1', 'R2', 'L2'], workCalendar: { holidays: ['2026-10-01'], workdays: ['2026-09-27'] } });
      return call('settings.update', { idleLockMinutes: 20, backupKeep: 12, unitName: '测试县委组织部（改）' });
    },
    'org.create': () => call('org.create', { parentId: s.town.id, name: '中共新建村支部委员会', kind: 'branch', unitCategory: 'village', foundedOn: '2020-01-01', contactPerson: '王五', phone: '0998-1234567', regionCode: '652302100200' }),
    'org.update': () => call('org.update', { id: s.village.id, patch: { venueArea: 120, approvedByOrgId: s.town.id, liaisonLeader: '王副县长', kind: 'general-branch', changedOn: '2024-03-01' } }),
    'org.rename': () => call('org.rename', { id: s.village.id, name: s.village.name + '（更名）', shortName: '甲村新支部', onDate: '2024-01-01' }),
    'org.move': async () => {
      const gb = await call('org.create', { parentId: s.town.id, name: '中共甲乡机关总支部委员会', kind: 'general-branch', unitCategory: 'organ' });
      const b = await call('org.create', { parentId: s.town.id, name: '中共甲乡农技站支部委员会', kind: 'branch', unitCategory: 'institution' });
      return call('org.move', { id: b.id, parentId: gb.id, onDate: '2024-05-01', reason: '机关党组织调整' });
    },
    'org.dissolve': () => call('org.dissolve', { id: s.spare.id, onDate: '2024-06-30', reason: '合并' }),
    'org.merge': async () => {
      const b = await call('org.create', { parentId: s.town.id, name: '中共甲乡兽医站支部委员会', kind: 'branch', unitCategory: 'institution', foundedOn: '2020-01-01' });
      const into = await call('org.create', { parentId: s.town.id, name: '中共甲乡畜牧站支部委员会', kind: 'branch', unitCategory: 'institution', foundedOn: '2020-01-01' });
      await call('member.create', { idNumber: idFor('1980-03-03'), name: '并入党员', category: 'formal', joinedOn: '2005-07-01', confirmedOn: '2006-07-01', orgId: b.id });
      return call('org.merge', { id: b.id, intoId: into.id, onDate: '2024-06-30', reason: '机构合并' });
    },
    'org.addOfficer': () => call('org.addOfficer', { orgId: s.village.id, memberId: s.member.id, post: 'secretary', fromDate: '2024-01-01' }),
    'org.endOfficer': async () => {
      const b = await call('org.create', { parentId: s.town.id, name: '中共甲乡卫生院支部委员会', kind: 'branch', unitCategory: 'institution' });
      const x = await call('org.addOfficer', { orgId: b.id, memberId: s.member.id, post: 'organisation', fromDate: '2023-01-01' });
      return call('org.endOfficer', { id: x.id, toDate: '2024-02-29', reason: '工作调动' });
    },
    'org.updateOfficer': async () => {
      const b = await call('org.create', { parentId: s.town.id, name: '中共甲乡学校支部委员会', kind: 'branch', unitCategory: 'school' });
      const x = await call('org.addOfficer', { orgId: b.id, memberId: s.member.id, post: 'propaganda', fromDate: '2023-01-01' });
      return call('org.updateOfficer', { id: x.id, patch: { post: 'discipline', fromDate: '2023-02-01' } });
    },
    'org.addElection': () => call('org.addElection', { orgId: s.village.id, electedOn: '2019-05-01', note: '党员大会选举' }),
    'org.updateElection': async () => {
      const e = (await call('org.elections', { orgId: s.village.id }))[0]!;
      return call('org.updateElection', { id: e.id, patch: { extendedTo: '2024-10-31', extensionApprovedBy: s.town.id, extensionApprovedOn: '2024-04-15' } });
    },
    'org.setRating': async () => {
      await call('org.setRating', { orgId: s.village.id, year: 2024, stars: 2, weak: false });
      return call('org.setRating', { orgId: s.village.id, year: 2024, stars: 1, weak: true, note: '年底排查' });
    },
    'org.setRectification': () => call('org.setRectification', { orgId: s.village.id, year: 2024, causes: ['01', '04'], measures: '选派第一书记', leader: '王副县长', startedOn: '2024-03-01', rectifiedOn: '2024-10-01' }),
    'member.create': () => call('member.create', { idNumber: idFor('1990-02-02', false), name: '新党员', gender: '2', ethnicity: '01', category: 'probationary', joinedOn: '2024-07-01', orgId: s.village.id, phone: '13912345678', education: '31', jobCategory: '02' }),
    'member.update': () => call('member.update', { id: s.member.id, patch: { phone: '13912345678', gridId: s.grid.id, partyPost: '支部委员', hardship: true } }),
    'member.paste': () => call('member.paste', { rows: [{ id: s.member.id, patch: { name: '粘贴改名', ethnicity: '02', education: '21', jobCategory: '03', phone: '13900001111' } }] }),
    'member.registerGrid': () => call('member.registerGrid', { ids: [s.member.id], gridId: null }),
    'member.transferMany': async () => {
      const m = await call('member.create', { idNumber: idFor('1983-03-03'), name: '批量转接党员', category: 'formal', joinedOn: '2006-07-01', confirmedOn: '2007-07-01', orgId: s.village.id });
      return call('member.transferMany', { ids: [m.id], toOrgId: t.B.village.id, onDate: '2024-06-01', note: '随迁' });
    },
    'change.undo': async () => {
      const { changeId } = await call('member.paste', { rows: [{ id: s.member.id, patch: { phone: '13900002222' } }] });
      return call('change.undo', { changeId });
    },
    'member.addEvent': async () => {
      await call('member.addEvent', { memberId: s.member.id, kind: 'mobile', onDate: '2024-05-01', otherParty: '乌鲁木齐市' });
      await call('member.addEvent', { memberId: s.member.id, kind: 'lost-contact', onDate: '2024-06-01', note: '外出务工失联' });
      const p = await call('member.create', { idNumber: idFor('1996-01-01'), name: '预备党员', category: 'probationary', joinedOn: '2024-01-10', orgId: s.village.id });
      await call('member.addEvent', { memberId: p.id, kind: 'probation-extended', onDate: '2025-01-10', months: 6, note: '延长半年' });
      return call('member.addEvent', { memberId: s.member.id, kind: 'deceased', onDate: '2024-08-01' });
    },
    'member.transfer': async () => {
      const m = await call('member.create', { idNumber: idFor('1970-01-01'), name: '转出党员', category: 'formal', joinedOn: '1995-07-01', confirmedOn: '1996-07-01', orgId: s.village.id });
      await call('member.transfer', { memberId: m.id, onDate: '2024-07-01', toOrgId: t.B.village.id });
      const o = await call('member.create', { idNumber: idFor('1971-01-01'), name: '县外转出', category: 'formal', joinedOn: '1995-07-01', confirmedOn: '1996-07-01', orgId: s.village.id });
      return call('member.transfer', { memberId: o.id, onDate: '2024-07-01', toPlace: '昌吉市某单位党支部' });
    },
    'member.correct': async () => {
      const m = await call('member.create', { idNumber: idFor('1972-01-01'), name: '更正党员', category: 'formal', joinedOn: '1995-07-01', confirmedOn: '1996-07-01', orgId: s.village.id });
      const ev = await call('member.addEvent', { memberId: m.id, kind: 'suspended', onDate: '2024-03-01' });
      await call('member.correct', { memberId: m.id, eventId: ev.id, event: { onDate: '2024-04-01' }, reason: '停止党籍日期录错' });
      return call('member.correct', { memberId: m.id, eventId: ev.id, remove: true, reason: '登记错了人' });
    },
    'grid.create': () => call('grid.create', { parentId: s.grid.id, name: '第1网格', kind: 'grid', leader: '李四', households: 120 }),
    'grid.update': () => call('grid.update', { id: s.grid.id, patch: { households: 320, population: 900, buildingLeader: '赵六', workers: '网格员甲' } }),
    'grid.dissolve': async () => {
      const doomed = await call('grid.create', { parentId: s.grid.id, name: '待撤网格', kind: 'grid', foundedOn: '2024-01-01' });
      await call('grid.create', { parentId: doomed.id, name: '待撤楼', kind: 'building', foundedOn: '2024-01-01' });
      return call('grid.dissolve', { id: doomed.id, onDate: '2024-12-31', reason: '区划调整', withChildren: true });
    },
    'grid.rename': async () => {
      await call('grid.rename', { id: s.grid.id, name: '甲社区（新）', onDate: '2025-01-01' });
      return call('grid.rename', { id: s.grid.id, name: '甲社区（新名）', onDate: '2025-01-01', correction: true });
    },
    'grid.move': async () => {
      const other = await call('grid.create', { parentId: null, ownerOrgId: s.town.id, name: '甲乡另一社区', kind: 'community', foundedOn: '2020-01-01' });
      const unit = await call('grid.create', { parentId: s.grid.id, name: '调整网格', kind: 'grid', foundedOn: '2020-01-01' });
      return call('grid.move', { id: unit.id, parentId: other.id, onDate: '2025-02-01' });
    },
    'grid.cover': () => call('grid.cover', { id: s.grid.id, orgId: null, onDate: '2025-03-01' }),
    'grid.register': async () => {
      const unit = await call('grid.create', { parentId: s.grid.id, name: '报到网格', kind: 'grid', foundedOn: '2020-01-01' });
      // A member of its own: other writes here move or end s.member's membership.
      const m = await call('member.create', { idNumber: idFor('1979-09-09'), name: '报到党员', category: 'formal', joinedOn: '2005-07-01', confirmedOn: '2006-07-01', orgId: s.village.id });
      return call('grid.register', { memberId: m.id, gridId: unit.id, onDate: todayIso() });
    },
    'grid.saveRows': () => call('grid.saveRows', { parentId: s.grid.id, onDate: todayIso(), rows: [{ name: '粘贴网格', kind: 'grid', households: 30, leader: '王五' }] }),
    'pipeline.create': () => call('pipeline.create', { idNumber: idFor('2000-08-08'), name: '新申请人', orgId: s.village.id, appliedOn: '2024-09-01', employer: '某合作社', phone: '13800001111' }),
    'pipeline.update': () => call('pipeline.update', { id: s.dev.id, patch: { phone: '13800001111', education: '21' } }),
    'pipeline.addStep': async () => {
      // A late talk goes ahead with its reason; 积极分子 with a 培养联系人 from the register.
      const p = await call('pipeline.create', { idNumber: idFor('1999-09-09'), name: '步骤', orgId: s.village.id, appliedOn: '2023-01-05' });
      await call('pipeline.addStep', { personId: p.id, step: 'talked', onDate: '2023-03-20', data: { talker: '王书记' }, overrides: [{ ruleId: 'R2', reason: '申请人外出务工，返乡后谈话' }] });
      return call('pipeline.addStep', { personId: p.id, step: 'activist', onDate: '2023-07-20', data: { contacts: [{ name: '甲党员', memberId: s.member.id }] } });
    },
    'pipeline.correct': async () => {
      const p = await call('pipeline.create', { idNumber: idFor('1998-08-08'), name: '更正步骤', orgId: s.village.id, appliedOn: '2024-01-05' });
      await call('pipeline.addStep', { personId: p.id, step: 'talked', onDate: '2024-01-20', data: { talker: '王书记' } });
      const a = await call('pipeline.addStep', { personId: p.id, step: 'activist', onDate: '2024-03-20' });
      return call('pipeline.correct', { stepId: a.id, reason: '确定日期录错' });
    },
    'reserve.create': () => call('reserve.create', { idNumber: idFor('1993-09-09'), name: '新后备', villageOrgId: s.village.id, source: '01', direction: 'secretary', recommendedOn: '2024-01-10' }),
    'reserve.update': () => call('reserve.update', { id: s.reserve.id, patch: { currentPost: '村文书', major: '农学', politicalStatus: '01' } }),
    'reserve.move': async () => {
      const r = await call('reserve.create', { idNumber: idFor('1992-03-03'), name: '待考察', villageOrgId: s.village.id, education: '21', recommendedOn: '2024-01-01' });
      await call('reserve.move', { id: r.id, to: 'assessed', onDate: '2024-02-01', acknowledge: '学历待核实' });
      await call('reserve.move', { id: r.id, to: 'training', onDate: '2024-03-01', acknowledge: '群众基础好' });
      return call('reserve.move', { id: r.id, to: 'entered', onDate: '2024-10-01', post: '村委委员', acknowledge: '换届选举当选' });
    },
    'reserve.addRecord': async () => {
      await call('reserve.addRecord', { reserveId: s.reserve.id, kind: 'mentor', onDate: '2024-04-01', content: '李支书' });
      return call('reserve.addRecord', { reserveId: s.reserve.id, kind: 'rotation', onDate: '2024-05-01', content: '便民服务站跟岗', post: '代办员' });
    },
    'reserve.voidRecord': async () => {
      const rec = await call('reserve.addRecord', { reserveId: s.reserve.id, kind: 'measure', onDate: '2024-06-01', content: '录错的培训' });
      return call('reserve.voidRecord', { id: rec.id, reason: '录入有误' });
    },
    'reserve.correctStage': async () => {
      const r = await call('reserve.create', { idNumber: idFor('1991-05-05'), name: '更正', villageOrgId: s.village.id, recommendedOn: '2024-01-01' });
      await call('reserve.move', { id: r.id, to: 'assessed', onDate: '2024-02-01', acknowledge: '学历待核实' });
      return call('reserve.correctStage', { id: r.id, toStage: 'recommended', reason: '考察日期录错' });
    },
    'team.create': () => call('team.create', { villageOrgId: s.village.id, name: '新队员', role: 'member', dispatchingUnit: '县教育局', dispatchingLevel: 'county', fromDate: '2024-01-01' }),
    'team.update': () => call('team.update', { id: s.team.id, patch: { batch: '第五批', funds: 20 } }),
    'team.end': () => call('team.end', { id: s.team.id, kind: 'rotation', onDate: '2025-03-01', reason: '期满轮换' }),
    'team.recordMonths': async () => {
      await call('team.recordMonths', { entries: [{ teamMemberId: s.team.id, month: '2024-05', daysInVillage: 22, logCount: 20, visitCount: 30 }] });
      await call('team.recordMonths', { entries: [{ teamMemberId: s.team.id, month: '2024-05', daysInVillage: 20, logCount: 18 }] });
      return call('team.recordMonths', { entries: [{ teamMemberId: s.team.id, month: '2024-05', daysInVillage: null }] });
    },
    'team.saveLeave': async () => {
      const l = await call('team.saveLeave', { teamMemberId: s.team.id, fromDate: '2024-06-03', toDate: '2024-06-04', reason: '事假' });
      return call('team.saveLeave', { ...l, approvedBy: '乡党委书记', approvedOn: '2024-06-02' });
    },
    'team.removeLeave': () => call('team.removeLeave', { id: s.leave.id }),
    'team.saveTraining': () => call('team.saveTraining', { teamMemberId: s.team.id, onDate: '2024-06-10', topic: '基层治理培训', hours: 8 }),
    'team.removeTraining': () => call('team.removeTraining', { id: s.training.id }),
    'team.setGrade': async () => {
      await call('team.setGrade', { teamMemberId: s.team.id, year: 2024, grade: '称职', note: '年度考核' });
      return call('team.setGrade', { teamMemberId: s.team.id, year: 2024, grade: null });
    },
    'meeting.create': () => call('meeting.create', { orgId: s.village.id, kind: 'theme-day', heldOn: '2024-05-10', topic: '主题党日', note: '学习', attendance: [{ memberId: s.member.id, present: false, reason: '病假' }] }),
    'meeting.update': () => call('meeting.update', { id: s.meeting.id, patch: { topic: '党员大会（更正）', attendance: [{ memberId: s.member.id, present: false, reason: '外出' }] } }),
    'meeting.remove': () => call('meeting.remove', { id: s.meeting.id, reason: '重复登记' }),
    'user.create': () => call('user.create', { username: 'new_user', displayName: '新用户', role: 'viewer', scopeOrgId: s.town.id, password: 'viewer-pass-2025' }),
    'user.update': () => call('user.update', { id: t.viewerA.id, patch: { displayName: '甲乡查阅员', role: 'clerk', scopeOrgId: s.village.id, active: false } }),
    'user.resetPassword': () => call('user.resetPassword', { id: t.clerkA.id, password: 'clerk-pass-2026' }),
    'backup.create': () => call('backup.create', { note: '测试' }),
    'backup.toFolder': () => call('backup.toFolder', { folder }),
    'backup.verify': async () => call('backup.verify', { file: (await call('backup.list', {}))[0]!.file }),
    'import.commit': async () => {
      const csv = memberRosterCsv([{ name: '导入党员', idNumber: idFor('1991-04-04') }]);
      const p = await call('import.preview', { files: [{ name: '党员.csv', dataBase64: csv }], kind: 'members' });
      return call('import.commit', { previewId: p.previewId });
    },
    'import.undo': async () => {
      const [last] = (await call('import.batches', {})).rows;
      return call('import.undo', { batchId: last!.id });
    },
  };
}

const preview = async (call: Call, name: string, dataBase64: string, kind: 'orgs' | 'grids' | 'members' | 'pipeline' | 'teams' | 'meetings', underOrgId?: string) =>
  (await call('import.preview', { files: [{ name, dataBase64 }], kind, ...(underOrgId ? { underOrgId } : {}) })).previewId;

/**
 * Imports of every kind into a second ledger from the first one's rosters: creates (organisations,
 * grids, members with their events, people with their steps), then updates of each, an event and a
 * step added to existing people, and an undo (deleted and restored rows).
 */
async function importEveryKind(from: Call, t: TwoTownships, into: Call): Promise<void> {
  const roster = async (kind: 'orgs' | 'grids' | 'members' | 'pipeline' | 'teams' | 'meetings') => (await from('export.roster', { kind })).dataBase64;
  const files = { orgs: await roster('orgs'), grids: await roster('grids'), members: await roster('members'), pipeline: await roster('pipeline'), teams: await roster('teams'), meetings: await roster('meetings') };
  for (const kind of ['orgs', 'grids', 'members', 'pipeline', 'teams', 'meetings'] as const) {
    const pid = await preview(into, `${kind}.xlsx`, files[kind], kind);
    const c = await into('import.commit', { previewId: pid });
    expect(c.created).toBeGreaterThan(0);
  }
  // Changed in the first ledger, then sent again: updates, a step added to a known person.
  await from('org.update', { id: t.A.village.id, patch: { phone: '0998-7654321', contactPerson: '李四' } });
  await from('grid.update', { id: t.A.grid.id, patch: { households: 450 } });
  await from('member.update', { id: t.A.member.id, patch: { phone: '13700000000', education: '21' } });
  await from('pipeline.addStep', { personId: t.A.dev.id, step: 'activist', onDate: '2024-06-01' });
  let undoable = '';
  for (const kind of ['orgs', 'grids', 'members', 'pipeline'] as const) {
    const c = await into('import.commit', { previewId: await preview(into, `${kind}-2.xlsx`, await roster(kind), kind) });
    expect(c.updated).toBeGreaterThan(0);
    undoable = c.batchId;
  }
  // A probationary member confirmed by a later roster: an event added to a known member.
  const idNumber = idFor('1994-04-04');
  await into('import.commit', { previewId: await preview(into, '预备.csv', memberRosterCsv([{ name: '预备党员', idNumber, category: '预备党员', joinedOn: '2023-07-01', confirmedOn: '' }]), 'members') });
  const confirmed = await into('import.commit', { previewId: await preview(into, '转正.csv', memberRosterCsv([{ name: '预备党员', idNumber, category: '正式党员', joinedOn: '2023-07-01', confirmedOn: '2024-07-01' }]), 'members') });
  for (const batchId of [confirmed.batchId, undoable]) await into('import.undo', { batchId });
}

/**
 * The hosts' events through a real LedgerHost and its worker: failed logins and a lockout, logins,
 * a recovery, 锁定, 退出 and an idle expiry, a backup restored; returns that ledger's rows.
 */
async function hostEvents(dir: string): Promise<{ method: string; entity: string; before: unknown; after: unknown }[]> {
  const PW = 'host-pass-2024';
  const clock = { now: Date.parse('2026-03-02T09:00:00Z') };
  const host = new LedgerHost({ dbFile: join(dir, 'host.ledger'), attemptPolicy: { maxFailures: 2, lockoutMs: 60_000, baseDelayMs: 1, maxDelayMs: 2 }, sleep: async () => undefined, now: () => clock.now });
  try {
    const { recoveryCode } = await host.call('a', 'app.setup', { unitName: '测试县委组织部', rootOrgName: '中共测试县委员会', adminUsername: 'admin', adminDisplayName: '管理员', password: PW });
    const backup = await host.call('a', 'backup.create', {});
    await host.call('a', 'app.lock', {});
    for (let i = 0; i < 3; i++) await host.handle('x', 'app.login', { username: 'admin', password: 'wrong-password-1' });
    await host.handle('x', 'app.login', { username: 'nobody', password: 'wrong-password-1' });
    clock.now += 120_000;
    await host.call('b', 'app.recover', { username: 'admin', recoveryCode, newPassword: PW + 'x' });
    await host.call('b', 'app.logout', {});
    await host.call('c', 'app.login', { username: 'admin', password: PW + 'x' });
    clock.now += 60 * 60_000;
    await host.expireIdle();
    await host.call('d', 'app.login', { username: 'admin', password: PW + 'x' });
    // A restore replaces the log with the backup's: read it first.
    const before = (await host.call('d', 'audit.list', { limit: 500 })).rows;
    await host.call('d', 'backup.restore', { file: backup.file });
    await host.call('e', 'app.login', { username: 'admin', password: PW + 'x' });
    await host.handle('e', 'backup.restore', { file: join(dir, 'no-such.ledger') });
    return [...before, ...(await host.call('e', 'audit.list', { limit: 500 })).rows];
  } finally {
    await host.close();
  }
}

describe('every key the core writes to the audit log has a Chinese label', () => {
  const tmp = tempDir();
  const tmp2 = tempDir();
  const tmp3 = tempDir();
  let cores: Core[] = [];

  beforeAll(async () => {
    const one = await createCore(tmp.dir);
    const two = await createCore(tmp2.dir);
    const demo = await createCore(tmp3.dir);
    cores = [one.core, two.core, demo.core];
    await fillDemoCounty(demo.core, { members: 40, seed: 7 });
    const call = caller(one.core, one.adminId);
    const t = await buildTwoTownships(one.core, one.adminId, one.rootId);
    await importEveryKind(call, t, caller(two.core, two.adminId));
    for (const write of Object.values(everyWrite(call, t, tmp2.dir))) await write();
    // Exports of personal data.
    await call('export.roster', { kind: 'members', filter: { text: '党员', category: 'formal', mobile: true } });
    await call('export.grid', { title: '党员', columns: [{ header: '姓名', field: 'name' }], rows: [{ name: '甲党员' }] });
    const bad = `\uFEFF姓名,公民身份号码,所在党组织,人员类别,入党日期\r\n错号,652302198001010000,${t.A.village.shortName},预备党员,2024-07-01\r\n`;
    await call('import.report', { previewId: await preview(call, 'bad.csv', Buffer.from(bad).toString('base64'), 'members') });
    await exportRosterToFile(one.core, { userId: one.adminId, kind: 'members', target: join(tmp.dir, 'out.xlsx') });
  });
  afterAll(async () => {
    for (const c of cores) await c.close();
    tmp.cleanup();
    tmp2.cleanup();
    tmp3.cleanup();
  });

  it('covers the entities, actions and fields of a realistic run', async () => {
    const missing = new Set<string>();
    const seen = new Set<string>();
    const rows = await hostEvents(tmp3.dir);
    for (const core of cores) {
      for (const r of await core.db.selectFrom('auditLog').select(['method', 'entity', 'before', 'after']).execute()) {
        rows.push({ ...r, before: r.before === null ? null : JSON.parse(r.before), after: r.after === null ? null : JSON.parse(r.after) });
      }
    }
    for (const r of rows) {
      seen.add(`${r.entity}:${r.method}`);
      if (!auditEntityKnown(r.entity)) missing.add(`entity ${r.entity}`);
      if (!auditMethodKnown(r.method)) missing.add(`method ${r.method}`);
      for (const image of [r.before, r.after]) {
        if (image === null) continue;
        for (const [k, v] of Object.entries(image as Record<string, unknown>)) {
          if (AUDIT_HIDDEN_FIELDS.has(k)) continue;
          if (auditFieldLabel(r.entity, k) === undefined) missing.add(`${r.entity}.${k} (${r.method})`);
          if (typeof v === 'object' && v !== null && !Array.isArray(v)) {
            for (const sub of Object.keys(v)) if (auditSubfield(k, sub) === undefined) missing.add(`${r.entity}.${k}.${sub} (${r.method})`);
          }
        }
      }
    }
    expect([...missing].sort()).toEqual([]);
    // The run did reach the kinds of rows this test is about.
    // An import's created records are counted by its batch's row (createdRecords), not audited each.
    for (const k of ['importBatch:import.commit', 'importBatch:import.undo', 'member:import.commit', 'member:import.undo', 'export:export.toFile', 'export:import.report', 'ledger:app.setup', 'ledger:demo', 'session:app.login', 'session:app.loginFailed', 'session:app.lockedOut', 'session:app.logout', 'session:app.sessionExpired', 'user:app.recover', 'ledger:backup.restore', 'ledger:backup.restoreFailed', 'backup:backup.verify', 'teamMonth:team.recordMonths']) {
      expect(seen, [...seen].filter((x) => x.includes('import.')).join(' ')).toContain(k);
    }
  });
});
