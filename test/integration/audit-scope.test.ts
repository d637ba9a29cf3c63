import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LedgerError, type Input } from '../../shared/contract/index.js';
import type { AuditLogPage } from '../../shared/types/records.js';
import type { Core } from '../../electron/core/core.js';
import { writeAudit } from '../../electron/core/audit/audit.js';
import { buildTwoTownships, type TwoTownships } from '../helpers/county.js';
import { caller, createCore, idFor, tempDir } from '../helpers/ledger.js';

async function errorOf(p: Promise<unknown>): Promise<LedgerError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof LedgerError) return e;
    throw e;
  }
  throw new Error('expected the call to be refused');
}

describe('audit.list: each administrator reads the subtree, with filters and names', () => {
  const tmp = tempDir();
  let core: Core;
  let t: TwoTownships;
  let rootId: string;
  let county: ReturnType<typeof caller>;
  let townAdmin: ReturnType<typeof caller>;
  let list: (who: ReturnType<typeof caller>, input?: Input<'audit.list'>) => Promise<AuditLogPage>;
  const bIdNumber = idFor('1979-09-09');
  let before: string;

  beforeAll(async () => {
    const made = await createCore(tmp.dir);
    core = made.core;
    rootId = made.rootId;
    county = caller(core, made.adminId);
    t = await buildTwoTownships(core, made.adminId, rootId);
    townAdmin = caller(core, t.adminA.id);
    before = new Date().toISOString();
    // Records of both townships change, by both clerks; one member of 乙乡 with a known ID number.
    await county('member.create', { idNumber: bIdNumber, name: '乙乡新党员', gender: '1', category: 'formal', joinedOn: '2001-07-01', confirmedOn: '2002-07-01', orgId: t.B.village.id });
    await caller(core, t.clerkA.id)('member.update', { id: t.A.member.id, patch: { phone: '13900000001' } });
    await caller(core, t.clerkB.id)('member.update', { id: t.B.member.id, patch: { phone: '13900000002' } });
    await county('org.update', { id: t.B.village.id, patch: { phone: '0998-5555555' } });
    await county('settings.update', { idleLockMinutes: 25 });
    // Host events (logins): the row belongs to the user's scope.
    for (const u of [t.clerkA, t.clerkB]) {
      await writeAudit(core.db, { actor: { userId: u.id, username: u.username }, method: 'app.login', at: new Date().toISOString() }, 'session', null, null, {});
    }
    list = (who, input = {}) => who('audit.list', { limit: 500, ...input });
  });
  afterAll(async () => {
    await core.close();
    tmp.cleanup();
  });

  it('a township administrator sees only rows about its subtree: no other township’s names or ID numbers', async () => {
    const page = await list(townAdmin);
    expect(page.total).toBe(page.rows.length);
    const text = JSON.stringify(page);
    expect(text).not.toContain(bIdNumber);
    expect(text).not.toContain('乙');
    expect(text).not.toContain('idleLockMinutes');
    const aOrgs = new Set((await townAdmin('org.tree', {})).map((o) => o.id));
    expect(page.rows.every((r) => r.orgId !== null && aOrgs.has(r.orgId))).toBe(true);
    // Its own records' changes and its users' logins are there.
    expect(page.rows.some((r) => r.method === 'member.update' && r.entityId === t.A.member.id)).toBe(true);
    expect(page.rows.some((r) => r.method === 'app.login' && r.userId === t.clerkA.id)).toBe(true);
    expect(page.rows.some((r) => r.method === 'app.login' && r.userId === t.clerkB.id)).toBe(false);
  });

  it('a county-wide administrator sees every row, the settings and both townships', async () => {
    const all = await core.db.selectFrom('auditLog').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const page = await list(county);
    expect(page.total).toBe(Number(all.n));
    expect(page.rows.some((r) => r.method === 'settings.update')).toBe(true);
    expect(JSON.stringify(page)).toContain(bIdNumber);
    // Filtering by the root is the whole log.
    expect((await list(county, { orgId: rootId })).total).toBe(Number(all.n));
  });

  it('names: the ids the rows mention, only as far as the caller may see', async () => {
    const mine = await list(townAdmin, { entityId: t.A.member.id });
    expect(mine.names[t.A.member.id]).toBe('甲党员');
    expect(mine.names[t.A.village.id]).toBe(t.A.village.name);
    expect(mine.names[t.clerkA.id]).toBe('甲乡录入员');
    // The township's own organisation row names the root as its parent: the chain above a scope is named.
    const townSeen = await list(townAdmin, { entity: 'org', entityId: t.A.town.id });
    expect(townSeen.rows.length).toBeGreaterThan(0);
    expect(townSeen.names[t.A.town.id]).toBe('中共甲乡委员会');
    expect(townSeen.names[rootId]).toBe('中共测试县委员会');
    // The county administrator who made it is named for the county, not for the township.
    expect((await list(county, { entity: 'org', entityId: t.A.town.id })).names[townSeen.rows[0]!.userId!]).toBe('管理员');
    expect(townSeen.names[townSeen.rows[0]!.userId!]).toBeUndefined();
  });

  it('filters by user, action, time and organisation subtree', async () => {
    const byUser = await list(county, { userId: t.clerkA.id });
    expect(byUser.rows.length).toBeGreaterThan(0);
    expect(byUser.rows.every((r) => r.userId === t.clerkA.id)).toBe(true);

    const byMethod = await list(county, { method: 'member.update' });
    expect(byMethod.rows.map((r) => r.entityId).sort()).toEqual([t.A.member.id, t.B.member.id].sort());

    const recent = await list(county, { from: before });
    expect(recent.rows.every((r) => r.at >= before)).toBe(true);
    const older = await list(county, { to: before });
    expect(older.rows.every((r) => r.at < before)).toBe(true);
    expect(recent.total + older.total).toBe((await list(county)).total);

    const village = await list(county, { orgId: t.B.village.id });
    expect(village.rows.length).toBeGreaterThan(0);
    expect(village.rows.every((r) => r.orgId === t.B.village.id)).toBe(true);
    expect(village.rows.some((r) => r.method === 'org.update')).toBe(true);

    // Combined, and paged newest first.
    const both = await list(county, { userId: t.clerkB.id, method: 'member.update', orgId: t.B.town.id });
    expect(both.rows).toHaveLength(1);
    const p1 = await list(county, { limit: 3 });
    const p2 = await list(county, { limit: 3, offset: 3 });
    expect(p1.rows[2]!.at >= p2.rows[0]!.at).toBe(true);
    expect(new Set([...p1.rows, ...p2.rows].map((r) => r.id)).size).toBe(6);
  });

  it('refuses an organisation outside the caller’s scope, and malformed filters, in Chinese', async () => {
    expect((await errorOf(list(townAdmin, { orgId: t.B.town.id }))).code).toBe('FORBIDDEN');
    const bad = await errorOf(list(county, { from: '2024-01-01' }));
    expect(bad.code).toBe('VALIDATION');
    expect(bad.message).toMatch(/时间格式/);
    const backwards = await errorOf(list(county, { from: '2024-02-01T00:00:00.000Z', to: '2024-01-01T00:00:00.000Z' }));
    expect(backwards.message).toMatch(/结束时间应晚于开始时间/);
    expect((await errorOf(caller(core, t.clerkA.id)('audit.list', {}))).code).toBe('FORBIDDEN');
  });

  it('the log cannot be edited: the database refuses UPDATE and DELETE, undo keeps the rows it undoes', async () => {
    const n = async () => Number((await core.db.selectFrom('auditLog').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const n0 = await n();
    await expect(core.db.updateTable('auditLog').set({ after: null }).execute()).rejects.toThrow(/操作日志不可修改/);
    await expect(core.db.deleteFrom('auditLog').execute()).rejects.toThrow(/操作日志不可删除/);
    expect(await n()).toBe(n0);
    const csv = `\uFEFF姓名,公民身份号码,所在党组织,人员类别,入党日期\r\n导入党员,${idFor('1991-01-01')},${t.A.village.shortName},预备党员,2024-07-01\r\n`;
    const p = await townAdmin('import.preview', { files: [{ name: 'm.csv', dataBase64: Buffer.from(csv).toString('base64') }], underOrgId: t.A.town.id });
    const c = await townAdmin('import.commit', { previewId: p.previewId });
    // The member the batch created has no audit row of its own: the batch's row stands for it, on
    // the importing scope (the township), and the member's history shows it.
    const member = await core.db.selectFrom('members').select('id').where('importBatchId', '=', c.batchId).executeTakeFirstOrThrow();
    expect((await list(townAdmin, { method: 'import.commit', entity: 'member' })).rows).toEqual([]);
    const history = (await list(townAdmin, { entity: 'member', entityId: member.id })).rows;
    expect(history.map((r) => [r.entity, r.entityId, r.method, r.orgId])).toEqual([['importBatch', c.batchId, 'import.commit', t.A.town.id]]);
    expect(history[0]!.after).toMatchObject({ createdRecords: { member: 1, memberEvent: 1 } });
    // Another township's administrator learns nothing from the member's id.
    const adminB = await county('user.create', { username: 'admin_b', displayName: '乙乡管理员', role: 'admin', scopeOrgId: t.B.town.id, password: 'admin-b-pass-2024' });
    expect((await list(caller(core, adminB.id), { entity: 'member', entityId: member.id })).rows).toEqual([]);
    const n1 = await n();
    await townAdmin('import.undo', { batchId: c.batchId });
    expect(await n()).toBeGreaterThan(n1);
    const batch = await list(townAdmin, { entityId: c.batchId });
    expect(batch.rows.map((r) => r.method).sort()).toEqual(['import.commit', 'import.undo']);
  });
});
