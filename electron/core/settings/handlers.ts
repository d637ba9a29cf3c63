import type { HandlerMap } from '../handler-types.js';
import { readAllSettings, writeSetting } from './settings.js';

export const settingsHandlers: HandlerMap<'settings.update'> = {
  async 'settings.update'(ctx, input) {
    const before = await readAllSettings(ctx.db);
    const changed: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(input)) {
      if (v === undefined) continue;
      await writeSetting(ctx.db, k, v);
      changed[k] = v;
    }
    await ctx.audit('settings', null, Object.fromEntries(Object.keys(changed).map((k) => [k, before[k] ?? null])), changed);
    return readAllSettings(ctx.db);
  },
};

export const settingsReadHandlers: HandlerMap<'settings.get'> = {
  async 'settings.get'(ctx) {
    return readAllSettings(ctx.db);
  },
};
