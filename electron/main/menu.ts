import { app, dialog, Menu, type BrowserWindow, type MenuItemConstructorOptions } from 'electron';
import { APP_TITLE } from './window.js';

export interface MenuActions {
  /** 文件 → 备份…: ask where, then let the host write an encrypted copy. */
  backup: () => void;
  /** 文件 → 打印…: the system print dialog for the current view. */
  print: () => void;
  devToolsAllowed: boolean;
}

/** The Chinese application menu. Roles keep the platform's accelerators and behaviour. */
export function installMenu(getWindow: () => BrowserWindow | null, actions: MenuActions): void {
  const view: MenuItemConstructorOptions[] = [
    { label: '重新加载', role: 'reload' },
    { type: 'separator' },
    { label: '实际大小', role: 'resetZoom' },
    { label: '放大', role: 'zoomIn' },
    { label: '缩小', role: 'zoomOut' },
    { type: 'separator' },
    { label: '全屏', role: 'togglefullscreen' },
  ];
  if (actions.devToolsAllowed) view.push({ type: 'separator' }, { label: '开发者工具', role: 'toggleDevTools' });

  const template: MenuItemConstructorOptions[] = [
    {
      label: '文件',
      submenu: [
        { label: '备份…', click: () => actions.backup() },
        { label: '打印…', accelerator: 'CmdOrCtrl+P', click: () => actions.print() },
        { type: 'separator' },
        { label: '退出', role: 'quit' },
      ],
    },
    {
      label: '编辑',
      submenu: [
        { label: '撤销', role: 'undo' },
        { label: '重做', role: 'redo' },
        { type: 'separator' },
        { label: '剪切', role: 'cut' },
        { label: '复制', role: 'copy' },
        { label: '粘贴', role: 'paste' },
        { label: '全选', role: 'selectAll' },
      ],
    },
    { label: '视图', submenu: view },
    {
      label: '帮助',
      submenu: [
        {
          label: `关于 ${APP_TITLE}`,
          click: () => {
            const win = getWindow();
            const box = {
              type: 'info' as const,
              title: `关于 ${APP_TITLE}`,
              message: APP_TITLE,
              detail: `版本 ${app.getVersion()}\n县委组织部基层党建台账：党组织、网格、党员、发展党员与村级后备力量。\n数据加密保存在本机，不联网。`,
              buttons: ['确定'],
            };
            void (win ? dialog.showMessageBox(win, box) : dialog.showMessageBox(box));
          },
        },
      ],
    },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
