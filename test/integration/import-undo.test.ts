/**
 * Who may undo an import batch (README, security model; commit/undo-rule.ts), and that the undo's
 * set-based check still finds a later change to a record of the batch that left its updated_at
 * alone, whichever side the check is driven from.
 */
import { describe, expect, it } from 'vitest';
import type { LedgerError } from '../../shared/contract/envelope.js';
import { caller, idFor } from '../helpers/ledger.js';
import { suiteLedger } from '../helpers/suite.js';

const TOWN = '中共东乡委员会';

function roster(names: readonly string[], org = TOWN, probationary = false): { name: string; dataBase64: string } {
  const lines = ['姓名,性别,公民身份号码,所在党组织,人员类别,入党日期,转正日期'];
  for (const n of names) lines.push(`${n},男,${idFor('1981-02-03', true)},${org},${probationary ? '预备党员,2023-07-01,' : '正式党员,2005-07-01,2006-07-01'}`);
  return { name: `${names[0]}等.csv`, dataBase64: Buffer.from('\uFEFF' + lines.join('\r\n') + '\r\n').toString('base64') };
}

const refusal = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => e as LedgerError,
  );

describe('import.undo: who may undo which batch', () => {
  const L = suiteLedger();

  it('a clerk undoes only their own batches, an administrator of the township any, a viewer none; the list says so', async () => {
    const town = await L.admin('org.create', { parentId: L.rootId, name: TOWN, kind: 'committee', unitCategory: 'township' });
    const other = await L.admin('org.create', { parentId: L.rootId, name: '中共西乡委员会', kind: 'committee', unitCategory: 'township' });
    const user = async (username: string, displayName: string, role: 'admin' | 'clerk' | 'viewer', scopeOrgId: string) =>
      caller(L.core, (await L.admin('user.create', { username, displayName, role, scopeOrgId, password: `${username}-pass-2024` })).id);
    const clerk1 = await user('clerk1', '张录入', 'clerk', town.id);
    const clerk2 = await user('clerk2', '李录入', 'clerk', town.id);
    const townAdmin = await user('townadmin', '东乡管理员', 'admin', town.id);
    const otherAdmin = await user('westadmin', '西乡管理员', 'admin', other.id);
    const viewer = await user('viewer1', '王查阅', 'viewer', town.id);

    const commitAs = async (as: typeof clerk1, names: string[]) => {
      const p = await as('import.preview', { files: [roster(names)], kind: 'members', underOrgId: town.id });
      expect(p.plan.create).toBe(names.length);
      return (await as('import.commit', { previewId: p.previewId })).batchId;
    };
    const own = await commitAs(clerk1, ['甲一', '甲二']);
    const others = await commitAs(clerk2, ['乙一']);
    const admins = await commitAs(townAdmin, ['丙一']);

    // The list: who committed each, and 撤销 offered only where the rule allows.
    const canUndo = async (as: typeof clerk1) => Object.fromEntries((await as('import.batches', {})).rows.map((b) => [b.id, b.canUndo]));
    expect(await canUndo(clerk1)).toEqual({ [own]: true, [others]: false, [admins]: false });
    expect(await canUndo(townAdmin)).toEqual({ [own]: true, [others]: true, [admins]: true });
    expect(await canUndo(viewer)).toEqual({ [own]: false, [others]: false, [admins]: false });
    expect(await canUndo(L.admin)).toEqual({ [own]: true, [others]: true, [admins]: true });
    expect((await otherAdmin('import.batches', {})).rows).toEqual([]);
    const listed = (await clerk1('import.batches', {})).rows.find((b) => b.id === others)!;
    expect(listed).toMatchObject({ username: 'clerk2', userDisplayName: '李录入' });

    // Refusals say why, and change nothing.
    const e1 = await refusal(clerk1('import.undo', { batchId: others }));
    expect(e1?.code).toBe('FORBIDDEN');
    expect(e1?.message).toContain('录入员只能撤销本人导入的批次');
    expect((await refusal(clerk1('import.undo', { batchId: admins })))?.code).toBe('FORBIDDEN');
    expect((await refusal(viewer('import.undo', { batchId: own })))?.code).toBe('FORBIDDEN');
    const e2 = await refusal(otherAdmin('import.undo', { batchId: own }));
    expect(e2?.code).toBe('FORBIDDEN');
    expect(e2?.message).toContain('不在您的管理范围内');
    expect((await refusal(clerk1('import.undo', { batchId: own, force: true })))?.code).toBe('FORBIDDEN');
    expect((await L.admin('member.list', { orgId: town.id })).total).toBe(4);

    // Allowed: the clerk their own, the township administrator another clerk's.
    expect(await clerk1('import.undo', { batchId: own })).toMatchObject({ deleted: 6 });
    expect(await townAdmin('import.undo', { batchId: others })).toMatchObject({ deleted: 3 });
    expect(await canUndo(clerk1)).toEqual({ [own]: false, [others]: false, [admins]: false });
    expect((await L.admin('member.list', { orgId: town.id })).total).toBe(1);
  });
});

describe('import.undo: a later change that left updated_at alone still blocks it', () => {
  const L = suiteLedger();

  /** A batch of members under the root, and the first member's id. */
  const batchOf = async (names: string[]) => {
    const p = await L.admin('import.preview', { files: [roster(names, '中共测试县委员会', true)], kind: 'members' });
    const c = await L.admin('import.commit', { previewId: p.previewId });
    const m = L.core.sqlite.prepare('SELECT id, updated_at AS updatedAt FROM members WHERE import_batch_id = ? ORDER BY name LIMIT 1').get(c.batchId) as { id: string; updatedAt: string };
    return { batchId: c.batchId, memberId: m.id, updatedAt: m.updatedAt };
  };
  /** A 延长预备期 event: audited on the member, its row untouched. */
  const laterEvent = async (memberId: string) => L.admin('member.addEvent', { memberId, kind: 'probation-extended', onDate: '2024-07-05', months: 6 });
  const undoRefusedFor = async (batchId: string, memberId: string, updatedAt: string) => {
    expect((L.core.sqlite.prepare('SELECT updated_at AS u FROM members WHERE id = ?').get(memberId) as { u: string }).u).toBe(updatedAt);
    const e = await refusal(L.admin('import.undo', { batchId }));
    expect(e?.code).toBe('CONFLICT');
    expect(e?.message).toMatch(/党员“丁一”于\S+被admin修改（member\.addEvent）/);
    // Forcing cannot help: the event refers to the member.
    const forced = await refusal(L.admin('import.undo', { batchId, force: true }));
    expect(forced?.code).toBe('CONFLICT');
    expect(forced?.message).toContain('已被其他记录引用');
  };

  it('found from the audit rows written since, when they are fewer than the records', async () => {
    const b = await batchOf(['丁一', '丁二', '丁三', '丁四', '丁五']);
    await laterEvent(b.memberId);
    await undoRefusedFor(b.batchId, b.memberId, b.updatedAt);
  });

  it('found from the records, when the audit rows written since are more', async () => {
    const b = await batchOf(['丁一']);
    for (let i = 0; i < 3; i++) await L.admin('org.create', { parentId: L.rootId, name: `中共后建${i}支部委员会`, kind: 'branch', unitCategory: 'village' });
    await laterEvent(b.memberId);
    await undoRefusedFor(b.batchId, b.memberId, b.updatedAt);
  });
});

describe('import.undo of a batch that added events to members it did not create', () => {
  const L = suiteLedger();

  it('deletes those events, each audited with its row, and restores the members', async () => {
    const idNumber = idFor('1990-04-05', true);
    const csv = (category: string, confirmed: string) =>
      Buffer.from(`\uFEFF姓名,性别,公民身份号码,所在党组织,人员类别,入党日期,转正日期\r\n戊一,男,${idNumber},中共测试县委员会,${category},2023-07-01,${confirmed}\r\n`).toString('base64');
    const first = await L.admin('import.preview', { files: [{ name: 'a.csv', dataBase64: csv('预备党员', '') }], kind: 'members' });
    await L.admin('import.commit', { previewId: first.previewId });
    const second = await L.admin('import.preview', { files: [{ name: 'b.csv', dataBase64: csv('正式党员', '2024-07-01') }], kind: 'members' });
    const c = await L.admin('import.commit', { previewId: second.previewId });
    expect(c).toMatchObject({ created: 0, updated: 1 });
    const member = L.core.sqlite.prepare('SELECT id, category FROM members WHERE id_number = ?').get(idNumber) as { id: string; category: string };
    expect(member.category).toBe('formal');
    const added = L.core.sqlite.prepare(`SELECT id, kind FROM member_events WHERE import_batch_id = ?`).all(c.batchId) as { id: string; kind: string }[];
    expect(added.map((e) => e.kind)).toEqual(['confirmed']);

    expect(await L.admin('import.undo', { batchId: c.batchId })).toMatchObject({ deleted: 1, restored: 1 });
    expect(L.core.sqlite.prepare('SELECT category FROM members WHERE id = ?').get(member.id)).toEqual({ category: 'probationary' });
    const audit = L.core.sqlite.prepare(`SELECT entity, entity_id AS id, before, after FROM audit_log WHERE batch_id = ? AND method = 'import.undo' AND entity <> 'importBatch' ORDER BY entity`).all(c.batchId) as { entity: string; id: string; before: string; after: string | null }[];
    expect(audit.map((a) => [a.entity, a.id])).toEqual([
      ['member', member.id],
      ['memberEvent', added[0]!.id],
    ]);
    expect(JSON.parse(audit[1]!.before)).toMatchObject({ id: added[0]!.id, memberId: member.id, kind: 'confirmed', onDate: '2024-07-01' });
    expect(audit[1]!.after).toBeNull();
    expect(JSON.parse(audit[0]!.after!)).toMatchObject({ category: 'probationary' });
  });

  it('names such an event deleted since (its own audit row names it), counting nothing else', async () => {
    const idNumber = idFor('1991-05-06', true);
    const csv = (category: string, confirmed: string) =>
      Buffer.from(`\uFEFF姓名,性别,公民身份号码,所在党组织,人员类别,入党日期,转正日期\r\n戊二,男,${idNumber},中共测试县委员会,${category},2023-07-01,${confirmed}\r\n`).toString('base64');
    const first = await L.admin('import.preview', { files: [{ name: 'a.csv', dataBase64: csv('预备党员', '') }], kind: 'members' });
    await L.admin('import.commit', { previewId: first.previewId });
    const second = await L.admin('import.preview', { files: [{ name: 'b.csv', dataBase64: csv('正式党员', '2024-07-01') }], kind: 'members' });
    const c = await L.admin('import.commit', { previewId: second.previewId });
    // Deleted behind the ledger's back.
    expect(L.core.sqlite.prepare('DELETE FROM member_events WHERE import_batch_id = ?').run(c.batchId).changes).toBe(1);
    const e = await refusal(L.admin('import.undo', { batchId: c.batchId }));
    expect(e?.code).toBe('CONFLICT');
    expect(e?.message).toContain('党员状态记录“confirmed”已被删除');
    expect(e?.message).not.toContain('本批次新建的');
  });
});
