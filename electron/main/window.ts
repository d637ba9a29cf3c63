import { BrowserWindow } from 'electron';
import { APP_ENTRY } from './protocol.js';

export const APP_TITLE = '基层党建台账';

export interface WindowOptions {
  preloadFile: string;
  devToolsAllowed: boolean;
}

/** The one ledger window: isolated, sandboxed, no Node, web security on, shown once painted. */
export function createMainWindow(opts: WindowOptions): BrowserWindow {
  const win = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 1024,
    minHeight: 640,
    title: APP_TITLE,
    show: false,
    backgroundColor: '#ffffff',
    webPreferences: {
      preload: opts.preloadFile,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      devTools: opts.devToolsAllowed,
    },
  });
  win.once('ready-to-show', () => win.show());
  // The page may name the view it shows; the window keeps the product name in front.
  win.on('page-title-updated', (event, title) => {
    event.preventDefault();
    const t = title.trim();
    win.setTitle(t && t !== APP_TITLE && !/^https?:|^app:/.test(t) ? `${APP_TITLE} — ${t}` : APP_TITLE);
  });
  void win.loadURL(APP_ENTRY);
  return win;
}
