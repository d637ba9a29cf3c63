import { afterAll, beforeAll } from 'vitest';
import type { Core } from '../../electron/core/core.js';
import { caller, createCore, tempDir } from './ledger.js';

export interface SuiteLedger {
  core: Core;
  /** Typed dispatch as the first administrator. */
  admin: ReturnType<typeof caller>;
  adminId: string;
  rootId: string;
}

/** A fresh ledger for a describe block: created before its tests, closed and removed after. */
export function suiteLedger(): SuiteLedger {
  const tmp = tempDir();
  const s = {} as SuiteLedger;
  beforeAll(async () => {
    const made = await createCore(tmp.dir);
    Object.assign(s, { core: made.core, admin: caller(made.core, made.adminId), adminId: made.adminId, rootId: made.rootId });
  });
  afterAll(async () => {
    await s.core?.close();
    tmp.cleanup();
  });
  return s;
}
