import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core.js';
import type { Member } from '../../shared/types/records.js';
import { caller, createCore, idFor, tempDir } from '../helpers/ledger.js';

/** Paste and bulk actions as change sets, and their undo as compensating writes. */
describe('change sets: paste, grid registration and undo', () => {
  const tmp = tempDir();
  let core: Core;
  let call: ReturnType<typeof caller>;
  let other: ReturnType<typeof caller>;
  let members: Member[] = [];
  let gridId = '';

  beforeAll(async () => {
    const made = await createCore(tmp.dir);
    core = made.core;
    call = caller(core, made.adminId);
    const village = await call('org.create', { parentId: made.rootId, name: '中共东村支部委员会', kind: 'branch', unitCategory: 'village' });
    gridId = (await call('grid.create', { parentId: null, orgId: village.id, name: '东村第一网格', kind: 'community', foundedOn: '2020-01-01' })).id;
    for (let i = 0; i < 20; i++) {
      members.push(await call('member.create', { idNumber: idFor('1980-01-01', i % 2 === 0), name: `党员${i}`, category: 'formal', joinedOn: '2005-07-01', confirmedOn: '2006-07-01', orgId: village.id, phone: `1380000${String(i).padStart(4, '0')}` }));
    }
    const u = await call('user.create', { username: 'clerk2', displayName: '另一录入员', role: 'clerk', scopeOrgId: made.rootId, password: 'clerk-pass-2024' });
    other = caller(core, u.id);
  });
  afterAll(async () => {
    await core.close();
    tmp.cleanup();
  });

  const fresh = async () => (members = await Promise.all(members.map((m) => call('member.get', { id: m.id }))));
  const auditRows = (changeId: string) => core.db.selectFrom('auditLog').selectAll().where('changeId', '=', changeId).execute();

  it('a pasted block of 20 rows is one call, one change set, its audit rows tagged; undo writes it back as a change of its own', async () => {
    const rows = members.map((m, i) => ({ id: m.id, expectedUpdatedAt: m.updatedAt, patch: { phone: `1390000${String(i).padStart(4, '0')}`, education: '21' } }));
    const r = await call('member.paste', { rows });
    expect(r.updated).toBe(20);
    expect(await auditRows(r.changeId)).toHaveLength(20);
    await fresh();
    expect(members.every((m) => m.phone!.startsWith('139') && m.education === '21')).toBe(true);
    const [latest] = await call('change.list', {});
    expect(latest).toMatchObject({ id: r.changeId, count: 20, undoneBy: null, summary: '粘贴修改 20 名党员的信息' });

    const logBefore = await core.db.selectFrom('auditLog').select('id').execute();
    const undo = await call('change.undo', { changeId: r.changeId });
    expect(undo).toMatchObject({ undoOf: r.changeId, count: 20 });
    await fresh();
    expect(members.map((m) => m.phone)).toEqual(members.map((_, i) => `1380000${String(i).padStart(4, '0')}`));
    expect(members.every((m) => m.education === null)).toBe(true);
    // Compensating writes: the log keeps the paste's rows and adds the undo's.
    const logAfter = await core.db.selectFrom('auditLog').select('id').execute();
    expect(logAfter.length).toBe(logBefore.length + 20);
    expect(await auditRows(r.changeId)).toHaveLength(20);
    expect((await call('change.list', {})).find((c) => c.id === r.changeId)!.undoneBy).toBe(undo.id);
    await expect(call('change.undo', { changeId: r.changeId })).rejects.toMatchObject({ code: 'CONFLICT', message: '这次修改已经撤销过了' });
    await expect(call('change.undo', { changeId: undo.id })).rejects.toMatchObject({ code: 'VALIDATION' });
  });

  it('a block with one stale row saves nothing and says which row', async () => {
    await fresh();
    const stale = members[3]!;
    await call('member.update', { id: stale.id, patch: { phone: '13711112222' } });
    const rows = members.slice(0, 5).map((m) => ({ id: m.id, expectedUpdatedAt: m.updatedAt, patch: { name: m.name + '改' } }));
    await expect(call('member.paste', { rows })).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('“党员3”已被他人修改') });
    const after = await Promise.all(rows.map((r) => call('member.get', { id: r.id })));
    expect(after.map((m) => m.name)).toEqual(members.slice(0, 5).map((m) => m.name));
  });

  it('an undo is refused, naming the record, when a record changed since', async () => {
    await fresh();
    const r = await call('member.paste', { rows: members.slice(0, 3).map((m) => ({ id: m.id, patch: { jobCategory: '05' } })) });
    await call('member.update', { id: members[1]!.id, patch: { phone: '13633334444' } });
    await expect(call('change.undo', { changeId: r.changeId })).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('党员1在这次修改之后又被修改过') });
    expect((await call('member.get', { id: members[0]!.id })).jobCategory).toBe('05');
  });

  it('registering a selection with a grid is one change set of dated registrations; ended as one, never undone by rewriting', async () => {
    const ids = members.slice(10, 16).map((m) => m.id);
    const r = await call('member.registerGrid', { ids, gridId });
    expect(r.updated).toBe(6);
    expect((await call('member.list', { filter: { gridId } })).total).toBe(6);
    const regs = await core.db.selectFrom('gridRegistrations').selectAll().where('memberId', 'in', ids).execute();
    expect(regs.map((g) => [g.gridId, g.toDate])).toEqual(ids.map(() => [gridId, null]));
    await expect(call('change.undo', { changeId: r.changeId })).rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('网格报到') });
    const end = await call('member.registerGrid', { ids, gridId: null });
    expect(end.updated).toBe(6);
    expect((await call('member.list', { filter: { gridId } })).total).toBe(0);
    // The register keeps them as ended records.
    expect((await core.db.selectFrom('gridRegistrations').select('toDate').where('memberId', 'in', ids).execute()).every((g) => g.toDate !== null)).toBe(true);
  });

  it('a grid cell edit is undone too; after a dated event on the record (转正 …) the edit is not rewritten', async () => {
    const m = members[18]!;
    await call('member.update', { id: m.id, patch: { phone: '13500000000' } });
    const [edit] = await call('change.list', { limit: 1 });
    await call('change.undo', { changeId: edit!.id });
    expect((await call('member.get', { id: m.id })).phone).toBe(m.phone);
    await call('member.update', { id: m.id, patch: { phone: '13500000001' } });
    const [second] = await call('change.list', { limit: 1 });
    await call('member.addEvent', { memberId: m.id, kind: 'mobile', onDate: '2024-05-01', otherParty: '乌鲁木齐市' });
    await expect(call('change.undo', { changeId: second!.id })).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('党员18在这次修改之后又被修改过') });
  });

  it('a pasted row the shared field rules refuse (a sex against the ID number) saves nothing and is named', async () => {
    await fresh();
    // 党员0's ID number is a man's.
    const rows = members.slice(0, 3).map((m, i) => ({ id: m.id, patch: i === 0 ? { gender: '2' as const } : { phone: '13122223333' } }));
    await expect(call('member.paste', { rows })).rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('“党员0”') });
    expect((await call('member.get', { id: members[1]!.id })).phone).toBe(members[1]!.phone);
  });

  it('only the user who made a change may undo it', async () => {
    const r = await call('member.paste', { rows: [{ id: members[19]!.id, patch: { phone: '13400000000' } }] });
    await expect(other('change.undo', { changeId: r.changeId })).rejects.toMatchObject({ code: 'FORBIDDEN', message: '只能撤销您本人所做的修改' });
    expect((await other('change.list', {})).map((c) => c.id)).not.toContain(r.changeId);
  });

  it('an undo that fails halfway leaves everything as it was (one transaction)', async () => {
    await fresh();
    const r = await call('member.paste', { rows: members.slice(5, 9).map((m) => ({ id: m.id, patch: { ethnicity: '05' } })) });
    process.env.LEDGER_FAULT = 'change.undo.afterRecord#2';
    process.env.LEDGER_FAULT_MODE = 'throw';
    try {
      await expect(call('change.undo', { changeId: r.changeId })).rejects.toThrow(/injected fault/);
    } finally {
      delete process.env.LEDGER_FAULT;
      delete process.env.LEDGER_FAULT_MODE;
    }
    const after = await Promise.all(members.slice(5, 9).map((m) => call('member.get', { id: m.id })));
    expect(after.every((m) => m.ethnicity === '05')).toBe(true);
    expect((await call('change.list', {})).find((c) => c.id === r.changeId)!.undoneBy).toBeNull();
    await call('change.undo', { changeId: r.changeId });
    expect((await call('member.get', { id: members[6]!.id })).ethnicity).toBeNull();
  });

  it('a bulk transfer is a 转出 + 转入 per member, one change set; its undo is refused (the branch changes by events)', async () => {
    const root = (await call('org.tree', {}))[0]!.id;
    const west = await call('org.create', { parentId: root, name: '中共西村支部委员会', kind: 'branch', unitCategory: 'village' });
    const movers = members.slice(0, 3);
    const r = await call('member.transferMany', { ids: movers.map((m) => m.id), toOrgId: west.id, onDate: '2024-09-01', note: '村党组织合并' });
    expect(r.updated).toBe(3);
    expect((await call('member.list', { orgId: west.id })).rows.map((m) => m.id).sort()).toEqual(movers.map((m) => m.id).sort());
    const events = await call('member.events', { memberId: movers[0]!.id });
    expect(events.filter((e) => e.onDate === '2024-09-01').map((e) => e.kind)).toEqual(['transfer-out', 'transfer-in']);
    expect(await auditRows(r.changeId)).toHaveLength(3);
    await expect(call('change.undo', { changeId: r.changeId })).rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('通过状态变化记录更正') });

    // One member the history refuses (moved before joining): nobody moves, and the message names them.
    const young = await call('member.create', { idNumber: idFor('2000-01-01'), name: '新近入党', category: 'probationary', joinedOn: '2025-01-10', orgId: members[5]!.orgId });
    await expect(call('member.transferMany', { ids: [members[5]!.id, young.id], toOrgId: west.id, onDate: '2024-09-02' })).rejects.toMatchObject({ message: expect.stringContaining('“新近入党”') });
    expect((await call('member.get', { id: members[5]!.id })).orgId).toBe(members[5]!.orgId);

    // A failure half way (after the second member) leaves all three where they were.
    process.env.LEDGER_FAULT = 'member.transferMany.afterRecord#2';
    process.env.LEDGER_FAULT_MODE = 'throw';
    try {
      await expect(call('member.transferMany', { ids: members.slice(6, 9).map((m) => m.id), toOrgId: west.id, onDate: '2024-09-03' })).rejects.toThrow(/injected fault/);
    } finally {
      delete process.env.LEDGER_FAULT;
      delete process.env.LEDGER_FAULT_MODE;
    }
    const after = await Promise.all(members.slice(6, 9).map((m) => call('member.get', { id: m.id })));
    expect(after.map((m) => m.orgId)).toEqual(members.slice(6, 9).map((m) => m.orgId));
    expect((await call('member.events', { memberId: members[7]!.id })).some((e) => e.onDate === '2024-09-03')).toBe(false);
  });
});
