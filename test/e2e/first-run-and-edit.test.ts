import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { openBrowser, screenshot, serve, type Browsing, type Served } from './harness.js';
import { idFor, tempDir } from '../helpers/ledger.js';

const PW = 'e2e-pass-2024';

/**
 * The whole first day of a clerk, in the real UI through the real `ledger serve`:
 * first-run wizard → recovery code → lock → log in → edit a member in the grid → reload →
 * the value persisted and the audit log shows it. No request may leave 127.0.0.1.
 */
describe('browser mode end to end', () => {
  const tmp = tempDir('ledger-e2e-');
  let srv: Served;
  let b: Browsing;
  let recoveryCode = '';

  beforeAll(async () => {
    srv = await serve(join(tmp.dir, 'e2e.ledger'));
    b = await openBrowser();
  });
  afterAll(async () => {
    await b?.close();
    await srv?.stop();
    tmp.cleanup();
  });

  const shotOnFailure = (name: string) => onTestFailed(async () => void (await screenshot(b.page, `failure-${name}`)));

  it('first-run wizard creates the ledger and shows the recovery code', async () => {
    shotOnFailure('wizard');
    const p = b.page;
    await p.goto(srv.url);
    await p.getByTestId('setup-page').waitFor();
    await p.getByTestId('setup-unit').fill('示例县委组织部');
    await p.getByTestId('setup-root-org').fill('中共示例县委员会');
    await p.getByTestId('setup-username').fill('admin');
    await p.getByTestId('setup-display-name').fill('王芳');
    await p.getByTestId('setup-password').fill('short');
    await p.getByTestId('setup-password2').fill('short');
    await p.getByTestId('setup-submit').click();
    await expect(p.getByTestId('error-message').first().textContent()).resolves.toMatch(/密码/);
    await p.getByTestId('setup-password').fill(PW);
    await p.getByTestId('setup-password2').fill(PW);
    await p.getByTestId('setup-submit').click();
    const code = (await p.getByTestId('recovery-code').textContent())?.trim() ?? '';
    expect(code.replace(/\s/g, '')).toMatch(/^[0-9A-Z]{5}(-[0-9A-Z]{5}){4}$/);
    recoveryCode = code;
    await screenshot(p, 'recovery-code');
    await p.getByTestId('recovery-saved').check();
    await p.getByTestId('enter-ledger').click();
    await p.getByTestId('header-unit').waitFor();
    expect(await p.getByTestId('header-unit').textContent()).toContain('示例县委组织部');
  });

  it('locks and logs back in; a wrong password is refused in place', async () => {
    shotOnFailure('login');
    const p = b.page;
    await p.getByTestId('lock-button').click();
    await p.getByTestId('login-page').waitFor();
    await p.getByTestId('login-username').fill('admin');
    await p.getByTestId('login-password').fill('wrong-password-1');
    await p.getByTestId('login-submit').click();
    await expect(p.getByTestId('error-message').first().textContent()).resolves.toContain('用户名或密码错误');
    await p.getByTestId('login-password').fill(PW);
    await p.getByTestId('login-submit').click();
    await p.getByTestId('header-user').waitFor();
  });

  it('changes the password (rules checked in place), then sets it back with the recovery code', async () => {
    shotOnFailure('passwords');
    const p = b.page;
    const NEW_PW = 'changed-pass-2025';
    await p.getByTestId('change-password-button').click();
    await p.getByTestId('cp-old').fill(PW);
    await p.getByTestId('cp-new').fill('short1');
    await p.getByTestId('cp-new2').fill('short1');
    await p.getByTestId('cp-submit').click();
    await expect(p.getByTestId('change-password-dialog').getByTestId('error-message').textContent()).resolves.toContain('新密码至少10位');
    await p.getByTestId('cp-new').fill(NEW_PW);
    await p.getByTestId('cp-new2').fill(NEW_PW + 'x');
    await p.getByTestId('cp-submit').click();
    await expect(p.getByTestId('change-password-dialog').getByTestId('error-message').textContent()).resolves.toContain('两次输入的新密码不一致');
    await p.getByTestId('cp-new2').fill(NEW_PW);
    await p.getByTestId('cp-submit').click();
    await p.getByTestId('change-password-done').waitFor();
    await p.getByTestId('change-password-dialog').getByRole('button', { name: '关闭', exact: true }).last().click();
    await p.getByTestId('lock-button').click();
    await p.getByTestId('login-username').fill('admin');
    await p.getByTestId('login-password').fill(NEW_PW);
    await p.getByTestId('login-submit').click();
    await p.getByTestId('header-user').waitFor();
    // Forgotten: the recovery code sets the first password back and logs in.
    await p.getByTestId('lock-button').click();
    await p.getByTestId('forgot-password').click();
    await p.getByTestId('recover-username').fill('admin');
    await p.getByTestId('recover-code').fill(recoveryCode.toLowerCase());
    await p.getByTestId('recover-password').fill(PW);
    await p.getByTestId('recover-password2').fill(PW);
    await p.getByTestId('recover-submit').click();
    await p.getByTestId('header-user').waitFor();
  });

  it('edits a member in the grid; after a reload the value is there and audited', async () => {
    shotOnFailure('edit');
    const p = b.page;
    // Records to edit, created through the real contract with the page's own session.
    const idNumber = idFor('1978-04-12');
    const created = await p.evaluate(
      async ({ idNumber }) => {
        const call = async (method: string, input: unknown) => {
          const r = await fetch('/api/call', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ method, input }) });
          const env = (await r.json()) as { ok: boolean; value?: any; error?: { message: string } };
          if (!env.ok) throw new Error(env.error?.message);
          return env.value;
        };
        const tree = await call('org.tree', {});
        const town = await call('org.create', { parentId: tree[0].id, name: '中共团结乡委员会', shortName: '团结乡党委', kind: 'committee', unitCategory: 'township' });
        const village = await call('org.create', { parentId: town.id, name: '中共幸福村支部委员会', shortName: '幸福村党支部', kind: 'branch', unitCategory: 'village' });
        return call('member.create', { idNumber, name: '艾则孜·吾术尔', gender: '1', ethnicity: '05', category: 'formal', joinedOn: '2001-07-01', confirmedOn: '2002-07-01', orgId: village.id, phone: '13900000001' });
      },
      { idNumber },
    );
    expect(created.name).toBe('艾则孜·吾术尔');

    await p.reload();
    await p.getByTestId('nav-members').click();
    const phoneCell = p.locator('.ag-row[row-index="0"] [col-id="phone"]');
    await expect.poll(() => phoneCell.textContent(), { timeout: 15_000 }).toBe('13900000001');
    await phoneCell.dblclick();
    const editor = p.locator('.ag-row[row-index="0"] [col-id="phone"] input');
    await editor.fill('18999990000');
    await editor.press('Enter');
    await p.getByTestId('members-saved').waitFor();
    await screenshot(p, 'member-edited');

    await p.reload();
    await p.getByTestId('nav-members').click();
    await expect.poll(() => p.locator('.ag-row[row-index="0"] [col-id="phone"]').textContent(), { timeout: 15_000 }).toBe('18999990000');
    await expect.poll(() => p.locator('.ag-row[row-index="0"] [col-id="name"]').textContent()).toBe('艾则孜·吾术尔');

    await p.getByTestId('nav-audit').click();
    const rows = p.getByTestId('audit-row');
    await rows.first().waitFor();
    const texts = await rows.allTextContents();
    expect(texts.some((t) => t.includes('18999990000') && t.includes('13900000001'))).toBe(true);
    await screenshot(p, 'audit-log');
  });

  it('a cell edit the field rules refuse is shown in place and not saved', async () => {
    shotOnFailure('bad-edit');
    const p = b.page;
    await p.getByTestId('nav-members').click();
    const cell = p.locator('.ag-row[row-index="0"] [col-id="phone"]');
    await expect.poll(() => cell.textContent(), { timeout: 15_000 }).toBe('18999990000');
    await cell.dblclick();
    const editor = p.locator('.ag-row[row-index="0"] [col-id="phone"] input');
    await editor.fill('abc');
    await editor.press('Enter');
    await expect(p.getByTestId('error-message').first().textContent()).resolves.toMatch(/联系电话“abc”不是有效的手机号码/);
    await p.reload();
    await p.getByTestId('nav-members').click();
    await expect.poll(() => p.locator('.ag-row[row-index="0"] [col-id="phone"]').textContent(), { timeout: 15_000 }).toBe('18999990000');
  });

  it('adds a user (a taken user name refused in the dialog) and resets its password', async () => {
    shotOnFailure('users');
    const p = b.page;
    await p.getByTestId('nav-users').click();
    await p.getByTestId('users-page').waitFor();
    const addUser = async (username: string) => {
      await p.getByTestId('user-create-button').click();
      await p.getByTestId('user-form-username').fill(username);
      await p.getByTestId('user-form-name').fill('李录入');
      await p.getByTestId('user-form-password').fill('clerk-pass-2024');
      await p.getByTestId('user-form-submit').click();
    };
    await addUser('admin');
    await expect(p.getByTestId('user-form').getByTestId('error-message').textContent()).resolves.toMatch(/admin/);
    await p.getByTestId('user-form').getByRole('button', { name: '取消' }).click();
    await addUser('clerk1');
    await p.getByTestId('user-form').waitFor({ state: 'detached' });
    const row = p.getByTestId('user-row').filter({ hasText: 'clerk1' });
    await row.waitFor();
    await row.getByTestId('user-reset-password').click();
    await p.getByTestId('reset-password-input').fill('reset-pass-2025');
    await p.getByTestId('reset-password-submit').click();
    await p.getByTestId('reset-password-dialog').waitFor({ state: 'detached' });
  });

  it('changes a user\'s role and scope in the edit dialog; the last county administrator is not demoted', async () => {
    shotOnFailure('user-edit');
    const p = b.page;
    // A new user's scope starts as the creator's own: here the county.
    await p.getByTestId('user-create-button').click();
    await expect(p.getByTestId('user-form-scope').evaluate((s: HTMLSelectElement) => s.selectedOptions[0]?.textContent ?? '')).resolves.toContain('中共示例县委员会');
    await p.getByTestId('user-form').getByRole('button', { name: '取消' }).click();

    const row = p.getByTestId('user-row').filter({ hasText: 'clerk1' });
    await row.getByTestId('user-edit').click();
    const dialog = p.getByTestId('user-edit-dialog');
    await dialog.getByTestId('user-edit-role').selectOption('viewer');
    const town = await dialog.getByTestId('user-edit-scope').locator('option', { hasText: '中共团结乡委员会' }).getAttribute('value');
    await dialog.getByTestId('user-edit-scope').selectOption(town!);
    await dialog.getByTestId('user-edit-submit').click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => row.textContent()).toMatch(/查阅.*中共团结乡委员会/);
    await screenshot(p, 'user-edited');

    // The only county-wide administrator cannot make themselves a clerk: refused in the dialog.
    await p.getByTestId('user-row').filter({ hasText: 'admin' }).getByTestId('user-edit').click();
    await dialog.getByTestId('user-edit-role').selectOption('clerk');
    await dialog.getByTestId('user-edit-submit').click();
    await expect(dialog.getByTestId('error-message').textContent()).resolves.toContain('管理范围为全县的启用管理员');
    await dialog.getByRole('button', { name: '取消' }).click();
    await expect.poll(() => p.getByTestId('user-row').filter({ hasText: 'admin' }).textContent()).toContain('管理员');
  });

  it('no request left 127.0.0.1', () => {
    expect(b.offHost).toEqual([]);
  });
});
