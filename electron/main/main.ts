import { app, session, type BrowserWindow } from 'electron';
import { join } from 'node:path';
import { LedgerHost } from '../core/host/ledger-host.js';
import { backupWithDialog } from './backup-dialog.js';
import { dbFileFrom } from './db-location.js';
import { printWindow, registerIpc } from './ipc.js';
import { installMenu } from './menu.js';
import { registerAppScheme, serveRenderer } from './protocol.js';
import { hardenAllContents, hardenSession } from './security.js';
import { runSmokeTest, smokeTestArg, writeSmokeReport } from './smoke-test.js';
import { createMainWindow } from './window.js';

// The bundle is CommonJS (dist-electron/main.cjs): __dirname is that folder, and the worker,
// preload and the renderer build sit at fixed places beside it, inside app.asar when packaged.
const here = __dirname;
const devToolsAllowed = !app.isPackaged || process.env.LEDGER_DEVTOOLS === '1';

// Before ready: every renderer sandboxed, the app:// scheme privileged, and an ASCII data folder
// that does not move if the product name changes.
app.enableSandbox();
registerAppScheme();
app.setPath('userData', join(app.getPath('appData'), 'party-ledger'));

const smoke = smokeTestArg(process.argv);
if (smoke) {
  // Release check: no window, no lock, a throwaway ledger; the exit code is the verdict.
  void app.whenReady().then(async () => {
    const { ok, report } = await runSmokeTest(join(here, 'core-worker.mjs'));
    writeSmokeReport(report, smoke.report);
    app.exit(ok ? 0 : 1);
  });
} else if (!app.requestSingleInstanceLock()) {
  // A second copy would open the same encrypted file; hand over to the first one instead.
  app.quit();
} else {
  start();
}

function start(): void {
  const dbFile = dbFileFrom(process.argv, app.getPath('userData'), process.cwd());
  const host = new LedgerHost({ dbFile, workerFile: join(here, 'core-worker.mjs') });
  let win: BrowserWindow | null = null;
  const getWindow = () => (win && !win.isDestroyed() ? win : null);

  hardenAllContents();
  registerIpc(host, getWindow);

  app.on('second-instance', () => {
    const w = getWindow();
    if (!w) return;
    if (w.isMinimized()) w.restore();
    w.focus();
  });

  app.on('window-all-closed', () => app.quit());

  // Close the worker (and drop the data key) before the process goes.
  let hostClosed = false;
  let closing = false;
  app.on('will-quit', (event) => {
    if (hostClosed) return;
    event.preventDefault();
    if (closing) return;
    closing = true;
    host
      .close()
      .catch(() => undefined)
      .finally(() => {
        hostClosed = true;
        app.quit();
      });
  });

  void app.whenReady().then(() => {
    hardenSession(session.defaultSession, devToolsAllowed);
    serveRenderer(join(here, '..', 'dist-renderer'));
    installMenu(getWindow, {
      devToolsAllowed,
      backup: () => void backupWithDialog(host, getWindow()),
      print: () => {
        const w = getWindow();
        if (w) void printWindow(w, false);
      },
    });
    win = createMainWindow({ preloadFile: join(here, 'preload.cjs'), devToolsAllowed });
    win.on('closed', () => {
      win = null;
    });
  });
}
