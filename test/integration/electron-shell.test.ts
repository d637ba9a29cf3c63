// The Electron binary cannot run on our build machines, so the shell is exercised here without it:
// the real bundle (dist-electron/main.cjs) is loaded in Node with a recording stand-in for the
// 'electron' module. This checks our wiring — start-up order, window options, the app:// handler
// (traversal, MIME, CSP), request blocking, navigation refusal and the IPC sender checks — not
// Electron itself. Nothing here imports 'electron'.
import { existsSync, mkdirSync, copyFileSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/ledger.js';

const repo = resolve(import.meta.dirname, '../..');
const bundle = join(repo, 'dist-electron', 'main.cjs');

type Fn = (...args: any[]) => any;

function fakeElectron(log: string[]) {
  const appHandlers: Record<string, Fn> = {};
  const ipc: Record<string, Fn> = {};
  const contentsHandlers: Record<string, Fn> = {};
  const state: any = { appHandlers, ipc, contentsHandlers, sent: [] as unknown[][], windows: [] as any[] };
  let ready!: () => void;
  const whenReady = new Promise<void>((r) => (ready = r));
  state.ready = () => {
    log.push('ready');
    ready();
  };
  // Events the tests wait for instead of sleeping: the window's page requested, the app quitting.
  state.loaded = new Promise<void>((r) => (state.markLoaded = r));
  state.quitting = new Promise<void>((r) => (state.markQuitting = r));

  class BrowserWindow {
    readonly webContents: any;
    constructor(readonly options: any) {
      log.push('new BrowserWindow');
      this.webContents = {
        mainFrame: { processId: 7, routingId: 1, url: 'app://ledger/index.html' },
        send: (...a: unknown[]) => state.sent.push(a),
      };
      state.windows.push(this);
    }
    once() {}
    on() {}
    loadURL(url: string) {
      state.loadedUrl = url;
      state.markLoaded();
      return Promise.resolve();
    }
    isDestroyed() {
      return false;
    }
  }

  const electron = {
    app: {
      isPackaged: true,
      enableSandbox: () => log.push('enableSandbox'),
      setPath: (name: string, p: string) => log.push(`setPath ${name} ${p}`),
      getPath: (name: string) => `/fake/${name}`,
      getVersion: () => '0.0.0',
      requestSingleInstanceLock: () => true,
      on: (name: string, fn: Fn) => (appHandlers[name] = fn),
      whenReady: () => whenReady,
      quit: () => {
        log.push('quit');
        state.markQuitting();
      },
      exit: (code: number) => (state.exitCode = code),
    },
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown) => {
        log.push('registerSchemesAsPrivileged');
        state.schemes = schemes;
      },
      handle: (scheme: string, fn: Fn) => {
        state.protocolScheme = scheme;
        state.protocol = fn;
      },
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (fn: Fn) => (state.permissionRequest = fn),
        setPermissionCheckHandler: (fn: Fn) => (state.permissionCheck = fn),
        setDevicePermissionHandler: (fn: Fn) => (state.devicePermission = fn),
        on: () => {},
        webRequest: { onBeforeRequest: (fn: Fn) => (state.beforeRequest = fn) },
      },
    },
    ipcMain: { handle: (channel: string, fn: Fn) => (ipc[channel] = fn) },
    BrowserWindow,
    Menu: {
      buildFromTemplate: (t: unknown) => (state.menu = t),
      setApplicationMenu: () => {},
    },
    dialog: {},
  };
  return { electron, state };
}

describe('Electron shell wiring (bundle loaded with a stand-in electron module)', () => {
  const tmp = tempDir('ledger-shell-');
  const log: string[] = [];
  const { electron, state } = fakeElectron(log);
  const argv = process.argv;

  beforeAll(async () => {
    if (!existsSync(bundle)) throw new Error('dist-electron/main.cjs is missing: run npm run build');
    // Same layout as inside app.asar: dist-electron/ beside dist-renderer/, node_modules above.
    mkdirSync(join(tmp.dir, 'dist-electron'));
    mkdirSync(join(tmp.dir, 'dist-renderer', 'assets'), { recursive: true });
    copyFileSync(bundle, join(tmp.dir, 'dist-electron', 'main.cjs'));
    symlinkSync(join(repo, 'node_modules'), join(tmp.dir, 'node_modules'), 'dir');
    writeFileSync(join(tmp.dir, 'dist-renderer', 'index.html'), '<!doctype html><title>基层党建台账</title>');
    writeFileSync(join(tmp.dir, 'dist-renderer', 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(join(tmp.dir, 'secret.txt'), 'outside the renderer');

    const M = Module as any;
    const load = M._load;
    M._load = function (request: string, ...rest: unknown[]) {
      return request === 'electron' ? electron : load.call(this, request, ...rest);
    };
    process.argv = [...argv, `--db=${join(tmp.dir, 'shell.ledger')}`];
    try {
      createRequire(import.meta.url)(join(tmp.dir, 'dist-electron', 'main.cjs'));
    } finally {
      M._load = load;
      process.argv = argv;
    }
    state.ready();
    // Start-up on ready ends with the window loading its page.
    await state.loaded;
  });
  afterAll(async () => {
    // Closes the host through the same path as quitting the app.
    const event = { preventDefault: () => {} };
    state.appHandlers['will-quit']?.(event);
    // The handler closes the host, then quits.
    await state.quitting;
    tmp.cleanup();
  });

  it('sandboxes and registers the scheme before ready, then opens one window', () => {
    expect(log.indexOf('enableSandbox')).toBeGreaterThanOrEqual(0);
    expect(log.indexOf('registerSchemesAsPrivileged')).toBeLessThan(log.indexOf('ready'));
    expect(log.indexOf('enableSandbox')).toBeLessThan(log.indexOf('ready'));
    expect(log.indexOf('new BrowserWindow')).toBeGreaterThan(log.indexOf('ready'));
    expect(state.windows).toHaveLength(1);
    expect(state.schemes[0]).toMatchObject({ scheme: 'app', privileges: { standard: true, secure: true } });
    expect(state.loadedUrl).toBe('app://ledger/index.html');
  });

  it('creates the window isolated, sandboxed, without Node, with the bundled preload', () => {
    const { options } = state.windows[0];
    expect(options.title).toBe('基层党建台账');
    expect(options.show).toBe(false);
    expect(options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, devTools: false });
    expect(options.webPreferences.preload).toBe(join(tmp.dir, 'dist-electron', 'preload.cjs'));
  });

  it('serves dist-renderer on app://ledger/ with types and the CSP, refusing traversal', async () => {
    expect(state.protocolScheme).toBe('app');
    const get = (url: string) => state.protocol(new Request(url)) as Promise<Response>;
    const index = await get('app://ledger/index.html');
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const csp = index.headers.get('content-security-policy') ?? '';
    for (const d of ["default-src 'self'", "script-src 'self'", "connect-src 'none'", "object-src 'none'", "frame-ancestors 'none'", "form-action 'none'", "base-uri 'none'"]) {
      expect(csp).toContain(d);
    }
    expect((await get('app://ledger/assets/app.js')).headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    // Client-side routes get the page.
    expect(await (await get('app://ledger/members/list')).text()).toContain('基层党建台账');
    // Encoded `..` is refused; a literal one is already resolved by the URL parser (to a path inside
    // the root, which then falls back to the page). Either way the file outside is never served.
    for (const evil of ['app://ledger/..%2fsecret.txt', 'app://ledger/assets/..%5c..%5csecret.txt', 'app://ledger/%2e%2e%2fsecret.txt']) {
      expect((await get(evil)).status, evil).toBe(403);
    }
    for (const evil of ['app://ledger/%2e%2e/secret.txt', 'app://ledger/../../secret.txt', 'app://ledger/assets/../../secret.txt']) {
      expect(await (await get(evil)).text(), evil).not.toContain('outside the renderer');
    }
    expect((await get('app://other/index.html')).status).toBe(404);
    expect((await state.protocol(new Request('app://ledger/index.html', { method: 'POST', body: 'x' }))).status).toBe(405);
  });

  it('blocks every request that is not app://, and every permission', () => {
    const verdict = (url: string) => {
      let out: any;
      state.beforeRequest({ url }, (r: unknown) => (out = r));
      return out;
    };
    expect(verdict('https://example.com/')).toEqual({ cancel: true });
    expect(verdict('http://127.0.0.1:8080/')).toEqual({ cancel: true });
    expect(verdict('file:///etc/passwd')).toEqual({ cancel: true });
    expect(verdict('devtools://devtools/bundled/inspector.html')).toEqual({ cancel: true });
    expect(verdict('app://ledger/assets/app.js')).toEqual({ cancel: false });
    let granted: boolean | undefined;
    state.permissionRequest({}, 'media', (g: boolean) => (granted = g));
    expect(granted).toBe(false);
    expect(state.permissionCheck()).toBe(false);
  });

  it('refuses navigation away from app://ledger, new windows and webviews', () => {
    const handlers: Record<string, Fn> = {};
    let openHandler: Fn = () => undefined;
    state.appHandlers['web-contents-created']({}, { on: (n: string, fn: Fn) => (handlers[n] = fn), setWindowOpenHandler: (fn: Fn) => (openHandler = fn) });
    const prevented = (name: string, ...args: unknown[]) => {
      let p = false;
      handlers[name]!({ preventDefault: () => (p = true), url: args[0] }, ...args);
      return p;
    };
    expect(prevented('will-navigate', 'https://example.com/')).toBe(true);
    expect(prevented('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(prevented('will-navigate', 'app://ledger/index.html')).toBe(false);
    expect(prevented('will-redirect', 'http://evil/')).toBe(true);
    expect(prevented('will-attach-webview')).toBe(true);
    expect(openHandler({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
  });

  it('relays contract calls only from the main frame of our window on app://ledger', async () => {
    const win = state.windows[0];
    const call = state.ipc['ledger:call']!;
    const ok = { sender: win.webContents, senderFrame: { processId: 7, routingId: 1, url: 'app://ledger/index.html' } };
    const status = await call(ok, 'app.status', {});
    expect(status).toMatchObject({ ok: true, value: { initialised: false, unlocked: false } });

    const refusals = [
      { ...ok, senderFrame: { processId: 7, routingId: 2, url: 'app://ledger/index.html' } }, // a sub-frame
      { ...ok, senderFrame: { processId: 7, routingId: 1, url: 'https://evil.example/' } }, // navigated away
      { ...ok, senderFrame: null }, // frame gone
      { ...ok, sender: {} }, // another webContents
    ];
    for (const event of refusals) {
      expect(await call(event, 'app.status', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    expect(await call(ok, 'db.exec', { sql: 'select 1' })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(await call(ok, 'member.list', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(await state.ipc['ledger:print-pdf']!({ ...ok, senderFrame: null }, { landscape: true, suggestedName: 'x' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await state.ipc['ledger:print-pdf']!(ok, { landscape: 'yes' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('has the Chinese menu and no devtools in a packaged build', () => {
    const labels = state.menu.map((m: any) => m.label);
    expect(labels).toEqual(['文件', '编辑', '视图', '帮助']);
    const roles = JSON.stringify(state.menu);
    expect(roles).not.toContain('toggleDevTools');
    expect(roles).toContain('备份…');
    expect(roles).toContain('关于 基层党建台账');
  });
});

describe('--smoke-test (the release check of a packaged build) through the bundle and the real worker', () => {
  const tmp = tempDir('ledger-smoke-');
  const { electron, state } = fakeElectron([]);
  afterAll(() => tmp.cleanup());

  it('sets up a throwaway ledger, checks, backs up, restores, and exits 0 with a JSON report', async () => {
    const worker = join(repo, 'dist-electron', 'core-worker.mjs');
    if (!existsSync(bundle) || !existsSync(worker)) throw new Error('dist-electron is missing: run npm run build');
    mkdirSync(join(tmp.dir, 'dist-electron'));
    copyFileSync(bundle, join(tmp.dir, 'dist-electron', 'main.cjs'));
    copyFileSync(worker, join(tmp.dir, 'dist-electron', 'core-worker.mjs'));
    symlinkSync(join(repo, 'node_modules'), join(tmp.dir, 'node_modules'), 'dir');
    const reportFile = join(tmp.dir, 'smoke.json');
    const M = Module as any;
    const load = M._load;
    const argv = process.argv;
    M._load = function (request: string, ...rest: unknown[]) {
      return request === 'electron' ? electron : load.call(this, request, ...rest);
    };
    process.argv = [...argv, `--smoke-test=${reportFile}`];
    try {
      createRequire(import.meta.url)(join(tmp.dir, 'dist-electron', 'main.cjs'));
    } finally {
      M._load = load;
      process.argv = argv;
    }
    state.ready();
    for (let i = 0; i < 600 && state.exitCode === undefined; i++) await new Promise((r) => setTimeout(r, 50));
    const report = JSON.parse(readFileSync(reportFile, 'utf8'));
    expect(report, JSON.stringify(report)).toMatchObject({ ok: true, status: { initialised: true, unlocked: true } });
    expect(state.exitCode).toBe(0);
    expect(state.windows).toHaveLength(0);
  });
});
