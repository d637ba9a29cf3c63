import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core.js';
import { buildTwoTownships, type TwoTownships } from '../helpers/county.js';
import { caller, createCore, tempDir } from '../helpers/ledger.js';

/**
 * 等保 2.0 access control: a new user's default scope is the creator's; an administrator may change
 * a user's role and scope within their own scope (audited); the last county-wide administrator
 * stays one, so someone can always manage the county.
 */
describe('users: default scope, role and scope changes', () => {
  const tmp = tempDir();
  let core: Core;
  let t: TwoTownships;
  let adminId: string;
  let rootId: string;
  let county: ReturnType<typeof caller>;
  let town: ReturnType<typeof caller>;

  beforeAll(async () => {
    const made = await createCore(tmp.dir);
    core = made.core;
    adminId = made.adminId;
    rootId = made.rootId;
    t = await buildTwoTownships(core, adminId, rootId);
    county = caller(core, adminId);
    town = caller(core, t.adminA.id);
  });
  afterAll(async () => {
    await core.close();
    tmp.cleanup();
  });

  it('a new user without a scope gets the creator\'s own scope', async () => {
    const byCounty = await county('user.create', { username: 'new_county', displayName: '县新用户', role: 'viewer', password: 'viewer-pass-2025' });
    expect(byCounty.scopeOrgId).toBe(rootId);
    const byTown = await town('user.create', { username: 'new_town', displayName: '乡新用户', role: 'clerk', password: 'clerk-pass-2025' });
    expect(byTown.scopeOrgId).toBe(t.A.town.id);
  });

  it('an administrator changes a user\'s role and scope; the audit log has both, before and after', async () => {
    const changed = await town('user.update', { id: t.clerkA.id, patch: { role: 'viewer', scopeOrgId: t.A.village.id } });
    expect(changed).toMatchObject({ role: 'viewer', scopeOrgId: t.A.village.id });
    const audit = await core.db.selectFrom('auditLog').selectAll().where('entityId', '=', t.clerkA.id).where('method', '=', 'user.update').executeTakeFirstOrThrow();
    expect(JSON.parse(audit.before!)).toMatchObject({ role: 'clerk', scopeOrgId: t.A.town.id });
    expect(JSON.parse(audit.after!)).toMatchObject({ role: 'viewer', scopeOrgId: t.A.village.id });
    expect(audit.userId).toBe(t.adminA.id);
    // The user's next call already runs with the new role and scope.
    await expect(caller(core, t.clerkA.id)('member.update', { id: t.A.member.id, patch: { phone: '13900000000' } })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await town('user.update', { id: t.clerkA.id, patch: { role: 'clerk', scopeOrgId: t.A.town.id } });
  });

  it('a township administrator can neither widen a scope beyond 甲乡 nor touch a county user', async () => {
    await expect(town('user.update', { id: t.clerkA.id, patch: { scopeOrgId: rootId } })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(town('user.create', { username: 'too_wide', displayName: '越权', role: 'admin', scopeOrgId: rootId, password: 'admin-pass-2025' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(town('user.update', { id: adminId, patch: { role: 'viewer' } })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('the last county-wide administrator cannot be demoted, switched off or narrowed, even with township administrators left', async () => {
    for (const patch of [{ role: 'clerk' }, { active: false }, { scopeOrgId: t.A.town.id }] as const) {
      await expect(county('user.update', { id: adminId, patch })).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('管理范围为全县的启用管理员') });
    }
    // A township administrator may be demoted: the county keeps its administrator.
    await county('user.update', { id: t.adminA.id, patch: { role: 'clerk' } });
    await county('user.update', { id: t.adminA.id, patch: { role: 'admin' } });
    // With a second county administrator, the first may step down to a township.
    const second = await county('user.create', { username: 'county_admin2', displayName: '县管理员二', role: 'admin', password: 'admin-pass-2025' });
    await county('user.update', { id: adminId, patch: { scopeOrgId: t.A.town.id } });
    await expect(caller(core, second.id)('user.update', { id: second.id, patch: { role: 'viewer' } })).rejects.toMatchObject({ code: 'CONFLICT' });
  });
});
