import type { Core } from '../../electron/core/core.js';
import { caller, idFor } from './ledger.js';

/**
 * Two townships side by side, so every subtree check has a neighbour to refuse:
 * root → 甲乡党委 → 甲村党支部 (+ an empty branch to dissolve), root → 乙乡党委 → 乙村党支部.
 * A clerk, a viewer and an administrator bound to 甲乡, a clerk bound to 乙乡, records of each kind
 * on both sides.
 */
export async function buildTwoTownships(core: Core, adminId: string, rootId: string) {
  const admin = caller(core, adminId);
  const townA = await admin('org.create', { parentId: rootId, name: '中共甲乡委员会', shortName: '甲乡党委', kind: 'committee', unitCategory: 'township', canApprove: true });
  const townB = await admin('org.create', { parentId: rootId, name: '中共乙乡委员会', shortName: '乙乡党委', kind: 'committee', unitCategory: 'township', canApprove: true });
  const side = async (town: typeof townA, tag: string) => {
    const village = await admin('org.create', { parentId: town.id, name: `中共${tag}村支部委员会`, shortName: `${tag}村党支部`, kind: 'branch', unitCategory: 'village' });
    const spare = await admin('org.create', { parentId: town.id, name: `中共${tag}村第二支部委员会`, shortName: `${tag}村第二党支部`, kind: 'branch', unitCategory: 'village' });
    const member = await admin('member.create', { idNumber: idFor('1980-03-02'), name: `${tag}党员`, gender: '1', category: 'formal', joinedOn: '2005-07-01', confirmedOn: '2006-07-01', orgId: village.id });
    const grid = await admin('grid.create', { parentId: null, name: `${tag}社区`, kind: 'community', orgId: village.id, foundedOn: '2020-01-01' });
    const dev = await admin('pipeline.create', { idNumber: idFor('1998-01-01'), name: `${tag}申请人`, orgId: village.id, appliedOn: '2024-03-01' });
    const reserve = await admin('reserve.create', { idNumber: idFor('1992-05-05'), name: `${tag}后备`, villageOrgId: village.id, source: '01' });
    const team = await admin('team.create', { villageOrgId: village.id, name: `${tag}第一书记`, role: 'first-secretary', dispatchingUnit: '县财政局' });
    const leave = await admin('team.saveLeave', { teamMemberId: team.id, fromDate: '2024-05-06', toDate: '2024-05-08', reason: '病假', approvedBy: '乡党委书记' });
    const training = await admin('team.saveTraining', { teamMemberId: team.id, onDate: '2024-04-10', topic: '乡村振兴专题培训', hours: 16 });
    const meeting = await admin('meeting.create', { orgId: village.id, kind: 'member-congress', heldOn: '2024-03-20', topic: '支部党员大会', attendance: [{ memberId: member.id, present: true }] });
    return { town, village, spare, member, grid, dev, reserve, team, leave, training, meeting };
  };
  const A = await side(townA, '甲');
  const B = await side(townB, '乙');
  const clerkA = await admin('user.create', { username: 'clerk_a', displayName: '甲乡录入员', role: 'clerk', scopeOrgId: townA.id, password: 'clerk-pass-2024' });
  const viewerA = await admin('user.create', { username: 'viewer_a', displayName: '甲乡查阅', role: 'viewer', scopeOrgId: townA.id, password: 'viewer-pass-2024' });
  const adminA = await admin('user.create', { username: 'admin_a', displayName: '甲乡管理员', role: 'admin', scopeOrgId: townA.id, password: 'admin-a-pass-2024' });
  const clerkB = await admin('user.create', { username: 'clerk_b', displayName: '乙乡录入员', role: 'clerk', scopeOrgId: townB.id, password: 'clerk-pass-2024' });
  return { A, B, clerkA, viewerA, adminA, clerkB };
}

export type TwoTownships = Awaited<ReturnType<typeof buildTwoTownships>>;
