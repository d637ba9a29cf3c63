import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LedgerHost } from '../../electron/core/host/ledger-host.js';
import { tempDir } from '../helpers/ledger.js';

/**
 * The hosts' maintenance operations act on the whole ledger, so only a county-wide administrator
 * may run them: a township's administrator is refused by the core, as for countyWide calls.
 */
describe('host maintenance operations are county-wide', () => {
  const tmp = tempDir();
  const host = new LedgerHost({ dbFile: join(tmp.dir, 'county.ledger') });

  beforeAll(async () => {
    await host.call('county', 'app.setup', { unitName: '测试县委组织部', adminUsername: 'admin', adminDisplayName: '管理员', password: 'admin-pass-2024' });
    const root = (await host.call('county', 'org.tree', {}))[0]!;
    const town = await host.call('county', 'org.create', { parentId: root.id, name: '中共甲乡委员会', kind: 'committee' });
    await host.call('county', 'user.create', { username: 'town_admin', displayName: '甲乡管理员', role: 'admin', scopeOrgId: town.id, password: 'town-pass-2024' });
    await host.call('county', 'user.create', { username: 'county_clerk', displayName: '县录入员', role: 'clerk', scopeOrgId: root.id, password: 'clerk-pass-2024' });
    await host.call('town', 'app.login', { username: 'town_admin', password: 'town-pass-2024' });
    await host.call('clerk', 'app.login', { username: 'county_clerk', password: 'clerk-pass-2024' });
  });
  afterAll(async () => {
    await host.close();
    tmp.cleanup();
  });

  it('check: a township administrator and a county clerk are refused; the county administrator is not', async () => {
    await expect(host.check('town')).rejects.toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('只有管理范围为全县的用户可以执行') });
    await expect(host.check('clerk')).rejects.toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('无权执行“检查台账”') });
    await expect(host.check('county')).resolves.toMatchObject({ ok: true });
  });

  it('demo: a township administrator is refused and nothing is written', async () => {
    const before = (await host.call('county', 'org.tree', {})).length;
    await expect(host.demo('town', 100, 1)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect((await host.call('county', 'org.tree', {})).length).toBe(before);
  });
});
