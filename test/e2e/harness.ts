import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

const ROOT = join(import.meta.dirname, '../..');
export const SHOTS = join(ROOT, 'test-results', 'e2e');

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface Served {
  url: string;
  origin: string;
  proc: ChildProcess;
  stop(): Promise<void>;
}

/** Starts the real `ledger serve` (built CLI; the bench passes its own) on a database and waits for its URL. */
export function serve(dbFile: string, env: Record<string, string> = {}, cliFile = join(ROOT, 'dist-node/cli.mjs')): Promise<Served> {
  const proc = spawn(process.execPath, [cliFile, 'serve', '--db', dbFile], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  proc.stderr!.on('data', (c: Buffer) => (err += c.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('serve did not print a URL: ' + err)), 30_000);
    proc.stdout!.once('data', (c: Buffer) => {
      clearTimeout(timer);
      const url = c.toString().trim();
      resolve({
        url,
        origin: new URL(url).origin,
        proc,
        stop: () =>
          new Promise<void>((res) => {
            if (proc.exitCode !== null) return res();
            proc.once('exit', () => res());
            proc.kill('SIGTERM');
          }),
      });
    });
    proc.once('exit', (code) => reject(new Error(`serve exited ${code}: ${err}`)));
  });
}

export interface Browsing {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Every URL the page asked for that was not on 127.0.0.1 (must stay empty). */
  offHost: string[];
  close(): Promise<void>;
}

export async function openBrowser(): Promise<Browsing> {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true });
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1400, height: 900 } });
  const offHost: string[] = [];
  context.on('request', (req) => {
    const u = new URL(req.url());
    if (!['127.0.0.1', 'localhost'].includes(u.hostname) && !['data:', 'blob:', 'about:'].includes(u.protocol)) offHost.push(req.url());
  });
  // Belt and braces: anything off-host is aborted, and still recorded above.
  await context.route((url) => !['127.0.0.1', 'localhost'].includes(url.hostname) && url.protocol.startsWith('http'), (route) => route.abort());
  const page = await context.newPage();
  return { browser, context, page, offHost, close: () => browser.close() };
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SHOTS, { recursive: true });
  const file = join(SHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
