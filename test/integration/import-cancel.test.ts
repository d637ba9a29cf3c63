import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Core } from '../../electron/core/core.js';
import { keyringPathFor } from '../../electron/core/keyring/keyring.js';
import type { ProgressEvent } from '../../shared/contract/envelope.js';
import { caller, createCore, idFor, tempDir } from '../helpers/ledger.js';

/**
 * import.cancel stops a running check in the core (not only in the page): the check ends with
 * CANCELLED at its next progress report, no preview is kept, and only the user who started it can
 * cancel it.
 *
 * Deterministic, without sleeping or polling: the test waits for the check's first report of the
 * validation phase (delivered synchronously by onProgress, just before the check yields between
 * slices), then cancels through the contract; the check must end at its very next report.
 */
describe('import.cancel', () => {
  const tmp = tempDir();
  let core: Core;
  let adminId: string;
  let clerkId: string;
  let branch: string;
  const events: ProgressEvent[] = [];
  /** Called with every progress event after it is recorded. */
  let onEvent: (e: ProgressEvent) => void = () => undefined;

  beforeAll(async () => {
    const made = await createCore(tmp.dir);
    branch = (await caller(made.core, made.adminId)('org.create', { parentId: made.rootId, name: '中共一村支部委员会', kind: 'branch', unitCategory: 'village' })).id;
    clerkId = (await caller(made.core, made.adminId)('user.create', { username: 'clerk1', displayName: '录入员', role: 'clerk', scopeOrgId: made.rootId, password: 'clerk-pass-2024' })).id;
    await made.core.close();
    core = await Core.open({ dbFile: made.dbFile, keyringPath: keyringPathFor(made.dbFile), dataKey: made.dataKey, onProgress: (e) => {
      events.push(e);
      onEvent(e);
    } });
    adminId = made.adminId;
  });
  afterAll(async () => {
    await core.close();
    tmp.cleanup();
  });

  const roster = (rows: number) => {
    let csv = '姓名,性别,公民身份号码,所在党支部,入党时间\n';
    for (let i = 0; i < rows; i++) csv += `党员${i},${i % 2 ? '男' : '女'},${idFor('1980-01-01', i % 2 === 1)},中共一村支部委员会,2001-07-01\n`;
    return { name: '花名册.csv', dataBase64: Buffer.from(csv, 'utf8').toString('base64') };
  };

  it('stops a running check; another user cannot cancel it; a finished job is not running', async () => {
    expect(branch).toBeTruthy();
    events.length = 0;
    // The first report of the validation: it carries the job id, and the check yields right after it.
    const sliced = new Promise<ProgressEvent>((resolve) => {
      onEvent = (e) => {
        if (e.phase !== 'validate') return;
        onEvent = () => undefined;
        resolve(e);
      };
    });
    const running = caller(core, adminId)('import.preview', { files: [roster(10_000)], kind: 'members', underOrgId: branch });
    const outcome = running.then(() => 'finished', (e: { code?: string }) => e.code);
    const { jobId, done, total } = await sliced;
    expect(done).toBeLessThan(total!);
    expect(await caller(core, clerkId)('import.cancel', { jobId })).toEqual({ cancelled: false });
    expect(await caller(core, adminId)('import.cancel', { jobId })).toEqual({ cancelled: true });
    const reported = events.length;
    expect(await outcome).toBe('CANCELLED');
    // Stopped at the next report after the cancel: no report got through.
    expect(events.length).toBe(reported);
    expect(await caller(core, adminId)('import.cancel', { jobId })).toEqual({ cancelled: false });
    // Nothing was written and the ledger answers as before.
    expect(await core.db.selectFrom('members').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).toEqual({ n: 0 });
    const small = await caller(core, adminId)('import.preview', { files: [roster(5)], kind: 'members', underOrgId: branch });
    expect(small.rows.total).toBe(5);
  });
});
