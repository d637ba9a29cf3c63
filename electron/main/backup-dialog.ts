import { app, dialog, type BrowserWindow } from 'electron';
import { join } from 'node:path';
import type { LedgerHost } from '../core/host/ledger-host.js';
import { DESKTOP_SESSION } from './ipc.js';

/**
 * 文件 → 备份…: the administrator picks where the encrypted copy goes (a USB stick, a share); the
 * core writes it with VACUUM INTO. The host refuses if nobody or a non-administrator is logged in.
 */
export async function backupWithDialog(host: LedgerHost, win: BrowserWindow | null): Promise<void> {
  const stamp = new Date().toISOString().slice(0, 16).replace(/[-:T]/g, '');
  const options = {
    title: '备份台账',
    defaultPath: join(app.getPath('documents'), `台账备份-${stamp}.ledger`),
    filters: [{ name: '台账备份', extensions: ['ledger'] }],
    properties: ['createDirectory', 'showOverwriteConfirmation'] as Array<'createDirectory' | 'showOverwriteConfirmation'>,
  };
  const choice = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
  if (choice.canceled || !choice.filePath) return;
  try {
    const r = await host.backupTo(DESKTOP_SESSION, choice.filePath);
    const mb = (r.size / 1024 / 1024).toFixed(1);
    const box = { type: 'info' as const, title: '备份完成', message: '备份完成', detail: `${r.file}\n${mb} MB（已加密，需用本台账的密码或恢复码打开）`, buttons: ['确定'] };
    await (win ? dialog.showMessageBox(win, box) : dialog.showMessageBox(box));
  } catch (err) {
    dialog.showErrorBox('备份失败', err instanceof Error ? err.message : String(err));
  }
}
