import type { HandlerMap } from '../handler-types.js';
import { listBackups, rotatingBackup } from './backup.js';
import { readSetting } from '../settings/settings.js';

export const backupHandlers: HandlerMap<'backup.'> = {
  async 'backup.create'(ctx) {
    const keep = (await readSetting(ctx.db, 'backupKeep')) as number | undefined;
    const info = rotatingBackup(ctx.env.sqlite, ctx.env.backupDir, keep ?? 10, ctx.now);
    await ctx.audit('backup', null, null, { file: info.file, size: info.size });
    return info;
  },
  async 'backup.list'(ctx) {
    return listBackups(ctx.env.backupDir);
  },
};
