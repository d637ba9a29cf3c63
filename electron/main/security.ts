import { app, type Session, type WebContents } from 'electron';
import { isAppUrl } from './protocol.js';

/**
 * Session-wide locks: no permission is ever granted and no request leaves the app. Everything the
 * renderer needs is served from app://ledger/; devtools:// only when devtools are allowed at all.
 */
export function hardenSession(s: Session, devToolsAllowed: boolean): void {
  s.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  s.setPermissionCheckHandler(() => false);
  s.setDevicePermissionHandler(() => false);
  s.on('will-download', (event, item) => {
    // Downloads only of what the page itself made (blob:/data:, e.g. an exported workbook).
    if (!/^(blob:app:\/\/ledger\/|data:)/.test(item.getURL())) event.preventDefault();
  });
  s.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: !allowedRequest(details.url, devToolsAllowed) });
  });
}

function allowedRequest(url: string, devToolsAllowed: boolean): boolean {
  if (isAppUrl(url)) return true;
  if (url.startsWith('data:') || url.startsWith('blob:app://ledger/')) return true;
  if (devToolsAllowed && url.startsWith('devtools://')) return true;
  return false;
}

/** Per-webContents locks, applied to every webContents the app ever creates. */
export function hardenContents(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-frame-navigate', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** Applies hardenContents to each new webContents (windows, devtools, anything). */
export function hardenAllContents(): void {
  app.on('web-contents-created', (_event, contents) => hardenContents(contents));
}
