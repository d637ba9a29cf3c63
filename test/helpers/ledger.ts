import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Core } from '../../electron/core/core.js';
import { Keyring, keyringPathFor } from '../../electron/core/keyring/keyring.js';
import { newRecoveryCode } from '../../electron/core/keyring/recovery-code.js';
import { makeIdNumber } from '../../shared/domain/idcard.js';
import type { CoreMethod, Input, Output } from '../../shared/contract/index.js';

export const ADMIN_PASSWORD = 'admin-pass-2024';

export function tempDir(prefix = 'ledger-test-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A real encrypted ledger in a temp folder, opened in-process (the same Core the worker runs). */
export async function createCore(dir: string, unitName = '测试县委组织部'): Promise<{ core: Core; dbFile: string; dataKey: Buffer; recoveryCode: string; adminId: string; rootId: string }> {
  const dbFile = join(dir, 'test.ledger');
  const recoveryCode = newRecoveryCode();
  const { keyring, dataKey } = Keyring.create(keyringPathFor(dbFile), 'admin', ADMIN_PASSWORD, recoveryCode);
  keyring.save();
  const core = await Core.create({ dbFile, keyringPath: keyringPathFor(dbFile), dataKey, unitName, rootOrgName: '中共测试县委员会', admin: { username: 'admin', displayName: '管理员' } });
  const admin = await core.db.selectFrom('users').select(['id', 'scopeOrgId']).where('username', '=', 'admin').executeTakeFirstOrThrow();
  return { core, dbFile, dataKey, recoveryCode, adminId: admin.id, rootId: admin.scopeOrgId };
}

/** Typed dispatch for tests. */
export function caller(core: Core, userId: string) {
  return <K extends CoreMethod>(method: K, input: Input<K>): Promise<Output<K>> => core.dispatch(userId, method, input) as Promise<Output<K>>;
}

let seq = 1;
/** A valid, unique ID number for a person born on `birth`. */
export function idFor(birth = '1985-06-15', male = true): string {
  const s = (seq++ * 2 + (male ? 1 : 0)) % 1000;
  return makeIdNumber('652302', birth, s);
}
