import { LedgerError } from '../../../shared/contract/envelope.js';
import type { User } from '../../../shared/types/records.js';
import type { HandlerMap } from '../handler-types.js';
import type { Ctx } from '../context.js';
import { assertOrgInScope, isCountyPath, orgPath } from '../auth/scope.js';
import { userInScope } from '../auth/records.js';
import { newId } from '../util/ids.js';
import { changedFields } from '../util/rows.js';
import type { UserRow } from '../db/schema.js';
import { Keyring } from '../keyring/keyring.js';

export const toUser = (r: UserRow & { scopeOrgName?: string }): User => ({ ...r, active: r.active === 1 });

/**
 * The last active administrator whose scope is the whole county cannot be demoted, switched off or
 * narrowed to a township: nobody could then manage the county's users, settings and backups.
 */
async function assertCountyAdminRemains(ctx: Ctx, changingId: string): Promise<void> {
  const others = await ctx.db
    .selectFrom('users as u')
    .innerJoin('orgs as o', 'o.id', 'u.scopeOrgId')
    .select('u.id')
    .where('u.role', '=', 'admin')
    .where('u.active', '=', 1)
    .where('o.parentId', 'is', null)
    .where('u.id', '!=', changingId)
    .execute();
  if (others.length === 0) throw new LedgerError('CONFLICT', '至少需要保留一名管理范围为全县的启用管理员；请先让另一名用户成为全县管理员');
}

/*
 * Keyring writes come last in each handler, inside the transaction, so the keyring is written just
 * before the database commits: if the keyring write fails, nothing is committed. If the process dies
 * between the two, the keyring is ahead, which always leaves a working and safe state: a created
 * user's slot without its row (no login: the core refuses unknown users; creating the user again
 * overwrites the slot); a disabled user whose slot is gone but who still shows as active (cannot
 * unlock; disable again or reset the password); a reset password that works but has no audit row.
 * The other order could leave a disabled user whose password still unwraps the data key.
 */
export const userHandlers: HandlerMap<'user.' | 'app.changePassword'> = {
  async 'user.list'(ctx) {
    const rows = await ctx.db
      .selectFrom('users as u')
      .innerJoin('orgs as o', 'o.id', 'u.scopeOrgId')
      .selectAll('u')
      .select('o.name as scopeOrgName')
      .where('o.path', '>=', ctx.actor.scopePath)
      .where('o.path', '<', ctx.actor.scopePath.slice(0, -1) + '0')
      .orderBy('u.username')
      .execute();
    return rows.map(toUser);
  },

  async 'user.create'(ctx, input) {
    // 等保 2.0: a new user's default scope is the creator's own, never more.
    const scopeOrgId = input.scopeOrgId ?? ctx.actor.user.scopeOrgId;
    await assertOrgInScope(ctx, scopeOrgId);
    if (await ctx.db.selectFrom('users').select('id').where('username', '=', input.username).executeTakeFirst()) {
      throw new LedgerError('CONFLICT', `用户名 ${input.username} 已存在`);
    }
    const id = newId();
    await ctx.db
      .insertInto('users')
      .values({ id, username: input.username, displayName: input.displayName, role: input.role, scopeOrgId, active: 1, createdAt: ctx.now, updatedAt: ctx.now })
      .execute();
    const created = toUser(await userInScope(ctx, id));
    await ctx.audit('user', id, null, created);
    await Keyring.setUserSlot(ctx.env.keyringPath, input.username, input.password, ctx.env.dataKey);
    return created;
  },

  async 'user.update'(ctx, input) {
    const before = await userInScope(ctx, input.id);
    const newScopePath = input.patch.scopeOrgId ? await assertOrgInScope(ctx, input.patch.scopeOrgId) : null;
    const countyAdmin = before.role === 'admin' && before.active === 1 && isCountyPath(await orgPath(ctx.db, before.scopeOrgId));
    const demoting = (input.patch.role !== undefined && input.patch.role !== 'admin') || input.patch.active === false || (newScopePath !== null && !isCountyPath(newScopePath));
    if (countyAdmin && demoting) await assertCountyAdminRemains(ctx, before.id);
    const { active, ...rest } = input.patch;
    await ctx.db
      .updateTable('users')
      .set({ ...rest, ...(active === undefined ? {} : { active: active ? 1 : 0 }), updatedAt: ctx.now })
      .where('id', '=', input.id)
      .execute();
    const after = toUser(await userInScope(ctx, input.id));
    const diff = changedFields(toUser(before) as never, after as never);
    await ctx.audit('user', input.id, diff.before, diff.after);
    // A switched-off account loses its key slot: its password no longer opens the ledger.
    if (active === false) await Keyring.removeUserSlot(ctx.env.keyringPath, before.username);
    return after;
  },

  async 'user.resetPassword'(ctx, input) {
    const user = await userInScope(ctx, input.id);
    if (user.active !== 1) throw new LedgerError('CONFLICT', '该用户已停用，请先启用');
    await ctx.audit('user', user.id, null, { passwordReset: true });
    await Keyring.setUserSlot(ctx.env.keyringPath, user.username, input.password, ctx.env.dataKey);
    return { reset: true };
  },

  async 'app.changePassword'(ctx, input) {
    const username = ctx.actor.user.username;
    const key = Keyring.load(ctx.env.keyringPath).unlockWithPassword(username, input.oldPassword);
    if (!key || !key.equals(ctx.env.dataKey)) throw new LedgerError('AUTH_FAILED', '原密码不正确');
    await ctx.audit('user', ctx.actor.user.id, null, { passwordChanged: true });
    await Keyring.setUserSlot(ctx.env.keyringPath, username, input.newPassword, ctx.env.dataKey);
    return { changed: true };
  },
};
