import { app, dialog, ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { isMethod, type Envelope, type ErrorBody } from '../../shared/contract/index.js';
import type { LedgerHost } from '../core/host/ledger-host.js';
import { CHANNELS } from './channels.js';
import { isAppUrl } from './protocol.js';
import { chooseBackupFile, chooseBackupFolder } from './backup-dialog.js';

/** The desktop app has one user at the keyboard, hence one session key for the host. */
export const DESKTOP_SESSION = 'desktop';

const fail = (code: ErrorBody['code'], message: string): Envelope<never> => ({ ok: false, error: { code, message } });

/**
 * Only our own page, in the main frame of our one window, may call. A sub-frame, a stray
 * webContents or a page that somehow left app://ledger/ gets a refusal and nothing is relayed.
 */
function trusted(event: IpcMainInvokeEvent, win: BrowserWindow | null): win is BrowserWindow {
  if (!win || win.isDestroyed() || event.sender !== win.webContents) return false;
  const frame = event.senderFrame;
  const main = win.webContents.mainFrame;
  if (!frame || frame.processId !== main.processId || frame.routingId !== main.routingId) return false;
  return isAppUrl(frame.url);
}

const REFUSED = fail('FORBIDDEN', '拒绝来自未知页面的调用');

/** Registers every IPC handler. `getWindow` is read per call: the window may be re-created. */
export function registerIpc(host: LedgerHost, getWindow: () => BrowserWindow | null): void {
  ipcMain.handle(CHANNELS.call, async (event, method: unknown, input: unknown) => {
    if (!trusted(event, getWindow())) return REFUSED;
    if (typeof method !== 'string' || !isMethod(method)) return fail('BAD_REQUEST', `未知的调用：${String(method).slice(0, 60)}`);
    // Schema validation, sessions and roles are the host's job, the same for every transport.
    return host.handle(DESKTOP_SESSION, method, input);
  });

  host.onProgress((e) => {
    const win = getWindow();
    if (win && !win.isDestroyed()) win.webContents.send(CHANNELS.progress, e);
  });

  ipcMain.handle(CHANNELS.printPdf, async (event, options: unknown): Promise<Envelope<{ file: string } | null>> => {
    const win = getWindow();
    if (!trusted(event, win)) return REFUSED;
    const o = (options ?? {}) as { landscape?: unknown; suggestedName?: unknown };
    if (typeof o.landscape !== 'boolean' || typeof o.suggestedName !== 'string') return fail('VALIDATION', '打印参数无效');
    try {
      const choice = await dialog.showSaveDialog(win, {
        title: '导出 PDF',
        defaultPath: join(app.getPath('documents'), pdfFileName(o.suggestedName)),
        filters: [{ name: 'PDF 文件', extensions: ['pdf'] }],
        properties: ['createDirectory', 'showOverwriteConfirmation'],
      });
      if (choice.canceled || !choice.filePath) return { ok: true, value: null };
      const pdf = await win.webContents.printToPDF({ pageSize: 'A4', landscape: o.landscape, preferCSSPageSize: true, printBackground: true });
      await writeFile(choice.filePath, pdf);
      return { ok: true, value: { file: choice.filePath } };
    } catch (err) {
      return fail('INTERNAL', '导出 PDF 失败：' + (err instanceof Error ? err.message : String(err)));
    }
  });

  ipcMain.handle(CHANNELS.chooseBackupFolder, async (event): Promise<Envelope<string | null>> => {
    const win = getWindow();
    return trusted(event, win) ? { ok: true, value: await chooseBackupFolder(win) } : REFUSED;
  });
  ipcMain.handle(CHANNELS.chooseBackupFile, async (event): Promise<Envelope<string | null>> => {
    const win = getWindow();
    return trusted(event, win) ? { ok: true, value: await chooseBackupFile(win) } : REFUSED;
  });

  ipcMain.handle(CHANNELS.print, async (event, options: unknown): Promise<Envelope<{ printed: boolean }>> => {
    const win = getWindow();
    if (!trusted(event, win)) return REFUSED;
    const landscape = (options as { landscape?: unknown } | null)?.landscape === true;
    return printWindow(win, landscape);
  });
}

/** The system print dialog for the window's current (print) view. Also used by the menu. */
export function printWindow(win: BrowserWindow, landscape: boolean): Promise<Envelope<{ printed: boolean }>> {
  return new Promise((resolve) => {
    win.webContents.print({ silent: false, printBackground: true, pageSize: 'A4', landscape }, (printed, reason) => {
      // Cancelling the dialog is not an error; anything else is reported as it came.
      if (printed || reason === 'cancelled' || reason === 'canceled') resolve({ ok: true, value: { printed } });
      else resolve(fail('INTERNAL', '打印失败：' + reason));
    });
  });
}

/** A file name from a page-suggested title: no folders, no characters Windows refuses, ends in .pdf. */
function pdfFileName(suggested: string): string {
  const cleaned = basename(suggested.replace(/\\/g, '/'))
    // eslint-disable-next-line no-control-regex
    .replace(/[<>:"/\\|?*\u0000-\u001f]/g, '_')
    .replace(/\.pdf$/i, '')
    .trim()
    .slice(0, 100);
  return `${cleaned || '台账'}.pdf`;
}
