import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core.js';
import type { Org } from '../../shared/types/records.js';
import { LedgerError } from '../../shared/contract/envelope.js';
import { todayIso } from '../../shared/domain/dates.js';
import { caller, createCore, idFor, tempDir } from '../helpers/ledger.js';

/**
 * The organisation tree's writes keep history (issue 8 item 2): placement rules, renames with 曾用名,
 * moves of a subtree with its paths, dissolution with its children, and every past state asked for
 * by date — the tree, one organisation, and the organisation figures.
 */
describe('organisation structure and its history', () => {
  const tmp = tempDir();
  let core: Core;
  let call: ReturnType<typeof caller>;
  let rootId: string;
  const o: Record<string, Org> = {};

  const refusal = async (p: Promise<unknown>): Promise<{ code: string; message: string }> => {
    try {
      await p;
    } catch (e) {
      if (e instanceof LedgerError) return { code: e.code, message: e.message };
      throw e;
    }
    throw new Error('expected a refusal');
  };
  const make = async (key: string, parent: string, name: string, kind: Org['kind'], unitCategory: string | null, extra: Record<string, unknown> = {}) => {
    o[key] = await call('org.create', { parentId: parent, name, kind: kind as never, unitCategory: unitCategory as never, foundedOn: '2010-01-01', ...extra });
    return o[key]!;
  };

  beforeAll(async () => {
    const made = await createCore(tmp.dir);
    core = made.core;
    rootId = made.rootId;
    call = caller(core, made.adminId);
    await make('A', rootId, '中共甲乡委员会', 'committee', 'township', { canApprove: true });
    await make('B', rootId, '中共乙乡委员会', 'committee', 'township', { canApprove: true });
    await make('V', o.A!.id, '中共一村总支部委员会', 'general-branch', 'village');
    await make('V1', o.V!.id, '中共一村第一支部委员会', 'branch', 'village');
    await make('G1', o.V1!.id, '中共一村第一党小组', 'group', 'village');
    await make('V2', o.V!.id, '中共一村第二支部委员会', 'branch', 'village');
    await make('S', o.A!.id, '中共甲乡农机站支部委员会', 'branch', 'other');
  });
  afterAll(async () => {
    await core.close();
    tmp.cleanup();
  });

  it('places a kind only where it may sit: a 党小组 under a 党支部, nothing under a 党小组, a branch not under a branch', async () => {
    expect(await refusal(make('x', o.A!.id, '中共甲乡第九党小组', 'group', null))).toMatchObject({ code: 'VALIDATION', message: '党小组只能设在党支部（含联合党支部、临时党支部）之下，不能设在党委之下' });
    expect((await refusal(make('x', o.G1!.id, '中共某某支部委员会', 'branch', null))).message).toBe('党小组之下不能再设组织（党支部）');
    expect((await refusal(make('x', o.V1!.id, '中共某某支部委员会', 'branch', null))).message).toBe('党支部之下只能设党小组，不能设党支部');
    expect((await refusal(make('x', o.V1!.id, '中共某某总支部委员会', 'general-branch', null))).message).toBe('党支部之下只能设党小组，不能设党总支');
  });

  it('approval rights only on a 基层党委 that is not a 村 or 社区党委: refused on create and update', async () => {
    expect((await refusal(make('x', o.A!.id, '中共二村总支部委员会', 'general-branch', 'village', { canApprove: true }))).message).toBe('党总支没有审批预备党员的权限，只有基层党委可以设置（审批权限）');
    const vc = await make('VC', o.A!.id, '中共三村委员会', 'committee', 'village');
    expect((await refusal(call('org.update', { id: vc.id, patch: { canApprove: true } }))).message).toBe('村、社区党委没有审批预备党员的权限（审批权限）');
    // A committee holding them cannot become a 党总支 while it has them.
    const organ = await make('OC', o.A!.id, '中共甲乡机关委员会', 'committee', 'organ', { canApprove: true });
    expect((await refusal(call('org.update', { id: organ.id, patch: { kind: 'general-branch' } }))).message).toBe('党总支没有审批预备党员的权限，只有基层党委可以设置（审批权限）');
  });

  it('org.update refuses a name (rename keeps the old one) and dates a change of kind', async () => {
    expect(await refusal(call('org.update', { id: o.S!.id, patch: { name: '新名称' } as never }))).toMatchObject({ code: 'VALIDATION', message: 'patch：组织名称请用“更名”修改（原名称保留为曾用名）' });
    const r = await call('org.rename', { id: o.S!.id, name: '中共甲乡农业服务中心支部委员会', shortName: '农业服务中心党支部', onDate: '2022-03-01' });
    expect(r.name).toBe('中共甲乡农业服务中心支部委员会');
    expect((await call('org.get', { id: o.S!.id })).formerNames).toEqual([{ name: '中共甲乡农机站支部委员会', shortName: null, validFrom: '2010-01-01', validTo: '2022-03-01' }]);
    // A rename dated before the last one would reorder history.
    expect((await refusal(call('org.rename', { id: o.S!.id, name: '中共甲乡又一名称支部委员会', onDate: '2021-01-01' }))).message).toBe('该组织已于 2022-03-01 更名，新的更名日期应在其后');
    // The name in force on each date.
    expect((await call('org.stateOn', { id: o.S!.id, date: '2022-02-28' })).name).toBe('中共甲乡农机站支部委员会');
    expect((await call('org.stateOn', { id: o.S!.id, date: '2022-03-01' })).name).toBe('中共甲乡农业服务中心支部委员会');

    await call('org.update', { id: o.V2!.id, patch: { unitCategory: 'community', changedOn: '2023-07-01' } });
    expect((await call('org.stateOn', { id: o.V2!.id, date: '2023-06-30' })).unitCategory).toBe('village');
    expect((await call('org.stateOn', { id: o.V2!.id, date: '2023-07-01' })).unitCategory).toBe('community');
    await call('org.update', { id: o.V2!.id, patch: { unitCategory: 'village', changedOn: '2023-08-01' } });
    const history = await call('org.history', { id: o.V2!.id });
    expect(history.filter((h) => h.kind === 'reclassified').map((h) => [h.onDate, h.text])).toEqual([
      ['2023-07-01', '单位类别由“建制村”改为“社区（居委会）”'],
      ['2023-08-01', '单位类别由“社区（居委会）”改为“建制村”'],
    ]);
    expect((await refusal(call('org.update', { id: o.V2!.id, patch: { unitCategory: 'organ', changedOn: '2023-07-15' } }))).message).toBe('该组织的单位类别已于 2023-08-01 变更，新的变更日期不能更早');
  });

  it('moves a subtree: paths and depths rewritten in one write, the old place kept for earlier dates', async () => {
    // Not under itself or its own descendant; a 党总支 not under a branch.
    expect((await refusal(call('org.move', { id: o.V!.id, parentId: o.V1!.id, onDate: '2024-01-01' }))).message).toBe('不能把组织移到它自己或它的下级组织之下');
    expect((await refusal(call('org.move', { id: o.V!.id, parentId: o.S!.id, onDate: '2024-01-01' }))).message).toBe('“中共一村总支部委员会”：党支部之下只能设党小组，不能设党总支');
    expect((await refusal(call('org.move', { id: o.G1!.id, parentId: o.A!.id, onDate: '2024-01-01' }))).message).toContain('党小组只能设在党支部');
    expect((await refusal(call('org.move', { id: o.V!.id, parentId: o.A!.id, onDate: '2024-01-01' }))).message).toBe('“中共一村总支部委员会”已在“中共甲乡委员会”之下');
    expect((await refusal(call('org.move', { id: o.V!.id, parentId: o.B!.id, onDate: '2099-01-01' }))).message).toBe('上级组织变更日期（2099-01-01）不能晚于今天');

    const m = await call('member.create', { idNumber: idFor('1980-01-01'), name: '随迁党员', gender: '1', category: 'formal', joinedOn: '2001-07-01', confirmedOn: '2002-07-01', orgId: o.V1!.id });
    await call('org.move', { id: o.V!.id, parentId: o.B!.id, onDate: '2024-03-01', reason: '行政区划调整' });
    const rows = await core.db.selectFrom('orgs').select(['id', 'path', 'depth', 'parentId']).where('id', 'in', [o.V!.id, o.V1!.id, o.G1!.id, o.B!.id]).execute();
    const by = new Map(rows.map((r) => [r.id, r]));
    expect(by.get(o.V!.id)).toMatchObject({ parentId: o.B!.id, path: `${by.get(o.B!.id)!.path}${o.V!.id}/`, depth: 2 });
    expect(by.get(o.G1!.id)!.path).toBe(`${by.get(o.B!.id)!.path}${o.V!.id}/${o.V1!.id}/${o.G1!.id}/`);
    expect(by.get(o.G1!.id)!.depth).toBe(4);

    // Today's tree: under 乙乡; the tree of 2024-02-29: under 甲乡, as it was.
    const now = await call('org.tree', { rootId: o.B!.id });
    expect(now.map((n) => n.name)).toEqual(['中共乙乡委员会', '中共一村总支部委员会', '中共一村第一支部委员会', '中共一村第二支部委员会', '中共一村第一党小组']);
    expect(now.find((n) => n.id === o.V1!.id)).toMatchObject({ depth: 3, memberCount: 1 });
    const before = await call('org.tree', { rootId: o.A!.id, asOf: '2024-02-29' });
    expect(before.map((n) => n.id)).toEqual(expect.arrayContaining([o.V!.id, o.V1!.id, o.G1!.id]));
    expect(before.find((n) => n.id === o.V!.id)).toMatchObject({ parentId: o.A!.id, depth: 2, memberCount: null });
    expect((await call('org.tree', { rootId: o.A!.id, asOf: '2024-03-01' })).map((n) => n.id)).not.toContain(o.V!.id);
    expect((await call('org.stateOn', { id: o.V!.id, date: '2024-02-29' })).parent).toEqual({ id: o.A!.id, name: '中共甲乡委员会' });
    expect((await call('org.history', { id: o.V!.id })).find((h) => h.kind === 'moved')).toEqual({ onDate: '2024-03-01', kind: 'moved', text: '由“中共甲乡委员会”之下移至“中共乙乡委员会”之下（行政区划调整）' });

    // Organisation figures of each township as of each date; the member counts where its branch is today.
    const basic = async (under: string, asOf: string) => ((await call('stats.compute', { under, asOf })).organisations as { basic: number }).basic;
    expect([await basic(o.A!.id, '2024-02-29'), await basic(o.B!.id, '2024-02-29')]).toEqual([6, 0]);
    expect([await basic(o.A!.id, todayIso()), await basic(o.B!.id, todayIso())]).toEqual([3, 3]);
    expect((await call('member.get', { id: m.id })).orgId).toBe(o.V1!.id);
  });

  it('a 甲乡 clerk cannot move a branch to 乙乡, nor move their own scope root', async () => {
    const clerk = await call('user.create', { username: 'clerk_a', displayName: '甲乡录入员', role: 'clerk', scopeOrgId: o.A!.id, password: 'clerk-pass-2024' });
    const asClerk = caller(core, clerk.id);
    expect(await refusal(asClerk('org.move', { id: o.S!.id, parentId: o.B!.id, onDate: '2024-05-01' }))).toEqual({ code: 'FORBIDDEN', message: '该组织不在您的管理范围内' });
    expect(await refusal(asClerk('org.move', { id: o.A!.id, parentId: rootId, onDate: '2024-05-01' }))).toEqual({ code: 'FORBIDDEN', message: '不能移动您自己的管理范围根组织' });
    // The tree of a past date shows a scoped user only what their scope holds today.
    expect((await asClerk('org.tree', { asOf: '2024-02-29' })).map((n) => n.id)).not.toContain(o.V!.id);
  });

  it('org.treeColumns: the tree as arrays, parents by index, the parent of a scoped top node by id', async () => {
    const clerk = (await core.db.selectFrom('users').select('id').where('username', '=', 'clerk_a').executeTakeFirstOrThrow()).id;
    const c = await caller(core, clerk)('org.treeColumns', {});
    expect(c.ids[0]).toBe(o.A!.id);
    expect(c.parents[0]).toBe(rootId);
    expect(c.ids.slice(1).every((id, i) => typeof c.parents[i + 1] === 'number' && c.ids[c.parents[i + 1] as number] !== id)).toBe(true);
    const s = c.ids.indexOf(o.S!.id);
    expect(c.ids[c.parents[s] as number]).toBe(o.A!.id);
    expect([c.names[s], c.kinds[s], c.depths[s]]).toEqual([(await call('org.get', { id: o.S!.id })).org.name, 'branch', 2]);
    for (const k of ['names', 'shortNames', 'kinds', 'unitCategories', 'dissolvedOn', 'depths', 'memberCounts', 'terms'] as const) expect(c[k]).toHaveLength(c.ids.length);
    // Branches with too few members warn; org.tree's objects carry the same codes.
    expect(c.warned.length).toBeGreaterThan(0);
    const tree = await caller(core, clerk)('org.tree', {});
    expect(tree.map((n) => n.id)).toEqual(c.ids);
    expect(c.warned.map(([i, codes]) => [c.ids[i], codes])).toEqual(tree.filter((n) => n.warnings.length > 0).map((n) => [n.id, n.warnings]));
  });

  it('dissolves: refused while children or members remain, unless the same action dissolves or moves them', async () => {
    expect(await refusal(call('org.dissolve', { id: o.V!.id, onDate: '2024-06-30', reason: '撤并' }))).toEqual({ code: 'CONFLICT', message: '该组织仍有 2 个未撤销的下级组织：请选择一并撤销，或移到其他组织之下' });
    expect(await refusal(call('org.dissolve', { id: o.V!.id, onDate: '2024-06-30', reason: '撤并', children: 'dissolve' }))).toEqual({ code: 'CONFLICT', message: '该组织及其下级组织仍有 1 名党员，请先转移他们的组织关系，或把下级组织移到其他组织之下' });
    expect((await refusal(call('org.dissolve', { id: o.V!.id, onDate: '2024-06-30', reason: '撤并', children: { moveTo: o.V1!.id } }))).message).toBe('下级组织不能移到将被撤销的组织之下');

    // The total branch's branches go to 乙乡 itself; it goes, its officers' posts end the day before.
    const member = (await core.db.selectFrom('members').select('id').where('orgId', '=', o.V1!.id).executeTakeFirstOrThrow()).id;
    const sec = await call('org.addOfficer', { orgId: o.V!.id, memberId: member, post: 'secretary', fromDate: '2020-01-01' });
    await call('org.dissolve', { id: o.V!.id, onDate: '2024-06-30', reason: '撤并', children: { moveTo: o.B!.id } });
    expect((await call('org.officers', { orgId: o.V!.id })).find((x) => x.id === sec.id)).toMatchObject({ toDate: '2024-06-29', endReason: '组织撤销' });
    const tree = await call('org.tree', { rootId: o.B!.id });
    expect(tree.find((n) => n.id === o.V1!.id)).toMatchObject({ parentId: o.B!.id, depth: 2 });
    expect(tree.map((n) => n.id)).not.toContain(o.V!.id);
    expect((await call('org.tree', { rootId: o.B!.id, includeDissolved: true })).find((n) => n.id === o.V!.id)).toMatchObject({ dissolvedOn: '2024-06-30' });
    expect((await call('org.tree', { rootId: o.B!.id, asOf: '2024-06-29' })).find((n) => n.id === o.V!.id)).toMatchObject({ dissolvedOn: null });
    expect((await call('org.stateOn', { id: o.V!.id, date: '2024-06-29' })).existed).toBe(true);
    expect((await call('org.stateOn', { id: o.V!.id, date: '2024-06-30' })).existed).toBe(false);
    expect(await refusal(call('org.addElection', { orgId: o.V!.id, electedOn: '2024-07-01' }))).toMatchObject({ code: 'CONFLICT' });

    // A branch with its 党小组 dissolved in one action (no members left in either).
    await call('org.dissolve', { id: o.V2!.id, onDate: '2024-07-01', reason: '党员人数不足' });
    expect((await call('org.get', { id: o.V2!.id })).org).toMatchObject({ dissolvedOn: '2024-07-01', dissolvedReason: '党员人数不足' });
    await call('member.transfer', { memberId: member, onDate: '2024-08-01', toOrgId: o.S!.id });
    await call('org.dissolve', { id: o.V1!.id, onDate: '2024-09-01', reason: '并入农业服务中心', children: 'dissolve' });
    expect((await call('org.get', { id: o.G1!.id })).org.dissolvedReason).toBe('随“中共一村第一支部委员会”撤销：并入农业服务中心');
    // Nothing was deleted: every organisation still has its row.
    expect(await core.db.selectFrom('orgs').select('id').where('id', 'in', Object.values(o).map((x) => x.id)).execute()).toHaveLength(Object.keys(o).length);
  });
  it("a 总支's figures count its whole subtree in org.get and org.children; its own members stay apart (the structure warnings count those)", async () => {
    const general = await make('SG', o.A!.id, '中共五村总支部委员会', 'general-branch', 'village');
    const b1 = await make('SG1', general.id, '中共五村第一支部委员会', 'branch', 'village');
    const b2 = await make('SG2', general.id, '中共五村第二支部委员会', 'branch', 'village');
    for (const [org, name, category] of [[b1, '王一', 'formal'], [b1, '王二', 'formal'], [b2, '王三', 'probationary']] as const) {
      const dates = category === 'formal' ? { joinedOn: '2005-07-01', confirmedOn: '2006-07-01' } : { joinedOn: '2026-06-01' };
      await call('member.create', { idNumber: idFor('1985-03-03'), name, category, ...dates, orgId: org.id });
    }
    expect(await call('org.get', { id: general.id })).toMatchObject({ members: 0, formal: 0, subtreeMembers: 3, subtreeFormal: 2 });
    expect(await call('org.get', { id: b1.id })).toMatchObject({ members: 2, formal: 2, subtreeMembers: 2, subtreeFormal: 2 });
    const kids = await call('org.children', { id: o.A!.id, includeDissolved: false });
    expect(kids.find((k) => k.id === general.id)).toMatchObject({ members: 0, subtreeMembers: 3, subtreeFormal: 2 });
    expect((await call('org.children', { id: general.id, includeDissolved: false })).map((k) => [k.name, k.members, k.subtreeMembers])).toEqual(
      expect.arrayContaining([['中共五村第一支部委员会', 2, 2], ['中共五村第二支部委员会', 1, 1]]),
    );
  });
  it('merges two branches: members move with dated 转出/转入 events, 党小组 follow, the absorbed one is dissolved as merged', async () => {
    const from = await make('M1', o.A!.id, '中共甲乡兽医站支部委员会', 'branch', 'institution');
    const into = await make('M2', o.A!.id, '中共甲乡畜牧站支部委员会', 'branch', 'institution');
    const group = await make('MG', from.id, '中共甲乡兽医站第一党小组', 'group', 'institution');
    const people = [];
    for (const name of ['马建军', '古丽·买买提', '李红']) people.push(await call('member.create', { idNumber: idFor('1980-01-01'), name, category: 'formal', joinedOn: '2005-07-01', confirmedOn: '2006-07-01', orgId: from.id }));
    const events = async () => (await core.db.selectFrom('memberEvents').select('id').execute()).length;
    const audits = async () => (await core.db.selectFrom('auditLog').select('id').execute()).length;

    // Only branches merge; not into itself; a failure half way leaves everything as it was.
    expect((await refusal(call('org.merge', { id: from.id, intoId: o.A!.id, onDate: '2024-06-30' }))).message).toContain('不是党支部');
    expect((await refusal(call('org.merge', { id: from.id, intoId: from.id, onDate: '2024-06-30' }))).message).toBe('不能把党支部并入它自己');
    const [e0, a0] = [await events(), await audits()];
    process.env.LEDGER_FAULT = 'org.merge.members';
    process.env.LEDGER_FAULT_MODE = 'throw';
    try {
      await expect(call('org.merge', { id: from.id, intoId: into.id, onDate: '2024-06-30' })).rejects.toThrow();
    } finally {
      delete process.env.LEDGER_FAULT;
      delete process.env.LEDGER_FAULT_MODE;
    }
    expect([await events(), await audits()]).toEqual([e0, a0]);
    expect((await call('org.get', { id: from.id })).members).toBe(3);

    await call('org.merge', { id: from.id, intoId: into.id, onDate: '2024-06-30', reason: '站所合并' });
    const gone = await call('org.get', { id: from.id });
    expect(gone.org).toMatchObject({ dissolvedOn: '2024-06-30', mergedIntoId: into.id });
    expect(gone.members).toBe(0);
    expect((await call('org.get', { id: into.id })).members).toBe(3);
    expect((await call('org.get', { id: group.id })).org.parentId).toBe(into.id);
    for (const m of people) {
      const ev = (await call('member.events', { memberId: m.id })).filter((e) => e.kind.startsWith('transfer'));
      expect(ev.map((e) => [e.kind, e.onDate, e.orgId])).toEqual([['transfer-out', '2024-06-30', from.id], ['transfer-in', '2024-06-30', into.id]]);
    }
    // The day before, the members were still in the absorbed branch; both histories say so.
    expect((await call('org.stateOn', { id: from.id, date: '2024-06-29' })).dissolvedOn).toBeNull();
    expect((await call('org.history', { id: into.id })).map((h) => h.text)).toContain('“中共甲乡兽医站支部委员会”并入本组织');
    expect((await refusal(call('org.merge', { id: from.id, intoId: into.id, onDate: '2024-07-01' }))).code).toBe('CONFLICT');
  });
  it("today's tree is kept only until the next write, whoever makes it", async () => {
    const names = async () => (await call('org.tree', { rootId: o.A!.id })).map((n) => n.name);
    expect(await names()).toEqual(await names());
    const x = await make('X', o.A!.id, '中共甲乡林业站支部委员会', 'branch', 'institution');
    expect(await names()).toContain('中共甲乡林业站支部委员会');
    // A write outside dispatch (an import's own statements, a repair) is seen too.
    await core.db.updateTable('orgs').set({ name: '中共甲乡林草站支部委员会' }).where('id', '=', x.id).execute();
    expect(await names()).toContain('中共甲乡林草站支部委员会');
  });
});
