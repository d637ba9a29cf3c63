import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { openBrowser, screenshot, serve, type Browsing, type Served } from './harness.js';
import { completeFirstRun, E2E_PASSWORD, pageCall } from './wizard.js';
import { tempDir } from '../helpers/ledger.js';

/**
 * 退出, an administrator setting the idle time, and the host ending an idle session by itself: the
 * real page against the real `ledger serve`, whose clock the test moves through LEDGER_TEST_CLOCK_FILE
 * (read only when that variable is set) instead of waiting.
 */
describe('browser mode: 退出, the idle time setting and host-side expiry', () => {
  const tmp = tempDir('ledger-e2e-');
  const clockFile = join(tmp.dir, 'clock-offset');
  let srv: Served;
  let b: Browsing;

  beforeAll(async () => {
    srv = await serve(join(tmp.dir, 'e2e.ledger'), { LEDGER_TEST_CLOCK_FILE: clockFile });
    b = await openBrowser();
    await completeFirstRun(b.page, srv.url);
  });
  afterAll(async () => {
    await b?.close();
    await srv?.stop();
    tmp.cleanup();
  });

  const shotOnFailure = (name: string) => onTestFailed(async () => void (await screenshot(b.page, `failure-${name}`)));

  async function logIn(): Promise<void> {
    const p = b.page;
    await p.getByTestId('login-username').fill('admin');
    await p.getByTestId('login-password').fill(E2E_PASSWORD);
    await p.getByTestId('login-submit').click();
    await p.getByTestId('header-user').waitFor();
  }

  it('退出 returns to the login page and the host drops the worker', async () => {
    shotOnFailure('logout');
    const p = b.page;
    await p.getByTestId('logout-button').click();
    await p.getByTestId('login-page').waitFor();
    expect(await p.getByTestId('login-notice').textContent()).toBe('已退出登录');
    // The page leaves the ledger before the host has finished (it audits the 退出, then stops the worker).
    await expect.poll(() => pageCall(p, 'app.status', {}), { timeout: 15_000 }).toMatchObject({ unlocked: false, session: null });
    await logIn();
  });

  it('an administrator sets the idle time on the 设置 page', async () => {
    shotOnFailure('settings');
    const p = b.page;
    await p.getByTestId('nav-settings').click();
    await p.getByTestId('settings-page').waitFor();
    const input = p.getByTestId('settings-idle-minutes');
    await expect.poll(() => input.inputValue()).toBe('15');
    await input.fill('0');
    await p.getByTestId('settings-save').click();
    expect(await p.getByTestId('error-message').textContent()).toContain('1 到 240 之间的整数');
    await input.fill('5');
    await p.getByTestId('settings-save').click();
    expect(await p.getByTestId('settings-saved').textContent()).toContain('5 分钟没有操作');
    await screenshot(p, 'settings-idle');
    expect(await pageCall(p, 'settings.get', {})).toMatchObject({ idleLockMinutes: 5 });
  });

  it('after that time without a call the host ends the session; the page shows the login with the reason', async () => {
    shotOnFailure('expiry');
    const p = b.page;
    writeFileSync(clockFile, String(6 * 60_000));
    await p.getByTestId('nav-members').click();
    await p.getByTestId('login-page').waitFor();
    expect(await p.getByTestId('login-notice').textContent()).toBe('已因 5 分钟未操作自动退出登录，请重新登录。');
    // The page leaves the ledger before the host has finished (it audits the 退出, then stops the worker).
    await expect.poll(() => pageCall(p, 'app.status', {}), { timeout: 15_000 }).toMatchObject({ unlocked: false, session: null });
    await screenshot(p, 'session-expired');
    await logIn();
    const expired = await pageCall<{ rows: { method: string; username: string }[] }>(p, 'audit.list', { method: 'app.sessionExpired' });
    expect(expired.rows).toMatchObject([{ method: 'app.sessionExpired', username: 'admin' }]);
    const loggedOut = await pageCall<{ rows: unknown[] }>(p, 'audit.list', { method: 'app.logout' });
    expect(loggedOut.rows).toHaveLength(1);
    expect(b.offHost).toEqual([]);
  });
});
