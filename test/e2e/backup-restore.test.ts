import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { Page } from 'playwright-core';
import { openBrowser, screenshot, serve, type Browsing, type Served } from './harness.js';
import { completeFirstRun, E2E_PASSWORD, pageCall } from './wizard.js';
import { tempDir } from '../helpers/ledger.js';

const text = async (p: Page, testId: string) => ((await p.getByTestId(testId).first().textContent()) ?? '').replace(/\s+/g, '');

/**
 * An administrator's backup day in the real UI through the real `ledger serve`: 立即备份 into the
 * rotating set (listed, verified), a copy onto a "USB stick" folder typed in, a preview of what a
 * backup holds, the restore, and everyone sent back to the login with a notice.
 */
describe('备份与恢复 through the UI', () => {
  const tmp = tempDir('ledger-e2e-backup-');
  const usb = join(tmp.dir, 'usb');
  let srv: Served;
  let b: Browsing;
  let rootId = '';

  beforeAll(async () => {
    mkdirSync(usb);
    srv = await serve(join(tmp.dir, 'backup.ledger'));
    b = await openBrowser();
  });
  afterAll(async () => {
    await b?.close();
    await srv?.stop();
    tmp.cleanup();
  });

  const shotOnFailure = (name: string) => onTestFailed(async () => void (await screenshot(b.page, `failure-backup-${name}`)));
  const orgNames = async () => (await pageCall<{ name: string }[]>(b.page, 'org.tree', {})).map((o) => o.name);

  it('backs up now: the copy is listed with its verification', async () => {
    shotOnFailure('now');
    const p = b.page;
    await completeFirstRun(p, srv.url);
    rootId = (await pageCall<{ id: string }[]>(p, 'org.tree', {}))[0]!.id;
    await pageCall(p, 'org.create', { parentId: rootId, name: '中共备份前支部委员会', kind: 'branch' });
    await p.getByTestId('nav-backup').click();
    await p.getByTestId('backup-page').waitFor();
    await expect.poll(() => text(p, 'backup-table')).toContain('还没有备份');
    await p.getByTestId('backup-now').click();
    await p.getByTestId('backup-notice').waitFor();
    expect(await text(p, 'backup-notice')).toContain('完整性检查通过');
    await expect.poll(() => p.getByTestId('backup-row').count()).toBe(1);
    expect(await text(p, 'backup-verified')).toContain('已校验');
    await p.getByTestId('backup-verify').click();
    await expect.poll(() => text(p, 'backup-notice')).toContain('已用密钥打开，完整性检查通过');
    await screenshot(p, 'backup-listed');
  });

  it('backs up to a folder typed in (browser mode), refusing a relative path with what to do', async () => {
    shotOnFailure('folder');
    const p = b.page;
    await p.getByTestId('backup-folder').fill('台账备份');
    await p.getByTestId('backup-to-folder').click();
    await expect.poll(() => text(p, 'error-message')).toContain('请填写完整的文件夹路径');
    await p.getByTestId('backup-folder').fill(usb);
    await p.getByTestId('backup-to-folder').click();
    await expect.poll(() => text(p, 'backup-notice')).toContain('已备份到');
    expect(await text(p, 'backup-notice')).toContain('.keyring');
    const files = readdirSync(usb);
    expect(files).toHaveLength(2);
    expect(files.filter((f) => f.endsWith('.ledger.keyring'))).toHaveLength(1);
    await screenshot(p, 'backup-to-folder');
  });

  it('previews the listed backup, restores it after a confirmation, and sends everyone to the login', async () => {
    shotOnFailure('restore');
    const p = b.page;
    await pageCall(p, 'org.create', { parentId: rootId, name: '中共备份后支部委员会', kind: 'branch' });
    await p.getByTestId('backup-restore').first().click();
    await p.getByTestId('restore-preview').waitFor();
    expect(await text(p, 'preview-orgs')).toBe('2个');
    expect(await text(p, 'preview-members')).toBe('0名');
    expect(await text(p, 'preview-integrity')).toContain('检查通过');
    expect(await p.getByTestId('restore-submit').isDisabled()).toBe(true);
    await screenshot(p, 'restore-preview');
    await p.getByTestId('restore-confirm').check();
    await p.getByTestId('restore-submit').click();
    await p.getByTestId('login-page').waitFor();
    expect(await text(p, 'login-notice')).toContain('已从备份恢复台账');
    await screenshot(p, 'restore-logged-out');

    await p.getByTestId('login-username').fill('admin');
    await p.getByTestId('login-password').fill(E2E_PASSWORD);
    await p.getByTestId('login-submit').click();
    await p.getByTestId('header-user').waitFor();
    const names = await orgNames();
    expect(names).toContain('中共备份前支部委员会');
    expect(names).not.toContain('中共备份后支部委员会');
    expect(existsSync(join(tmp.dir, 'backup.ledger.before-restore'))).toBe(true);
  });

  it('previews a backup file typed in: the copy on the USB stick', async () => {
    shotOnFailure('other-file');
    const p = b.page;
    await p.getByTestId('nav-backup').click();
    const onStick = readdirSync(usb).find((f) => f.endsWith('.ledger'))!;
    await p.getByTestId('restore-file').fill(join(usb, onStick));
    await p.getByTestId('restore-file-preview').click();
    await p.getByTestId('restore-preview').waitFor();
    expect(await text(p, 'preview-orgs')).toBe('2个');
    await screenshot(p, 'restore-preview-file');
    expect(b.offHost).toEqual([]);
  });
});
