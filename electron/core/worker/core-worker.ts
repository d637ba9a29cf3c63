import { parentPort } from 'node:worker_threads';
import { LedgerError, toErrorBody, type ProgressEvent } from '../../../shared/contract/envelope.js';
import { Core } from '../core.js';
import { checkLedger } from '../check/check.js';
import { stageRestore } from '../backup/restore.js';
import type { InitMessage, Request, Response } from './protocol.js';
import { fillDemoCounty } from '../demo/fill.js';
import { exportRosterToFile } from '../exports/to-file.js';
import { writeAudit } from '../audit/audit.js';
import { sqliteProblem } from '../db/sqlite-problems.js';
import { MAINTENANCE } from '../auth/maintenance.js';

/**
 * The core's thread: synchronous SQLite here never freezes a window or an HTTP server.
 * Requests are answered in order of completion; Kysely serialises access to the one connection.
 */
const port = parentPort;
if (!port) throw new Error('core-worker must run in a worker thread');
const post = (m: Response) => port.postMessage(m);

let core: Core | null = null;

port.once('message', async (init: InitMessage) => {
  try {
    const dataKey = Buffer.from(init.dataKeyHex, 'hex');
    const base = {
      dbFile: init.dbFile,
      keyringPath: init.keyringPath,
      dataKey,
      ...(init.backupDir ? { backupDir: init.backupDir } : {}),
      onProgress: (event: ProgressEvent) => post({ type: 'progress', event }),
    };
    core = init.create ? await Core.create({ ...base, ...init.create }) : await Core.open(base);
    post({ type: 'ready' });
  } catch (err) {
    post({ type: 'init-failed', error: toErrorBody(err) });
    return;
  }
  port.on('message', (req: Request) => void handle(req));
});

async function handle(req: Request): Promise<void> {
  const c = core!;
  try {
    let value: unknown;
    if (req.type === 'call') value = await c.dispatch(req.userId, req.method, req.input);
    else if (req.type === 'close') {
      await c.close();
      value = true;
    } else {
      const job = req.job;
      switch (job.op) {
        case 'session':
          value = await c.sessionFor(job.username);
          break;
        case 'check':
          await c.authorise(job.userId, MAINTENANCE.check);
          value = await checkLedger(c);
          break;
        case 'demo':
          await c.authorise(job.userId, MAINTENANCE.demo);
          value = await fillDemoCounty(c, { members: job.members, seed: job.seed });
          break;
        case 'stageRestore':
          value = stageRestore(job.from, c.env.dbFile, c.env.dataKey.toString('hex'), { withKeyring: false, expectLedgerId: c.env.ledgerId, audit: job.audit });
          break;
        case 'exportTo':
          value = await exportRosterToFile(c, job);
          break;
        case 'audit': {
          const e = job.event;
          await writeAudit(c.db, { actor: { userId: e.userId, username: e.username }, method: e.method, at: e.at }, e.entity, e.entityId, null, e.after);
          value = true;
          break;
        }
        default:
          throw new LedgerError('BAD_REQUEST', '未知的维护操作');
      }
    }
    post({ type: 'result', id: req.id, ok: true, value });
  } catch (err) {
    // A file that turns out damaged mid-call says so in Chinese, not as SQLite's English.
    post({ type: 'result', id: req.id, ok: false, error: toErrorBody(sqliteProblem(err, c.env.dbFile) ?? err) });
  }
}
