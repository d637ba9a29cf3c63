import { app, dialog, type BrowserWindow } from 'electron';
import { join } from 'node:path';
import type { LedgerHost } from '../core/host/ledger-host.js';
import { DESKTOP_SESSION } from './ipc.js';

/**
 * 文件 → 备份…: the administrator picks where the encrypted pair goes (a USB stick, a share); the
 * core writes, verifies and audits it (backup.toFolder). Refused unless a county-wide administrator
 * is logged in.
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
    const detail = `${r.file}\n${r.file}.keyring（密钥文件，须与备份放在一起）\n${mb} MB，已加密、已校验；在其他电脑上可用本台账用户的密码或恢复码打开`;
    const box = { type: 'info' as const, title: '备份完成', message: '备份完成', detail, buttons: ['确定'] };
    await (win ? dialog.showMessageBox(win, box) : dialog.showMessageBox(box));
  } catch (err) {
    dialog.showErrorBox('备份失败', err instanceof Error ? err.message : String(err));
  }
}

/** 备份与恢复 page: a folder to back up into; null when cancelled. The core checks it again. */
export async function chooseBackupFolder(win: BrowserWindow): Promise<string | null> {
  const r = await dialog.showOpenDialog(win, { title: '选择备份文件夹（如 U 盘）', properties: ['openDirectory', 'createDirectory'] });
  return r.canceled ? null : (r.filePaths[0] ?? null);
}

/** 备份与恢复 page: a backup to restore from; null when cancelled. */
export async function chooseBackupFile(win: BrowserWindow): Promise<string | null> {
  const r = await dialog.showOpenDialog(win, { title: '选择要恢复的备份', filters: [{ name: '台账备份', extensions: ['ledger'] }], properties: ['openFile'] });
  return r.canceled ? null : (r.filePaths[0] ?? null);
}
